import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Config, loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { Service, ServiceDependencies, startService } from '../../src/app';

export interface TestService extends Service {
  dataDir: string;
  config: Config;
  /** Stops the service and removes its data folder. */
  dispose(): Promise<void>;
}

/** Starts the real service in this process on a free port with a fresh SQLite folder. */
export async function startTestService(env: Record<string, string> = {}, deps: ServiceDependencies = {}, dataDir?: string): Promise<TestService> {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'ipt-test-'));
  const config = loadConfig({ NODE_ENV: 'test', PORT: '0', DATA_DIR: dir, LOG_LEVEL: 'silent', ...env });
  const service = await startService(config, createLogger('silent'), deps);
  return {
    ...service,
    dataDir: dir,
    config,
    dispose: async () => {
      await service.stop();
      if (!dataDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

let sequence = 0;

/** A minimal channel activity, as a Bot Framework channel would POST it. */
export function activity(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  sequence++;
  return {
    type: 'message',
    id: `act-${sequence}`,
    channelId: 'webchat',
    serviceUrl: 'http://127.0.0.1:1',
    conversation: { id: 'conv-1' },
    from: { id: 'user-1', role: 'user' },
    recipient: { id: 'bot', role: 'bot' },
    locale: 'en-US',
    timestamp: new Date().toISOString(),
    ...overrides,
  };
}

/** Sends one activity with `deliveryMode: expectReplies` and returns the texts the bot answered. */
export async function say(url: string, overrides: Record<string, unknown>): Promise<{ status: number; texts: string[]; activities: Array<Record<string, unknown>> }> {
  const response = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity({ deliveryMode: 'expectReplies', ...overrides })),
  });
  const body = (await response.json().catch(() => ({}))) as { activities?: Array<Record<string, unknown>> };
  const activities = body.activities ?? [];
  return { status: response.status, activities, texts: activities.filter((a) => a.type === 'message').map((a) => String(a.text ?? '')) };
}
