import assert from 'node:assert/strict';
import { runAdmin } from '../../scripts/admin';
import { ADMIN_KEY } from '../api/apiClient';
import { ApiTestServer, startApiServer } from '../api/apiServer';

describe('npm run admin add-measures', function () {
  let service: ApiTestServer;
  before(async function () {
    service = await startApiServer({ clock: { now: () => new Date('2026-11-25T12:00:00Z') } });
  });
  after(async function () {
    await service?.stop();
  });

  async function admin(args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runAdmin(args, { fetch, out: (l) => out.push(l), err: (l) => err.push(l), env: { IPT_API_URL: service.url, ADMIN_API_KEY: ADMIN_KEY } });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('schedules the PHQ-9 and GAD-7 before each session, and says which field is wrong', async function () {
    assert.equal((await admin(['create-programme', '--id', 'cli-measures', '--name', 'Clinic', '--time-zone', 'Europe/Madrid'])).code, 0);
    assert.equal((await admin(['add-clinician', '--programme', 'cli-measures', '--id', 'ana', '--name', 'Dr Ana', '--aad', crypto.randomUUID()])).code, 0);
    const enrolled = await admin(['enrol', '--programme', 'cli-measures', '--external-id', 'MRN-1', '--clinician', 'ana', '--start', '2026-11-02', '--end', '2027-02-28', '--time-zone', 'Europe/Madrid']);
    const clientId = (JSON.parse(enrolled.out.split('\n\nEnrolment code')[0]) as { client: { id: string } }).client.id;
    const added = await admin(['add-measures', '--programme', 'cli-measures', '--client', clientId, '--instruments', 'phq9,gad7', '--time', '18:00', '--before-sessions']);
    assert.equal(added.code, 0, added.err);
    // Sessions weekly from the course start (2 November): the day before the next one is Sunday 29 November.
    assert.match(added.out, /"nextDueAt": "2026-11-29T17:00:00.000Z"/);
    assert.match(added.out, /"cadence": "beforeSession"/);
    const bad = await admin(['add-measures', '--programme', 'cli-measures', '--client', clientId, '--instruments', 'phq9', '--time', '18:00', '--every-days=-3']);
    assert.notEqual(bad.code, 0);
    assert.match(bad.err, /rule\.everyDays/);
  });
});
