import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteDocumentStore } from '../../src/storage/sqliteStore';
import { ProgrammeStore } from '../../src/programmes/programmeStore';
import { Enrolment, StoreEnrolmentCodes } from '../../src/programmes/enrolment';
import { StoreCareTeamDirectory } from '../../src/programmes/storeCareTeamDirectory';
import type { CareTeamDirectory } from '../../src/safety/escalation/careTeamDirectory';

describe('enrolment codes and the care-team directory', function () {
  let dir: string;
  let store: SqliteDocumentStore;
  let now: Date;
  let programmes: ProgrammeStore;
  let enrolment: Enrolment;
  const clock = { now: () => now };
  const aad = 'a1b2c3d4-0000-4000-8000-000000000001';
  const backupAad = 'a1b2c3d4-0000-4000-8000-000000000002';
  const onCallAad = 'a1b2c3d4-0000-4000-8000-000000000003';
  let sequence = 0;

  beforeEach(async function () {
    dir = mkdtempSync(join(tmpdir(), 'ipt-enrol-'));
    store = new SqliteDocumentStore({ dataDir: dir });
    now = new Date('2026-11-25T12:00:00Z');
    programmes = new ProgrammeStore(store, { clock });
    enrolment = new Enrolment(programmes, store, { clock });
    await programmes.createProgramme({
      id: 'p1',
      name: 'P1',
      defaultLocale: 'es',
      defaultTimeZone: 'Europe/Madrid',
      ackTimeoutMinutes: 10,
      alertWebhook: { url: 'https://paging.example.org/', secret: 'x'.repeat(32), includeExcerpt: false },
      onCall: { name: 'On call', aadObjectId: onCallAad },
    });
    await programmes.createClinician('p1', { id: 'bea', name: 'Bea', aadObjectId: backupAad });
    await programmes.createClinician('p1', { id: 'ana', name: 'Ana', aadObjectId: aad, backupClinicianId: 'bea' });
  });
  afterEach(async function () {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const enrol = () => programmes.enrolClient('p1', { externalId: `ext-${++sequence}`, clinicianId: 'ana', courseStart: '2026-11-01', courseEnd: '2027-01-31', focusArea: 'grief' });
  const identity = (user = 'user-1') => ({ channelId: 'msteams', userId: user });

  it('links the chat identity to the client record with a code typed loosely (case, spaces)', async function () {
    const { client, code } = await enrol();
    const typed = ` ${code.toLowerCase().replace('-', ' ')} `;
    const outcome = await enrolment.redeem(typed, identity());
    assert.deepEqual(outcome, { ok: true, programmeId: 'p1', clientId: client.id, clinicianId: 'ana', locale: 'es', timeZone: 'Europe/Madrid', focusArea: 'grief' });
    const stored = await programmes.getClient('p1', client.id);
    assert.equal(stored?.status, 'linked');
    assert.equal(stored?.chat?.userId, 'user-1');
    assert.equal(stored?.enrolmentCodeHash, undefined);
    assert.equal((await programmes.clientForChat('msteams', 'user-1'))?.id, client.id);
  });

  it('is one-time: a second use is refused as already used, even by the same person', async function () {
    const { code } = await enrol();
    assert.equal((await enrolment.redeem(code, identity('user-1'))).ok, true);
    assert.deepEqual(await enrolment.redeem(code, identity('user-2')), { ok: false, reason: 'alreadyUsed' });
    assert.deepEqual(await enrolment.redeem(code, identity('user-1')), { ok: false, reason: 'alreadyUsed' });
  });

  it('expires after 14 days', async function () {
    const { code } = await enrol();
    now = new Date('2026-12-09T12:00:01Z');
    assert.deepEqual(await enrolment.redeem(code, identity()), { ok: false, reason: 'expired' });
  });

  it('retires the previous code when a new one is issued', async function () {
    const { client, code } = await enrol();
    const fresh = await programmes.issueEnrolmentCode('p1', client.id);
    assert.deepEqual(await enrolment.redeem(code, identity()), { ok: false, reason: 'unknownCode' });
    assert.equal((await enrolment.redeem(fresh.code, identity())).ok, true);
  });

  it('allows 5 failed attempts an hour per chat identity, then refuses without checking the code', async function () {
    const { code } = await enrol();
    for (let i = 0; i < 5; i++) assert.deepEqual(await enrolment.redeem(`ZZZZ-ZZZ${i + 2}`, identity()), { ok: false, reason: 'unknownCode' });
    const locked = await enrolment.redeem(code, identity());
    assert.deepEqual(locked, { ok: false, reason: 'tooManyAttempts', retryAt: '2026-11-25T13:00:00.000Z' });
    // Another person is not locked out by someone else's guesses.
    assert.equal((await enrolment.redeem('ZZZZ-ZZZZ', identity('user-2'))).ok, false);
    now = new Date('2026-11-25T13:00:00Z');
    assert.equal((await enrolment.redeem(code, identity())).ok, true);
  });

  it("limits failures on one programme's codes across identities: that programme's codes wait, another's do not", async function () {
    const limited = new Enrolment(programmes, store, { clock, maxFailuresPerProgramme: 3 });
    await programmes.createProgramme({ id: 'p2', name: 'P2', defaultLocale: 'en', defaultTimeZone: 'UTC', ackTimeoutMinutes: 15 });
    await programmes.createClinician('p2', { id: 'cy', name: 'Cy', aadObjectId: 'a1b2c3d4-0000-4000-8000-000000000009' });
    const used = await enrol();
    assert.equal((await limited.redeem(used.code, identity('owner'))).ok, true);
    // Someone replays a used code of p1 from a new chat identity each time.
    for (let i = 0; i < 3; i++) assert.deepEqual(await limited.redeem(used.code, identity(`replay-${i}`)), { ok: false, reason: 'alreadyUsed' });
    const waiting = await enrol();
    assert.deepEqual(await limited.redeem(waiting.code, identity('newcomer')), { ok: false, reason: 'tooManyAttempts', retryAt: '2026-11-25T13:00:00.000Z' });
    const other = await programmes.enrolClient('p2', { externalId: 'p2-1', clinicianId: 'cy', courseStart: '2026-11-01', courseEnd: '2027-01-31' });
    assert.equal((await limited.redeem(other.code, identity('p2-client'))).ok, true, "another programme's codes are not held up");
    now = new Date('2026-11-25T13:00:00Z');
    assert.equal((await limited.redeem(waiting.code, identity('newcomer'))).ok, true, 'after the hour');
  });

  it('limits wrong codes across every identity, so new identities per guess do not help', async function () {
    const limited = new Enrolment(programmes, store, { clock, maxUnknownCodeFailures: 4 });
    const { code } = await enrol();
    for (let i = 0; i < 4; i++) assert.deepEqual(await limited.redeem(`ZZZZ-ZZZ${i + 2}`, identity(`guesser-${i}`)), { ok: false, reason: 'unknownCode' });
    assert.deepEqual(await limited.redeem(code, identity('fresh-identity')), { ok: false, reason: 'tooManyAttempts', retryAt: '2026-11-25T13:00:00.000Z' });
    now = new Date('2026-11-25T13:00:00Z');
    assert.equal((await limited.redeem(code, identity('fresh-identity'))).ok, true);
  });

  it('serves the client dialogs through their EnrolmentCodes port', async function () {
    const port = new StoreEnrolmentCodes(enrolment);
    const { client, code } = await enrol();
    assert.deepEqual(await port.redeem('nope', identity()), { ok: false, reason: 'unknownCode' });
    assert.deepEqual(await port.redeem(code, identity()), { ok: true, clientId: client.id });
  });

  it('serves the safety escalation: programme, clinician and backup of a linked identity, and care-team members', async function () {
    const fallbackCalls: string[] = [];
    const fallback: CareTeamDirectory = {
      programmeFor: async () => (fallbackCalls.push('programmeFor'), undefined),
      programme: async () => undefined,
      clinicianFor: async () => (fallbackCalls.push('clinicianFor'), undefined),
      clinician: async () => undefined,
      isCareTeamMember: async () => (fallbackCalls.push('isCareTeamMember'), undefined),
      defaultProgramme: async () => (fallbackCalls.push('defaultProgramme'), undefined),
      deliveryProblems: async () => [],
    };
    const directory = new StoreCareTeamDirectory(programmes, fallback);
    const { code } = await enrol();
    await enrolment.redeem(code, identity());

    assert.deepEqual(await directory.programmeFor('msteams', 'user-1'), {
      id: 'p1',
      webhookUrl: 'https://paging.example.org/',
      webhookSecret: 'x'.repeat(32),
      webhookIncludeExcerpt: false,
      ackTimeoutMinutes: 10,
      onCall: { name: 'On call', aadObjectId: onCallAad },
    });
    assert.deepEqual(await directory.clinicianFor('msteams', 'user-1'), { id: 'ana', name: 'Ana', aadObjectId: aad, backupId: 'bea' });
    assert.equal((await directory.clinician('p1', 'bea'))?.aadObjectId, backupAad);
    assert.deepEqual(await directory.isCareTeamMember(aad.toUpperCase()), { programmeId: 'p1' });
    assert.deepEqual(await directory.isCareTeamMember(onCallAad), { programmeId: 'p1' });
    assert.deepEqual(fallbackCalls, []);
    // The programme chooses, through the API, whether its webhook carries the words that raised an alert.
    await programmes.updateProgramme('p1', { alertWebhook: { url: 'https://paging.example.org/', secret: 'x'.repeat(32), includeExcerpt: true } });
    assert.equal((await directory.programmeFor('msteams', 'user-1'))?.webhookIncludeExcerpt, true);

    assert.equal(await directory.programmeFor('msteams', 'stranger'), undefined);
    assert.equal(await directory.isCareTeamMember('b0000000-0000-4000-8000-000000000000'), undefined);
    assert.deepEqual(fallbackCalls, ['defaultProgramme', 'isCareTeamMember']);

    await programmes.deleteClinician('p1', 'bea').catch(() => undefined); // still Ana's backup: refused
    assert.deepEqual(await directory.isCareTeamMember(backupAad), { programmeId: 'p1' });
  });
});
