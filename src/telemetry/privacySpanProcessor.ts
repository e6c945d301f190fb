import { isIP } from 'node:net';
import type { Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { routeTemplate, urlTemplate } from './routeTemplate';

/** Attributes never exported: who called (addresses, user agent, identities) and query strings. */
const DROPPED_PREFIXES = ['client.', 'enduser.', 'user_agent.', 'source.', 'network.peer.', 'network.local.', 'net.sock.', 'url.query', 'http.request.header.', 'http.response.header.'];
const DROPPED_KEYS = new Set(['net.peer.ip', 'net.host.ip', 'http.client_ip', 'http.user_agent']);

/**
 * The last word on what a span may carry, for every span of the process (the automatic HTTP and Azure SDK
 * ones too): caller addresses and user agents are dropped, and every URL or path becomes a route template.
 * It runs at the span's end, after the instrumentation has added its response attributes, and before the
 * exporting processor that follows it reads them.
 */
export class PrivacySpanProcessor implements SpanProcessor {
  onStart(_span: Span, _parentContext: Context): void {}

  onEnd(span: ReadableSpan): void {
    scrubAttributes(span.attributes as Record<string, unknown>);
    // An error's message (set as the status by the HTTP instrumentation) may quote the URL it failed on.
    if (span.status.message) (span.status as { message?: string }).message = scrubText(span.status.message);
    for (const event of span.events) if (event.attributes) scrubAttributes(event.attributes as Record<string, unknown>);
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

/** Scrubs an attribute map in place. Exported for the tests of its rules. */
export function scrubAttributes(attributes: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(attributes)) {
    if (DROPPED_KEYS.has(key) || DROPPED_PREFIXES.some((prefix) => key.startsWith(prefix))) {
      delete attributes[key];
      continue;
    }
    if (typeof value !== 'string') continue;
    if (isIP(value) !== 0) {
      delete attributes[key];
      continue;
    }
    if (/^https?:\/\//i.test(value)) attributes[key] = urlTemplate(value) ?? '{url}';
    else if (value.startsWith('/')) attributes[key] = routeTemplate(value);
    else attributes[key] = scrubText(value);
  }
}

const EMBEDDED_URL = /https?:\/\/[^\s"'<>]+/gi;

/** Free text (an exception's message) with every URL in it reduced to its template. */
export function scrubText(text: string): string {
  return text.replace(EMBEDDED_URL, (url) => urlTemplate(url) ?? '{url}');
}
