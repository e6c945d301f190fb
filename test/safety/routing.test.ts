import assert from 'node:assert/strict';
import { Stage } from '../../src/safety/escalation/alert';
import { Clinician } from '../../src/safety/escalation/careTeamConfig';
import { CareTeamDirectory, ProgrammeContacts } from '../../src/safety/escalation/careTeamDirectory';
import { laterStages, newDeliveries, stageTargets } from '../../src/safety/escalation/routing';

const PROGRAMME_HOOK = 'https://pager.clinic.example/programme';

/** A care team as escalation reads it: one programme and its clinicians. */
function directory(programme: ProgrammeContacts | undefined, clinicians: Clinician[] = []): CareTeamDirectory {
  const unused = () => Promise.reject(new Error('routing must not ask this'));
  return {
    programme: async (id) => (programme && programme.id === id ? programme : undefined),
    clinician: async (programmeId, clinicianId) => (programme && programmeId === programme.id ? clinicians.find((c) => c.id === clinicianId) : undefined),
    programmeFor: unused,
    defaultProgramme: unused,
    deliveryProblems: unused,
    clinicianFor: unused,
    isCareTeamMember: unused,
  };
}

const ANA: Clinician = { id: 'c1', name: 'Dr Ana Ruiz', aadObjectId: 'aad-ana' };
const BEN: Clinician = { id: 'c2', name: 'Dr Ben Cole', aadObjectId: 'aad-ben', webhookUrl: 'https://pager.clinic.example/ben' };
const PROGRAMME: ProgrammeContacts = {
  id: 'prog-1',
  webhookUrl: PROGRAMME_HOOK,
  webhookIncludeExcerpt: false,
  onCall: { name: 'Night on-call', aadObjectId: 'aad-oncall', webhookUrl: 'https://pager.clinic.example/oncall' },
};
const ALERT = { programmeId: 'prog-1', clinicianId: 'c1', backupClinicianId: 'c2' };

/** Who is told, as the outbox will deliver it: channel, address, and how the recipient is named on the card. */
async function told(dir: CareTeamDirectory, stage: Stage, alert: { programmeId?: string; clinicianId?: string; backupClinicianId?: string } = ALERT) {
  return (await stageTargets(dir, alert, stage)).map((t) => ({ channel: t.channel, target: t.target, ...t.recipient }));
}

describe('who an alert reaches at each stage', () => {
  it('first the assigned clinician in Teams, and the programme’s webhook', async () => {
    assert.deepEqual(await told(directory(PROGRAMME, [ANA, BEN]), 'primary'), [
      { channel: 'teams', target: 'aad-ana', role: 'assigned', clinicianId: 'c1', name: 'Dr Ana Ruiz' },
      { channel: 'webhook', target: PROGRAMME_HOOK, role: 'programme' },
    ]);
  });

  it('then the backup clinician, in Teams and on their own pager, with the programme’s webhook again', async () => {
    assert.deepEqual(await told(directory(PROGRAMME, [ANA, BEN]), 'backup'), [
      { channel: 'teams', target: 'aad-ben', role: 'backup', clinicianId: 'c2', name: 'Dr Ben Cole' },
      { channel: 'webhook', target: 'https://pager.clinic.example/ben', role: 'backup', clinicianId: 'c2', name: 'Dr Ben Cole' },
      { channel: 'webhook', target: PROGRAMME_HOOK, role: 'programme' },
    ]);
  });

  it('then the on-call, by name, in Teams and on the on-call pager, with the programme’s webhook again', async () => {
    assert.deepEqual(await told(directory(PROGRAMME, [ANA, BEN]), 'oncall'), [
      { channel: 'teams', target: 'aad-oncall', role: 'oncall', name: 'Night on-call' },
      { channel: 'webhook', target: 'https://pager.clinic.example/oncall', role: 'oncall', name: 'Night on-call' },
      { channel: 'webhook', target: PROGRAMME_HOOK, role: 'programme' },
    ]);
  });

  it('a clinician reachable only by webhook gets no Teams card, and a webhook shared with the programme is called once', async () => {
    const pagerOnly: Clinician = { id: 'c1', name: 'Dr Ana Ruiz', webhookUrl: PROGRAMME_HOOK };
    assert.deepEqual(await told(directory(PROGRAMME, [pagerOnly]), 'primary'), [
      { channel: 'webhook', target: PROGRAMME_HOOK, role: 'assigned', clinicianId: 'c1', name: 'Dr Ana Ruiz' },
    ]);
  });

  it('a clinician with neither Teams nor a pager leaves the programme’s webhook to hear of it', async () => {
    assert.deepEqual(await told(directory(PROGRAMME, [{ id: 'c1', name: 'Dr Ana Ruiz' }]), 'primary'), [{ channel: 'webhook', target: PROGRAMME_HOOK, role: 'programme' }]);
  });

  it('a client with no assigned clinician (or one no longer on the roster) still reaches the programme’s webhook', async () => {
    const dir = directory(PROGRAMME, [ANA, BEN]);
    const programmeOnly = [{ channel: 'webhook', target: PROGRAMME_HOOK, role: 'programme' }];
    assert.deepEqual(await told(dir, 'primary', { programmeId: 'prog-1' }), programmeOnly);
    assert.deepEqual(await told(dir, 'primary', { programmeId: 'prog-1', clinicianId: 'someone-who-left' }), programmeOnly);
  });

  it('no backup clinician: the backup stage tells no one (the on-call comes next), even with a programme webhook', async () => {
    const dir = directory(PROGRAMME, [ANA]);
    assert.deepEqual(await told(dir, 'backup', { programmeId: 'prog-1', clinicianId: 'c1' }), []);
    assert.deepEqual(await told(dir, 'backup'), [], 'a backup no longer on the roster is skipped the same way');
  });

  it('no on-call: the programme’s webhook still hears of the escalation; with no webhook either, no one is left', async () => {
    const noOnCall = { ...PROGRAMME, onCall: undefined };
    assert.deepEqual(await told(directory(noOnCall, [ANA, BEN]), 'oncall'), [{ channel: 'webhook', target: PROGRAMME_HOOK, role: 'programme' }]);
    assert.deepEqual(await told(directory({ ...noOnCall, webhookUrl: undefined }, [ANA, BEN]), 'oncall'), []);
    assert.deepEqual(await told(directory({ ...noOnCall, webhookUrl: undefined }, []), 'primary'), [], 'nobody at all: the alert stays unrouted');
  });

  it('an alert whose stages are exhausted, of a client in no programme, or of a programme since removed, tells no one', async () => {
    const dir = directory(PROGRAMME, [ANA, BEN]);
    assert.deepEqual(await told(dir, 'exhausted'), []);
    assert.deepEqual(await told(dir, 'primary', { clinicianId: 'c1' }), []);
    assert.deepEqual(await told(dir, 'primary', { ...ALERT, programmeId: 'prog-removed' }), []);
  });

  it('escalates in the order primary → backup → on-call, and nowhere after the on-call', () => {
    assert.deepEqual(laterStages('primary'), ['backup', 'oncall']);
    assert.deepEqual(laterStages('backup'), ['oncall']);
    assert.deepEqual(laterStages('oncall'), []);
    assert.deepEqual(laterStages('exhausted'), []);
  });

  it('queues one pending delivery per target, due now, with an idempotency key per round, stage, recipient and channel', async () => {
    const targets = await stageTargets(directory(PROGRAMME, [ANA, BEN]), ALERT, 'backup');
    const now = Date.parse('2026-03-01T09:15:00Z');
    const deliveries = newDeliveries({ alertId: 'alert:7', round: 2 }, 'backup', 'alert.escalated', targets, now);
    assert.deepEqual(deliveries, [
      {
        key: 'alert:7:r2:backup:backup:teams:0',
        round: 2,
        stage: 'backup',
        event: 'alert.escalated',
        recipient: { role: 'backup', clinicianId: 'c2', name: 'Dr Ben Cole' },
        channel: 'teams',
        target: 'aad-ben',
        status: 'pending',
        attempts: 0,
        nextAttemptAt: now,
      },
      {
        key: 'alert:7:r2:backup:backup:webhook:1',
        round: 2,
        stage: 'backup',
        event: 'alert.escalated',
        recipient: { role: 'backup', clinicianId: 'c2', name: 'Dr Ben Cole' },
        channel: 'webhook',
        target: 'https://pager.clinic.example/ben',
        status: 'pending',
        attempts: 0,
        nextAttemptAt: now,
      },
      {
        key: 'alert:7:r2:backup:programme:webhook:2',
        round: 2,
        stage: 'backup',
        event: 'alert.escalated',
        recipient: { role: 'programme' },
        channel: 'webhook',
        target: PROGRAMME_HOOK,
        status: 'pending',
        attempts: 0,
        nextAttemptAt: now,
      },
    ]);
    const raisedAgain = newDeliveries({ alertId: 'alert:7', round: 3 }, 'backup', 'alert.raised', targets, now);
    assert.ok(
      raisedAgain.every((d) => !deliveries.some((earlier) => earlier.key === d.key)),
      'a new round is delivered again, not taken for a repeat of the last one',
    );
  });
});
