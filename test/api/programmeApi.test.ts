import assert from 'node:assert/strict';
import { ApiTestServer, startApiServer } from './apiServer';
import { ADMIN_KEY, apiClient, Call, clientBody, clinicianBody, programmeBody } from './apiClient';

type Errors = { errors: Array<{ path: string; message: string }> };
const NOW = new Date('2026-11-25T12:00:00Z');

describe('programme API', function () {
  let service: ApiTestServer;
  let call: Call;

  before(async function () {
    service = await startApiServer({ clock: { now: () => NOW }, maxBodyBytes: 4096 });
    call = apiClient(service.url);
  });
  after(async function () {
    await service?.stop();
  });

  /** A programme with a key of its own, a clinician and an enrolled client. */
  async function setUp(id: string) {
    const programme = await call('POST', '/programmes', { body: programmeBody({ id }) });
    assert.equal(programme.status, 201, JSON.stringify(programme.body));
    const issued = await call<{ key: string; keyId: string }>('POST', `/programmes/${id}/keys`, { body: { label: 'ops' } });
    assert.equal(issued.status, 201);
    const key = issued.body.key;
    const clinician = await call<{ id: string }>('POST', `/programmes/${id}/clinicians`, { key, body: clinicianBody({ id: 'ana', aadObjectId: crypto.randomUUID() }) });
    assert.equal(clinician.status, 201, JSON.stringify(clinician.body));
    const client = await call<{ client: { id: string }; enrolment: { code: string } }>('POST', `/programmes/${id}/clients`, { key, body: clientBody('ana') });
    assert.equal(client.status, 201, JSON.stringify(client.body));
    return { key, keyId: issued.body.keyId, clientId: client.body.client.id, code: client.body.enrolment.code };
  }

  describe('authentication', function () {
    it('answers 401 with a Bearer challenge without a key, with a wrong key, or with a malformed header', async function () {
      for (const key of [null, 'wrong-key', '']) {
        const result = await call<Errors>('GET', '/programmes', { key });
        assert.equal(result.status, 401, `key ${key}`);
        assert.equal(result.headers.get('www-authenticate'), 'Bearer');
        assert.equal(result.body.errors[0].path, 'authorization');
      }
      const response = await fetch(`${service.url}/api/v1/programmes`, { headers: { authorization: `Basic ${ADMIN_KEY}` } });
      assert.equal(response.status, 401);
    });

    it('lets a programme key see its own programme only: another programme id is 404, as if it did not exist', async function () {
      const a = await setUp('auth-a');
      const b = await setUp('auth-b');
      assert.equal((await call('GET', '/programmes/auth-a', { key: a.key })).status, 200);
      for (const path of ['/programmes/auth-b', '/programmes/auth-b/clients', `/programmes/auth-b/clients/${b.clientId}`, '/programmes/auth-b/clinicians/ana', '/programmes/auth-b/alerts', '/programmes/no-such-programme']) {
        const result = await call<Errors>('GET', path, { key: a.key });
        assert.equal(result.status, 404, path);
      }
      const patch = await call('PATCH', '/programmes/auth-b', { key: a.key, body: { name: 'Taken over' } });
      assert.equal(patch.status, 404);
      assert.equal(((await call<{ name: string }>('GET', '/programmes/auth-b')).body).name, 'North Clinic IPT');
      // Another programme's client id under one's own programme is not found either.
      assert.equal((await call('GET', `/programmes/auth-a/clients/${b.clientId}`, { key: a.key })).status, 404);
      const listed = await call<{ items: Array<{ id: string }> }>('GET', '/programmes', { key: a.key });
      assert.deepEqual(listed.body.items.map((p) => p.id), ['auth-a']);
    });

    it('keeps admin operations for the admin key (403 for a programme key)', async function () {
      const a = await setUp('auth-c');
      assert.equal((await call('POST', '/programmes', { key: a.key, body: programmeBody() })).status, 403);
      assert.equal((await call('POST', '/programmes/auth-c/keys', { key: a.key, body: {} })).status, 403);
      assert.equal((await call('GET', '/programmes/auth-c/keys', { key: a.key })).status, 403);
    });

    it('stops accepting a revoked key at once, and never lists the key itself', async function () {
      const a = await setUp('auth-d');
      const keys = await call<{ items: Array<Record<string, unknown>> }>('GET', '/programmes/auth-d/keys');
      assert.equal(keys.body.items.length, 1);
      assert.equal(keys.body.items[0].key, undefined);
      assert.equal(keys.body.items[0].hash, undefined);
      const revoked = await call<{ revokedAt: string }>('DELETE', `/programmes/auth-d/keys/${a.keyId}`);
      assert.equal(revoked.status, 200);
      assert.ok(revoked.body.revokedAt);
      assert.equal((await call('GET', '/programmes/auth-d', { key: a.key })).status, 401);
      assert.equal((await call('DELETE', `/programmes/auth-d/keys/${crypto.randomUUID()}`)).status, 404);
    });
  });

  describe('programmes', function () {
    it('creates a programme with defaults and keeps the webhook secret to itself', async function () {
      const created = await call<Record<string, unknown>>('POST', '/programmes', {
        body: programmeBody({ id: 'prog-1', alertWebhook: { url: 'https://paging.example.org/ipt', secret: 's'.repeat(40) }, crisisResources: [{ region: 'ES', name: 'Línea 024', contact: '024' }] }),
      });
      assert.equal(created.status, 201);
      assert.equal(created.body.ackTimeoutMinutes, 15);
      assert.deepEqual(created.body.alertWebhook, { url: 'https://paging.example.org/ipt', hasSecret: true, rotating: false, includeExcerpt: false });
      assert.ok(!JSON.stringify(created.body).includes('sssss'));
      const withExcerpt = await call<Record<string, unknown>>('PATCH', '/programmes/prog-1', { body: { alertWebhook: { url: 'https://paging.example.org/ipt', secret: 's'.repeat(40), includeExcerpt: true } } });
      assert.deepEqual(withExcerpt.body.alertWebhook, { url: 'https://paging.example.org/ipt', hasSecret: true, rotating: false, includeExcerpt: true });
      assert.equal((await call('PATCH', '/programmes/prog-1', { body: { alertWebhook: { url: 'https://paging.example.org/ipt', secret: 's'.repeat(40), includeExcerpt: 'yes' } } })).status, 400);
      // Rotation: the new secret signs with the old one until the old one is removed; neither is ever shown.
      const rotating = await call<Record<string, unknown>>('PATCH', '/programmes/prog-1', { body: { alertWebhook: { url: 'https://paging.example.org/ipt', secret: 'n'.repeat(40), previousSecret: 's'.repeat(40) } } });
      assert.deepEqual(rotating.body.alertWebhook, { url: 'https://paging.example.org/ipt', hasSecret: true, rotating: true, includeExcerpt: false });
      assert.ok(!/nnnnn|sssss/.test(JSON.stringify(rotating.body)));
      const shortPrevious = await call<Errors>('PATCH', '/programmes/prog-1', { body: { alertWebhook: { secret: 'n'.repeat(40), previousSecret: 'short' } } });
      assert.equal(shortPrevious.status, 400);
      assert.equal(shortPrevious.body.errors[0].path, 'body.alertWebhook.previousSecret');
      const duplicate = await call<Errors>('POST', '/programmes', { body: programmeBody({ id: 'prog-1' }) });
      assert.equal(duplicate.status, 409);
      assert.match(duplicate.body.errors[0].message, /already exists/);
    });

    it('keeps the programme’s own out-of-hours line, rejects a bad one field by field, and clears it with null', async function () {
      const line = { name: 'Clínica Norte, guardia', phone: '+34 900 123 456', hours: 'weekdays 18:00–08:00 and weekends' };
      const created = await call<Record<string, unknown>>('POST', '/programmes', { body: programmeBody({ id: 'prog-ooh', outOfHoursLine: line }) });
      assert.equal(created.status, 201);
      assert.deepEqual(created.body.outOfHoursLine, line);
      assert.deepEqual((await call<Record<string, unknown>>('GET', '/programmes/prog-ooh')).body.outOfHoursLine, line);
      const bad = await call<Errors>('PATCH', '/programmes/prog-ooh', { body: { outOfHoursLine: { name: '', phone: 'call us', extra: 1 } } });
      assert.equal(bad.status, 400);
      assert.deepEqual(bad.body.errors.map((e) => e.path).sort(), ['body.outOfHoursLine', 'body.outOfHoursLine.name', 'body.outOfHoursLine.phone']);
      assert.match(bad.body.errors.find((e) => e.path === 'body.outOfHoursLine.phone')!.message, /phone number/);
      const noHours = await call<Record<string, unknown>>('PATCH', '/programmes/prog-ooh', { body: { outOfHoursLine: { name: 'Guardia', phone: '900 123 456' } } });
      assert.deepEqual(noHours.body.outOfHoursLine, { name: 'Guardia', phone: '900 123 456' });
      const cleared = await call<Record<string, unknown>>('PATCH', '/programmes/prog-ooh', { body: { outOfHoursLine: null } });
      assert.equal(cleared.status, 200);
      assert.equal(cleared.body.outOfHoursLine, undefined);
    });

    it('rejects unknown fields and bad values with the path and a reason for each', async function () {
      const result = await call<Errors>('POST', '/programmes', {
        body: { name: '', defaultTimeZone: 'Mars/Olympus', ackTimeoutMinutes: 0, colour: 'blue', alertWebhook: { url: 'ftp://x', secret: 'short' } },
      });
      assert.equal(result.status, 400);
      const paths = result.body.errors.map((e) => e.path).sort();
      assert.deepEqual(paths, ['body', 'body.ackTimeoutMinutes', 'body.alertWebhook.secret', 'body.alertWebhook.url', 'body.defaultTimeZone', 'body.name']);
      assert.match(result.body.errors.find((e) => e.path === 'body')!.message, /unknown field "colour"/);
      assert.match(result.body.errors.find((e) => e.path === 'body.defaultTimeZone')!.message, /IANA/);
    });

    it('rejects a body that is not a JSON object, and a body over the limit with 413', async function () {
      assert.equal((await call<Errors>('POST', '/programmes', { raw: '[1,2]' })).status, 400);
      assert.equal((await call('POST', '/programmes', { raw: '{"name": ' })).status, 400);
      const missing = await call<Errors>('POST', '/programmes');
      assert.equal(missing.status, 400);
      assert.equal(missing.body.errors[0].path, 'body');
      const large = await call('POST', '/programmes', { body: programmeBody({ name: 'x'.repeat(5000) }) });
      assert.equal(large.status, 413);
    });

    it('changes a programme; null removes an optional setting; unknown fields are refused', async function () {
      // The on-call's webhook is signed with the programme's secret, so it needs one.
      const created = await call('POST', '/programmes', { body: programmeBody({ id: 'prog-2', onCall: { name: 'On call', webhookUrl: 'https://oncall.example.org/' }, alertWebhook: { secret: 'x'.repeat(32) } }) });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const changed = await call<Record<string, unknown>>('PATCH', '/programmes/prog-2', { body: { ackTimeoutMinutes: 5, onCall: null } });
      assert.equal(changed.status, 200);
      assert.equal(changed.body.ackTimeoutMinutes, 5);
      assert.equal(changed.body.onCall, undefined);
      assert.equal((await call('PATCH', '/programmes/prog-2', { body: { id: 'other' } })).status, 400);
      assert.equal((await call('PATCH', '/programmes/prog-2', { body: { onCall: { name: 'nobody' } } })).status, 400);
      assert.equal((await call('PATCH', '/programmes/bad id!', { body: {} })).status, 400);
    });
  });

  describe('clinicians', function () {
    it('adds, lists, reads, changes and removes clinicians, with conflicts as 409', async function () {
      const { key } = await setUp('clin-1');
      const aad = crypto.randomUUID();
      const bea = await call<Record<string, unknown>>('POST', '/programmes/clin-1/clinicians', { key, body: clinicianBody({ id: 'bea', name: 'Bea', aadObjectId: aad, backupClinicianId: 'ana' }) });
      assert.equal(bea.status, 201);
      assert.equal(bea.body.backupClinicianId, 'ana');
      assert.equal((await call('POST', '/programmes/clin-1/clinicians', { key, body: clinicianBody({ id: 'bea', aadObjectId: crypto.randomUUID() }) })).status, 409);
      assert.equal((await call('POST', '/programmes/clin-1/clinicians', { key, body: clinicianBody({ id: 'carl', aadObjectId: aad }) })).status, 409);
      const badBackup = await call<Errors>('POST', '/programmes/clin-1/clinicians', { key, body: clinicianBody({ id: 'dan', aadObjectId: crypto.randomUUID(), backupClinicianId: 'nobody' }) });
      assert.equal(badBackup.status, 400);
      assert.equal(badBackup.body.errors[0].path, 'body.backupClinicianId');
      assert.equal((await call('POST', '/programmes/clin-1/clinicians', { key, body: clinicianBody({ aadObjectId: 'not-a-guid' }) })).status, 400);
      assert.equal((await call('POST', '/programmes/clin-1/clinicians', { key, body: clinicianBody({ pager: '123' }) })).status, 400);

      const list = await call<{ items: Array<{ id: string }> }>('GET', '/programmes/clin-1/clinicians', { key });
      assert.deepEqual(list.body.items.map((c) => c.id).sort(), ['ana', 'bea']);
      const changed = await call<Record<string, unknown>>('PATCH', '/programmes/clin-1/clinicians/bea', { key, body: { name: 'Beatriz', backupClinicianId: null } });
      assert.equal(changed.body.name, 'Beatriz');
      assert.equal(changed.body.backupClinicianId, undefined);
      assert.equal((await call('PATCH', '/programmes/clin-1/clinicians/bea', { key, body: { backupClinicianId: 'bea' } })).status, 400);
      assert.equal((await call('GET', '/programmes/clin-1/clinicians/zed', { key })).status, 404);

      // Ana has a client: she cannot be removed until they move.
      assert.equal((await call('DELETE', '/programmes/clin-1/clinicians/ana', { key })).status, 409);
      assert.equal((await call('DELETE', '/programmes/clin-1/clinicians/bea', { key })).status, 204);
      assert.equal((await call('GET', '/programmes/clin-1/clinicians/bea', { key })).status, 404);
    });
  });

  describe('clients', function () {
    it('enrols a client with a readable one-time code that expires in 14 days', async function () {
      const { key } = await setUp('cli-1');
      const enrolled = await call<{ client: Record<string, unknown>; enrolment: { code: string; expiresAt: string } }>('POST', '/programmes/cli-1/clients', {
        key,
        body: clientBody('ana', { externalId: 'MRN-2', timeZone: 'America/New_York' }),
      });
      assert.equal(enrolled.status, 201);
      assert.match(enrolled.body.enrolment.code, /^[2-9A-HJKMNP-TW-Z]{4}-[2-9A-HJKMNP-TW-Z]{4}$/);
      assert.equal(enrolled.body.enrolment.expiresAt, '2026-12-09T12:00:00.000Z');
      assert.equal(enrolled.body.client.status, 'enrolled');
      assert.equal(enrolled.body.client.linked, false);
      assert.equal(enrolled.body.client.locale, 'es'); // the programme's default
      assert.equal(enrolled.body.client.timeZone, 'America/New_York');
      assert.equal(enrolled.body.client.enrolmentCodeHash, undefined);
    });

    it('refuses a duplicate external id (409), an unknown clinician, reversed course dates and unknown fields (400)', async function () {
      const { key } = await setUp('cli-2');
      assert.equal((await call('POST', '/programmes/cli-2/clients', { key, body: clientBody('ana') })).status, 409);
      const unknownClinician = await call<Errors>('POST', '/programmes/cli-2/clients', { key, body: clientBody('zed', { externalId: 'x1' }) });
      assert.equal(unknownClinician.status, 400);
      assert.equal(unknownClinician.body.errors[0].path, 'body.clinicianId');
      const reversed = await call<Errors>('POST', '/programmes/cli-2/clients', { key, body: clientBody('ana', { externalId: 'x2', courseStart: '2027-01-01', courseEnd: '2026-01-01' }) });
      assert.equal(reversed.status, 400);
      assert.equal(reversed.body.errors[0].path, 'body.courseEnd');
      assert.equal((await call('POST', '/programmes/cli-2/clients', { key, body: clientBody('ana', { externalId: 'x3', diagnosis: 'none' }) })).status, 400);
      assert.equal((await call('POST', '/programmes/cli-2/clients', { key, body: clientBody('ana', { externalId: 'x4', courseStart: '2026-02-30' }) })).status, 400);
      assert.equal((await call('POST', '/programmes/cli-2/clients', { key, body: clientBody('ana', { externalId: 'x5', focusArea: 'anxiety' }) })).status, 400);
    });

    it('lists with filters, reads, changes, re-issues a code and removes a client', async function () {
      const { key, clientId } = await setUp('cli-3');
      const list = await call<{ items: Array<{ id: string }> }>('GET', '/programmes/cli-3/clients?status=enrolled&clinicianId=ana', { key });
      assert.deepEqual(list.body.items.map((c) => c.id), [clientId]);
      assert.equal((await call<{ items: unknown[] }>('GET', '/programmes/cli-3/clients?status=linked', { key })).body.items.length, 0);
      const badQuery = await call<Errors>('GET', '/programmes/cli-3/clients?colour=red', { key });
      assert.equal(badQuery.status, 400);
      assert.equal(badQuery.body.errors[0].path, 'query');
      assert.equal((await call('GET', '/programmes/cli-3/clients?status=sleeping', { key })).status, 400);
      assert.equal((await call('GET', '/programmes/cli-3/clients/not-a-uuid', { key })).status, 400);

      const changed = await call<Record<string, unknown>>('PATCH', `/programmes/cli-3/clients/${clientId}`, { key, body: { focusArea: 'grief', quietHours: { start: '22:00', end: '07:00' } } });
      assert.equal(changed.status, 200);
      assert.equal(changed.body.focusArea, 'grief');
      assert.equal((await call('PATCH', `/programmes/cli-3/clients/${clientId}`, { key, body: { externalId: 'new' } })).status, 400);
      assert.equal((await call('PATCH', `/programmes/cli-3/clients/${clientId}`, { key, body: { courseEnd: '2020-01-01' } })).status, 400);
      const notLinked = await call<Errors>('PATCH', `/programmes/cli-3/clients/${clientId}`, { key, body: { status: 'linked' } });
      assert.equal(notLinked.status, 400);
      assert.match(notLinked.body.errors[0].message, /enrolment code/);
      assert.equal((await call('PATCH', `/programmes/cli-3/clients/${clientId}`, { key, body: { status: 'unreachable' } })).status, 400);

      const code = await call<{ code: string }>('POST', `/programmes/cli-3/clients/${clientId}/enrolment-code`, { key });
      assert.equal(code.status, 201);
      assert.match(code.body.code, /^\w{4}-\w{4}$/);

      assert.equal((await call('DELETE', `/programmes/cli-3/clients/${clientId}`, { key })).status, 204);
      assert.equal((await call('GET', `/programmes/cli-3/clients/${clientId}`, { key })).status, 404);
      // The external id is free again.
      assert.equal((await call('POST', '/programmes/cli-3/clients', { key, body: clientBody('ana') })).status, 201);
    });
  });

  describe('reminder schedules', function () {
    it("plans the next reminder at the client's local time, pauses, changes and deletes it", async function () {
      const { key, clientId } = await setUp('rem-1');
      const base = `/programmes/rem-1/clients/${clientId}/reminders`;
      // Europe/Madrid (the programme default); 25 Nov 2026 12:00Z is 13:00 there, so 19:00 today.
      const created = await call<Record<string, unknown> & { id: string }>('POST', base, { key, body: { kind: 'checkIn', rule: { kind: 'weekly', time: '19:00', days: ['mon', 'wed', 'fri'] } } });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal(created.body.nextDueAt, '2026-11-25T18:00:00.000Z');
      assert.equal(created.body.paused, false);

      const rrule = await call<Record<string, unknown>>('POST', base, { key, body: { kind: 'socialNudge', rule: { kind: 'rrule', rrule: 'FREQ=WEEKLY;BYDAY=SA', time: '10:30' } } });
      assert.equal(rrule.body.nextDueAt, '2026-11-28T09:30:00.000Z');

      const paused = await call<Record<string, unknown>>('PATCH', `${base}/${created.body.id}`, { key, body: { paused: true } });
      assert.equal(paused.body.paused, true);
      assert.equal(paused.body.nextDueAt, undefined);
      const resumed = await call<Record<string, unknown>>('PATCH', `${base}/${created.body.id}`, { key, body: { paused: false, rule: { kind: 'weekly', time: '20:15' } } });
      assert.equal(resumed.body.nextDueAt, '2026-11-25T19:15:00.000Z');

      const list = await call<{ items: unknown[] }>('GET', base, { key });
      assert.equal(list.body.items.length, 2);
      assert.equal((await call('GET', `${base}/${created.body.id}`, { key })).status, 200);
      assert.equal((await call('DELETE', `${base}/${created.body.id}`, { key })).status, 204);
      assert.equal((await call('GET', `${base}/${created.body.id}`, { key })).status, 404);
    });

    it('refuses bad rules with a reason: an hourly RRULE, a bad time, unknown fields, an unknown kind', async function () {
      const { key, clientId } = await setUp('rem-2');
      const base = `/programmes/rem-2/clients/${clientId}/reminders`;
      const hourly = await call<Errors>('POST', base, { key, body: { kind: 'checkIn', rule: { kind: 'rrule', rrule: 'FREQ=HOURLY', time: '10:00' } } });
      assert.equal(hourly.status, 400);
      assert.equal(hourly.body.errors[0].path, 'body.rule.rrule');
      assert.match(hourly.body.errors[0].message, /at most once a day/);
      assert.equal((await call('POST', base, { key, body: { kind: 'checkIn', rule: { kind: 'weekly', time: '25:00' } } })).status, 400);
      assert.equal((await call('POST', base, { key, body: { kind: 'checkIn', rule: { kind: 'weekly', time: '10:00', tz: 'UTC' } } })).status, 400);
      assert.equal((await call('POST', base, { key, body: { kind: 'checkIn', rule: { kind: 'weekly', time: '10:00', days: ['funday'] } } })).status, 400);
      assert.equal((await call('POST', base, { key, body: { kind: 'horoscope', rule: { kind: 'weekly', time: '10:00' } } })).status, 400);
      // Anniversary reminders are the client's own (set up in grief work, from chat); the programme cannot create them.
      assert.equal((await call('POST', base, { key, body: { kind: 'anniversary', rule: { kind: 'weekly', time: '10:00' } } })).status, 400);
      assert.equal((await call('POST', `/programmes/rem-2/clients/${crypto.randomUUID()}/reminders`, { key, body: { kind: 'checkIn', rule: { kind: 'weekly', time: '10:00' } } })).status, 404);
    });
  });
});
