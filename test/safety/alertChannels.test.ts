import assert from 'node:assert/strict';
import { Alert, Delivery } from '../../src/safety/escalation/alert';
import { ConfigCareTeamDirectory } from '../../src/safety/escalation/careTeamDirectory';
import { stageTargets } from '../../src/safety/escalation/routing';
import { alertCard } from '../../src/safety/escalation/teamsChannel';
import { WebhookAlertChannel, webhookPayload } from '../../src/safety/escalation/webhookChannel';
import { verifiedByReceiver } from '../support/webhookReceiver';
import { CaptureServer } from '../support/captureServer';
import { SETTINGS } from './settings';

const ALERT: Alert = {
  kind: 'safetyAlert',
  alertId: 'alert:1',
  clientKey: 'webchat:client-1',
  clientName: 'Robin',
  channelId: 'webchat',
  channelUserId: 'client-1',
  language: 'en',
  level: 'urgent',
  categories: ['self_harm_suicide'],
  excerpt: 'kill myself',
  createdAt: '2026-03-01T09:00:00.000Z',
  updatedAt: '2026-03-01T09:00:00.000Z',
  conversationReference: {},
  programmeId: 'prog-1',
  clinicianId: 'c1',
  backupClinicianId: 'c2',
  status: 'open',
  stage: 'primary',
  stageStartedAt: 0,
  round: 1,
  unrouted: false,
  deliveries: [],
  nextActionAt: null,
  audit: [],
};

const delivery = (target: string): Delivery => ({
  key: 'alert:1:r1:primary:programme:webhook:1',
  round: 1,
  stage: 'primary',
  event: 'alert.created',
  recipient: { role: 'programme' },
  channel: 'webhook',
  target,
  status: 'sending',
  attempts: 1,
  nextAttemptAt: 0,
});

describe('alert channels', () => {
  it('a clinician with their own webhook gets it as well as Teams, and the programme webhook still hears', async () => {
    const settings = {
      ...SETTINGS,
      programme: { ...SETTINGS.programme!, clinicians: [{ id: 'c1', name: 'Dr Ana Ruiz', aadObjectId: 'aad-c1', webhookUrl: 'https://pager.example.org/ana' }] },
    };
    const targets = await stageTargets(new ConfigCareTeamDirectory(settings), ALERT, 'primary');
    assert.deepEqual(
      targets.map((x) => [x.channel, x.target, x.recipient.role]),
      [
        ['teams', 'aad-c1', 'assigned'],
        ['webhook', 'https://pager.example.org/ana', 'assigned'],
        ['webhook', 'http://127.0.0.1:9/unused', 'programme'],
      ],
    );
    assert.deepEqual(await stageTargets(new ConfigCareTeamDirectory(settings), ALERT, 'backup'), [], 'no backup configured: the stage is skipped');
  });

  it('signs the webhook as Standard Webhooks (id, timestamp, raw body), and includes the excerpt only when the programme says so', async () => {
    const receiver = new CaptureServer();
    await receiver.start();
    try {
      for (const include of [false, true]) {
        const settings = { ...SETTINGS, programme: { ...SETTINGS.programme!, webhookIncludeExcerpt: include } };
        const channel = new WebhookAlertChannel({ directory: new ConfigCareTeamDirectory(settings) });
        await channel.send(ALERT, delivery(`${receiver.url}/hook`));
      }
      const [without, withExcerpt] = receiver.requests;
      for (const request of [without, withExcerpt]) {
        assert.ok(verifiedByReceiver('a-very-long-test-secret', request), 'a Standard Webhooks receiver verifies it');
        assert.equal(request.headers['webhook-id'], 'alert:1:r1:primary:programme:webhook:1');
        assert.equal(request.headers['idempotency-key'], 'alert:1:r1:primary:programme:webhook:1');
      }
      assert.equal((without.body as { excerpt?: string }).excerpt, undefined);
      assert.equal((withExcerpt.body as { excerpt?: string }).excerpt, 'kill myself');

      receiver.respond = (_request, res) => {
        res.writeHead(500);
        res.end();
      };
      const channel = new WebhookAlertChannel({ directory: new ConfigCareTeamDirectory(SETTINGS) });
      await assert.rejects(channel.send(ALERT, delivery(`${receiver.url}/hook`)), /webhook answered 500/);
    } finally {
      await receiver.stop();
    }
  });

  it("the webhook carries the client's answers to the screening questions (never their words unless allowed)", () => {
    const answered = { ...ALERT, screening: { wishDead: 'yes', thoughts: 'no', behaviour: 'no' } } as typeof ALERT;
    const body = webhookPayload(answered, delivery('https://pager.example.org/hook'), false);
    assert.deepEqual(body.screening, { wishDead: 'yes', thoughts: 'no', behaviour: 'no' });
    assert.equal(body.excerpt, undefined);
    assert.equal(webhookPayload(ALERT, delivery('https://pager.example.org/hook'), false).screening, undefined);
  });

  it('keeps receivers verifying through a secret rotation: one signature per active secret, and whsec_ secrets as Standard Webhooks defines them', async () => {
    const receiver = new CaptureServer();
    await receiver.start();
    try {
      const oldSecret = 'the-secret-being-retired-0123456789';
      const newSecret = `whsec_${Buffer.from('a brand new thirty-two byte key!').toString('base64')}`;
      const rotating = { ...SETTINGS, programme: { ...SETTINGS.programme!, webhookSecret: newSecret, webhookPreviousSecret: oldSecret } };
      await new WebhookAlertChannel({ directory: new ConfigCareTeamDirectory(rotating) }).send(ALERT, delivery(`${receiver.url}/hook`));
      const [request] = receiver.requests;
      assert.equal(String(request.headers['webhook-signature']).split(' ').length, 2, 'two signatures while rotating');
      assert.ok(verifiedByReceiver(oldSecret, request), 'a receiver still on the old secret verifies');
      assert.ok(verifiedByReceiver(newSecret, request), 'a receiver already on the new secret verifies');
      assert.ok(!verifiedByReceiver('a-secret-nobody-was-ever-given-0123', request));
      assert.ok(!verifiedByReceiver(newSecret, request, JSON.stringify({ ...(request.body as object), level: 'concern' })), 'a changed body fails');
    } finally {
      await receiver.stop();
    }
  });

  it('the Teams card speaks the clinician’s language and time zone', () => {
    const card = alertCard(ALERT, { ...delivery('aad-c1'), channel: 'teams' }, 'es', 'Europe/Madrid') as {
      body: Array<{ text?: string; facts?: Array<{ title: string; value: string }> }>;
      actions: Array<{ title: string; data: unknown }>;
    };
    assert.equal(card.body[0].text, 'Alerta de seguridad');
    const facts = Object.fromEntries(card.body[1].facts!.map((f) => [f.title, f.value]));
    assert.equal(facts['Cliente'], 'Robin (webchat)');
    assert.equal(facts['Nivel'], 'Urgente');
    assert.equal(facts['Categorías'], 'Autolesión o suicidio');
    assert.match(facts['Cuándo'], /10:00/, '09:00 UTC is 10:00 in Madrid');
    assert.deepEqual(card.actions, [
      { type: 'Action.Submit', title: 'Confirmar', data: { action: 'acknowledgeAlert', alertId: 'alert:1' } },
      { type: 'Action.Submit', title: 'Necesaria', data: { action: 'reviewAlert', alertId: 'alert:1', outcome: 'needed' } },
      { type: 'Action.Submit', title: 'Falsa alarma', data: { action: 'reviewAlert', alertId: 'alert:1', outcome: 'false_alarm' } },
    ]);
    assert.ok(!JSON.stringify(card).includes('C-SSRS'), 'no screening section before any answer');
  });

  it("the Teams card shows the client's answers to the screening questions, in the instrument's order", () => {
    const answered = { ...ALERT, screening: { behaviour: 'yes', wishDead: 'yes', thoughts: 'unclear', behaviourRecent: 'no' } } as typeof ALERT;
    const card = alertCard(answered, { ...delivery('aad-c1'), channel: 'teams' }, 'en', 'UTC') as { body: Array<{ text?: string; facts?: Array<{ title: string; value: string }> }> };
    const heading = card.body.findIndex((b) => b.text === 'Screening questions (C-SSRS) answered in the chat');
    assert.ok(heading > 0);
    assert.deepEqual(card.body[heading + 1].facts, [
      { title: 'Wished to be dead', value: 'Yes' },
      { title: 'Thoughts of killing themself', value: 'Unclear (counted as yes)' },
      { title: 'Ever did or prepared anything to end their life', value: 'Yes' },
      { title: 'Within the past 3 months', value: 'No' },
    ]);
  });
});
