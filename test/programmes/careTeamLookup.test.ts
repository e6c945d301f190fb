import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { CountingDocumentStore } from '../../src/storage/countingStore';
import { tempStore } from '../support/tempStore';
import { NOT_ON_CARE_TEAM_TTL_MS, ProgrammeStore } from '../../src/programmes/programmeStore';
import { StoreCareTeamDirectory } from '../../src/programmes/storeCareTeamDirectory';

describe('is this Teams user on a care team? (asked on every Teams message)', function () {
  let temp: Awaited<ReturnType<typeof tempStore>>;
  let store: CountingDocumentStore;
  let programmes: ProgrammeStore;
  let now = new Date('2026-11-26T10:00:00Z');
  const clock = { now: () => now };

  beforeEach(async function () {
    temp = await tempStore();
    store = new CountingDocumentStore(temp.store);
    programmes = new ProgrammeStore(store, { clock });
    await programmes.createProgramme({ id: 'p', name: 'P', defaultLocale: 'en', defaultTimeZone: 'Europe/Madrid', ackTimeoutMinutes: 15 });
  });
  afterEach(async () => temp.dispose());

  it("a client's repeated Teams messages cost one roster query a minute, not one each", async function () {
    const client = randomUUID();
    store.reset();
    for (let i = 0; i < 10; i++) assert.deepEqual(await programmes.careTeamMemberships(client), []);
    assert.equal(store.counts().query, 1);
    now = new Date(now.getTime() + NOT_ON_CARE_TEAM_TTL_MS + 1);
    await programmes.careTeamMemberships(client);
    assert.equal(store.counts().query, 2);
  });

  it('a clinician added through the store is recognised at once; one removed is refused at once', async function () {
    const aad = randomUUID();
    assert.deepEqual(await programmes.careTeamMemberships(aad), []);
    await programmes.createClinician('p', { id: 'ana', name: 'Ana', aadObjectId: aad.toUpperCase() });
    assert.deepEqual(await programmes.careTeamMemberships(aad), ['p']);
    await programmes.deleteClinician('p', 'ana');
    assert.deepEqual(await programmes.careTeamMemberships(aad), []);
    const onCall = randomUUID();
    assert.deepEqual(await programmes.careTeamMemberships(onCall), []);
    await programmes.updateProgramme('p', { onCall: { name: 'Night desk', aadObjectId: onCall } });
    assert.deepEqual(await programmes.careTeamMemberships(onCall), ['p']);
  });

  it("the care team's usual reply time and out-of-hours status reach the safety side (what a client is told)", async function () {
    const directory = new StoreCareTeamDirectory(programmes);
    assert.equal((await directory.programme('p'))?.careTeamReplyHours, undefined);
    await programmes.updateProgramme('p', { careTeamReplyHours: 8, outOfHours: true });
    const contacts = await directory.programme('p');
    assert.equal(contacts?.careTeamReplyHours, 8);
    assert.equal(contacts?.outOfHours, true);
    await programmes.updateProgramme('p', { careTeamReplyHours: null, outOfHours: false });
    assert.deepEqual([(await directory.programme('p'))?.careTeamReplyHours, (await directory.programme('p'))?.outOfHours], [undefined, undefined]);
  });
});
