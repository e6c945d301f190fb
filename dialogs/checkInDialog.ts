import { ComponentDialog, DialogTurnResult, PromptOptions, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { Language, t } from '../src/i18n';
import { ClientServices } from '../src/client/clientServices';
import { CheckIn, HowItWent, MOOD_EFFECTS, MoodEffect, Person } from '../src/client/records';
import { COMMUNICATION_ANALYSIS_DIALOG, CommunicationAnalysisDialog, CommunicationAnalysisOptions } from './communicationAnalysisDialog';
import { Answer, AnswerPrompt, Parsed } from './prompts/answerPrompt';
import { ask, ChoiceItem, question, toChoices } from './prompts/ask';
import { exerciseItems } from './prompts/intents';
import { courseNote } from './prompts/coursePhase';
import { FOCUS_AREAS, FocusArea } from '../src/bot/profile';
import { DialogOutcome, ensureClientId, languageOfClient, profileAndLanguage } from './prompts/clientContext';
import { reflectBack } from './prompts/reflectBack';
import { parseChoice, parsePersonName, parseScore, parseText } from './prompts/parsers';

export const CHECK_IN_DIALOG = 'checkInDialog';
const MOOD_PROMPT = 'checkInMoodPrompt';
const FEELINGS_PROMPT = 'checkInFeelingsPrompt';
const WHO_PROMPT = 'checkInWhoPrompt';
const HOW_PROMPT = 'checkInHowPrompt';
const AFFECTED_PROMPT = 'checkInAffectedPrompt';
const NEXT_PROMPT = 'checkInNextPrompt';
const ANALYSE = 'analyseThis';
const CHECK_IN_WATERFALL = 'checkInWaterfall';

const NOBODY = 'nobody';
const PERSON_PREFIX = 'person:';
const NAME_PREFIX = 'name:';
/** People offered as buttons; more would crowd the card. */
const MAX_PEOPLE_BUTTONS = 4;

/** A person from the buttons, "nobody", or a name typed freely (`name:<text>`). */
function parseWho(answer: Answer, options: PromptOptions): Parsed<string> {
  const choice = parseChoice(answer, options);
  if (choice.ok || choice.reason !== 'unknownChoice' || !answer.text) return choice;
  const person = parsePersonName({ max: 60, relationAsName: true })(answer, options);
  return person.ok ? { ok: true, value: `${NAME_PREFIX}${person.value.name}` } : (person as Parsed<never>);
}

/** How a check-in ends: as any dialog, or asking the main dialog to start problem solving next. */
export interface CheckInOutcome extends DialogOutcome {
  then?: 'problem';
}

interface CheckInValues {
  mood?: number;
  feelings?: string;
  who?: string;
  how?: HowItWent;
  /** The inventory, read once when the check-in starts (later turns read only the chat state). */
  people?: Person[];
  /** The clinician's focus area from the client record, read with the inventory. */
  focusArea?: string;
  /** The feelings were already reflected back: the close does not sum the day up in general words. */
  reflected?: boolean;
}

/**
 * The daily check-in: mood 0–10, a few feeling words (optional), the day's most important interaction
 * and how it went, then a short close that reflects the answers and points to one next step. One record
 * per client per local day; checking in again the same day updates it.
 */
export class CheckInDialog extends ComponentDialog {
  constructor(private readonly services: ClientServices) {
    super(CHECK_IN_DIALOG);
    this.addDialog(new AnswerPrompt<number>(MOOD_PROMPT, parseScore(0, 10), languageOfClient(services)));
    this.addDialog(new AnswerPrompt<string | undefined>(FEELINGS_PROMPT, parseText({ max: 200, skippable: true }), languageOfClient(services)));
    this.addDialog(new AnswerPrompt<string>(WHO_PROMPT, parseWho, languageOfClient(services)));
    this.addDialog(new AnswerPrompt<string>(HOW_PROMPT, parseChoice, languageOfClient(services)));
    this.addDialog(new AnswerPrompt<string>(AFFECTED_PROMPT, parseChoice, languageOfClient(services)));
    this.addDialog(new AnswerPrompt<string>(NEXT_PROMPT, parseChoice, languageOfClient(services)));
    // A harder-than-expected exchange is analysed right here, starting from that person and day.
    this.addDialog(new CommunicationAnalysisDialog(services));
    this.addDialog(
      new WaterfallDialog(CHECK_IN_WATERFALL, [
        this.moodStep.bind(this),
        this.feelingsStep.bind(this),
        this.whoStep.bind(this),
        this.howStep.bind(this),
        this.affectedStep.bind(this),
        this.saveStep.bind(this),
        this.nextStep.bind(this),
      ]),
    );
    this.initialDialogId = CHECK_IN_WATERFALL;
  }

  private async moodStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { profile, language } = await profileAndLanguage(step.context, this.services);
    // Everything the later steps need from the client record is read now, on the turn that starts the
    // check-in, so each answer's turn reads and writes only the chat state. No client id yet: nothing stored.
    const values = step.values as CheckInValues;
    values.people = profile.clientId ? await this.services.clients.people(profile.clientId) : [];
    values.focusArea = profile.focusArea ?? (profile.clientId ? (await this.services.clients.getProfile(profile.clientId))?.focusArea : undefined);
    const hint = { key: 'checkin.moodRetry' };
    const items: ChoiceItem[] = Array.from({ length: 11 }, (_, n) => ({ id: String(n), title: String(n) }));
    return step.prompt(
      MOOD_PROMPT,
      ask(step.context, language, {
        text: { key: 'checkin.askMood', vars: { name: profile.preferredName ?? '' } },
        items,
        retries: { outOfRange: hint, notNumber: hint, noLetters: hint, empty: hint, tooLong: hint, unknownChoice: hint },
      }),
    );
  }

  private async feelingsStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { language } = await profileAndLanguage(step.context, this.services);
    const mood = step.result as Parsed<number>;
    if (!mood.ok) {
      await step.context.sendActivity(t(language, 'prompts.gaveUp'));
      return step.endDialog({ showMenu: true } satisfies DialogOutcome);
    }
    (step.values as CheckInValues).mood = mood.value;
    return step.prompt(FEELINGS_PROMPT, ask(step.context, language, { text: { key: 'checkin.askFeelings' }, items: [{ id: 'skip', key: 'checkin.skipButton' }], retries: { tooLong: { key: 'checkin.feelingsTooLong' } } }));
  }

  private async whoStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { language } = await profileAndLanguage(step.context, this.services);
    const feelings = step.result as Parsed<string | undefined>;
    if (feelings.ok) (step.values as CheckInValues).feelings = feelings.value;
    // What they feel is named before the next question, not only counted in the mood.
    if (feelings.ok) (step.values as CheckInValues).reflected = await reflectBack(step.context, this.services, language, feelings.value);
    const people = (step.values as CheckInValues).people ?? [];
    const asItem = (p: Person): ChoiceItem => ({ id: `${PERSON_PREFIX}${p.id}`, title: p.name });
    const nobody: ChoiceItem = { id: NOBODY, key: 'checkin.nobodyButton' };
    const options = ask(step.context, language, { text: { key: 'checkin.askWho' }, items: [...people.slice(0, MAX_PEOPLE_BUTTONS).map(asItem), nobody], retries: { unknownChoice: { key: 'checkin.whoRetry' } } });
    // Only a few people fit on buttons, but anyone in the inventory is recognised when their name is typed.
    options.choices = toChoices([...people.map(asItem), nobody]);
    return step.prompt(WHO_PROMPT, options);
  }

  private async howStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { language } = await profileAndLanguage(step.context, this.services);
    const who = step.result as Parsed<string>;
    const values = step.values as CheckInValues;
    values.who = who.ok ? who.value : NOBODY;
    if (values.who === NOBODY) return step.next({ ok: false, reason: 'empty' });
    const name = this.nameOf(values.who, values.people ?? []);
    const items: ChoiceItem[] = (['better', 'asExpected', 'worse'] as HowItWent[]).map((id) => ({ id, key: `checkin.how_${id}` }));
    return step.prompt(HOW_PROMPT, ask(step.context, language, { text: { key: 'checkin.askHow', vars: { name } }, items }));
  }

  /** Briefly: did what happened with the person affect how the client felt? Skipped answers are not pressed. */
  private async affectedStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { language } = await profileAndLanguage(step.context, this.services);
    const values = step.values as CheckInValues;
    if (values.who === NOBODY) return step.next({ ok: false, reason: 'empty' });
    const how = step.result as Parsed<string>;
    if (how.ok) values.how = how.value as HowItWent;
    const name = this.nameOf(values.who ?? '', values.people ?? []);
    const items: ChoiceItem[] = MOOD_EFFECTS.map((id) => ({ id, key: `checkin.affected_${id}` }));
    return step.prompt(AFFECTED_PROMPT, ask(step.context, language, { text: { key: 'checkin.askAffected', vars: { name } }, items }));
  }

  private async saveStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { profile, language } = await profileAndLanguage(step.context, this.services);
    const values = step.values as CheckInValues;
    const affected = step.result as Parsed<string>;
    const clientId = await ensureClientId(step.context, this.services);
    const sawNobody = values.who === NOBODY;
    const personId = values.who?.startsWith(PERSON_PREFIX) ? values.who.slice(PERSON_PREFIX.length) : undefined;
    const answers: Pick<CheckIn, 'mood' | 'feelings' | 'interaction' | 'sawNobody'> = {
      mood: values.mood as number,
      feelings: values.feelings,
      sawNobody,
      interaction: sawNobody
        ? undefined
        : { personId, name: this.nameOf(values.who ?? '', values.people ?? []), how: values.how, affectedMood: affected.ok ? (affected.value as MoodEffect) : undefined },
    };
    const { record, updated } = await this.services.clients.saveCheckIn(clientId, profile.timeZone, answers);
    await this.services.lowMood?.check(step.context, clientId, profile.timeZone);
    // The clinician's focus area may be set on the client record by the programme side (read at the start).
    const focusArea = profile.focusArea ?? values.focusArea;
    return this.close(step, language, record, updated, focusArea, values.reflected === true);
  }

  /** After "worse than expected": the analysis of that very exchange, problem solving, or the menu. */
  private async nextStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const choice = step.result as Parsed<string> | undefined;
    if (!choice?.ok) return step.endDialog({ showMenu: true } satisfies DialogOutcome);
    if (choice.value === ANALYSE) {
      const { record } = step.values as { record?: CheckIn };
      if (record?.interaction) {
        const options: CommunicationAnalysisOptions = { checkInDate: record.localDate, personName: record.interaction.name, personId: record.interaction.personId };
        return step.beginDialog(COMMUNICATION_ANALYSIS_DIALOG, options);
      }
    }
    if (choice.value === 'problem') return step.endDialog({ then: 'problem' } satisfies CheckInOutcome);
    return step.endDialog({ showMenu: true } satisfies DialogOutcome);
  }

  private nameOf(who: string, people: Person[]): string {
    if (who.startsWith(NAME_PREFIX)) return who.slice(NAME_PREFIX.length);
    return people.find((p) => `${PERSON_PREFIX}${p.id}` === who)?.name ?? '';
  }

  /** A short close: the mood reflected, the interaction acknowledged, the focus area, one next step. */
  private async close(step: WaterfallStepContext, language: Language, record: CheckIn, updated: boolean, focusArea: string | undefined, reflected: boolean): Promise<DialogTurnResult> {
    const band = record.mood <= 3 ? 'low' : record.mood <= 6 ? 'middle' : 'high';
    const lines = [t(language, updated ? 'checkin.updated' : 'checkin.saved')];
    if (!reflected) lines.push(t(language, `checkin.mood_${band}`, { mood: record.mood }));
    if (record.interaction?.how) lines.push(t(language, `checkin.reflect_${record.interaction.how}`, { name: record.interaction.name }));
    if (focusArea) lines.push(t(language, `checkin.focus_${focusArea}`));
    const course = await courseNote(step.context, this.services, language);
    if (course?.weekLine) lines.push(course.weekLine);
    let next: ChoiceItem[];
    if (record.interaction?.how === 'worse') {
      // That exchange is the one to look at closely; problem solving stays one tap away.
      lines.push(t(language, 'checkin.suggestAnalyse', { name: record.interaction.name }));
      (step.values as { record?: CheckIn }).record = record;
      const items: ChoiceItem[] = [{ id: ANALYSE, key: 'checkin.analyseButton' }, { id: 'problem', key: 'menu.item_problem' }, { id: 'menu', key: 'menu.item_menu' }];
      return step.prompt(NEXT_PROMPT, ask(step.context, language, { text: lines.join(' '), items }));
    } else if (record.sawNobody) {
      lines.push(t(language, 'checkin.suggestNudge'));
      next = [{ id: 'nudge', key: 'menu.item_nudge' }, { id: 'menu', key: 'menu.item_menu' }];
    } else if (course?.first && course.suggestion) {
      // The phase's exercise (the inventory in the first weeks, ending work in the last two) before the focus area's.
      lines.push(course.suggestion);
      next = [course.first, { id: 'week', key: 'menu.item_week' }, { id: 'menu', key: 'menu.item_menu' }];
    } else if (isFocusArea(focusArea)) {
      // The exercise for the focus area the clinician chose (grief, role dispute, role transition, …).
      lines.push(t(language, 'checkin.suggestExercise'));
      next = [exerciseItems(focusArea)[0], { id: 'week', key: 'menu.item_week' }, { id: 'menu', key: 'menu.item_menu' }];
    } else {
      lines.push(t(language, 'checkin.suggestWeek'));
      next = [{ id: 'week', key: 'menu.item_week' }, { id: 'exercises', key: 'menu.item_exercises' }, { id: 'menu', key: 'menu.item_menu' }];
    }
    await step.context.sendActivity(question(step.context, language, lines.join(' '), next));
    return step.endDialog();
  }
}

function isFocusArea(value: string | undefined): value is FocusArea {
  return (FOCUS_AREAS as readonly string[]).includes(value ?? '');
}
