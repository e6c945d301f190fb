import assert from 'node:assert/strict';
import { startTestService, TestService } from '../support/service';
import { apiClient, ADMIN_KEY, Call } from '../api/apiClient';
import { ClientRepository } from '../../src/client/clientRepository';
import { fhirBundleSchema, fhirQuestionnaireResponseSchema, fhirQuestionnaireSchema } from '../../src/measures/fhir';
import { INSTRUMENTS } from '../../src/measures/instruments';
import { fhirR4Errors } from '../support/fhirR4';
import { bundleInvariantErrors, questionnaireInvariantErrors, responseAgainstQuestionnaireErrors } from '../support/fhirQuestionnaireRules';

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

  it('exports a Bundle the official FHIR R4 JSON schema and R4’s element cardinalities accept, resource by resource', async () => {
    const result = await call<{ entry: Array<{ resource: { resourceType: string } }> }>('GET', `/programmes/north/clients/${clientId}/measures?format=fhir`);
    assert.deepEqual(fhirR4Errors(result.body), []);
    assert.deepEqual(
      result.body.entry.map((e) => e.resource.resourceType),
      ['Questionnaire', 'Questionnaire', 'QuestionnaireResponse', 'QuestionnaireResponse', 'QuestionnaireResponse'],
    );
    for (const { resource } of result.body.entry) assert.deepEqual(fhirR4Errors(resource), [], resource.resourceType);
  });

  it('keeps the R4 rules a schema cannot see: bundle and questionnaire invariants, and each response against the Questionnaire its canonical names', async () => {
    const bundle = fhirBundleSchema.parse((await call<unknown>('GET', `/programmes/north/clients/${clientId}/measures?format=fhir`)).body);
    assert.deepEqual(bundleInvariantErrors(bundle), []);
    const questionnaires = bundle.entry.map((e) => e.resource).filter((r) => r.resourceType === 'Questionnaire');
    const responses = bundle.entry.map((e) => e.resource).filter((r) => r.resourceType === 'QuestionnaireResponse');
    for (const questionnaire of questionnaires) assert.deepEqual(questionnaireInvariantErrors(questionnaire), [], questionnaire.id);
    // Each canonical is version-qualified and resolves; each answer is a LOINC answer the item offers.
    for (const response of responses) assert.deepEqual(responseAgainstQuestionnaireErrors(response, questionnaires), [], response.id);
    assert.ok(responses.every((r) => /\|/.test(r.questionnaire)));
  });

  it('the official schema and the rules refuse what R4 refuses (so the checks above can fail)', async () => {
    const bundle = fhirBundleSchema.parse((await call<unknown>('GET', `/programmes/north/clients/${clientId}/measures?format=fhir`)).body);
    const response = bundle.entry.map((e) => e.resource).find((r) => r.resourceType === 'QuestionnaireResponse');
    assert.ok(response);
    const questionnaires = bundle.entry.map((e) => e.resource).filter((r) => r.resourceType === 'Questionnaire');
    const broken = structuredClone(response) as unknown as Record<string, unknown>;
    delete broken.status;
    broken.authored = '1 Nov 2026';
    broken.score = 18;
    const errors = fhirR4Errors(broken);
    assert.equal(errors.length, 3, errors.join('\n'));
    assert.equal(errors[0], 'QuestionnaireResponse: must NOT have additional properties (score)');
    assert.match(errors[1], /^QuestionnaireResponse\/authored: must match pattern/);
    assert.equal(errors[2], 'QuestionnaireResponse.status: required (min 1) but missing');
    assert.deepEqual(fhirR4Errors({ ...response, status: 'done' }), ['QuestionnaireResponse/status: must be equal to one of the allowed values']);
    assert.deepEqual(fhirR4Errors({ resourceType: 'Bundle', type: 'collection', entry: [{ resource: { ...response, item: [{ text: 'no link' }] } }] }), ['entry[0].resource QuestionnaireResponse.item.linkId: required (min 1) but missing']);
    assert.deepEqual(bundleInvariantErrors({ ...bundle, total: 3 }), ['bdl-1: total only when a search or history set']);
    const [first, ...rest] = response.item;
    const wrongAnswer = { ...response, item: [{ ...first, answer: [{ valueCoding: { system: 'http://loinc.org', code: 'LA6570-9' } }] }, ...rest.slice(0, -1), { ...rest.at(-1)!, answer: [{ valueCoding: { system: 'http://loinc.org', code: 'LA6568-5' } }] }] };
    assert.deepEqual(responseAgainstQuestionnaireErrors(wrongAnswer, questionnaires), [
      `item ${first.linkId}: http://loinc.org|LA6570-9 is not one of the item's answer options`,
      'item 44261-6: a integer item is answered with valueInteger, not valueCoding',
    ]);
    assert.deepEqual(responseAgainstQuestionnaireErrors({ ...response, questionnaire: `${INSTRUMENTS.phq9.canonical}|1.0` }, questionnaires), [
      `questionnaire: ${INSTRUMENTS.phq9.canonical}|1.0 does not resolve to a Questionnaire in the export`,
    ]);
    assert.deepEqual(responseAgainstQuestionnaireErrors({ ...response, item: rest }, questionnaires), [`item ${first.linkId}: required but unanswered in a completed response`]);
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

