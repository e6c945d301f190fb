import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

export interface ServiceProcess {
  url: string;
  child: ChildProcess;
  /** Every stdout line the process wrote (pino JSON). */
  lines: string[];
  /** Everything the process wrote to stderr so far. */
  stderr(): string;
  /** Sends a signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

const ROOT = join(__dirname, '..', '..');

/**
 * Starts `src/index.ts` as its own process, the way `npm start` does (or, with `entry`, the compiled
 * `dist/src/index.js` as `npm run start:prod` does), and waits until it listens.
 * `preload`: modules run before the service (test doubles that must live in the service's own process).
 */
export async function startServiceProcess(env: Record<string, string>, preload: string[] = [], entry: string[] = ['--import', 'tsx', 'src/index.ts']): Promise<ServiceProcess> {
  const script = entry[entry.length - 1];
  const child = spawn(process.execPath, [...entry.slice(0, -1), ...preload.flatMap((module) => ['--import', module]), script], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`service did not start: ${stderr}`)), 30000);
    let buffered = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      let newline: number;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        lines.push(line);
        const port = (JSON.parse(line) as { port?: number }).port;
        if (port) {
          clearTimeout(timer);
          resolve(`http://127.0.0.1:${port}`);
        }
      }
    });
    void exited.then((code) => reject(new Error(`service exited with ${code}: ${stderr}`)));
  });

  return {
    url,
    child,
    lines,
    stderr: () => stderr,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}
