import { ClientServices } from '../src/client/clientServices';
import { GuidedReflectionDialog } from './guidedReflectionDialog';
import { FollowUpFirstDialog, reflectionLoop } from './followUpFirstDialog';

export const ROLE_DISPUTE_DIALOG = 'roleDisputeDialog';
const REFLECTION_DIALOG = 'roleDisputeReflection';

/** Role disputes: who, what each expects, the stage (renegotiation, impasse, dissolution), one next step. */
class RoleDisputeReflection extends GuidedReflectionDialog {
  constructor(services: ClientServices) {
    super(
      REFLECTION_DIALOG,
      {
        area: 'roleDispute',
        nameFrom: 'who',
        questions: [{ id: 'who', max: 60 }, { id: 'youExpect', max: 1000 }, { id: 'theyExpect', max: 1000 }, { id: 'stage', choices: ['renegotiation', 'impasse', 'dissolution'] }, { id: 'nextStep', max: 500 }],
        links: ['rehearse', 'problem'],
      },
      services,
    );
  }
}

/** The dispute exercise, after asking whether last time's next step happened. */
export class RoleDisputeDialog extends FollowUpFirstDialog {
  constructor(services: ClientServices) {
    super(ROLE_DISPUTE_DIALOG, new RoleDisputeReflection(services), reflectionLoop('roleDispute', 'nextStep', 'loops.askDisputeStep', (a) => ({ name: a.who ?? '', step: a.nextStep ?? '' })), services);
  }
}
