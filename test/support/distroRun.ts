/**
 * Run as its own process by a test: starts the real Azure Monitor distro through `startTelemetry` (with an
 * in-memory span exporter added through the distro's own `spanProcessors` option), serves one crisis turn
 * and one API call, and prints `distro-run: {...}` with the spans and the connection attempts it refused.
 *
 * A guard installed first refuses every TCP connection that is not to this machine, before any DNS lookup:
 * the distro reaches for the Azure VM metadata service and for Microsoft's SDK-statistics endpoint on its own,
 * and a test sends nothing off this machine.
 */
import net from 'node:net';

const refused: string[] = [];
const LOCAL = new Set(['127.0.0.1', 'localhost', '::1']);
const connect = net.Socket.prototype.connect as (...args: unknown[]) => net.Socket;
net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]): net.Socket {
  const [first, second] = args;
  const options = typeof first === 'object' && first !== null ? (first as { host?: string; path?: string }) : { host: typeof second === 'string' ? second : 'localhost' };
  const host = options.host ?? 'localhost';
  if (!options.path && !LOCAL.has(host)) {
    refused.push(host);
    process.nextTick(() => this.destroy(new Error(`test guard: no connections off this machine (${host})`)));
    return this;
  }
  return connect.apply(this, args);
} as typeof net.Socket.prototype.connect;

async function main(): Promise<void> {
  const { InMemorySpanExporter, SimpleSpanProcessor } = await import('@opentelemetry/sdk-trace-base');
  const { startTelemetry } = await import('../../src/telemetry/startTelemetry');
  const { createLogger } = await import('../../src/logger');
  const spans = new InMemorySpanExporter();
  const telemetry = startTelemetry({ connectionString: process.env.APPLICATIONINSIGHTS_CONNECTION_STRING }, createLogger('silent'), { spanProcessors: [new SimpleSpanProcessor(spans)] });
  const { startTestService, say } = await import('./service');
  const service = await startTestService({ ADMIN_API_KEY: process.env.ADMIN_API_KEY ?? '' });
  await say(service.url, { text: process.env.CRISIS_TEXT, conversation: { id: process.env.CONVERSATION_ID }, from: { id: process.env.USER_ID, name: process.env.USER_NAME } });
  await fetch(`${service.url}/api/v1/programmes/${process.env.PROGRAMME_ID}/clients/${process.env.CLIENT_ID}`, { headers: { authorization: `Bearer ${process.env.ADMIN_API_KEY}` } });
  await service.dispose();
  // Read before the shutdown: shutting down clears the in-memory exporter.
  const finished = spans.getFinishedSpans().map((span) => ({ name: span.name, kind: span.kind, attributes: span.attributes }));
  await telemetry.shutdown();
  process.stdout.write(`distro-run: ${JSON.stringify({ enabled: telemetry.enabled, spans: finished, refused })}\n`);
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    process.stderr.write(`${error.stack}\n`);
    process.exit(1);
  },
);
