/**
 * The telemetry pipeline of `src/telemetry/azureMonitor.ts` with in-memory exporters in place of Azure
 * Monitor's: the same privacy span processor and the same HTTP instrumentation settings, registered as
 * the process's OpenTelemetry providers.
 *
 * Not the distro itself: `useAzureMonitor` (1.18) always probes the Azure VM metadata service at
 * 169.254.169.254 while it starts, and a test sends nothing off this machine.
 */
import { context, metrics, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { BasicTracerProvider, InMemorySpanExporter, ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { AggregationTemporality, InMemoryMetricExporter, MeterProvider, PeriodicExportingMetricReader, ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { httpInstrumentationSettings } from '../../src/telemetry/httpInstrumentation';
import { PrivacySpanProcessor } from '../../src/telemetry/privacySpanProcessor';

export interface TelemetryCapture {
  spans(): ReadableSpan[];
  /** Collects every instrument now (observable gauges too) and returns what was exported. */
  collectMetrics(): Promise<ResourceMetrics[]>;
  stop(): Promise<void>;
}

export function startTelemetryCapture(): TelemetryCapture {
  const spanExporter = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new PrivacySpanProcessor(), new SimpleSpanProcessor(spanExporter)] });
  const metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  // Collected on demand only (forceFlush), never on a timer.
  const reader = new PeriodicExportingMetricReader({ exporter: metricExporter, exportIntervalMillis: 24 * 60 * 60 * 1000 });
  const meterProvider = new MeterProvider({ readers: [reader] });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  trace.setGlobalTracerProvider(tracerProvider);
  metrics.setGlobalMeterProvider(meterProvider);
  const http = new HttpInstrumentation(httpInstrumentationSettings());
  http.setTracerProvider(tracerProvider);
  http.setMeterProvider(meterProvider);
  http.enable();
  // The http module is loaded already: requiring it again lets the instrumentation's require hook patch it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('node:http');
  return {
    spans: () => spanExporter.getFinishedSpans(),
    collectMetrics: async () => {
      metricExporter.reset();
      await reader.forceFlush();
      return metricExporter.getMetrics();
    },
    stop: async () => {
      http.disable();
      await tracerProvider.shutdown();
      await meterProvider.shutdown();
      trace.disable();
      metrics.disable();
      context.disable();
      propagation.disable();
    },
  };
}
