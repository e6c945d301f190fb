import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { say } from '../support/service';
import { startServiceProcess } from '../support/serviceProcess';

describe('a restart of the service', function () {
  this.timeout(60000);
  const dataDir = mkdtempSync(join(tmpdir(), 'ipt-restart-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('remembers the person on the same data folder, and logs no message text', async () => {
    const conversation = { id: 'restart-conv' };
    const from = { id: 'restart-user' };

    const first = await startServiceProcess({ DATA_DIR: dataDir });
    assert.equal((await say(first.url, { text: 'hello there', conversation, from })).texts.at(-1), 'Are you happy to go ahead on that basis?');
    await say(first.url, { text: 'yes', conversation, from });
    assert.deepEqual((await say(first.url, { text: 'skip', conversation, from })).texts, ['What would you like me to call you?']);
    assert.match((await say(first.url, { text: 'Marisol', conversation, from })).texts[0], /Marisol/);
    assert.equal(await first.stop('SIGTERM'), 0, 'a graceful shutdown exits 0');

    const second = await startServiceProcess({ DATA_DIR: dataDir });
    try {
      const welcome = await say(second.url, {
        type: 'conversationUpdate',
        text: undefined,
        conversation: { id: 'restart-conv-2' },
        from,
        membersAdded: [{ id: 'restart-user' }],
      });
      assert.match(welcome.texts[0], /Marisol/);
      const help = await say(second.url, { text: 'help', conversation, from });
      assert.match(help.texts[0], /menu/);
    } finally {
      await second.stop();
    }

    const logs = [...first.lines, ...second.lines].join('\n');
    assert.match(logs, /"turn"/, 'turns are logged');
    for (const secret of ['Marisol', 'hello there', 'restart-user', 'restart-conv']) {
      assert.ok(!logs.includes(secret), `the logs must not contain "${secret}"`);
    }
  });
});
