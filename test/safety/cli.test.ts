import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');

function runCli(args: string[], input: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsx', 'src/safety/cli.ts', ...args], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe('screen CLI', function () {
  this.timeout(60_000);

  it('prints one JSON object per input line, in order', async () => {
    const lines = [
      'hola, ¿qué tal?',
      'me quiero matar',
      'me muero de hambre',
      '',
      'mi hermana dice que se quiere morir',
      'está afuera con un cuchillo',
      'I want to die',
    ];
    const { code, stdout, stderr } = await runCli(['--locale', 'es'], `${lines.join('\n')}\n`);
    assert.equal(code, 0, stderr);
    const out = stdout.split('\n');
    assert.equal(out.pop(), '', 'output ends with a newline');
    assert.equal(out.length, lines.length);
    const results = out.map((line) => JSON.parse(line) as { level: string; categories: string[]; thirdParty: boolean });
    assert.deepEqual(
      results.map((r) => r.level),
      ['none', 'urgent', 'none', 'none', 'concern', 'urgent', 'concern'],
    );
    assert.deepEqual(results[1].categories, ['self_harm_suicide']);
    assert.deepEqual(results[4].categories, ['self_harm_suicide', 'third_party']);
    assert.equal(results[4].thirdParty, true);
    assert.deepEqual(results[5].categories, ['harmed_by_others']);
    for (const r of results) assert.ok(Array.isArray(r.categories));
  });

  it('says which levels the chat would ask about before alerting', async () => {
    const lines = ['I want to kill myself', "I'm such a burden and nothing is ever going to get better", 'see you thursday'];
    const { stdout } = await runCli(['--locale', 'en'], `${lines.join('\n')}\n`);
    const results = stdout.trim().split('\n').map((l) => JSON.parse(l) as { level: string; confirm: boolean });
    assert.deepEqual(results[0], { ...results[0], level: 'urgent', confirm: false }, 'a lexicon-certain level alerts at once');
    // Weak signals together: flagged (the learned layer may raise it further), and asked about first.
    assert.notEqual(results[1].level, 'none');
    assert.equal(results[1].confirm, true);
    assert.deepEqual(results[2], { ...results[2], level: 'none', confirm: false });
  });

  it('screens each line on its own, with no history', async () => {
    const { stdout } = await runCli(['--locale', 'en'], 'I lost my job today\nwhat bridges in the city are taller than 25m\n');
    assert.deepEqual(
      stdout.trim().split('\n').map((l) => (JSON.parse(l) as { level: string }).level),
      ['none', 'none'],
    );
  });

  it('handles CRLF input and a last line without a newline', async () => {
    const { stdout } = await runCli(['--locale', 'en'], 'hello\r\nI want to kill myself');
    assert.deepEqual(
      stdout.trim().split('\n').map((l) => (JSON.parse(l) as { level: string }).level),
      ['none', 'urgent'],
    );
  });

  it('streams a large input', async () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => (i % 2 === 0 ? `message ${i}` : 'I want to kill myself'));
    const { code, stdout } = await runCli(['--locale', 'en'], `${lines.join('\n')}\n`);
    assert.equal(code, 0);
    const out = stdout.trim().split('\n');
    assert.equal(out.length, lines.length);
    assert.equal((JSON.parse(out[19_999]) as { level: string }).level, 'urgent');
  });

  it('rejects an unknown locale with a message on stderr and nothing on stdout', async () => {
    const { code, stdout, stderr } = await runCli(['--locale', 'fr'], 'hello\n');
    assert.equal(code, 2);
    assert.equal(stdout, '');
    assert.match(stderr, /Unknown locale "fr"/);
  });
});
