import assert from 'node:assert/strict';
import { ApiTestServer, startApiServer } from './apiServer';
import { apiClient, Call, clientBody, clinicianBody, programmeBody } from './apiClient';

type Errors = { errors: Array<{ path: string; message: string }> };
const NOW = new Date('2026-11-25T12:00:00Z');

describe('programme API: measure schedules', function () {
  let service: ApiTestServer;
  let call: Call;
  let clientId: string;

  before(async function () {
    service = await startApiServer({ clock: { now: () => NOW } });
    call = apiClient(service.url);
    assert.equal((await call('POST', '/programmes', { body: programmeBody({ id: 'measures' }) })).status, 201);
    assert.equal((await call('POST', '/programmes/measures/clinicians', { body: clinicianBody({ id: 'ana', aadObjectId: crypto.randomUUID() }) })).status, 201);
    const client = await call<{ client: { id: string } }>('POST', '/programmes/measures/clients', { body: clientBody('ana', { timeZone: 'Europe/Madrid' }) });
    clientId = client.body.client.id;
  });
  after(async function () {
    await service?.stop();
  });

  const path = () => `/programmes/measures/clients/${clientId}/reminders`;

  it('creates a measure schedule whose next measure is the next interval day after now', async function () {
    const created = await call<{ kind: string; rule: { instruments: string[] }; nextDueAt: string }>('POST', path(), {
      body: { kind: 'measure', rule: { kind: 'measure', instruments: ['phq9', 'gad7'], time: '18:00' } },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.deepEqual(created.body.rule.instruments, ['phq9', 'gad7']);
    // Course from 2026-11-01, every 14 days: 1, 15, 29 November; now is 25 November.
    assert.equal(created.body.nextDueAt, '2026-11-29T17:00:00.000Z');
  });

  const bad: Array<[string, Record<string, unknown>, string]> = [
    ['an unknown instrument', { instruments: ['phq9', 'bdi2'], time: '18:00' }, 'body.rule.instruments.1'],
    ['no instrument', { instruments: [], time: '18:00' }, 'body.rule.instruments'],
    ['a negative interval', { instruments: ['phq9'], time: '18:00', everyDays: -14 }, 'body.rule.everyDays'],
    ['a zero session rhythm', { instruments: ['phq9'], time: '18:00', cadence: 'beforeSession', sessionEveryDays: 0 }, 'body.rule.sessionEveryDays'],
    ['a first date before the course', { instruments: ['phq9'], time: '18:00', firstDate: '2026-10-31' }, 'body.rule.firstDate'],
    ['a first date after the course', { instruments: ['phq9'], time: '18:00', firstDate: '2027-03-01' }, 'body.rule.firstDate'],
  ];
  for (const [what, rule, field] of bad) {
    it(`answers 400 at ${field} for ${what}`, async function () {
      const result = await call<Errors>('POST', path(), { body: { kind: 'measure', rule: { kind: 'measure', ...rule } } });
      assert.equal(result.status, 400, JSON.stringify(result.body));
      assert.ok(result.body.errors.some((e) => e.path === field), JSON.stringify(result.body.errors));
    });
  }

  it('answers 400 at body.rule.kind when a measure schedule has another rule, or a check-in a measure rule', async function () {
    for (const body of [
      { kind: 'measure', rule: { kind: 'weekly', time: '18:00' } },
      { kind: 'checkIn', rule: { kind: 'measure', instruments: ['phq9'], time: '18:00' } },
    ]) {
      const result = await call<Errors>('POST', path(), { body });
      assert.equal(result.status, 400);
      assert.ok(result.body.errors.some((e) => e.path === 'body.rule.kind'), JSON.stringify(result.body.errors));
    }
  });

  it('lets a programme allow its clients to see their own scores (off by default)', async function () {
    assert.equal((await call<{ showClientScores?: boolean }>('GET', '/programmes/measures')).body.showClientScores, undefined);
    const patched = await call<{ showClientScores?: boolean }>('PATCH', '/programmes/measures', { body: { showClientScores: true } });
    assert.equal(patched.status, 200);
    assert.equal(patched.body.showClientScores, true);
    const bad = await call<Errors>('PATCH', '/programmes/measures', { body: { showClientScores: 'yes' } });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.errors[0].path, 'body.showClientScores');
  });
});
