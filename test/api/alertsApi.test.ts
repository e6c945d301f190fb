import assert from 'node:assert/strict';
import { CONTAINERS } from '../../src/storage/containers';
import { apiClient, Call, clinicianBody, programmeBody } from './apiClient';
import { ApiTestServer, startApiServer } from './apiServer';

type Errors = { errors: Array<{ path: string; message: string }> };

describe('programme API: safety alerts', function () {
  let service: ApiTestServer;
  let call: Call;
  const acknowledged: Array<{ alertId: string; aadObjectId: string }> = [];
  const aad = crypto.randomUUID();

  before(async function () {
    service = await startApiServer({
      clock: { now: () => new Date('2026-11-25T12:00:00Z') },
      acknowledgeAlert: async (alertId, aadObjectId) => {
        acknowledged.push({ alertId, aadObjectId });
        return aadObjectId === aad ? 'acknowledged' : 'refused';
      },
    });
    call = apiClient(service.url);
    for (const id of ['al-a', 'al-b']) await call('POST', '/programmes', { body: programmeBody({ id }) });
    await call('POST', '/programmes/al-a/clinicians', { body: clinicianBody({ id: 'ana', aadObjectId: aad }) });
    await call('POST', '/programmes/al-a/clinicians', { body: clinicianBody({ id: 'bea', aadObjectId: crypto.randomUUID() }) });
    const alert = (alertId: string, programmeId: string, status: string, createdAt: string) => ({
      kind: 'safetyAlert',
      alertId,
      programmeId,
      clientId: 'client-1',
      clinicianId: 'ana',
      level: 'urgent',
      categories: ['self_harm_suicide'],
      excerpt: 'words that must never leave the alert',
      status,
      stage: 'primary',
      createdAt,
    });
    await service.store.create(CONTAINERS.alerts, 'alert:1', 'alert:1', { ...alert('alert:1', 'al-a', 'open', '2026-11-25T10:00:00.000Z'), screening: { wishDead: 'yes', thoughts: 'no', behaviour: 'no' } });
    await service.store.create(CONTAINERS.alerts, 'alert:2', 'alert:2', alert('alert:2', 'al-a', 'acknowledged', '2026-11-25T11:00:00.000Z'));
    await service.store.create(CONTAINERS.alerts, 'alert:3', 'alert:3', alert('alert:3', 'al-b', 'open', '2026-11-25T11:30:00.000Z'));
  });
  after(async function () {
    await service?.stop();
  });

  it("lists the programme's alerts newest first, filters by status, and leaves out the words that raised them", async function () {
    const all = await call<{ items: Array<Record<string, unknown>> }>('GET', '/programmes/al-a/alerts');
    assert.deepEqual(all.body.items.map((a) => a.alertId), ['alert:2', 'alert:1']);
    assert.ok(!JSON.stringify(all.body).includes('words that must never'));
    assert.deepEqual(all.body.items[1].screening, { wishDead: 'yes', thoughts: 'no', behaviour: 'no' }, "the client's answers to the screening questions");
    assert.equal(all.body.items[0].screening, undefined);
    const open = await call<{ items: Array<Record<string, unknown>> }>('GET', '/programmes/al-a/alerts?status=open');
    assert.deepEqual(open.body.items.map((a) => a.alertId), ['alert:1']);
    assert.equal((await call('GET', '/programmes/al-a/alerts?status=closed')).status, 400);
    assert.equal((await call('GET', '/programmes/al-a/alerts?level=urgent')).status, 400);
  });

  it("sets the care team's usual reply time and out-of-hours status, and refuses values that make no sense", async function () {
    const set = await call<Record<string, unknown>>('PATCH', '/programmes/al-a', { body: { careTeamReplyHours: 24, outOfHours: true } });
    assert.equal(set.status, 200);
    assert.equal(set.body.careTeamReplyHours, 24);
    assert.equal(set.body.outOfHours, true);
    const bad = await call<Errors>('PATCH', '/programmes/al-a', { body: { careTeamReplyHours: 0, outOfHours: 'yes' } });
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.body.errors.map((e) => e.path).sort(), ['body.careTeamReplyHours', 'body.outOfHours']);
    const cleared = await call<Record<string, unknown>>('PATCH', '/programmes/al-a', { body: { careTeamReplyHours: null, outOfHours: false } });
    assert.equal(cleared.body.careTeamReplyHours, undefined);
    assert.equal(cleared.body.outOfHours, false);
  });

  it('acknowledges as the named clinician; refuses a clinician who may not, and alerts of other programmes', async function () {
    const ok = await call<{ outcome: string }>('POST', '/programmes/al-a/alerts/alert:1/acknowledge', { body: { clinicianId: 'ana' } });
    assert.equal(ok.status, 200);
    assert.equal(ok.body.outcome, 'acknowledged');
    assert.deepEqual(acknowledged.at(-1), { alertId: 'alert:1', aadObjectId: aad });

    const refused = await call<Errors>('POST', '/programmes/al-a/alerts/alert:1/acknowledge', { body: { clinicianId: 'bea' } });
    assert.equal(refused.status, 403);
    const before = acknowledged.length;
    assert.equal((await call('POST', '/programmes/al-a/alerts/alert:3/acknowledge', { body: { clinicianId: 'ana' } })).status, 404);
    assert.equal((await call('POST', '/programmes/al-a/alerts/alert:1/acknowledge', { body: { clinicianId: 'nobody' } })).status, 404);
    assert.equal(acknowledged.length, before);
    assert.equal((await call('POST', '/programmes/al-a/alerts/alert:1/acknowledge', { body: { clinicianId: 'ana', note: 'hi' } })).status, 400);
  });
});
