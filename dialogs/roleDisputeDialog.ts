import { ClientServices } from '../src/client/clientServices';
import { GuidedReflectionDialog } from './guidedReflectionDialog';

export const ROLE_DISPUTE_DIALOG = 'roleDisputeDialog';

/** Role disputes: who, what each expects, the stage (renegotiation, impasse, dissolution), one next step. */
export class RoleDisputeDialog extends GuidedReflectionDialog {
  constructor(services: ClientServices) {
    super(
      ROLE_DISPUTE_DIALOG,
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
