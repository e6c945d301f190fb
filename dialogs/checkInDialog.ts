import { ComponentDialog, DialogTurnResult, PromptOptions, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { Language, t } from '../src/i18n';
import { ClientServices } from '../src/client/clientServices';
import { CheckIn, HowItWent, Person } from '../src/client/records';
import { Answer, AnswerPrompt, Parsed } from './prompts/answerPrompt';
import { ask, ChoiceItem, question, toChoices } from './prompts/ask';
import { exerciseItems } from './prompts/intents';
import { FOCUS_AREAS, FocusArea } from '../src/bot/profile';
import { DialogOutcome, ensureClientId, languageOfClient, profileAndLanguage } from './prompts/clientContext';
import { parseChoice, parseScore, parseText } from './prompts/parsers';

export const CHECK_IN_DIALOG = 'checkInDialog';
const MOOD_PROMPT = 'checkInMoodPrompt';
const FEELINGS_PROMPT = 'checkInFeelingsPrompt';
const WHO_PROMPT = 'checkInWhoPrompt';
const HOW_PROMPT = 'checkInHowPrompt';
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
  const name = parseText({ max: 60 })(answer, options);
  return name.ok && name.value ? { ok: true, value: `${NAME_PREFIX}${name.value}` } : (name as Parsed<string>);
}

interface CheckInValues {
  mood?: number;
  feelings?: string;
  who?: string;
  /** The inventory, read once when the check-in starts (later turns read only the chat state). */
  people?: Person[];
  /** The clinician's focus area from the client record, read with the inventory. */
  focusArea?: string;
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
    this.addDialog(
      new WaterfallDialog(CHECK_IN_WATERFALL, [this.moodStep.bind(this), this.feelingsStep.bind(this), this.whoStep.bind(this), this.howStep.bind(this), this.saveStep.bind(this)]),
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

  private async saveStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { profile, language } = await profileAndLanguage(step.context, this.services);
    const values = step.values as CheckInValues;
    const how = step.result as Parsed<string>;
    const clientId = await ensureClientId(step.context, this.services);
    const sawNobody = values.who === NOBODY;
    const personId = values.who?.startsWith(PERSON_PREFIX) ? values.who.slice(PERSON_PREFIX.length) : undefined;
    const answers: Pick<CheckIn, 'mood' | 'feelings' | 'interaction' | 'sawNobody'> = {
      mood: values.mood as number,
      feelings: values.feelings,
      sawNobody,
      interaction: sawNobody ? undefined : { personId, name: this.nameOf(values.who ?? '', values.people ?? []), how: how.ok ? (how.value as HowItWent) : undefined },
    };
    const { record, updated } = await this.services.clients.saveCheckIn(clientId, profile.timeZone, answers);
    await this.services.lowMood?.check(step.context, clientId, profile.timeZone);
    // The clinician's focus area may be set on the client record by the programme side (read at the start).
    const focusArea = profile.focusArea ?? values.focusArea;
    await this.close(step, language, record, updated, focusArea);
    return step.endDialog();
  }

  private nameOf(who: string, people: Person[]): string {
    if (who.startsWith(NAME_PREFIX)) return who.slice(NAME_PREFIX.length);
    return people.find((p) => `${PERSON_PREFIX}${p.id}` === who)?.name ?? '';
  }

  /** A short close: the mood reflected, the interaction acknowledged, the focus area, one next step. */
  private async close(step: WaterfallStepContext, language: Language, record: CheckIn, updated: boolean, focusArea: string | undefined): Promise<void> {
    const band = record.mood <= 3 ? 'low' : record.mood <= 6 ? 'middle' : 'high';
    const lines = [t(language, updated ? 'checkin.updated' : 'checkin.saved'), t(language, `checkin.mood_${band}`, { mood: record.mood })];
    if (record.interaction?.how) lines.push(t(language, `checkin.reflect_${record.interaction.how}`, { name: record.interaction.name }));
    if (focusArea) lines.push(t(language, `checkin.focus_${focusArea}`));
    let next: ChoiceItem[];
    if (record.interaction?.how === 'worse') {
      lines.push(t(language, 'checkin.suggestProblem'));
      next = [{ id: 'problem', key: 'menu.item_problem' }, { id: 'menu', key: 'menu.item_menu' }];
    } else if (record.sawNobody) {
      lines.push(t(language, 'checkin.suggestNudge'));
      next = [{ id: 'nudge', key: 'menu.item_nudge' }, { id: 'menu', key: 'menu.item_menu' }];
    } else if (isFocusArea(focusArea)) {
      // The exercise for the focus area the clinician chose (grief, role dispute, role transition, …).
      lines.push(t(language, 'checkin.suggestExercise'));
      next = [exerciseItems(focusArea)[0], { id: 'week', key: 'menu.item_week' }, { id: 'menu', key: 'menu.item_menu' }];
    } else {
      lines.push(t(language, 'checkin.suggestWeek'));
      next = [{ id: 'week', key: 'menu.item_week' }, { id: 'exercises', key: 'menu.item_exercises' }, { id: 'menu', key: 'menu.item_menu' }];
    }
    await step.context.sendActivity(question(step.context, language, lines.join(' '), next));
  }
}

function isFocusArea(value: string | undefined): value is FocusArea {
  return (FOCUS_AREAS as readonly string[]).includes(value ?? '');
}
