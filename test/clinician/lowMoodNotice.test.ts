/**
 * The clinician's notice of a sustained low mood or a reliably worse PHQ-9/GAD-7: what the assigned
 * clinician receives in Teams, what is stored, that nobody else (on-call, webhook) hears of it, that a
 * crash neither loses nor repeats it, and that "delete my data" takes the pending notices with it while an
 * undelivered safety alert stays owed.
 */
import assert from 'node:assert/strict';
import { Activity, ConversationReference, TurnContext } from 'botbuilder';
import sinon from 'sinon';
import { ClientRepository } from '../../src/client/clientRepository';
import { LowMoodNotices } from '../../src/clinician/lowMoodNotices';
import { LowMoodNoticeOutbox } from '../../src/clinician/lowMoodNoticeOutbox';
import { createLogger } from '../../src/logger';
import { currentMeasureEpisode, LowMoodEpisode } from '../../src/measures/lowMood';
import { LowMoodNotice, lowMoodNoticeId } from '../../src/measures/lowMoodNotice';
import { LowMoodWatch } from '../../src/measures/lowMoodWatch';
import { Alert } from '../../src/safety/escalation/alert';
import { AlertErasure } from '../../src/safety/escalation/alertErasure';
import { AlertService } from '../../src/safety/escalation/alertService';
import { PermanentDeliveryError } from '../../src/safety/escalation/alertChannel';
import { ConfigCareTeamDirectory, TeamsContactStore } from '../../src/safety/escalation/careTeamDirectory';
import { SafetySettings } from '../../src/safety/escalation/careTeamConfig';
import { ProactiveSender } from '../../src/safety/escalation/teamsChannel';
import { CONTAINERS } from '../../src/storage/containers';
import { DocumentStore } from '../../src/storage/documentStore';
import { BotHarness } from '../safety/safetyHarness';
import { SETTINGS, USER_ID } from '../safety/settings';
import { tempStore } from '../support/tempStore';

const CLIENT_ID = 'client-record-1';
const CLINICIAN_CONVERSATION = 'a:clinician-c1-chat';
const ONCALL_CONVERSATION = 'a:oncall-chat';

/** A proactive sender that records each card it was asked to send; `hang` never returns, as a process dying mid-send. */
class RecordingSender implements ProactiveSender {
  readonly sent: Array<{ conversation: string; activity: Partial<Activity> }> = [];
  hang = false;
  /** Record the send, then never return: the card went out but the process died before writing so. */
  hangAfterSend = false;
  failing = 0;
  permanent = false;
  async send(reference: Partial<ConversationReference>, activity: Partial<Activity>): Promise<void> {
    if (this.hang) return new Promise(() => undefined);
    if (this.permanent) throw new PermanentDeliveryError('Teams answered 403: the bot was removed');
    if (this.failing > 0) {
      this.failing--;
      throw new Error('Teams unreachable');
    }
    this.sent.push({ conversation: String(reference.conversation?.id), activity });
    if (this.hangAfterSend) return new Promise(() => undefined);
  }
}

type Fact = { title: string; value: string };

/** The card's fact rows, as the clinician reads them. */
function facts(activity: Partial<Activity>): Record<string, string> {
  const card = activity.attachments?.[0]?.content as { body: Array<{ type: string; facts?: Fact[]; text?: string }> };
  const set = card.body.find((element) => element.type === 'FactSet');
  return Object.fromEntries((set?.facts ?? []).map((fact) => [fact.title, fact.value]));
}

function cardTexts(activity: Partial<Activity>): string[] {
  const card = activity.attachments?.[0]?.content as { body: Array<{ type: string; text?: string }>; actions: Array<{ title: string; data: unknown }> };
  return card.body.filter((element) => element.type === 'TextBlock').map((element) => String(element.text));
}

async function seedContacts(store: DocumentStore, now: Date): Promise<void> {
  const contacts = new TeamsContactStore(store);
  await contacts.remember('prog-1', 'aad-c1', { channelId: 'msteams', serviceUrl: 'https://smba.test', conversation: { id: CLINICIAN_CONVERSATION } as ConversationReference['conversation'] }, now);
  await contacts.remember('prog-1', 'aad-oncall', { channelId: 'msteams', serviceUrl: 'https://smba.test', conversation: { id: ONCALL_CONVERSATION } as ConversationReference['conversation'] }, now);
}

const PHQ9_WORSE: LowMoodEpisode = {
  id: 'phq9:m-2',
  kind: 'phq9',
  detail: 'PHQ-9 14, up 6 from a baseline of 8 (reliable worsening)',
  facts: { kind: 'phq9', latest: 14, band: 'moderate', baseline: 8, change: 6 },
};

describe('low-mood notices for the clinician', () => {
  describe('through the chat (msteams, real IptBot)', () => {
    let h: BotHarness;
    let now: Date;
    let sender: RecordingSender;
    const clock = { now: () => now };

    beforeEach(async () => {
      now = new Date('2026-11-25T15:00:00Z');
      sender = new RecordingSender();
      h = new BotHarness({ channelId: 'msteams', locale: 'en-US', clock, sender });
      await seedContacts(h.store, now);
      await h.seedProfile({
        clientId: CLIENT_ID,
        preferredName: 'Robin',
        language: 'en',
        timeZone: 'America/New_York',
        consent: { given: true, at: '2026-11-01T10:00:00.000Z' },
        onboardedAt: '2026-11-01T10:00:00.000Z',
      });
    });
    afterEach(async () => {
      await h.safety.noticeOutbox.stop();
      await h.dispose();
    });

    async function questionnaire(instrument: 'phq9' | 'gad7', answers: number[]): Promise<void> {
      now = new Date(now.getTime() + 14 * 86_400_000);
      await h.say({ value: { choice: 'questionnaire', reminder: 'measure', reminderId: `r-${now.getTime()}`, instruments: [instrument] } });
      for (const value of answers) {
        now = new Date(now.getTime() + 30_000);
        await h.say({ value: { choice: String(value) } });
      }
    }

    it('a reliably worse PHQ-9 sends the assigned clinician one non-urgent card, and nobody else anything', async () => {
      h.safety.noticeOutbox.start();
      await questionnaire('phq9', [1, 1, 0, 0, 0, 0, 0, 0, 0]); // 2: baseline
      await questionnaire('phq9', [1, 1, 1, 1, 1, 1, 1, 1, 0]); // 8: +6, reliable worsening
      await h.safety.noticeOutbox.tick();
      assert.equal(sender.sent.length, 1);
      const [card] = sender.sent;
      assert.equal(card.conversation, CLINICIAN_CONVERSATION, 'to the assigned clinician (c1), not the on-call');
      assert.equal(card.activity.text, 'Not urgent: a client\'s mood or scores got worse');
      assert.deepEqual(cardTexts(card.activity).slice(0, 1), ['Not urgent: worth a look before the next session']);
      const seen = facts(card.activity);
      assert.equal(seen['Client'], 'Robin');
      assert.equal(seen['What was seen'], 'PHQ-9 reliably worse than baseline (6 points or more)');
      assert.equal(seen['Latest score'], '8 (mild)');
      assert.equal(seen['Baseline'], '2');
      assert.equal(seen['Change'], '+6');
      assert.ok(!JSON.stringify(card.activity).includes('Acknowledge'), 'nothing to acknowledge');

      assert.deepEqual(await h.alerts(), [], 'not a safety alert: nothing for the webhook, the backup or the on-call');
      const [stored] = await new ClientRepository(h.store, clock).lowMoodNotices(CLIENT_ID);
      assert.equal(stored.kind, 'lowMoodNotice');
      assert.equal(stored.clinicianId, 'c1');
      assert.equal(stored.programmeId, 'prog-1');
      assert.deepEqual(stored.facts, { kind: 'phq9', latest: 8, band: 'mild', baseline: 2, change: 6 });
      assert.equal(stored.delivery?.status, 'delivered');
      assert.equal(stored.delivery?.target, 'aad-c1');
      assert.equal(card.activity.channelData?.idempotencyKey, stored.delivery?.key);
    });

    it('once per episode: a still-worse score tells no one again; after recovery a new worsening does', async () => {
      await questionnaire('gad7', [0, 0, 0, 0, 0, 0, 0]); // 0: baseline
      await questionnaire('gad7', [1, 1, 1, 1, 0, 0, 0]); // 4: reliable worsening (GAD-7 threshold 4)
      await questionnaire('gad7', [2, 2, 1, 1, 0, 0, 0]); // 6: the same episode
      await h.safety.noticeOutbox.tick();
      assert.equal(sender.sent.length, 1);
      assert.equal(facts(sender.sent[0].activity)['What was seen'], 'GAD-7 reliably worse than baseline (4 points or more)');
      await questionnaire('gad7', [1, 1, 0, 0, 0, 0, 0]); // 2: no longer reliably worse — recovered
      await h.safety.noticeOutbox.tick();
      assert.equal(sender.sent.length, 1);
      await questionnaire('gad7', [1, 1, 1, 1, 1, 0, 0]); // 5: a new episode
      await h.safety.noticeOutbox.tick();
      assert.equal(sender.sent.length, 2);
      assert.equal(facts(sender.sent[1].activity)['Latest score'], '5 (mild)');
      const notices = await new ClientRepository(h.store, clock).lowMoodNotices(CLIENT_ID);
      assert.equal(notices.length, 2);
      assert.notEqual(notices[0].episodeId, notices[1].episodeId);
      assert.deepEqual(await h.alerts(), []);
    });

    it('PHQ-9 item 9 above zero still raises a safety alert; the worsening notice stays a notice of its own', async () => {
      await questionnaire('phq9', [0, 0, 0, 0, 0, 0, 0, 0, 0]); // 0
      await questionnaire('phq9', [1, 1, 1, 1, 1, 0, 0, 0, 1]); // 6 with item 9 = 1
      const alerts = await h.alerts();
      assert.equal(alerts.length, 1, 'the safety path is unchanged');
      assert.equal(alerts[0].level, 'concern');
      assert.equal(alerts[0].audit[0].detail, 'questionnaire answer: PHQ-9 item 9: "Several days" (1 of 3)', 'with the item’s answer');
      const notices = await new ClientRepository(h.store, clock).lowMoodNotices(CLIENT_ID);
      assert.equal(notices.length, 1, 'and the worsening is a notice, not merged into the alert');
      assert.equal(notices[0].facts?.kind, 'phq9');
    });
  });

  describe('the outbox (fake clock)', () => {
    let clock: sinon.SinonFakeTimers;
    let temp: Awaited<ReturnType<typeof tempStore>>;
    let sender: RecordingSender;
    const clockPort = { now: () => new Date() };
    const settings: SafetySettings = SETTINGS;

    beforeEach(async () => {
      clock = sinon.useFakeTimers({ now: Date.parse('2026-11-25T15:00:00Z'), toFake: ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
      temp = await tempStore();
      sender = new RecordingSender();
      await seedContacts(temp.store, new Date());
    });
    afterEach(async () => {
      clock.restore();
      await temp.dispose();
    });

    function outbox(store: DocumentStore = temp.store, leaseMs = 60_000) {
      const directory = new ConfigCareTeamDirectory(settings);
      return new LowMoodNoticeOutbox({ store, sender, contacts: new TeamsContactStore(store), directory, logger: createLogger('silent'), clock: clockPort, retryBaseMs: 10_000, pollMs: 60_000, leaseMs, random: () => 0 });
    }

    function notices(store: DocumentStore = temp.store, onStored?: () => void) {
      return new LowMoodNotices({ clients: new ClientRepository(store, clockPort), directory: new ConfigCareTeamDirectory(settings), logger: createLogger('silent'), clock: clockPort, onStored });
    }

    async function storedNotice(store: DocumentStore = temp.store): Promise<LowMoodNotice> {
      return (await store.read<LowMoodNotice>(CONTAINERS.clients, CLIENT_ID, lowMoodNoticeId(PHQ9_WORSE.id)))!.body;
    }

    const INPUT = { clientId: CLIENT_ID, episode: PHQ9_WORSE, channelId: 'msteams', channelUserId: USER_ID, clientName: 'Robin' };

    it('a crash after the notice was stored and before it was sent: the restarted service sends it, once', async () => {
      assert.equal(await notices().store(INPUT), true);
      assert.equal(sender.sent.length, 0, 'the process died before any send');
      const store = await temp.reopen();
      const restarted = outbox(store);
      restarted.start();
      await clock.tickAsync(0);
      assert.equal(sender.sent.length, 1);
      await clock.tickAsync(10 * 60_000); // ten more polls
      assert.equal(sender.sent.length, 1, 'never twice');
      assert.equal((await storedNotice(store)).delivery?.status, 'delivered');
      await restarted.stop();
    });

    it('a crash mid-send: sent again only after the lease, with the same idempotency key, then never again', async () => {
      await notices().store(INPUT);
      sender.hangAfterSend = true; // the card went out, the process died before writing so
      void outbox().process(CLIENT_ID, lowMoodNoticeId(PHQ9_WORSE.id));
      await clock.tickAsync(0);
      assert.equal((await storedNotice()).delivery?.status, 'sending');
      sender.hangAfterSend = false;
      const second = outbox();
      await second.process(CLIENT_ID, lowMoodNoticeId(PHQ9_WORSE.id));
      assert.equal(sender.sent.length, 1, 'not while the dead instance’s claim holds');
      await clock.tickAsync(61_000);
      await second.process(CLIENT_ID, lowMoodNoticeId(PHQ9_WORSE.id));
      await second.process(CLIENT_ID, lowMoodNoticeId(PHQ9_WORSE.id));
      const keys = sender.sent.map((s) => s.activity.channelData?.idempotencyKey);
      assert.deepEqual(keys, [`${CLIENT_ID}:${PHQ9_WORSE.id}`, `${CLIENT_ID}:${PHQ9_WORSE.id}`], 'the resend carries the first one’s key');
      const stored = await storedNotice();
      assert.equal(stored.delivery?.status, 'delivered');
      assert.equal(stored.delivery?.attempts, 2);
    });

    it('two instances storing and sending the same episode at once: one notice, one card', async () => {
      const [a, b] = [outbox(), outbox()];
      const created = await Promise.all([notices().store(INPUT), notices().store(INPUT)]);
      assert.deepEqual(created.sort(), [false, true]);
      const id = lowMoodNoticeId(PHQ9_WORSE.id);
      await Promise.all([a.process(CLIENT_ID, id), b.process(CLIENT_ID, id), a.process(CLIENT_ID, id), b.process(CLIENT_ID, id)]);
      assert.equal(sender.sent.length, 1);
      assert.equal((await new ClientRepository(temp.store, clockPort).lowMoodNotices(CLIENT_ID)).length, 1);
    });

    it('retries a failed send, further apart each time, until it is delivered; a refused one is marked failed', async () => {
      const worker = outbox();
      worker.start();
      sender.failing = 2;
      await notices(temp.store, () => worker.kick()).store(INPUT);
      await clock.tickAsync(0);
      assert.equal(sender.sent.length, 0);
      assert.equal((await storedNotice()).delivery?.status, 'pending');
      await clock.tickAsync(60_000); // the poll: retry 1 was due after 10 s, fails
      assert.equal(sender.sent.length, 0);
      await clock.tickAsync(60_000); // retry 2 (due after 20 s more) delivers
      assert.equal(sender.sent.length, 1);
      const stored = await storedNotice();
      assert.equal(stored.delivery?.status, 'delivered');
      assert.equal(stored.delivery?.attempts, 3);
      await worker.stop();

      sender.permanent = true;
      const episode = { ...PHQ9_WORSE, id: 'phq9:m-9' };
      await notices().store({ ...INPUT, episode });
      await outbox().process(CLIENT_ID, lowMoodNoticeId(episode.id));
      const refused = (await temp.store.read<LowMoodNotice>(CONTAINERS.clients, CLIENT_ID, lowMoodNoticeId(episode.id)))!.body;
      assert.equal(refused.delivery?.status, 'failed');
      assert.equal(refused.nextActionAt, null, 'not retried');
    });

    it('a client with no assigned clinician: the notice is stored as undeliverable and goes to no one (never the on-call)', async () => {
      const unassigned = { ...INPUT, channelUserId: 'someone-without-a-clinician' };
      await notices().store(unassigned);
      const worker = outbox();
      worker.start();
      await clock.tickAsync(5 * 60_000);
      await worker.stop();
      assert.deepEqual(sender.sent, []);
      const stored = await storedNotice();
      assert.equal(stored.delivery?.status, 'undeliverable');
      assert.equal(stored.clinicianId, undefined);
    });

    it('"delete my data" removes a pending notice (never sent afterwards) but keeps an undelivered safety alert owed', async () => {
      const directory = new ConfigCareTeamDirectory(settings);
      const alerts = new AlertService({ store: temp.store, directory, logger: createLogger('silent'), clock: clockPort, ackTimeoutMinutes: 15 });
      const { alertId } = await alerts.raise({
        clientKey: `msteams:${USER_ID}`,
        clientId: CLIENT_ID,
        clientName: 'Robin',
        channelId: 'msteams',
        channelUserId: USER_ID,
        language: 'en',
        level: 'concern',
        categories: ['self_harm_suicide'],
        evidence: ['phq9 item 9'],
        conversationReference: { conversation: { id: 'conv-1' } as ConversationReference['conversation'] },
      });
      sender.failing = 1;
      await notices().store(INPUT);
      const worker = outbox();
      await worker.process(CLIENT_ID, lowMoodNoticeId(PHQ9_WORSE.id));
      assert.equal((await storedNotice()).delivery?.status, 'pending', 'owed, not yet delivered');

      const repo = new ClientRepository(temp.store, clockPort, [new AlertErasure(temp.store, clockPort)]);
      const report = await repo.deleteEverything(CLIENT_ID, []);
      assert.equal(report.kept.safetyAlerts, 1);
      assert.deepEqual(await repo.lowMoodNotices(CLIENT_ID), [], 'the pending notice is gone');
      worker.start();
      await clock.tickAsync(10 * 60_000);
      await worker.stop();
      assert.deepEqual(sender.sent, [], 'and never sent');

      const alert = (await temp.store.read<Alert>(CONTAINERS.alerts, alertId, alertId))!.body;
      assert.equal(alert.status, 'open', 'the safety alert is kept, still owed to the clinician');
      assert.ok(alert.deliveries.some((d) => d.status !== 'delivered'), 'undelivered: its own outbox still has it');
      assert.ok(!JSON.stringify(alert).includes('Robin'));
    });
  });

  describe('LowMoodWatch with the notices (two instances checking the same turn)', () => {
    it('stores one notice for the episode however many instances check at once', async () => {
      const temp = await tempStore();
      try {
        const clock = { now: () => new Date('2026-11-25T15:00:00Z') };
        const repo = new ClientRepository(temp.store, clock);
        const notices = new LowMoodNotices({ clients: repo, directory: new ConfigCareTeamDirectory(SETTINGS), logger: createLogger('silent'), clock });
        const notifier = {
          notifyLowMood: (context: TurnContext, clientId: string, episode: LowMoodEpisode) =>
            notices.store({ clientId, episode, channelId: context.activity.channelId, channelUserId: context.activity.from.id }).then(() => true),
        };
        for (const [total, day] of [[3, '2026-11-01'], [9, '2026-11-15']] as const) {
          const answers = [3, 3, 3, 0, 0, 0, 0, 0, 0].map((v, i) => (i < 3 ? Math.min(v, Math.max(0, total - 3 * i)) : 0));
          clock.now = () => new Date(`${day}T12:00:00Z`);
          await repo.addMeasure(CLIENT_ID, { instrument: 'phq9', language: 'en', startedAt: `${day}T11:50:00.000Z`, answers, source: 'scheduled' });
        }
        assert.equal(currentMeasureEpisode('phq9', await repo.measures(CLIENT_ID))?.kind, 'phq9');
        const context = { activity: { channelId: 'msteams', from: { id: USER_ID } } } as unknown as TurnContext;
        const watches = [0, 1, 2].map(() => new LowMoodWatch(repo, notifier, createLogger('silent'), clock));
        await Promise.all(watches.map((watch) => watch.check(context, CLIENT_ID, 'Europe/Madrid')));
        const stored = await repo.lowMoodNotices(CLIENT_ID);
        assert.equal(stored.length, 1);
        assert.deepEqual(stored[0].facts, { kind: 'phq9', latest: 9, band: 'mild', baseline: 3, change: 6 });
      } finally {
        await temp.dispose();
      }
    });
  });
});
