import type { IncomingMessage } from 'node:http';
import { routeTemplate } from './routeTemplate';

/** Probes polled every few seconds: no trace for them (they would drown the requests that matter). */
const PROBES = new Set(['/healthz', '/readyz']);

/**
 * The options of the automatic HTTP instrumentation (a subset of `HttpInstrumentationConfig`, kept here
 * so the distro's types are not needed to build it). `http.route` carries the route template, which
 * Application Insights uses as the request's name.
 */
export interface HttpInstrumentationSettings {
  enabled: boolean;
  ignoreIncomingRequestHook: (request: IncomingMessage) => boolean;
  startIncomingSpanHook: (request: IncomingMessage) => Record<string, string>;
}

export function httpInstrumentationSettings(): HttpInstrumentationSettings {
  return {
    enabled: true,
    ignoreIncomingRequestHook: (request) => PROBES.has((request.url ?? '').split('?', 1)[0]),
    startIncomingSpanHook: (request) => ({ 'http.route': routeTemplate(request.url ?? '/') }),
  };
}
