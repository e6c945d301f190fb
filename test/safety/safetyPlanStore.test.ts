import assert from 'node:assert/strict';
import { buildSummary } from '../../src/clinician/summary';
import { ClinicianService } from '../../src/clinician/clinicianService';
import { SafetyPlanStore } from '../../src/safety/safetyPlan';
import { ContainerName } from '../../src/storage/containers';
import { StoredDocument, WriteOptions } from '../../src/storage/documentStore';
import { MemoryDocumentStore } from '../support/memoryDocumentStore';

const clock = { now: () => new Date('2026-11-25T12:00:00Z') };

/** A store where someone else writes the plan just before the next conditional write lands. */
class RacingStore extends MemoryDocumentStore {
  before?: () => Promise<void>;
  override async upsert<T>(container: ContainerName, partitionKey: string, id: string, body: T, options?: WriteOptions): Promise<StoredDocument<T>> {
    const race = this.before;
    this.before = undefined;
    if (race) await race();
    return super.upsert(container, partitionKey, id, body, options);
  }
}

describe('SafetyPlanStore: the client writes a step over whatever else the plan holds', () => {
  it('a clinician saving at the same moment is read again, not overwritten; the plan goes back for review', async () => {
    const store = new RacingStore();
    const plans = new SafetyPlanStore(store, clock);
    const service = new ClinicianService({ safetyPlans: plans, clock } as unknown as ConstructorParameters<typeof ClinicianService>[0]);
    await plans.saveClientStep('c1', 'warningSigns', () => ['Not sleeping'], { resumeAt: 'warningSigns' });
    store.before = async () => {
      await service.saveSafetyPlan('c1', { warningSigns: ['Not sleeping'], peopleToAsk: ['Dr Ana'] });
    };
    const saved = await plans.saveClientStep('c1', 'copingStrategies', (current) => [...current, 'Walk']);
    assert.deepEqual(saved.peopleToAsk, ['Dr Ana'], "the clinician's write is kept");
    assert.deepEqual(saved.copingStrategies, ['Walk']);
    assert.deepEqual([saved.author, saved.needsReview, saved.changedByClient], ['client', true, ['copingStrategies']]);
    assert.deepEqual(await plans.get('c1'), saved);
  });

  it('a draft moves on and is finished; with no plan nothing is created', async () => {
    const plans = new SafetyPlanStore(new MemoryDocumentStore(), clock);
    await plans.moveDraft('c1', 'distractions');
    assert.equal(await plans.finishClientDraft('c1'), undefined);
    assert.equal(await plans.get('c1'), undefined);
    await plans.saveClientStep('c1', 'warningSigns', () => ['Not sleeping'], { resumeAt: 'warningSigns' });
    await plans.moveDraft('c1', 'distractions');
    assert.deepEqual((await plans.get('c1'))?.draft, { resumeAt: 'distractions' });
    assert.equal((await plans.finishClientDraft('c1'))?.draft, undefined);
    assert.deepEqual((await plans.get('c1'))?.warningSigns, ['Not sleeping']);
  });

  it('the summary says whose plan is in force and flags one the client wrote', async () => {
    const plans = new SafetyPlanStore(new MemoryDocumentStore(), clock);
    const records = { timeZone: 'Europe/Madrid', checkIns: [], problems: [], nudges: [], alerts: [], communicationAnalyses: [], scripts: [], reflections: [] };
    assert.deepEqual(buildSummary(records, {}, clock).safetyPlan, { author: 'none', needsReview: false, draft: false, changedByClient: [] });
    const draft = await plans.saveClientStep('c1', 'reasonsForLiving', () => ['My nephew'], { resumeAt: 'reasonsForLiving' });
    assert.deepEqual(buildSummary({ ...records, safetyPlan: draft }, {}, clock).safetyPlan, {
      author: 'client',
      needsReview: true,
      draft: true,
      changedByClient: ['reasonsForLiving'],
      updatedAt: '2026-11-25T12:00:00.000Z',
    });
  });
});
