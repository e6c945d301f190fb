import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { t } from '../../src/i18n';
import { createLogger } from '../../src/logger';
import { ProgrammeStore } from '../../src/programmes/programmeStore';
import { AlertService } from '../../src/safety/escalation/alertService';
import { ConfigCareTeamDirectory } from '../../src/safety/escalation/careTeamDirectory';
import { AlertCaringSource } from '../../src/safety/escalation/caringSource';
import { CaringDue, caringDueId, CaringFollowUps, caringFollowUpTime } from '../../src/scheduling/caringFollowUp';
import { ReminderDispatcher } from '../../src/scheduling/reminderDispatcher';
import { bucketOf } from '../../src/scheduling/reminderQueue';
import { reminderActivity, ReminderSender } from '../../src/scheduling/reminderSender';
import { CONTAINERS } from '../../src/storage/containers';
import { DocumentStore } from '../../src/storage/documentStore';
import { SqliteDocumentStore } from '../../src/storage/sqliteStore';
import { SETTINGS } from '../safety/settings';
import { RecordingSender } from './reminderFixtures';

const logger = createLogger('silent');

function manualClock(start: string) {
  let now = new Date(start).getTime();
  return { now: () => new Date(now), set: (iso: string) => (now = new Date(iso).getTime()), advance: (ms: number) => (now += ms) };
}

describe('caring follow-up after a safety alert', function () {
  this.timeout(60_000);

  describe('when it is due: the next local day at 10:00, outside quiet hours', function () {
    const cases: Array<[string, string, string, { start: string; end: string } | undefined, string]> = [
      ['an afternoon alert in Mexico City', '2026-11-25T22:30:00Z', 'America/Mexico_City', undefined, '2026-11-26T16:00:00.000Z'],
      ['just after local midnight in Madrid: still the next day', '2026-11-25T23:30:00Z', 'Europe/Madrid', undefined, '2026-11-27T09:00:00.000Z'],
      ['quiet hours until 11:00 move it to 11:00', '2026-11-25T12:00:00Z', 'Europe/London', { start: '22:00', end: '11:00' }, '2026-11-26T11:00:00.000Z'],
      ['the night the clocks change in Madrid', '2026-03-28T12:00:00Z', 'Europe/Madrid', undefined, '2026-03-29T08:00:00.000Z'],
      ['an unknown zone falls back to UTC', '2026-11-25T12:00:00Z', 'Mars/Olympus', undefined, '2026-11-26T10:00:00.000Z'],
    ];
    for (const [name, after, zone, quiet, expected] of cases) {
      it(name, () => assert.equal(caringFollowUpTime(new Date(after), zone, quiet).toISOString(), expected));
    }
  });

  describe('sent exactly once', function () {
    let dir: string;
    let storeA: SqliteDocumentStore;
    let storeB: SqliteDocumentStore;
    const clock = manualClock('2026-11-25T18:00:00Z');

    beforeEach(function () {
      dir = mkdtempSync(join(tmpdir(), 'ipt-caring-'));
      storeA = new SqliteDocumentStore({ dataDir: dir });
      storeB = new SqliteDocumentStore({ dataDir: dir });
      clock.set('2026-11-25T18:00:00Z');
    });
    afterEach(async function () {
      await storeA.close();
      await storeB.close();
      rmSync(dir, { recursive: true, force: true });
    });

    const alerts = (store: DocumentStore) => new AlertService({ store, directory: new ConfigCareTeamDirectory(SETTINGS), logger, clock, ackTimeoutMinutes: 15 });

    async function raise(store: DocumentStore, level: 'concern' | 'urgent'): Promise<string> {
      const outcome = await alerts(store).raise({
        clientKey: 'webchat:anon-1',
        channelId: 'webchat',
        channelUserId: 'anon-1',
        clientName: 'Robin',
        language: 'es',
        level,
        categories: ['self_harm_suicide'],
        evidence: [],
        conversationReference: { channelId: 'webchat', serviceUrl: 'http://127.0.0.1:1', conversation: { id: 'conv-anon-1' }, user: { id: 'anon-1' } },
      });
      return outcome.alertId;
    }

    function dispatcher(store: DocumentStore, sender: ReminderSender, instanceId: string) {
      return new ReminderDispatcher({ store, programmes: new ProgrammeStore(store, { clock }), sender, logger, clock, instanceId, leaseMs: 120_000, caring: new AlertCaringSource(store), initialLookbackHours: 48 });
    }

    async function caringDoc(store: DocumentStore, alertId: string, dueAt: Date): Promise<CaringDue | undefined> {
      return (await store.read<CaringDue>(CONTAINERS.reminders, bucketOf(dueAt), caringDueId(alertId)))?.body;
    }

    it('two instances send it once, in the client’s language, to the conversation the alert came from (no programme link needed)', async function () {
      const alertId = await raise(storeA, 'urgent');
      const planner = new CaringFollowUps(storeA, { clock });
      const due = await planner.plan({ alertId, channelId: 'webchat', channelUserId: 'anon-1', timeZone: 'America/Mexico_City' });
      assert.equal((await planner.plan({ alertId, channelId: 'webchat', channelUserId: 'anon-1', timeZone: 'America/Mexico_City' })).getTime(), due.getTime());
      assert.equal(due.toISOString(), '2026-11-26T16:00:00.000Z');

      const sender = new RecordingSender();
      const a = dispatcher(storeA, sender, 'a');
      const b = dispatcher(storeB, sender, 'b');
      clock.set('2026-11-26T15:59:00Z');
      await Promise.all([a.tick(), b.tick()]);
      assert.equal(sender.sent.length, 0, 'not before it is due');

      clock.set('2026-11-26T16:00:30Z');
      const [ra, rb] = await Promise.all([a.tick(), b.tick()]);
      assert.equal(sender.sent.length, 1);
      assert.equal(ra.sent + rb.sent, 1);
      const [message] = sender.sent;
      assert.equal(message.kind, 'caringFollowUp');
      assert.equal(message.language, 'es');
      assert.deepEqual(message.conversationReference, { channelId: 'webchat', serviceUrl: 'http://127.0.0.1:1', conversation: { id: 'conv-anon-1' }, user: { id: 'anon-1' } });
      assert.equal(reminderActivity(message).text, t('es', 'safety.caring.message', { name: 'Robin' }));
      assert.equal((await caringDoc(storeA, alertId, due))?.status, 'sent');

      clock.advance(3_600_000);
      await Promise.all([a.tick(), b.tick()]);
      assert.equal(sender.sent.length, 1, 'and never again');
    });

    it('an instance that dies while sending: after a restart another takes it over once the claim runs out, and it goes once', async function () {
      const alertId = await raise(storeA, 'urgent');
      const due = await new CaringFollowUps(storeA, { clock }).plan({ alertId, channelId: 'webchat', channelUserId: 'anon-1', timeZone: 'UTC' });
      clock.set(due.toISOString());
      let claimed!: () => void;
      const sending = new Promise<void>((resolve) => (claimed = resolve));
      // Instance A claims it and dies mid-send (its send never completes).
      const dying: ReminderSender = {
        send: () => {
          claimed();
          return new Promise(() => undefined);
        },
      };
      void dispatcher(storeA, dying, 'a').tick();
      await sending;
      assert.equal((await caringDoc(storeB, alertId, due))?.status, 'sending');

      const sender = new RecordingSender();
      const restarted = dispatcher(storeB, sender, 'b');
      assert.equal((await restarted.tick()).lost + sender.sent.length, 0, 'the claim is respected while it holds');
      clock.advance(121_000);
      await restarted.tick();
      await restarted.tick();
      assert.equal(sender.sent.length, 1);
      assert.equal((await caringDoc(storeB, alertId, due))?.status, 'sent');
    });

    it('after a concern the clinician acknowledged it is not sent; after an urgent alert it is, acknowledged or not', async function () {
      const concern = await raise(storeA, 'concern');
      const planner = new CaringFollowUps(storeA, { clock });
      const due = await planner.plan({ alertId: concern, channelId: 'webchat', channelUserId: 'anon-1', timeZone: 'UTC' });
      assert.equal(await alerts(storeA).acknowledge(concern, 'aad-oncall'), 'acknowledged');
      const urgentStore = storeB;
      const urgent = await raise(urgentStore, 'urgent');
      await new CaringFollowUps(urgentStore, { clock }).plan({ alertId: urgent, channelId: 'webchat', channelUserId: 'anon-1', timeZone: 'UTC' });
      assert.equal(await alerts(urgentStore).acknowledge(urgent, 'aad-oncall'), 'acknowledged');

      clock.set(due.toISOString());
      const sender = new RecordingSender();
      const report = await dispatcher(storeA, sender, 'a').tick();
      assert.equal(report.sent, 1);
      assert.equal(report.cancelled, 1);
      assert.equal((await caringDoc(storeA, concern, due))?.outcome, 'acknowledged');
      assert.equal((await caringDoc(storeA, urgent, due))?.status, 'sent');
    });

    it('is not sent to someone who withdrew their consent, or deleted their data', async function () {
      const alertId = (await alerts(storeA).raise({
        clientKey: 'webchat:u2',
        clientId: 'client-rec-2',
        channelId: 'webchat',
        channelUserId: 'u2',
        language: 'en',
        level: 'urgent',
        categories: ['self_harm_suicide'],
        evidence: [],
        conversationReference: { channelId: 'webchat' },
      })).alertId;
      await storeA.upsert(CONTAINERS.clients, 'client-rec-2', 'profile', { consent: { given: false, withdrawnAt: '2026-11-25T19:00:00Z' } });
      const due = await new CaringFollowUps(storeA, { clock }).plan({ alertId, channelId: 'webchat', channelUserId: 'u2' });
      clock.set(due.toISOString());
      const sender = new RecordingSender();
      assert.equal((await dispatcher(storeA, sender, 'a').tick()).cancelled, 1);
      assert.equal((await caringDoc(storeA, alertId, due))?.outcome, 'consentWithdrawn');
      assert.equal(sender.sent.length, 0);

      await storeA.delete(CONTAINERS.clients, 'client-rec-2', 'profile');
      const later = await new CaringFollowUps(storeA, { clock }).plan({ alertId: `${alertId}-again`, channelId: 'webchat', channelUserId: 'u2' });
      await storeA.upsert(CONTAINERS.alerts, `${alertId}-again`, `${alertId}-again`, { ...(await alerts(storeA).read(alertId))!.body, alertId: `${alertId}-again` });
      clock.set(later.toISOString());
      assert.equal((await dispatcher(storeA, sender, 'a').tick()).cancelled, 1);
      assert.equal((await caringDoc(storeA, `${alertId}-again`, later))?.outcome, 'dataDeleted');
      assert.equal(sender.sent.length, 0);
    });
  });
});
