import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { destinationPolicy } from '../../src/safety/escalation/webhookDestination';
import { ApiTestServer, startApiServer } from './apiServer';
import { apiClient, Call, clinicianBody, programmeBody } from './apiClient';

type Errors = { errors: Array<{ path: string; message: string }> };
const NOW = new Date('2026-11-25T12:00:00Z');
const SECRET = 's'.repeat(40);

describe('programme API: alert destinations, the default programme and shared clinicians', function () {
  let service: ApiTestServer;
  let call: Call;

  before(async function () {
    service = await startApiServer({ clock: { now: () => NOW }, webhookPolicy: destinationPolicy('production') });
    call = apiClient(service.url);
  });
  after(async function () {
    await service?.stop();
  });

  const errorsOf = (result: { body: unknown }) => (result.body as Errors).errors;

  describe('every accepted webhook can deliver (it can be signed)', function () {
    it('refuses a clinician webhook while the programme has no signing secret, and accepts it once there is one', async function () {
      assert.equal((await call('POST', '/programmes', { body: programmeBody({ id: 'nosecret' }) })).status, 201);
      const refused = await call('POST', '/programmes/nosecret/clinicians', { body: clinicianBody({ id: 'ana', aadObjectId: randomUUID(), webhookUrl: 'https://pager.example.org/ana' }) });
      assert.equal(refused.status, 400);
      assert.equal(errorsOf(refused)[0].path, 'body.webhookUrl');
      assert.match(errorsOf(refused)[0].message, /signing secret/);
      assert.equal((await call('GET', '/programmes/nosecret/clinicians/ana')).status, 404, 'nothing was stored');

      assert.equal((await call('POST', '/programmes/nosecret/clinicians', { body: clinicianBody({ id: 'ana', aadObjectId: randomUUID() }) })).status, 201);
      const patched = await call('PATCH', '/programmes/nosecret/clinicians/ana', { body: { webhookUrl: 'https://pager.example.org/ana' } });
      assert.equal(patched.status, 400);
      assert.equal(errorsOf(patched)[0].path, 'body.webhookUrl');

      // A secret without a programme webhook of its own is enough to sign the clinicians' webhooks.
      const secretOnly = await call<{ alertWebhook: { hasSecret: boolean; url?: string } }>('PATCH', '/programmes/nosecret', { body: { alertWebhook: { secret: SECRET } } });
      assert.equal(secretOnly.status, 200, JSON.stringify(secretOnly.body));
      assert.deepEqual(secretOnly.body.alertWebhook, { hasSecret: true, rotating: false, includeExcerpt: false });
      assert.equal((await call('PATCH', '/programmes/nosecret/clinicians/ana', { body: { webhookUrl: 'https://pager.example.org/ana' } })).status, 200);

      const removing = await call('PATCH', '/programmes/nosecret', { body: { alertWebhook: null } });
      assert.equal(removing.status, 400, 'the secret cannot go while a clinician webhook needs it');
      assert.equal(errorsOf(removing)[0].path, 'body.alertWebhook');
    });

    it("refuses an on-call webhook without the programme's secret", async function () {
      const created = await call('POST', '/programmes', { body: programmeBody({ id: 'oncall-nosecret', onCall: { webhookUrl: 'https://oncall.example.org/hook' } }) });
      assert.equal(created.status, 400);
      assert.equal(errorsOf(created)[0].path, 'body.onCall.webhookUrl');
      assert.equal((await call('POST', '/programmes', { body: programmeBody({ id: 'oncall-secret', onCall: { webhookUrl: 'https://oncall.example.org/hook' }, alertWebhook: { secret: SECRET } }) })).status, 201);
    });
  });

  describe('webhook destinations (production policy)', function () {
    const refused: Array<[string, RegExp]> = [
      ['http://hooks.example.org/ipt', /https/],
      ['https://user:secret@hooks.example.org/ipt', /user name or password/],
      ['https://127.0.0.1/ipt', /loopback/],
      ['https://2130706433/ipt', /loopback/],
      ['https://0x7f000001/ipt', /loopback/],
      ['https://[::1]/ipt', /loopback/],
      ['https://[::ffff:169.254.169.254]/ipt', /link-local/],
      ['https://169.254.169.254/latest/meta-data/', /link-local/],
      ['https://192.168.1.20/ipt', /private/],
      ['https://100.64.0.9/ipt', /CGNAT/],
    ];
    for (const [url, why] of refused) {
      it(`refuses ${url} as a programme, on-call and clinician webhook (400 with the field)`, async function () {
        const id = `dest-${randomUUID().slice(0, 8)}`;
        const programme = await call('POST', '/programmes', { body: programmeBody({ id, alertWebhook: { url, secret: SECRET } }) });
        assert.equal(programme.status, 400);
        assert.equal(errorsOf(programme)[0].path, 'body.alertWebhook.url');
        assert.match(errorsOf(programme)[0].message, why);
        assert.equal((await call('POST', '/programmes', { body: programmeBody({ id, alertWebhook: { secret: SECRET } }) })).status, 201);
        const onCall = await call('PATCH', `/programmes/${id}`, { body: { onCall: { webhookUrl: url } } });
        assert.equal(onCall.status, 400);
        assert.equal(errorsOf(onCall)[0].path, 'body.onCall.webhookUrl');
        const clinician = await call('POST', `/programmes/${id}/clinicians`, { body: clinicianBody({ aadObjectId: randomUUID(), webhookUrl: url }) });
        assert.equal(clinician.status, 400);
        assert.equal(errorsOf(clinician)[0].path, 'body.webhookUrl');
      });
    }

    it('accepts an https URL on a public host name', async function () {
      const created = await call<{ alertWebhook: { url: string } }>('POST', '/programmes', { body: programmeBody({ id: 'dest-ok', alertWebhook: { url: 'https://hooks.example.org/ipt', secret: SECRET } }) });
      assert.equal(created.status, 201);
      assert.equal(created.body.alertWebhook.url, 'https://hooks.example.org/ipt');
    });
  });

  describe('the default programme for unenrolled clients', function () {
    it('is at most one programme, settable and releasable through the API', async function () {
      const first = await call<{ defaultForUnenrolled: boolean }>('POST', '/programmes', { body: programmeBody({ id: 'default-a', defaultForUnenrolled: true }) });
      assert.equal(first.status, 201);
      assert.equal(first.body.defaultForUnenrolled, true);
      const second = await call('POST', '/programmes', { body: programmeBody({ id: 'default-b', defaultForUnenrolled: true }) });
      assert.equal(second.status, 409);
      assert.equal(errorsOf(second)[0].path, 'body.defaultForUnenrolled');
      assert.equal((await call('GET', '/programmes/default-b')).status, 404, 'the refused programme was not created');
      assert.equal((await call('POST', '/programmes', { body: programmeBody({ id: 'default-b' }) })).status, 201);
      assert.equal((await call('PATCH', '/programmes/default-b', { body: { defaultForUnenrolled: true } })).status, 409);
      assert.equal((await call('PATCH', '/programmes/default-a', { body: { defaultForUnenrolled: false } })).status, 200);
      assert.equal((await call('PATCH', '/programmes/default-b', { body: { defaultForUnenrolled: true } })).status, 200);
      assert.equal((await service.services.programmes.defaultProgramme())?.id, 'default-b');
    });

    it('is refused while a SAFETY_* programme is configured, whose id is taken too', async function () {
      const configured = await startApiServer({ clock: { now: () => NOW }, configuredProgrammeId: 'default' });
      try {
        const configuredCall = apiClient(configured.url);
        const marked = await configuredCall('POST', '/programmes', { body: programmeBody({ id: 'api-default', defaultForUnenrolled: true }) });
        assert.equal(marked.status, 400);
        assert.equal(errorsOf(marked)[0].path, 'body.defaultForUnenrolled');
        assert.match(errorsOf(marked)[0].message, /SAFETY_/);
        const clash = await configuredCall('POST', '/programmes', { body: programmeBody({ id: 'default' }) });
        assert.equal(clash.status, 400);
        assert.equal(errorsOf(clash)[0].path, 'body.id');
      } finally {
        await configured.stop();
      }
    });
  });

  describe('one clinician on two programmes’ rosters', function () {
    it('is refused unless both programmes mark the clinician sharedAcrossProgrammes', async function () {
      const aad = randomUUID();
      for (const id of ['roster-x', 'roster-y']) assert.equal((await call('POST', '/programmes', { body: programmeBody({ id }) })).status, 201);
      assert.equal((await call('POST', '/programmes/roster-x/clinicians', { body: clinicianBody({ id: 'ana', aadObjectId: aad }) })).status, 201);

      const unmarked = await call('POST', '/programmes/roster-y/clinicians', { body: clinicianBody({ id: 'ana-y', aadObjectId: aad.toUpperCase() }) });
      assert.equal(unmarked.status, 409);
      assert.equal(errorsOf(unmarked)[0].path, 'body.aadObjectId');
      assert.doesNotMatch(errorsOf(unmarked)[0].message, /roster-x/, 'the other programme is not named');
      const oneSided = await call('POST', '/programmes/roster-y/clinicians', { body: clinicianBody({ id: 'ana-y', aadObjectId: aad, sharedAcrossProgrammes: true }) });
      assert.equal(oneSided.status, 409, 'the other programme has not said so');

      assert.equal((await call('PATCH', '/programmes/roster-x/clinicians/ana', { body: { sharedAcrossProgrammes: true } })).status, 200);
      const shared = await call<{ sharedAcrossProgrammes: boolean }>('POST', '/programmes/roster-y/clinicians', { body: clinicianBody({ id: 'ana-y', aadObjectId: aad, sharedAcrossProgrammes: true }) });
      assert.equal(shared.status, 201, JSON.stringify(shared.body));
      assert.equal(shared.body.sharedAcrossProgrammes, true);
      const unsharing = await call('PATCH', '/programmes/roster-x/clinicians/ana', { body: { sharedAcrossProgrammes: false } });
      assert.equal(unsharing.status, 409, 'cannot stop sharing while the other roster has them');

      // Moving an existing clinician onto someone else's id is refused the same way.
      assert.equal((await call('POST', '/programmes/roster-y/clinicians', { body: clinicianBody({ id: 'ben', aadObjectId: randomUUID() }) })).status, 201);
      const other = randomUUID();
      assert.equal((await call('POST', '/programmes/roster-x/clinicians', { body: clinicianBody({ id: 'cy', aadObjectId: other }) })).status, 201);
      const moved = await call('PATCH', '/programmes/roster-y/clinicians/ben', { body: { aadObjectId: other } });
      assert.equal(moved.status, 409);
      assert.equal(errorsOf(moved)[0].path, 'body.aadObjectId');
    });
  });
});
