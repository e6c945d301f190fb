import { TurnContext } from 'botbuilder';
import { Language, t } from '../../src/i18n';
import { ClientServices } from '../../src/client/clientServices';
import { CoursePosition, coursePosition } from '../../src/client/coursePhase';
import { ChoiceItem } from './ask';
import { chatIdentity } from './clientContext';

/** What the course phase adds to a menu or a check-in close: "week 6 of 16", and the phase's exercise first. */
export interface CourseNote {
  position: CoursePosition;
  /** "Week 6 of 16 of your course." — only during the course. */
  weekLine?: string;
  /** Why the phase's exercise comes first, said once with the suggestion. */
  suggestion?: string;
  first?: ChoiceItem;
}

/** The exercise each phase puts first: the inventory early on, ending work in the last two weeks. */
const PHASE_FIRST: Partial<Record<CoursePosition['phase'], ChoiceItem>> = {
  initial: { id: 'people', key: 'menu.item_people' },
  ending: { id: 'ending', key: 'menu.item_ending' },
  after: { id: 'keepWell', key: 'menu.item_keepWell' },
};

export async function courseNote(context: TurnContext, services: ClientServices, language: Language): Promise<CourseNote | undefined> {
  const course = await services.course.courseOf(chatIdentity(context));
  const position = course && coursePosition(course, services.clock.now());
  if (!position) return undefined;
  const during = position.phase === 'initial' || position.phase === 'middle' || position.phase === 'ending';
  const first = PHASE_FIRST[position.phase];
  return {
    position,
    weekLine: during ? t(language, 'course.week', { week: position.week, total: position.totalWeeks }) : undefined,
    suggestion: first ? t(language, `course.suggest_${position.phase}`) : undefined,
    first,
  };
}

/** Items with the phase's exercise first, without a duplicate. */
export function withPhaseFirst(items: ChoiceItem[], note: CourseNote | undefined, lead: ChoiceItem[] = []): ChoiceItem[] {
  const first = [...lead, ...(note?.first ? [note.first] : [])];
  return [...first, ...items.filter((item) => !first.some((f) => f.id === item.id))];
}
