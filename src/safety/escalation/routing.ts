import { Alert, Delivery, Recipient, Stage } from './alert';
import { CareTeamDirectory } from './careTeamDirectory';

/** Who is told at each stage, and through which channels. */
export interface StageTarget {
  recipient: Recipient;
  channel: Delivery['channel'];
  target: string;
}

/**
 * The notifications a stage owes: the stage's person in Teams (when they have an AAD object id) and on
 * their own webhook, plus the programme's webhook (every stage, so a paging tool sees escalations too).
 */
export async function stageTargets(directory: CareTeamDirectory, alert: Pick<Alert, 'programmeId' | 'clinicianId' | 'backupClinicianId'>, stage: Stage): Promise<StageTarget[]> {
  if (!alert.programmeId || stage === 'exhausted') return [];
  const programme = await directory.programme(alert.programmeId);
  if (!programme) return [];
  const targets: StageTarget[] = [];
  const person = async (): Promise<{ recipient: Recipient; aadObjectId?: string; webhookUrl?: string } | undefined> => {
    if (stage === 'oncall') {
      return programme.onCall ? { recipient: { role: 'oncall', name: programme.onCall.name }, aadObjectId: programme.onCall.aadObjectId, webhookUrl: programme.onCall.webhookUrl } : undefined;
    }
    const clinicianId = stage === 'primary' ? alert.clinicianId : alert.backupClinicianId;
    const clinician = clinicianId ? await directory.clinician(programme.id, clinicianId) : undefined;
    return clinician
      ? { recipient: { role: stage === 'primary' ? 'assigned' : 'backup', clinicianId: clinician.id, name: clinician.name }, aadObjectId: clinician.aadObjectId, webhookUrl: clinician.webhookUrl }
      : undefined;
  };
  const who = await person();
  if (!who) {
    // No backup clinician: that stage is skipped. No on-call: the programme's webhook still hears of it.
    return stage !== 'backup' && programme.webhookUrl ? [{ recipient: { role: 'programme' }, channel: 'webhook', target: programme.webhookUrl }] : [];
  }
  if (who.aadObjectId) targets.push({ recipient: who.recipient, channel: 'teams', target: who.aadObjectId });
  if (who.webhookUrl) targets.push({ recipient: who.recipient, channel: 'webhook', target: who.webhookUrl });
  if (programme.webhookUrl && programme.webhookUrl !== who.webhookUrl) {
    targets.push({ recipient: { role: 'programme' }, channel: 'webhook', target: programme.webhookUrl });
  }
  return targets;
}

/** The stages after `stage`, in order. */
export function laterStages(stage: Stage): Stage[] {
  const order: Stage[] = ['primary', 'backup', 'oncall'];
  const index = order.indexOf(stage);
  return index < 0 ? [] : order.slice(index + 1);
}

export function newDeliveries(alert: Pick<Alert, 'alertId' | 'round'>, stage: Stage, event: Delivery['event'], targets: StageTarget[], now: number): Delivery[] {
  return targets.map((target, index) => ({
    key: `${alert.alertId}:r${alert.round}:${stage}:${target.recipient.role}:${target.channel}:${index}`,
    round: alert.round,
    stage,
    event,
    recipient: target.recipient,
    channel: target.channel,
    target: target.target,
    status: 'pending' as const,
    attempts: 0,
    nextAttemptAt: now,
  }));
}
