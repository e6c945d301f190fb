import assert from 'node:assert/strict';
import { runAdmin } from '../../scripts/admin';
import { ADMIN_KEY } from './apiClient';
import { ApiTestServer, startApiServer } from './apiServer';

describe('npm run admin', function () {
  let service: ApiTestServer;
  before(async function () {
    service = await startApiServer({ clock: { now: () => new Date('2026-11-25T12:00:00Z') } });
  });
  after(async function () {
    await service?.stop();
  });

  async function admin(args: string[], env: Record<string, string> = { ADMIN_API_KEY: ADMIN_KEY }) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runAdmin(args, { fetch, out: (l) => out.push(l), err: (l) => err.push(l), env: { IPT_API_URL: service.url, ...env } });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('creates a programme, issues a key, adds a clinician, enrols a client and prints the code', async function () {
    assert.equal((await admin(['create-programme', '--id', 'cli-prog', '--name', 'Clinic', '--time-zone', 'Europe/Madrid', '--locale', 'es'])).code, 0);
    const key = await admin(['issue-key', '--programme', 'cli-prog', '--label', 'ops']);
    assert.equal(key.code, 0);
    const programmeKey = /Programme key: (\S+)/.exec(key.out)![1];
    const asProgramme = { IPT_API_KEY: programmeKey };
    assert.equal((await admin(['add-clinician', '--programme', 'cli-prog', '--id', 'ana', '--name', 'Dr Ana', '--aad', crypto.randomUUID()], asProgramme)).code, 0);
    const enrolled = await admin(['enrol', '--programme', 'cli-prog', '--external-id', 'MRN-1', '--clinician', 'ana', '--start', '2026-11-01', '--end', '2027-02-28', '--focus', 'grief'], asProgramme);
    assert.equal(enrolled.code, 0, enrolled.err);
    assert.match(enrolled.out, /Enrolment code: [2-9A-Z]{4}-[2-9A-Z]{4}/);
    const clientId = (JSON.parse(enrolled.out.split('\n\nEnrolment code')[0]) as { client: { id: string } }).client.id;
    const reminder = await admin(['add-reminder', '--programme', 'cli-prog', '--client', clientId, '--kind', 'checkIn', '--time', '19:00', '--days', 'mon,wed'], asProgramme);
    assert.equal(reminder.code, 0, reminder.err);
    assert.match(reminder.out, /"nextDueAt": "2026-11-25T18:00:00.000Z"/);
    const code = await admin(['new-code', '--programme', 'cli-prog', '--client', clientId], asProgramme);
    assert.match(code.out, /Enrolment code: /);
  });

  it('marks the default programme for unenrolled clients, and a clinician shared by two programmes', async function () {
    const created = await admin(['create-programme', '--id', 'cli-default', '--name', 'Walk-in', '--time-zone', 'UTC', '--default-for-unenrolled']);
    assert.equal(created.code, 0, created.err);
    assert.match(created.out, /"defaultForUnenrolled": true/);
    const aad = crypto.randomUUID();
    assert.equal((await admin(['add-clinician', '--programme', 'cli-default', '--id', 'ana', '--name', 'Dr Ana', '--aad', aad, '--shared'])).code, 0);
    assert.equal((await admin(['create-programme', '--id', 'cli-other', '--name', 'Other', '--time-zone', 'UTC'])).code, 0);
    const unshared = await admin(['add-clinician', '--programme', 'cli-other', '--id', 'ana', '--name', 'Dr Ana', '--aad', aad]);
    assert.equal(unshared.code, 1);
    assert.match(unshared.err, /body.aadObjectId/);
    const shared = await admin(['add-clinician', '--programme', 'cli-other', '--id', 'ana', '--name', 'Dr Ana', '--aad', aad, '--shared']);
    assert.equal(shared.code, 0, shared.err);
  });

  it('lists a page at a time and says which --cursor gets the next page', async function () {
    for (const id of ['cli-page-a', 'cli-page-b', 'cli-page-c']) assert.equal((await admin(['create-programme', '--id', id, '--name', id, '--time-zone', 'UTC'])).code, 0);
    const seen: string[] = [];
    let args = ['list-programmes', '--limit', '2'];
    for (let pages = 0; pages < 10; pages++) {
      const page = await admin(args);
      assert.equal(page.code, 0, page.err);
      const [json, more] = page.out.split('\n\nMore: add --cursor ');
      seen.push(...(JSON.parse(json) as { items: Array<{ id: string }> }).items.map((p) => p.id));
      if (!more) break;
      args = ['list-programmes', '--limit', '2', '--cursor', more.trim()];
    }
    assert.deepEqual(seen.filter((id) => id.startsWith('cli-page-')), ['cli-page-a', 'cli-page-b', 'cli-page-c']);
    assert.equal(new Set(seen).size, seen.length);
    const tooMany = await admin(['list-programmes', '--limit', '500']);
    assert.equal(tooMany.code, 1);
    assert.match(tooMany.err, /query.limit: must be at most 200/);
  });

  it("prints the API's reasons and exits 1 on a bad request; usage and exit 2 on a bad command line", async function () {
    const bad = await admin(['create-programme', '--name', 'X', '--time-zone', 'Nowhere/City']);
    assert.equal(bad.code, 1);
    assert.match(bad.err, /400/);
    assert.match(bad.err, /body.defaultTimeZone: must be an IANA time zone/);
    const missing = await admin(['enrol', '--programme', 'p']);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /enrol needs --external-id/);
    assert.equal((await admin(['frobnicate'])).code, 2);
    assert.equal((await admin(['list-programmes', '--colour', 'red'])).code, 2);
    const noKey = await admin(['list-programmes'], {});
    assert.equal(noKey.code, 2);
    assert.match(noKey.err, /IPT_API_KEY/);
    const wrongKey = await admin(['list-programmes'], { IPT_API_KEY: 'nope' });
    assert.equal(wrongKey.code, 1);
    assert.match(wrongKey.err, /401/);
  });
});
