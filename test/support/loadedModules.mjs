// Preloaded into a service process by a test: when the process exits, writes to stderr which of the
// watched packages had been loaded, as one line `loaded-modules: [...]`.
import { createRequire } from 'node:module';
import process from 'node:process';

const WATCHED = ['@azure/monitor-opentelemetry', '@opentelemetry/sdk-node', '@opentelemetry/sdk-trace-base', '@opentelemetry/instrumentation-http'];
const cache = createRequire(import.meta.url).cache;

process.on('exit', () => {
  const files = Object.keys(cache);
  const loaded = WATCHED.filter((name) => files.some((file) => file.includes(`/node_modules/${name}/`)));
  process.stderr.write(`loaded-modules: ${JSON.stringify(loaded)}\n`);
});
