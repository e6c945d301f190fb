/** The clinician's data through the programme API: summary, safety plan, focus area and the access audit. */
import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { startTestService, say, TestService } from '../support/service';
import { apiClient, ADMIN_KEY, Call } from '../api/apiClient';
import { t } from '../../src/i18n';
import { ClientRepository } from '../../src/client/clientRepository';

describe('clinician API', function () {
  this.timeout(60_000);
  let service: TestService;
  let call: Call;
  let clientId: string;
  let otherKey: string;

  const client = (text: string) => say(service.url, { channelId: 'webchat', conversation: { id: 'api-client-conv' }, from: { id: 'api-client' }, text });

  before(async () => {
    service = await startTestService({ ADMIN_API_KEY: ADMIN_KEY }, { proactiveSender: { send: async () => undefined } });
    call = apiClient(service.url);
    for (const id of ['north', 'south']) {
      assert.equal((await call('POST', '/programmes', { body: { id, name: id, defaultTimeZone: 'Europe/Madrid', defaultLocale: 'en' } })).status, 201);
    }
    otherKey = (await call<{ key: string }>('POST', '/programmes/south/keys', { body: {} })).body.key;
    await call('POST', '/programmes/north/clinicians', { body: { id: 'ana', name: 'Dr Ana', aadObjectId: '11111111-1111-4111-8111-111111111111' } });
    const enrolled = await call<{ client: { id: string }; enrolment: { code: string } }>('POST', '/programmes/north/clients', {
      body: { externalId: 'MRN-7', clinicianId: 'ana', courseStart: '2026-01-01', courseEnd: '2027-12-31', timeZone: 'Europe/Madrid' },
    });
    clientId = enrolled.body.client.id;
    for (const text of ['hi', 'yes', enrolled.body.enrolment.code, 'Kim', 'Europe/Madrid']) await client(text);
    const day = 24 * 3600 * 1000;
    for (const [ago, mood] of [[0, 6], [2, 8]]) await new ClientRepository(service.store, { now: () => new Date(Date.now() - ago * day) }).saveCheckIn(clientId, 'Europe/Madrid', { mood });
  });
  after(async () => service?.dispose());

  it('returns the summary as JSON for a period, and audits the read', async () => {
    const week = await call<{ adherence: Record<string, number>; averageMood: number; mood: unknown[] }>('GET', `/programmes/north/clients/${clientId}/summary`);
    assert.equal(week.status, 200, JSON.stringify(week.body));
    assert.deepEqual(week.body.adherence, { daysWithCheckIn: 2, days: 7, ratio: 0.29 });
    assert.equal(week.body.averageMood, 7);
    assert.equal(week.body.mood.length, 7);
    const short = await call<{ adherence: Record<string, number> }>('GET', `/programmes/north/clients/${clientId}/summary?days=2`);
    assert.deepEqual(short.body.adherence, { daysWithCheckIn: 1, days: 2, ratio: 0.5 });
    assert.equal((await call('GET', `/programmes/north/clients/${clientId}/summary?days=0`)).status, 400);
    assert.equal((await call('GET', `/programmes/north/clients/${clientId}/summary`, { key: otherKey })).status, 404, "another programme's key sees nothing");

    const audit = await call<{ items: Array<Record<string, unknown>> }>('GET', '/programmes/north/access-audit');
    assert.deepEqual(
      audit.body.items.map((e) => [e.actor, e.via, e.clientId, e.action, e.outcome]),
      [
        ['admin', 'api', clientId, 'summary', 'allowed'],
        ['admin', 'api', clientId, 'summary', 'allowed'],
      ],
    );
  });

  it('writes the safety plan (validated), which the next crisis response shows', async () => {
    const bad = await call<{ errors: Array<{ path: string }> }>('PUT', `/programmes/north/clients/${clientId}/safety-plan`, { body: { warningSigns: ['x'], colour: 'blue' } });
    assert.equal(bad.status, 400);
    const put = await call<{ warningSigns: string[]; professionals: string[] }>('PUT', `/programmes/north/clients/${clientId}/safety-plan`, {
      body: { warningSigns: ['Skipping meals'], professionals: ['Dr Ana, 555 0199'] },
    });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    assert.deepEqual(put.body.professionals, ['Dr Ana, 555 0199']);
    assert.deepEqual((await call<{ warningSigns: string[] }>('GET', `/programmes/north/clients/${clientId}/safety-plan`)).body.warningSigns, ['Skipping meals']);

    const crisis = await client('I want to kill myself');
    const plan = crisis.texts.find((text) => text.startsWith(t('en', 'safety.plan.intro')));
    assert.ok(plan, crisis.texts.join(' | '));
    assert.match(plan, /Dr Ana, 555 0199/);
  });

  it('sets the focus area on the programme client and the client record', async () => {
    assert.equal((await call('PUT', `/programmes/north/clients/${clientId}/focus-area`, { body: { focusArea: 'tarot' } })).status, 400);
    const put = await call<{ focusArea: string }>('PUT', `/programmes/north/clients/${clientId}/focus-area`, { body: { focusArea: 'grief' } });
    assert.deepEqual(put.body, { focusArea: 'grief' });
    assert.equal((await call<{ focusArea: string }>('GET', `/programmes/north/clients/${clientId}`)).body.focusArea, 'grief');
    assert.equal((await new ClientRepository(service.store).getProfile(clientId))?.focusArea, 'grief');
    const actions = (await call<{ items: Array<{ action: string }> }>('GET', `/programmes/north/access-audit?clientId=${clientId}`)).body.items.map((e) => e.action);
    // Newest first; the earlier tests' entries can share a millisecond, and entries of the same instant have no order.
    assert.equal(actions[0], 'focusArea.write');
    assert.deepEqual(actions.slice(1, 4).sort(), ['safetyPlan.read', 'safetyPlan.write', 'summary']);
  });

  it('documents the routes in the OpenAPI document', async () => {
    const doc = await call<{ paths: Record<string, Record<string, unknown>> }>('GET', '/openapi.json', { key: null });
    assert.ok(doc.body.paths['/api/v1/programmes/{programmeId}/access-audit']?.get ?? doc.body.paths['/programmes/{programmeId}/access-audit']?.get, Object.keys(doc.body.paths).join('\n'));
    const plan = doc.body.paths['/api/v1/programmes/{programmeId}/clients/{clientId}/safety-plan'] ?? doc.body.paths['/programmes/{programmeId}/clients/{clientId}/safety-plan'];
    assert.ok(plan?.put && plan.get);
  });

  it('starts the summary at the lastSessionDate the programme PATCHes on the client, and null clears it', async () => {
    const repo = (ago: number) => new ClientRepository(service.store, { now: () => new Date(Date.now() - ago * 24 * 3600 * 1000) });
    const parts = (words: string) => ({ said: `${words} said`, felt: `${words} felt`, otherFelt: `${words} other`, understood: `${words} understood`, differently: `${words} differently` });
    await repo(1).addCommunicationAnalysis(clientId, { personName: 'Lena', shareWithClinician: true, ...parts('Shared') });
    await repo(1).addCommunicationAnalysis(clientId, { personName: 'Omar', shareWithClinician: false, ...parts('Unshared') });
    await repo(4).addCommunicationAnalysis(clientId, { personName: 'Lena', shareWithClinician: true, ...parts('Before the session') });
    await repo(0).addReflection(clientId, 'roleTransition', { q1: 'my own words' });
    const twoDaysAgo = DateTime.now().setZone('Europe/Madrid').minus({ days: 2 }).toISODate();
    const path = `/programmes/north/clients/${clientId}`;
    type SummaryBody = { period: Record<string, unknown>; adherence: Record<string, number>; exercises: Record<string, unknown>; sharedAnalyses: Array<Record<string, string>> };

    assert.equal((await call('PATCH', path, { body: { lastSessionDate: '2026-02-30' } })).status, 400);
    const patched = await call<{ lastSessionDate?: string }>('PATCH', path, { body: { lastSessionDate: twoDaysAgo } });
    assert.equal(patched.status, 200, JSON.stringify(patched.body));
    assert.equal(patched.body.lastSessionDate, twoDaysAgo);

    const since = await call<SummaryBody>('GET', `${path}/summary`);
    assert.equal(since.status, 200, JSON.stringify(since.body));
    assert.deepEqual(since.body.period, { from: twoDaysAgo, to: DateTime.now().setZone('Europe/Madrid').toISODate(), days: 3, timeZone: 'Europe/Madrid', basis: 'lastSession' });
    assert.deepEqual(since.body.adherence, { daysWithCheckIn: 2, days: 3, ratio: 0.67 });
    assert.deepEqual(since.body.exercises, { communicationAnalyses: 1, scripts: 0, reflections: { grief: 0, roleDispute: 0, roleTransition: 1, interpersonalDeficits: 0 }, connectionGoals: { set: 0, done: 0, partly: 0, notYet: 0 }, followUps: { disputeSteps: { done: 0, partly: 0, notYet: 0 }, talks: { done: 0, partly: 0, notYet: 0 }, transitionNeeds: { done: 0, partly: 0, notYet: 0 } } });
    assert.deepEqual(
      since.body.sharedAnalyses.map((a) => [a.name, a.said, a.differently]),
      [['Lena', 'Shared said', 'Shared differently']],
    );
    assert.ok(!JSON.stringify(since.body).includes('Unshared') && !JSON.stringify(since.body).includes('Omar') && !JSON.stringify(since.body).includes('my own words'));
    // An explicit period still wins over the last session.
    assert.equal((await call<SummaryBody>('GET', `${path}/summary?days=7`)).body.period.basis, 'days');

    const cleared = await call<{ lastSessionDate?: string }>('PATCH', path, { body: { lastSessionDate: null } });
    assert.equal(cleared.status, 200);
    assert.equal('lastSessionDate' in cleared.body, false);
    const week = await call<SummaryBody>('GET', `${path}/summary`);
    assert.deepEqual([week.body.period.basis, week.body.period.days], ['days', 7]);
    assert.equal(week.body.exercises.communicationAnalyses, 2);
    assert.deepEqual(week.body.sharedAnalyses.map((a) => a.said), ['Before the session said', 'Shared said']);
  });
});
