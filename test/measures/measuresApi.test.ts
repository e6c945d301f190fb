import assert from 'node:assert/strict';
import { startTestService, TestService } from '../support/service';
import { apiClient, ADMIN_KEY, Call } from '../api/apiClient';
import { ClientRepository } from '../../src/client/clientRepository';
import { fhirBundleSchema, fhirQuestionnaireResponseSchema, fhirQuestionnaireSchema } from '../../src/measures/fhir';
import { INSTRUMENTS } from '../../src/measures/instruments';

describe('measures through the programme API', function () {
  this.timeout(60_000);
  let service: TestService;
  let call: Call;
  let clientId: string;
  let southClientId: string;
  let southKey: string;

  before(async () => {
    service = await startTestService({ ADMIN_API_KEY: ADMIN_KEY }, { proactiveSender: { send: async () => undefined } });
    call = apiClient(service.url);
    for (const id of ['north', 'south']) {
      assert.equal((await call('POST', '/programmes', { body: { id, name: id, defaultTimeZone: 'Europe/Madrid', defaultLocale: 'en' } })).status, 201);
      await call('POST', `/programmes/${id}/clinicians`, { body: { id: 'ana', name: 'Dr Ana', aadObjectId: crypto.randomUUID() } });
    }
    southKey = (await call<{ key: string }>('POST', '/programmes/south/keys', { body: {} })).body.key;
    const enrol = async (programme: string, externalId: string) =>
      (await call<{ client: { id: string } }>('POST', `/programmes/${programme}/clients`, { body: { externalId, clinicianId: 'ana', courseStart: '2026-01-01', courseEnd: '2027-12-31' } })).body.client.id;
    clientId = await enrol('north', 'MRN-7');
    southClientId = await enrol('south', 'MRN-8');
    let at = Date.parse('2026-11-01T10:00:00Z');
    const repo = new ClientRepository(service.store, { now: () => new Date(at) });
    await repo.addMeasure(clientId, { instrument: 'phq9', language: 'en', startedAt: new Date(at).toISOString(), answers: [3, 3, 2, 2, 2, 2, 2, 1, 1], source: 'scheduled' });
    at += 14 * 86_400_000;
    await repo.addMeasure(clientId, { instrument: 'phq9', language: 'es', startedAt: new Date(at).toISOString(), answers: [1, 1, 1, 1, 1, 1, 1, 1, 0], source: 'scheduled' });
    at += 10 * 60_000;
    await repo.addMeasure(clientId, { instrument: 'gad7', language: 'es', startedAt: new Date(at).toISOString(), answers: [2, 2, 2, 1, 1, 1, 1], source: 'client' });
  });
  after(async () => service?.dispose());

  it('returns every measure with its answers and the outcome per instrument as JSON', async () => {
    const result = await call<{ items: Array<{ instrument: string; total: number; band: string; answers: number[] }>; outcomes: Array<{ instrument: string; sinceBaseline?: { points: number; reliable: string }; response?: boolean }> }>(
      'GET',
      `/programmes/north/clients/${clientId}/measures`,
    );
    assert.equal(result.status, 200, JSON.stringify(result.body));
    assert.deepEqual(result.body.items.map((m) => [m.instrument, m.total, m.band]), [['phq9', 18, 'moderatelySevere'], ['phq9', 8, 'mild'], ['gad7', 10, 'moderate']]);
    assert.deepEqual(result.body.items[1].answers, [1, 1, 1, 1, 1, 1, 1, 1, 0]);
    const [phq9] = result.body.outcomes;
    assert.deepEqual(phq9.sinceBaseline, { points: -10, reliable: 'improved' });
    assert.equal(phq9.response, true);
  });

  it('returns FHIR R4 QuestionnaireResponses with the Questionnaire canonical of each instrument, valid against the R4 rules of what is emitted', async () => {
    const result = await call<unknown>('GET', `/programmes/north/clients/${clientId}/measures?format=fhir`);
    assert.equal(result.status, 200);
    const bundle = fhirBundleSchema.parse(result.body);
    const questionnaires = bundle.entry.map((e) => e.resource).filter((r) => r.resourceType === 'Questionnaire').map((r) => fhirQuestionnaireSchema.parse(r));
    const responses = bundle.entry.map((e) => e.resource).filter((r) => r.resourceType === 'QuestionnaireResponse').map((r) => fhirQuestionnaireResponseSchema.parse(r));
    assert.deepEqual(questionnaires.map((q) => q.url), [INSTRUMENTS.phq9.canonical, INSTRUMENTS.gad7.canonical]);
    assert.equal(responses.length, 3);
    const [first, second] = responses;
    assert.equal(first.questionnaire, `${INSTRUMENTS.phq9.canonical}|${INSTRUMENTS.phq9.version}`);
    assert.equal(first.status, 'completed');
    assert.deepEqual(first.subject.identifier, { system: 'urn:ipt-companion:programme:north:client', value: 'MRN-7' });
    assert.equal(first.item.length, 10, 'nine items and the total');
    assert.deepEqual(first.item[0].answer, [{ valueCoding: { system: 'http://loinc.org', code: 'LA6571-9', display: 'Nearly every day' } }]);
    assert.deepEqual(first.item.at(-1), { linkId: '44261-6', text: 'Total score', answer: [{ valueInteger: 18 }] });
    assert.equal(second.language, 'es');
    assert.equal(second.item[0].text, INSTRUMENTS.phq9.text.es.items[0]);
    // Every item of a response is an item of its Questionnaire.
    const phq9Items = new Set(questionnaires[0].item.map((i) => i.linkId));
    assert.ok(first.item.every((i) => phq9Items.has(i.linkId)));
  });

  it('the schemas refuse what R4 refuses (so the check above can fail)', () => {
    assert.equal(fhirQuestionnaireResponseSchema.safeParse({ resourceType: 'QuestionnaireResponse', id: 'x', questionnaire: 'u', status: 'done', subject: { identifier: { system: 's', value: 'v' } }, authored: '2026-11-01', language: 'en', item: [] }).success, false);
    assert.equal(
      fhirQuestionnaireResponseSchema.safeParse({ resourceType: 'QuestionnaireResponse', id: 'x', questionnaire: 'u', status: 'completed', subject: { identifier: { system: 's', value: 'v' } }, authored: '1 Nov 2026', language: 'en', item: [{ linkId: 'a', text: 't', answer: [{ valueInteger: 1 }] }] }).success,
      false,
    );
  });

  it('answers 404 for another programme’s client and 400 for an unknown format', async () => {
    assert.equal((await call('GET', `/programmes/north/clients/${southClientId}/measures`)).status, 404);
    assert.equal((await call('GET', `/programmes/north/clients/${clientId}/measures`, { key: southKey })).status, 404);
    assert.equal((await call('GET', `/programmes/south/clients/${clientId}/measures?format=fhir`, { key: southKey })).status, 404);
    const bad = await call<{ errors: Array<{ path: string }> }>('GET', `/programmes/north/clients/${clientId}/measures?format=xml`);
    assert.equal(bad.status, 400);
    assert.equal(bad.body.errors[0].path, 'query.format');
  });

  it('exports the programme’s de-identified outcomes as CSV: a pseudonym per client, no names, ids or dates', async () => {
    const get = (path: string, key = ADMIN_KEY) => fetch(`${service.url}/api/v1${path}`, { headers: { authorization: `Bearer ${key}` } });
    const response = await get('/programmes/north/measure-outcomes');
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/csv/);
    const lines = (await response.text()).trim().split('\r\n');
    assert.equal(lines[0], 'participant,instrument,measures,baseline,latest,change,reliableChange,response,remission,weeks');
    const rows = lines.slice(1).map((line) => line.split(','));
    assert.deepEqual(rows.map((r) => r.slice(1)), [
      ['gad7', '1', '10', '10', '', '', '', '', '0'],
      ['phq9', '2', '18', '8', '-10', 'improved', 'true', 'false', '2'],
    ]);
    assert.match(rows[0][0], /^[0-9a-f]{16}$/);
    assert.equal(rows[0][0], rows[1][0], 'one pseudonym per client');
    const text = lines.join('\n');
    assert.ok(!text.includes('MRN-7') && !text.includes(clientId) && !text.includes('2026-'), 'nothing that names the client or a day');
    assert.equal((await get('/programmes/north/measure-outcomes', southKey)).status, 404);
  });
});

