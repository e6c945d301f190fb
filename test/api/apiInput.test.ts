/**
 * What the programme API refuses to store: names that would display as something else or break storage,
 * and reminder rules that can never fire. Each refusal is a 400 naming the field.
 */
import assert from 'node:assert/strict';
import { ApiTestServer, startApiServer } from './apiServer';
import { apiClient, Call, clientBody, clinicianBody, programmeBody } from './apiClient';

type Errors = { errors: Array<{ path: string; message: string }> };

describe('programme API: input it refuses to store', function () {
  let service: ApiTestServer;
  let call: Call;
  let clientId: string;

  before(async function () {
    service = await startApiServer({ clock: { now: () => new Date() } });
    call = apiClient(service.url);
    assert.equal((await call('POST', '/programmes', { body: programmeBody({ id: 'input' }) })).status, 201);
    assert.equal((await call('POST', '/programmes/input/clinicians', { body: clinicianBody({ id: 'ana' }) })).status, 201);
    const enrolled = await call<{ client: { id: string } }>('POST', '/programmes/input/clients', { body: clientBody('ana', { courseEnd: '2030-12-31' }) });
    clientId = enrolled.body.client.id;
  });
  after(async function () {
    await service?.stop();
  });

  const unsafe: Array<[string, string]> = [
    ['a NUL', 'Ana\u0000Ruiz'],
    ['a line break', 'Ana\nRuiz'],
    ['a lone high surrogate', 'Ana \ud83d Ruiz'],
    ['a lone low surrogate', 'Ana \ude00 Ruiz'],
    ['a right-to-left override', 'Ana \u202eziuR'],
    ['a left-to-right embedding', '\u202aAna'],
    ['a first-strong isolate', 'Ana \u2068Ruiz\u2069'],
  ];
  for (const [what, text] of unsafe) {
    it(`refuses ${what} in every name field, naming the field`, async function () {
      const attempts: Array<[string, string, Record<string, unknown>, string]> = [
        ['POST', '/programmes', programmeBody({ name: text }), 'body.name'],
        ['PATCH', '/programmes/input', { name: text }, 'body.name'],
        ['PATCH', '/programmes/input', { crisisResources: [{ name: text, contact: '024' }] }, 'body.crisisResources.0.name'],
        ['PATCH', '/programmes/input', { crisisResources: [{ name: 'Línea 024', contact: text }] }, 'body.crisisResources.0.contact'],
        ['PATCH', '/programmes/input', { onCall: { name: text, webhookUrl: 'https://oncall.example.org/hook' } }, 'body.onCall.name'],
        ['POST', '/programmes/input/keys', { label: text }, 'body.label'],
        ['POST', '/programmes/input/clinicians', clinicianBody({ name: text, aadObjectId: crypto.randomUUID() }), 'body.name'],
        ['PATCH', '/programmes/input/clinicians/ana', { name: text }, 'body.name'],
        ['POST', '/programmes/input/clients', clientBody('ana', { externalId: text }), 'body.externalId'],
      ];
      for (const [method, path, body, field] of attempts) {
        const result = await call<Errors>(method, path, { body });
        assert.equal(result.status, 400, `${method} ${path} ${field}`);
        assert.deepEqual(result.body.errors.map((e) => e.path), [field], `${method} ${path}`);
      }
      // Nothing was stored or changed.
      assert.equal((await call<{ name: string }>('GET', '/programmes/input')).body.name, 'North Clinic IPT');
      assert.equal((await call<{ name: string }>('GET', '/programmes/input/clinicians/ana')).body.name, 'Dr Ana Ruiz');
    });
  }

  it('stores names in any script, with accents, emoji and right-to-left letters', async function () {
    for (const name of ['José Ñúñez', 'Zoë 🌻', 'مريم', 'דניאל', '王秀英']) {
      const result = await call<{ name: string }>('PATCH', '/programmes/input/clinicians/ana', { body: { name } });
      assert.equal(result.status, 200, name);
      assert.equal(result.body.name, name);
    }
  });

  it('refuses an RRULE that never occurs, and keeps one that occurs rarely', async function () {
    const base = `/programmes/input/clients/${clientId}/reminders`;
    for (const rrule of ['FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30', 'FREQ=DAILY;BYMONTH=4;BYMONTHDAY=31', 'FREQ=MONTHLY;BYMONTHDAY=31;BYMONTH=6', 'FREQ=WEEKLY;UNTIL=20000101T000000Z']) {
      const result = await call<Errors>('POST', base, { body: { kind: 'checkIn', rule: { kind: 'rrule', rrule, time: '10:00' } } });
      assert.equal(result.status, 400, rrule);
      assert.equal(result.body.errors[0].path, 'body.rule.rrule');
      assert.match(result.body.errors[0].message, /never occurs/);
    }
    // Leap days and Friday the 13th are rare, not never.
    for (const rrule of ['FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29', 'FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13']) {
      const result = await call<{ nextDueAt?: string }>('POST', base, { body: { kind: 'checkIn', rule: { kind: 'rrule', rrule, time: '10:00' } } });
      assert.equal(result.status, 201, `${rrule}: ${JSON.stringify(result.body)}`);
    }
  });
});
