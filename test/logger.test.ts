import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { createLogger } from '../src/logger';

describe('logger', () => {
  it('redacts message text, evidence and names even when passed by mistake, and keeps error names', () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) });
    const logger = createLogger('info', sink);
    logger.info({ text: 'I want to die', turn: { evidence: ['die'], clientName: 'Sam' }, err: { name: 'TypeError' } }, 'x');
    const line = lines.join('');
    for (const secret of ['I want to die', '"die"', 'Sam']) assert.ok(!line.includes(secret), `${secret} leaked: ${line}`);
    assert.match(line, /"name":"TypeError"/);
  });
});
