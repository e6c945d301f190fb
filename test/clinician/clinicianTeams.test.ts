/**
 * The clinician's side through the real service: clinicians write to the bot in Teams (`msteams`, AAD
 * object ids from the programme's roster); the client chats in Web Chat. Alert inbox, acknowledge,
 * summary with its chart, authoring of the safety plan and focus area, refusals and the access audit.
 */
import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { PNG } from 'pngjs';
import { startTestService, say, TestService } from '../support/service';
import { apiClient, ADMIN_KEY, Call } from '../api/apiClient';
import { t } from '../../src/i18n';
import { ClientRepository } from '../../src/client/clientRepository';
import { CONTAINERS } from '../../src/storage/containers';
import { MOOD_CHART_HEIGHT, MOOD_CHART_WIDTH } from '../../src/clinician/moodChart';

const AAD = { ana: '11111111-1111-4111-8111-111111111111', bea: '22222222-2222-4222-8222-222222222222', carl: '33333333-3333-4333-8333-333333333333' };
type Reply = Awaited<ReturnType<typeof say>>;
type CardJson = { body: Array<Record<string, unknown>>; actions?: Array<{ data: Record<string, unknown> }>; fallbackText?: string };

function card(reply: Reply): CardJson {
  const attachments = reply.activities.flatMap((a) => (a.attachments as Array<{ contentType: string; content: CardJson }> | undefined) ?? []);
  const found = attachments.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
  assert.ok(found, `an Adaptive Card was sent: ${JSON.stringify(reply.texts)}`);
  return found.content;
}
/** Every text and every submit action's data anywhere in a card. */
function walk(node: unknown, texts: string[] = [], data: Array<Record<string, unknown>> = []): { texts: string[]; data: Array<Record<string, unknown>> } {
  if (Array.isArray(node)) node.forEach((n) => walk(n, texts, data));
  else if (node && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    if (record.type === 'TextBlock' && typeof record.text === 'string') texts.push(record.text);
    if (record.type === 'Action.Submit') data.push(record.data as Record<string, unknown>);
    Object.values(record).forEach((v) => walk(v, texts, data));
  }
  return { texts, data };
}

describe('clinician in Teams', function () {
  this.timeout(60_000);
  let service: TestService;
  let call: Call;
  let mine: string;
  let carls: string;
  let alertId: string;

  const clinician = (who: keyof typeof AAD, extra: Record<string, unknown>) =>
    say(service.url, {
      channelId: 'msteams',
      conversation: { id: `teams-${who}`, conversationType: 'personal' },
      from: { id: `29:${who}`, aadObjectId: AAD[who], name: who },
      // Teams says where the person is (clientInfo), so a crisis gets that country's lines at once.
      entities: [{ type: 'clientInfo', locale: 'en-US', timezone: 'America/New_York' }],
      ...extra,
    });
  const client = (text: string) => say(service.url, { channelId: 'webchat', conversation: { id: 'client-conv' }, from: { id: 'client-user' }, text });

  before(async () => {
    service = await startTestService({ ADMIN_API_KEY: ADMIN_KEY }, { proactiveSender: { send: async () => undefined } });
    call = apiClient(service.url);
    assert.equal((await call('POST', '/programmes', { body: { id: 'north', name: 'North', defaultTimeZone: 'Europe/Madrid', defaultLocale: 'en' } })).status, 201);
    for (const [id, extra] of [
      ['bea', { language: 'es' }],
      ['ana', { backupClinicianId: 'bea', language: 'en' }],
      ['carl', {}],
    ] as const) {
      const created = await call('POST', '/programmes/north/clinicians', { body: { id, name: `Dr ${id}`, aadObjectId: AAD[id], ...extra } });
      assert.equal(created.status, 201, JSON.stringify(created.body));
    }
    const enrol = (externalId: string, clinicianId: string) =>
      call<{ client: { id: string }; enrolment: { code: string } }>('POST', '/programmes/north/clients', {
        body: { externalId, clinicianId, courseStart: '2026-01-01', courseEnd: '2027-12-31', timeZone: 'Europe/Madrid' },
      });
    const enrolled = await enrol('MRN-1', 'ana');
    mine = enrolled.body.client.id;
    carls = (await enrol('MRN-2', 'carl')).body.client.id;
    // The client links their chat with the code and finishes onboarding.
    for (const text of ['hi', 'yes', enrolled.body.enrolment.code, 'Sam', 'Europe/Madrid']) await client(text);
    assert.equal((await call<{ linked: boolean }>('GET', `/programmes/north/clients/${mine}`)).body.linked, true);
    // Three check-ins this week (today, yesterday, three days ago).
    const day = 24 * 3600 * 1000;
    for (const [ago, mood] of [[0, 7], [1, 5], [3, 2]]) {
      await new ClientRepository(service.store, { now: () => new Date(Date.now() - ago * day) }).saveCheckIn(mine, 'Europe/Madrid', { mood, interaction: { name: 'Ana', how: 'better' } });
    }
    // Exercises: two analyses this week (one kept private), one ten days ago; a script; a reflection this week and one before.
    const daysAgo = (ago: number) => new ClientRepository(service.store, { now: () => new Date(Date.now() - ago * day) });
    const analysis = (words: string, shareWithClinician: boolean) => ({
      personName: words, shareWithClinician, said: `${words}: said`, felt: `${words}: felt`, otherFelt: `${words}: other felt`, understood: `${words}: understood`, differently: `${words}: differently`,
    });
    await daysAgo(1).addCommunicationAnalysis(mine, analysis('Shared with Ana', true));
    await daysAgo(0).addCommunicationAnalysis(mine, analysis('Private note', false));
    await daysAgo(10).addCommunicationAnalysis(mine, analysis('Old shared', true));
    await daysAgo(2).addScript(mine, { personName: 'Boss', goal: 'Ask for leave', drafts: ['Rehearsal draft words'], text: 'Rehearsal draft words', checklist: [], practisedReplies: [] });
    await daysAgo(0).addReflection(mine, 'grief', { q1: 'Reflection private words' });
    await daysAgo(20).addReflection(mine, 'roleDispute', { q1: 'Old reflection words' });
  });
  after(async () => service?.dispose());

  it('greets a roster clinician as a clinician, and treats anyone else in Teams as a client', async () => {
    const hello = await clinician('ana', { text: 'hello' });
    assert.deepEqual(hello.texts, [t('en', 'clinician.help', { name: 'Dr ana' })]);

    const stranger = await say(service.url, {
      channelId: 'msteams',
      conversation: { id: 'teams-stranger', conversationType: 'personal' },
      from: { id: '29:stranger', aadObjectId: '44444444-4444-4444-8444-444444444444' },
      text: 'alerts',
    });
    assert.ok(stranger.texts.length > 0);
    assert.ok(!stranger.texts.includes(t('en', 'clinician.inbox.empty')), 'no clinician inbox for someone not on the roster');
    assert.ok(stranger.activities.every((a) => !a.attachments || !JSON.stringify(a.attachments).includes(t('en', 'clinician.inbox.title'))));
    assert.ok(stranger.texts.includes(t('en', 'onboarding.askConsent')), `goes on as a client (onboarding): ${stranger.texts.join(' | ')}`);
  });

  it('edits the safety plan through the card form, and the client sees it in the next crisis response', async () => {
    const form = card(await clinician('ana', { value: { action: 'clinician.planForm', clientId: mine } }));
    const inputs = form.body.filter((element) => element.type === 'Input.Text').map((element) => element.id);
    assert.deepEqual(inputs, ['warningSigns', 'copingStrategies', 'distractions', 'peopleToAsk', 'professionals', 'safeEnvironment', 'reasonsForLiving']);
    assert.deepEqual(form.actions?.[0].data, { action: 'clinician.savePlan', clientId: mine });

    const saved = await clinician('ana', {
      value: { action: 'clinician.savePlan', clientId: mine, warningSigns: 'Not sleeping\nPacing at night', copingStrategies: 'Walk the dog', peopleToAsk: 'My sister Lena, 555 0100', professionals: '', distractions: '', safeEnvironment: '' },
    });
    assert.deepEqual(saved.texts, [t('en', 'clinician.plan.saved', { client: 'MRN-1' })]);

    const crisis = await client('I want to kill myself tonight');
    const plan = crisis.texts.find((text) => text.startsWith(t('en', 'safety.plan.intro')));
    assert.ok(plan, `the crisis response shows the plan: ${crisis.texts.join(' | ')}`);
    assert.match(plan, /Pacing at night/);
    assert.match(plan, /My sister Lena, 555 0100/);

    const reopened = card(await clinician('ana', { value: { action: 'clinician.planForm', clientId: mine } }));
    assert.equal(reopened.body.find((element) => element.id === 'warningSigns')?.value, 'Not sleeping\nPacing at night');
  });

  it('shows the open alert in the inbox of the client’s clinician, with Acknowledge and Summary', async () => {
    const inbox = walk(card(await clinician('ana', { text: 'alerts' })));
    const ack = inbox.data.find((d) => d.action === 'acknowledgeAlert');
    assert.ok(ack, 'an Acknowledge action');
    alertId = String(ack.alertId);
    assert.deepEqual(inbox.data.find((d) => d.action === 'clinician.summary'), { action: 'clinician.summary', clientId: mine });
    assert.ok(inbox.texts[0] === t('en', 'clinician.inbox.title'));

    // Not Carl's client, and not (yet) escalated to Bea: their inboxes are empty.
    assert.deepEqual(walk(card(await clinician('carl', { text: 'alerts' }))).texts, [t('en', 'clinician.inbox.empty')]);
    assert.deepEqual(walk(card(await clinician('bea', { text: 'alertas' }))).texts, [t('es', 'clinician.inbox.empty')]);
  });

  it('screens a clinician’s own words: risk gets the crisis response, not the clinician menu', async () => {
    const reply = await clinician('carl', { text: 'honestly I want to kill myself tonight' });
    assert.ok(reply.texts.some((text) => text.includes(t('en', 'safety.urgent.areYouSafe'))), reply.texts.join('\n'));
    assert.ok(!reply.texts.includes(t('en', 'clinician.help', { name: 'Dr carl' })));
  });

  it('refuses another clinician’s client, and audits it', async () => {
    const refused = await clinician('carl', { value: { action: 'clinician.summary', clientId: mine } });
    assert.deepEqual(refused.texts, [t('en', 'clinician.refused')]);
    const byText = await clinician('carl', { text: 'summary MRN-1' });
    assert.deepEqual(byText.texts, [t('en', 'clinician.refused')]);
    const plan = await clinician('carl', { value: { action: 'clinician.savePlan', clientId: mine, warningSigns: 'overwritten' } });
    assert.deepEqual(plan.texts, [t('en', 'clinician.refused')]);
    const bea = await clinician('bea', { value: { action: 'clinician.summary', clientId: mine } });
    assert.deepEqual(bea.texts, [t('es', 'clinician.refused')]);

    const audit = await call<{ items: Array<Record<string, unknown>> }>('GET', `/programmes/north/access-audit?clientId=${mine}`);
    assert.equal(audit.status, 200);
    const refusals = audit.body.items.filter((e) => e.outcome === 'refused').map((e) => `${e.actor} ${e.action}`);
    assert.deepEqual(refusals.sort(), ['bea summary', 'carl safetyPlan.write', 'carl summary', 'carl summary']);
    const stored = await service.store.read<{ warningSigns: string[] }>(CONTAINERS.clients, mine, 'safetyPlan');
    assert.deepEqual(stored?.body.warningSigns, ['Not sleeping', 'Pacing at night'], 'the refused edit changed nothing');
  });

  it('sends the pre-session summary with the mood chart as a PNG and a text fallback', async () => {
    const summary = card(await clinician('ana', { text: 'summary MRN-1' }));
    const image = summary.body.find((element) => element.type === 'Image') as { url: string } | undefined;
    assert.ok(image && image.url.startsWith('data:image/png;base64,'), 'the chart is an embedded PNG');
    const png = PNG.sync.read(Buffer.from(image.url.slice('data:image/png;base64,'.length), 'base64'));
    assert.deepEqual([png.width, png.height], [MOOD_CHART_WIDTH, MOOD_CHART_HEIGHT]);
    const texts = walk(summary).texts;
    assert.ok(texts.includes(t('en', 'clinician.summary.adherence', { done: 3, count: 7, percent: 43 })), texts.join('\n'));
    assert.ok(texts.includes(t('en', 'clinician.summary.averageMood', { value: 4.7 })));
    assert.ok(texts.includes(t('en', 'clinician.summary.interactions', { better: 3, asExpected: 0, worse: 0 })));
    assert.match(summary.fallbackText ?? '', /Check-ins: 3 of 7 days/);
    assert.match(summary.fallbackText ?? '', new RegExp(t('en', 'clinician.summary.alertStatus.open')));

    // Exercises counted for the week, the shared analysis in full; nothing of what the client kept.
    const exercises = t('en', 'clinician.summary.exercises', { analyses: 1, scripts: 1 });
    const shared = `${t('en', 'clinician.summary.analysis.differently')}: Shared with Ana: differently`;
    for (const line of [t('en', 'clinician.summary.basis.days', { count: 7, from: '' }), exercises, shared]) {
      assert.ok(texts.includes(line), `card: ${line}\n${texts.join('\n')}`);
      assert.ok((summary.fallbackText ?? '').split('\n').includes(line), `fallback: ${line}`);
    }
    for (const secret of ['Private note', 'Rehearsal draft', 'Reflection private', 'Old shared']) assert.ok(!JSON.stringify(summary).includes(secret), `the card leaks "${secret}"`);
    assert.deepEqual(summary.actions?.map((a) => a.data.action), ['clinician.planForm', 'clinician.focusForm', 'clinician.sessionHeld']);

    // Since a given day (the last session): yesterday and today, both with a check-in.
    const yesterday = DateTime.now().setZone('Europe/Madrid').minus({ days: 1 }).toISODate();
    const since = walk(card(await clinician('ana', { text: `summary MRN-1 ${yesterday}` }))).texts;
    assert.ok(since.includes(t('en', 'clinician.summary.adherence', { done: 2, count: 2, percent: 100 })), since.join('\n'));

    const audit = await call<{ items: Array<Record<string, unknown>> }>('GET', `/programmes/north/access-audit?clientId=${mine}`);
    assert.deepEqual(
      audit.body.items.filter((e) => e.actor === 'ana' && e.action === 'summary').map((e) => [e.outcome, e.basis, e.via]),
      [
        ['allowed', 'assigned', 'teams'],
        ['allowed', 'assigned', 'teams'],
      ],
    );
  });

  it('lets the backup see an alert once it is escalated to them, in Spanish', async () => {
    const doc = await service.store.read<Record<string, unknown>>(CONTAINERS.alerts, alertId, alertId);
    assert.ok(doc);
    await service.store.upsert(CONTAINERS.alerts, alertId, alertId, { ...doc.body, stage: 'backup' });

    const inbox = walk(card(await clinician('bea', { text: 'alertas' })));
    assert.ok(inbox.texts.includes(t('es', 'clinician.inbox.escalated')));
    assert.ok(inbox.data.some((d) => d.action === 'acknowledgeAlert' && d.alertId === alertId));
    const summaryCard = card(await clinician('bea', { value: { action: 'clinician.summary', clientId: mine } }));
    const summary = walk(summaryCard);
    assert.equal(summary.texts[0], t('es', 'clinician.summary.title', { client: 'MRN-1' }));
    assert.ok(summary.texts.includes(t('es', 'clinician.summary.adherence', { done: 3, count: 7, percent: 43 })));
    assert.ok(summary.texts.includes(t('es', 'clinician.summary.exercises', { analyses: 1, scripts: 1 })), summary.texts.join('\n'));
    assert.ok(summary.texts.includes(t('es', 'clinician.summary.sharedTitle')));
    assert.ok((summaryCard.fallbackText ?? '').includes(`${t('es', 'clinician.summary.analysis.said')}: Shared with Ana: said`), summaryCard.fallbackText);
    assert.ok(!summary.data.some((d) => d.action === 'clinician.sessionHeld'), 'the backup is not offered "Session held today"');
    // Carl's client stays closed to her.
    assert.deepEqual((await clinician('bea', { value: { action: 'clinician.summary', clientId: carls } })).texts, [t('es', 'clinician.refused')]);
  });

  it('acknowledges from the inbox, and the alert drops out', async () => {
    const ack = await clinician('ana', { value: { action: 'acknowledgeAlert', alertId } });
    assert.deepEqual(ack.texts, [t('en', 'safety.ack.acknowledged')]);
    assert.deepEqual(walk(card(await clinician('ana', { text: 'alerts' }))).texts, [t('en', 'clinician.inbox.empty')]);
    const alert = await service.store.read<{ status: string; acknowledgedBy: string }>(CONTAINERS.alerts, alertId, alertId);
    assert.equal(alert?.body.status, 'acknowledged');
    assert.equal(alert?.body.acknowledgedBy, 'ana');
  });

  it('sets the focus area through the card form; the programme and the client record both have it', async () => {
    const form = card(await clinician('ana', { value: { action: 'clinician.focusForm', clientId: mine } }));
    const choices = (form.body.find((element) => element.id === 'focusArea') as { choices: Array<{ value: string }> }).choices.map((c) => c.value);
    assert.deepEqual(choices, ['grief', 'roleDispute', 'roleTransition', 'interpersonalDeficits']);
    const bad = await clinician('ana', { value: { action: 'clinician.saveFocus', clientId: mine, focusArea: 'astrology' } });
    assert.deepEqual(bad.texts, [t('en', 'clinician.focus.invalid')]);
    const saved = await clinician('ana', { value: { action: 'clinician.saveFocus', clientId: mine, focusArea: 'roleTransition' } });
    assert.deepEqual(saved.texts, [t('en', 'clinician.focus.saved', { client: 'MRN-1', focus: t('en', 'clinician.focus.roleTransition') })]);
    assert.equal((await call<{ focusArea: string }>('GET', `/programmes/north/clients/${mine}`)).body.focusArea, 'roleTransition');
    assert.equal((await new ClientRepository(service.store).getProfile(mine))?.focusArea, 'roleTransition');
    const refused = await clinician('carl', { value: { action: 'clinician.saveFocus', clientId: mine, focusArea: 'grief' } });
    assert.deepEqual(refused.texts, [t('en', 'clinician.refused')]);
    assert.equal((await new ClientRepository(service.store).getProfile(mine))?.focusArea, 'roleTransition');
  });

  it('lists only my clients', async () => {
    const list = walk(card(await clinician('ana', { text: 'clients' })));
    assert.ok(list.texts.includes(t('en', 'clinician.clients.item', { client: 'MRN-1', focus: t('en', 'clinician.focus.roleTransition') })));
    assert.ok(!list.texts.some((text) => text.includes('MRN-2')));
  });

  it('records "Session held today" for the own clinician only; the next summary starts there', async () => {
    const today = DateTime.now().setZone('Europe/Madrid').toISODate() ?? '';
    // Carl (not assigned) and Bea (backup with an escalated alert) are refused, and nothing changes.
    assert.deepEqual((await clinician('carl', { value: { action: 'clinician.sessionHeld', clientId: mine } })).texts, [t('en', 'clinician.refused')]);
    assert.deepEqual((await clinician('bea', { value: { action: 'clinician.sessionHeld', clientId: mine } })).texts, [t('es', 'clinician.refused')]);
    assert.equal((await call<{ lastSessionDate?: string }>('GET', `/programmes/north/clients/${mine}`)).body.lastSessionDate, undefined);

    const held = await clinician('ana', { value: { action: 'clinician.sessionHeld', clientId: mine } });
    assert.deepEqual(held.texts, [t('en', 'clinician.session.saved', { client: 'MRN-1', date: today })]);
    assert.equal((await call<{ lastSessionDate?: string }>('GET', `/programmes/north/clients/${mine}`)).body.lastSessionDate, today);

    const next = walk(card(await clinician('ana', { text: 'summary MRN-1' }))).texts;
    assert.ok(next.includes(t('en', 'clinician.summary.basis.lastSession', { from: today })), next.join('\n'));
    assert.ok(next.includes('Check-ins: 1 of 1 day (100%)'));
    // Today: only the private analysis (not counted) and the grief reflection (counted).
    assert.ok(next.includes(t('en', 'clinician.summary.exercises', { analyses: 0, scripts: 0 })), next.join('\n'));

    const audit = await call<{ items: Array<Record<string, unknown>> }>('GET', `/programmes/north/access-audit?clientId=${mine}`);
    assert.deepEqual(
      audit.body.items.filter((e) => e.action === 'lastSession.write').map((e) => `${e.actor} ${e.outcome} ${e.basis ?? '-'}`),
      ['ana allowed assigned', 'bea refused -', 'carl refused -'],
    );
  });

  it('says back a summary date it cannot use, and draws a year by week', async () => {
    const today = DateTime.now().setZone('Europe/Madrid').startOf('day');
    for (const date of ['2026-13-45', today.plus({ days: 1 }).toISODate(), today.minus({ days: 366 }).toISODate()]) {
      assert.deepEqual((await clinician('ana', { text: `summary MRN-1 ${date}` })).texts, [t('en', 'clinician.summary.badDate', { date: date ?? '' })], date ?? '');
    }
    const year = walk(card(await clinician('ana', { text: `summary MRN-1 ${today.minus({ days: 365 }).toISODate()}` }))).texts;
    assert.ok(year.includes(t('en', 'clinician.summary.moodChartWeekly')), year.join('\n'));
    assert.ok(year.includes(t('en', 'clinician.summary.period', { from: today.minus({ days: 365 }).toISODate() ?? '', to: today.toISODate() ?? '', count: 366 })), year.join('\n'));
  });
});
