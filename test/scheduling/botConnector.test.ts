/**
 * The real sender (CloudAdapter.continueConversationAsync) against a local capture server playing the Bot
 * Connector. The connector client itself retries 429 (after Retry-After) and 5xx three times inside each
 * send; these tests show what reaches the dispatcher and what it does with it.
 */
import assert from 'node:assert/strict';
import type { ConversationReference } from 'botbuilder';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAdapter } from '../../src/bot/adapter';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { SqliteDocumentStore } from '../../src/storage/sqliteStore';
import { ProgrammeStore } from '../../src/programmes/programmeStore';
import { ReminderDispatcher } from '../../src/scheduling/reminderDispatcher';
import { BotReminderSender, ReminderSendError } from '../../src/scheduling/reminderSender';
import { CaptureServer, CapturedRequest } from '../support/captureServer';
import { PROGRAMME, reminderDoc, seedClientWithDueReminder, seedProgramme } from './reminderFixtures';

describe('reminders through the Bot Connector (capture server)', function () {
  this.timeout(60_000);
  const logger = createLogger('silent');
  let connector: CaptureServer;
  let dir: string;
  let store: SqliteDocumentStore;
  let answers: Map<string, number[]>;
  const adapter = createAdapter(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), logger);
  const conversationOf = (request: CapturedRequest) => /\/v3\/conversations\/([^/]+)\/activities/.exec(request.path)?.[1] ?? '';

  beforeEach(async function () {
    connector = new CaptureServer();
    answers = new Map();
    // Each conversation answers from its own script (then 200); 429s carry Retry-After: 1.
    connector.respond = (request, res) => {
      const script = answers.get(conversationOf(request)) ?? [];
      const status = script.shift() ?? 200;
      res.writeHead(status, { 'content-type': 'application/json', ...(status === 429 ? { 'retry-after': '1' } : {}) });
      res.end(status === 200 ? JSON.stringify({ id: 'activity-1' }) : '{}');
    };
    await connector.start();
    dir = mkdtempSync(join(tmpdir(), 'ipt-connector-'));
    store = new SqliteDocumentStore({ dataDir: dir });
  });
  afterEach(async function () {
    await connector.stop();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends the reminder text and a button that names the reminder, to the stored conversation', async function () {
    const now = new Date('2026-11-25T10:01:00Z');
    const clock = { now: () => now };
    await seedProgramme(new ProgrammeStore(store, { clock }));
    const seeded = await seedClientWithDueReminder(store, clock, { dueAt: new Date('2026-11-25T10:00:00Z'), serviceUrl: connector.url });
    const dispatcher = new ReminderDispatcher({ store, programmes: new ProgrammeStore(store, { clock }), sender: new BotReminderSender(adapter, ''), logger, clock });
    assert.equal((await dispatcher.tick()).sent, 1);
    assert.equal(connector.requests.length, 1);
    const [request] = connector.requests;
    assert.equal(conversationOf(request), `conv-${seeded.clientId}`);
    const activity = request.body as { text: string; recipient: { id: string }; attachments: Array<{ content: { buttons: Array<{ type: string; value: unknown }> } }> };
    assert.match(activity.text, /check-in/);
    assert.equal(activity.recipient.id, `user-${seeded.clientId}`);
    assert.deepEqual(activity.attachments[0].content.buttons[0].value, { choice: 'checkIn', reminder: 'checkIn', reminderId: seeded.reminderId });
  });

  it('429 then 200: the reminder arrives once, after the Retry-After', async function () {
    const now = new Date('2026-11-25T10:01:00Z');
    const clock = { now: () => now };
    await seedProgramme(new ProgrammeStore(store, { clock }));
    const seeded = await seedClientWithDueReminder(store, clock, { dueAt: new Date('2026-11-25T10:00:00Z'), serviceUrl: connector.url });
    answers.set(`conv-${seeded.clientId}`, [429]);
    const started = Date.now();
    const report = await new ReminderDispatcher({ store, programmes: new ProgrammeStore(store, { clock }), sender: new BotReminderSender(adapter, ''), logger, clock }).tick();
    assert.equal(report.sent, 1);
    assert.equal(connector.requests.length, 2);
    assert.ok(Date.now() - started >= 1000, 'waited the Retry-After');
    assert.equal((await reminderDoc(store, seeded))?.status, 'sent');
  });

  it('a 429 that persists reaches the dispatcher with its Retry-After; a 403 marks the client unreachable', async function () {
    const sender = new BotReminderSender(adapter, '');
    const reference = { serviceUrl: connector.url, channelId: 'webchat', conversation: { id: 'always-429' }, user: { id: 'u', name: '' }, bot: { id: 'bot', name: '' } } as Partial<ConversationReference>;
    answers.set('always-429', [429, 429, 429, 429]);
    const throttled = await sender.send({ reminderId: 'r1', kind: 'checkIn', language: 'en', conversationReference: reference }).catch((error: unknown) => error);
    assert.ok(throttled instanceof ReminderSendError);
    assert.equal(throttled.status, 429);
    assert.equal(throttled.retryAfterMs, 1000);

    const now = new Date('2026-11-25T10:01:00Z');
    const clock = { now: () => now };
    const programmes = new ProgrammeStore(store, { clock });
    await seedProgramme(programmes);
    const blocked = await seedClientWithDueReminder(store, clock, { dueAt: new Date('2026-11-25T10:00:00Z'), serviceUrl: connector.url });
    answers.set(`conv-${blocked.clientId}`, [403]);
    const before = connector.requests.length;
    const report = await new ReminderDispatcher({ store, programmes, sender, logger, clock }).tick();
    assert.equal(report.failed, 1);
    assert.equal(connector.requests.length - before, 1, 'a 403 is not retried');
    assert.equal((await programmes.getClient(PROGRAMME, blocked.clientId))?.status, 'unreachable');
  });

  it('503 twice, then 200: sent once (the connector client retries inside the send)', async function () {
    const now = new Date('2026-11-25T10:01:00Z');
    const clock = { now: () => now };
    await seedProgramme(new ProgrammeStore(store, { clock }));
    const seeded = await seedClientWithDueReminder(store, clock, { dueAt: new Date('2026-11-25T10:00:00Z'), serviceUrl: connector.url });
    answers.set(`conv-${seeded.clientId}`, [503, 503]);
    const report = await new ReminderDispatcher({ store, programmes: new ProgrammeStore(store, { clock }), sender: new BotReminderSender(adapter, ''), logger, clock }).tick();
    assert.equal(report.sent, 1);
    assert.equal(connector.requests.filter((r) => conversationOf(r) === `conv-${seeded.clientId}`).length, 3);
  });
});
