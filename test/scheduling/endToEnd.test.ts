/**
 * The whole path through the real service: enrol through the API → the client types the code in chat →
 * linked → the reminder fires at the (fake-clock) local time through the Bot Connector → the client taps
 * its button → the check-in starts.
 */
import assert from 'node:assert/strict';
import { startTestService, say, TestService } from '../support/service';
import { CaptureServer } from '../support/captureServer';
import { apiClient, ADMIN_KEY, clinicianBody, programmeBody } from '../api/apiClient';
import { t, variants } from '../../src/i18n';

describe('end to end: enrolment, linking, a reminder and its answer', function () {
  this.timeout(60_000);
  let service: TestService;
  let connector: CaptureServer;
  let now = new Date('2026-11-25T12:00:00Z');

  before(async function () {
    connector = new CaptureServer();
    await connector.start();
    service = await startTestService({ ADMIN_API_KEY: ADMIN_KEY, SCHEDULER_ENABLED: 'true', SCHEDULER_INTERVAL_SECONDS: '1' }, { clock: { now: () => now } });
  });
  after(async function () {
    await service?.dispose();
    await connector?.stop();
  });

  it('links with the code and delivers a check-in reminder at 19:00 Madrid time that starts the check-in', async function () {
    const call = apiClient(service.url);
    assert.equal((await call('POST', '/programmes', { body: programmeBody({ id: 'e2e', defaultLocale: 'en' }) })).status, 201);
    assert.equal((await call('POST', '/programmes/e2e/clinicians', { body: clinicianBody({ id: 'ana' }) })).status, 201);
    const enrolled = await call<{ client: { id: string }; enrolment: { code: string } }>('POST', '/programmes/e2e/clients', {
      body: { externalId: 'MRN-9', clinicianId: 'ana', courseStart: '2026-11-01', courseEnd: '2027-02-28', timeZone: 'Europe/Madrid' },
    });
    const clientId = enrolled.body.client.id;
    const reminder = await call<{ nextDueAt: string }>('POST', `/programmes/e2e/clients/${clientId}/reminders`, { body: { kind: 'checkIn', rule: { kind: 'weekly', time: '19:00' } } });
    assert.equal(reminder.body.nextDueAt, '2026-11-25T18:00:00.000Z');

    const chat = { serviceUrl: connector.url, channelId: 'webchat', conversation: { id: 'e2e-conv' }, from: { id: 'e2e-user' }, locale: 'en-US' };
    const transcript: string[] = [];
    const turn = async (overrides: Record<string, unknown>) => {
      const reply = await say(service.url, { ...chat, ...overrides });
      transcript.push(...reply.texts);
      return reply;
    };
    await turn({ text: 'hi' });
    await turn({ text: 'yes' });
    const linked = await turn({ text: enrolled.body.enrolment.code.toLowerCase() });
    assert.ok(linked.texts.includes(t('en', 'onboarding.codeAccepted')), transcript.join('\n'));
    // Finish onboarding: name, then time zone (Web Chat sends none).
    await turn({ text: 'Sam' });
    await turn({ text: 'Europe/Madrid' });

    const client = await call<{ status: string; linked: boolean; chatSettings: unknown }>('GET', `/programmes/e2e/clients/${clientId}`);
    assert.equal(client.body.status, 'linked');
    assert.equal(client.body.linked, true);
    assert.deepEqual(client.body.chatSettings, { remindersPaused: false, consentWithdrawn: false });

    // 18:59 Madrid: nothing yet. 19:00 Madrid: the reminder.
    now = new Date('2026-11-25T17:59:00Z');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal(connector.requests.length, 0);
    now = new Date('2026-11-25T18:00:05Z');
    const [request] = await connector.waitFor(1);
    const activity = request.body as { text: string; attachments: Array<{ content: { buttons: Array<{ value: Record<string, unknown> }> } }> };
    assert.match(request.path, /\/v3\/conversations\/e2e-conv\/activities/);
    assert.match(activity.text, /Sam/, transcript.join("\n"));
    const button = activity.attachments[0].content.buttons[0];

    const tapped = await turn({ text: undefined, value: button.value });
    assert.ok(tapped.texts.length > 0, 'the bot answers the tap');
    const askMood = variants('en', 'checkin.askMood');
    assert.ok(tapped.texts.some((text) => askMood.some((question) => text.includes(question))), `the check-in starts: ${tapped.texts.join(' | ')}`);

    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal(connector.requests.length, 1, 'sent once');
    const schedules = await call<{ items: Array<{ lastSentAt: string; nextDueAt: string }> }>('GET', `/programmes/e2e/clients/${clientId}/reminders`);
    assert.equal(schedules.body.items[0].nextDueAt, '2026-11-26T18:00:00.000Z');
    assert.equal(schedules.body.items[0].lastSentAt, '2026-11-25T18:00:05.000Z');

    // The client pauses reminders from chat: the programme sees it, and tomorrow's reminder is not sent.
    await turn({ text: 'pause reminders' });
    const paused = await call<{ chatSettings: { remindersPaused: boolean } }>('GET', `/programmes/e2e/clients/${clientId}`);
    assert.equal(paused.body.chatSettings.remindersPaused, true);
    now = new Date('2026-11-26T18:00:05Z');
    await new Promise((resolve) => setTimeout(resolve, 2500));
    assert.equal(connector.requests.length, 1, 'nothing sent while paused');
  });
});
