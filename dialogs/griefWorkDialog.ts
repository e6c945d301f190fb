import { ClientServices } from '../src/client/clientServices';
import { GuidedReflectionDialog } from './guidedReflectionDialog';

export const GRIEF_WORK_DIALOG = 'griefWorkDialog';

/**
 * Grief work: remembering the person and the relationship as it was (good and hard), feelings since the
 * loss, what has changed, and dates that may be hard (anniversaries).
 */
export class GriefWorkDialog extends GuidedReflectionDialog {
  constructor(services: ClientServices) {
    super(
      GRIEF_WORK_DIALOG,
      {
        area: 'grief',
        nameFrom: 'who',
        questions: [{ id: 'who', max: 60 }, { id: 'good', max: 1000 }, { id: 'hard', max: 1000, skippable: true }, { id: 'feelings', max: 1000 }, { id: 'changed', max: 1000 }, { id: 'anniversary', max: 200, skippable: true }],
        links: ['nudge', 'people'],
      },
      services,
    );
  }
}
