import { ClientServices } from '../src/client/clientServices';
import { GuidedReflectionDialog } from './guidedReflectionDialog';
import { FollowUpFirstDialog, reflectionLoop } from './followUpFirstDialog';

export const ROLE_TRANSITION_DIALOG = 'roleTransitionDialog';
const REFLECTION_DIALOG = 'roleTransitionReflection';

/**
 * Role transitions, as IPT works them: a balanced look at the old role first (what was good, what was not
 * so good, what was lost) — mourning it without idealising it —, then the new role (what it brings, what
 * is hard), feelings, and what the new role needs.
 */
class RoleTransitionReflection extends GuidedReflectionDialog {
  constructor(services: ClientServices) {
    super(
      REFLECTION_DIALOG,
      {
        area: 'roleTransition',
        questions: [
          { id: 'oldRole', max: 200 },
          { id: 'oldGood', max: 1000, skippable: true },
          { id: 'oldNotGood', max: 1000, skippable: true },
          { id: 'lost', max: 1000 },
          { id: 'newRole', max: 200 },
          { id: 'gained', max: 1000, skippable: true },
          { id: 'newHard', max: 1000, skippable: true },
          { id: 'feelings', max: 1000 },
          { id: 'needs', max: 1000 },
        ],
        links: ['nudge', 'people'],
      },
      services,
    );
  }
}

/** The transition exercise, after asking whether the client took a step towards what the new role needs. */
export class RoleTransitionDialog extends FollowUpFirstDialog {
  constructor(services: ClientServices) {
    super(ROLE_TRANSITION_DIALOG, new RoleTransitionReflection(services), reflectionLoop('roleTransition', 'needs', 'loops.askTransitionNeeds', (a) => ({ needs: a.needs ?? '' })), services);
  }
}
