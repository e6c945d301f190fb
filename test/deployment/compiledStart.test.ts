import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServiceProcess } from '../support/serviceProcess';

const ROOT = join(__dirname, '..', '..');

describe('the compiled service (npm run build, then npm run start:prod)', function () {
  this.timeout(120000);
  let dataDir: string;

  before(() => {
    // The same compiler and configuration as `npm run build`; dist/ is git-ignored.
    const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(tsc.status, 0, `tsc failed:\n${tsc.stdout}${tsc.stderr}`);
    dataDir = mkdtempSync(join(tmpdir(), 'ipt-compiled-'));
  });

  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts from dist/ without tsx, finds its texts, and answers /readyz and a chat turn in Spanish', async () => {
    assert.ok(existsSync(join(ROOT, 'dist', 'src', 'index.js')));
    const service = await startServiceProcess({ DATA_DIR: dataDir }, [], ['dist/src/index.js']);
    try {
      const ready = await fetch(`${service.url}/readyz`);
      const body = (await ready.json()) as { checks: { name: string; ok: boolean }[] };
      assert.deepEqual(body.checks.find((c) => c.name === 'store'), { name: 'store', ok: true });

      const reply = await fetch(`${service.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'message', id: 'm1', channelId: 'webchat', serviceUrl: 'http://127.0.0.1:9', deliveryMode: 'expectReplies',
          conversation: { id: 'compiled-1' }, from: { id: 'compiled-user' }, recipient: { id: 'bot' }, locale: 'es-ES', text: 'hola',
        }),
      });
      assert.equal(reply.status, 200);
      const { activities } = (await reply.json()) as { activities: { text?: string }[] };
      const said = activities.map((a) => a.text ?? '').join('\n');
      // The Spanish introduction comes from locales/es, which tsc does not copy into dist/.
      assert.match(said, /Hola, soy IPT Companion/);
    } finally {
      assert.equal(await service.stop(), 0);
    }
  });
});
