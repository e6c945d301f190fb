import { ClientServices } from '../src/client/clientServices';
import { Answers, GuidedReflectionDialog } from './guidedReflectionDialog';
import { FollowUpFirstDialog, reflectionLoop } from './followUpFirstDialog';
import { IntentId } from './prompts/intents';

export const ROLE_DISPUTE_DIALOG = 'roleDisputeDialog';
const REFLECTION_DIALOG = 'roleDisputeReflection';

export const DISPUTE_STAGES = ['renegotiation', 'impasse', 'dissolution'] as const;
type DisputeStage = (typeof DISPUTE_STAGES)[number];

/**
 * What each stage of a dispute calls for, as IPT frames it: still talking → understand each side and find
 * a middle ground (practise the talk); stuck → get talking again, even if it is uncomfortable at first
 * (look at what happens when you try); ending → weigh it and lean on other people, as after any loss.
 */
const STAGE_LINKS: Record<DisputeStage, IntentId[]> = {
  renegotiation: ['rehearse', 'problem'],
  impasse: ['analyse', 'rehearse'],
  dissolution: ['people', 'nudge'],
};

const stageOf = (answers: Answers): DisputeStage | undefined => DISPUTE_STAGES.find((stage) => stage === answers.stage);

/** Role disputes: who, what each expects, the stage, then guidance and one next step fitted to that stage. */
class RoleDisputeReflection extends GuidedReflectionDialog {
  constructor(services: ClientServices) {
    super(
      REFLECTION_DIALOG,
      {
        area: 'roleDispute',
        nameFrom: 'who',
        questions: [
          { id: 'who', max: 60 },
          { id: 'youExpect', max: 1000 },
          { id: 'theyExpect', max: 1000 },
          { id: 'stage', choices: [...DISPUTE_STAGES] },
          { id: 'nextStep', max: 500, variantFrom: 'stage', guide: true },
        ],
        links: (answers) => STAGE_LINKS[stageOf(answers) ?? 'renegotiation'],
        savedKey: (answers) => `roleDispute.saved_${stageOf(answers) ?? 'renegotiation'}`,
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
