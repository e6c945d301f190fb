import { Attachment, CardFactory, MessageFactory } from 'botbuilder';
import { ComponentDialog, DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { Language, t } from '../src/i18n';
import { ClientServices } from '../src/client/clientServices';
import { Circle, CIRCLES, closenessChange, CONTACT_FREQUENCIES, KNOWS_FEELINGS, Person } from '../src/client/records';
import { AnswerParser, AnswerPrompt, Parsed } from './prompts/answerPrompt';
import { ask, ChoiceItem, isTeams, YES_NO } from './prompts/ask';
import { DialogOutcome, ensureClientId, languageOfClient, profileAndLanguage } from './prompts/clientContext';
import { parseChoice, parsePersonName, parseText, parseYesABitNo, parseYesNo, PersonName } from './prompts/parsers';
import { ADAPTIVE_CARD } from '../src/adaptiveCard';
import { stopKeepingDraft, takeDraft } from './prompts/drafts';

export const INVENTORY_DIALOG = 'inventoryDialog';
const MENU_WATERFALL = 'inventoryMenuWaterfall';
const PERSON_WATERFALL = 'inventoryPersonWaterfall';
const PICK_WATERFALL = 'inventoryPickWaterfall';
const ACTION_PROMPT = 'inventoryActionPrompt';
const NAME_PROMPT = 'inventoryNamePrompt';
const KEEP_NAME_PROMPT = 'inventoryKeepNamePrompt';
const NEW_NAME_PROMPT = 'inventoryNewNamePrompt';
const CIRCLE_PROMPT = 'inventoryCirclePrompt';
const YES_NO_PROMPT = 'inventoryYesNoPrompt';
const PICK_PROMPT = 'inventoryPickPrompt';
const BEFORE_PROMPT = 'inventoryBeforePrompt';
const DETAIL_PROMPT = 'inventoryDetailPrompt';
const KNOWS_PROMPT = 'inventoryKnowsPrompt';
/** The longest answer kept to "what do you get from them", "what do you expect of each other" and "what would you change". */
const DETAIL_MAX = 300;

/** Options: `{ startWith: 'add', then: 'end' }` lets another dialog (the nudge) ask for one person and come back. */
export interface InventoryOptions {
  startWith?: 'add';
  then?: 'end';
}

interface PersonOptions extends InventoryOptions {
  personId?: string;
  /** What was given last time before the questions stopped: those questions are not asked again. */
  draft?: Partial<Person>;
}

/** A new name for someone already listed, read like any name ("call her Anita", "se llama Anita"), or "keep as is". */
const parseNewName: AnswerParser<PersonName | undefined> = (answer, options) => {
  const kept = parseText({ max: 60, skippable: true })(answer, options);
  if (kept.ok && kept.value === undefined) return { ok: true, value: undefined };
  return parsePersonName({ max: 60, relationAsName: true })(answer, options);
};

/** The draft key of a person being added. */
const PERSON_DRAFT = 'inventoryPerson';

interface PickOptions extends InventoryOptions {
  action: 'edit' | 'remove';
}

/** One of the inventory's optional questions: the field it fills, its text, its prompt and its buttons besides skip. */
interface DetailQuestion {
  field: 'circleBefore' | 'contact' | 'knowsFeelings' | 'gets' | 'expectations' | 'wouldChange';
  key: string;
  prompt: string;
  /** Buttons for a choice; none for a free-text answer. */
  choices?: readonly ChoiceItem[];
}

/**
 * Asked in this order after the conflict question, each skippable ("keep as is" when editing an answer): how
 * close before (with the circle now, whether the relationship grew closer or further), how often in touch (a
 * close person seldom seen, a distant one seen daily), whether they know how the client has been feeling,
 * what the client gets from them, what each expects of the other, what the client would change.
 */
const DETAILS: readonly DetailQuestion[] = [
  { field: 'circleBefore', key: 'inventory.askBefore', prompt: BEFORE_PROMPT, choices: CIRCLES.map((id) => ({ id, key: `inventory.circle_${id}` })) },
  { field: 'contact', key: 'inventory.askContact', prompt: BEFORE_PROMPT, choices: CONTACT_FREQUENCIES.map((id) => ({ id, key: `inventory.contact_${id}` })) },
  { field: 'knowsFeelings', key: 'inventory.askKnows', prompt: KNOWS_PROMPT, choices: KNOWS_FEELINGS.map((id) => ({ id, key: `inventory.knows_${id}` })) },
  { field: 'gets', key: 'inventory.askGets', prompt: DETAIL_PROMPT },
  { field: 'expectations', key: 'inventory.askExpectations', prompt: DETAIL_PROMPT },
  { field: 'wouldChange', key: 'inventory.askChange', prompt: DETAIL_PROMPT },
];

/** Keeps an answer to an optional question: a skip keeps what the person already had (nothing, when adding). */
function keepDetail(values: Partial<Person>, question: DetailQuestion, answer: unknown, person: Person | undefined): void {
  const skipped = question.choices ? answer === 'skip' : answer === undefined;
  (values as Record<string, unknown>)[question.field] = skipped ? person?.[question.field] : answer;
}

/**
 * The interpersonal inventory: the people who matter, with relationship, circle (inner/middle/outer),
 * supportive or not, conflict or not; then, each skippable, how close before, how often in touch, whether they
 * know how the client has been feeling, what the client gets, what each expects and what they would change.
 * Add, edit, remove; shown as a card on Teams and a list elsewhere.
 */
export class InventoryDialog extends ComponentDialog {
  constructor(private readonly services: ClientServices) {
    super(INVENTORY_DIALOG);
    this.addDialog(new AnswerPrompt<string>(ACTION_PROMPT, parseChoice, languageOfClient(services)));
    this.addDialog(new AnswerPrompt<PersonName>(NAME_PROMPT, parsePersonName({ max: 60, relationAsName: true }), languageOfClient(services)));
    this.addDialog(new AnswerPrompt<string | undefined>(KEEP_NAME_PROMPT, parseText({ max: 60, skippable: true }), languageOfClient(services)));
    this.addDialog(new AnswerPrompt<PersonName | undefined>(NEW_NAME_PROMPT, parseNewName, languageOfClient(services)));
    this.addDialog(new AnswerPrompt<string>(CIRCLE_PROMPT, parseChoice, languageOfClient(services)));
    this.addDialog(new AnswerPrompt<boolean>(YES_NO_PROMPT, parseYesNo, languageOfClient(services)));
    this.addDialog(new AnswerPrompt<string>(PICK_PROMPT, parseChoice, languageOfClient(services)));
    this.addDialog(new AnswerPrompt<string>(BEFORE_PROMPT, parseChoice, languageOfClient(services)));
    this.addDialog(new AnswerPrompt<string>(KNOWS_PROMPT, parseYesABitNo, languageOfClient(services)));
    this.addDialog(new AnswerPrompt<string | undefined>(DETAIL_PROMPT, parseText({ max: DETAIL_MAX, skippable: true }), languageOfClient(services)));
    this.addDialog(new WaterfallDialog(MENU_WATERFALL, [this.showStep.bind(this), this.actionStep.bind(this)]));
    this.addDialog(
      new WaterfallDialog(PERSON_WATERFALL, [
        this.nameStep.bind(this),
        this.relationshipStep.bind(this),
        this.circleStep.bind(this),
        this.supportiveStep.bind(this),
        this.conflictStep.bind(this),
        ...DETAILS.map((_, index) => this.detailStep(index)),
        this.savePersonStep.bind(this),
      ]),
    );
    this.addDialog(new WaterfallDialog(PICK_WATERFALL, [this.pickStep.bind(this), this.pickedStep.bind(this), this.removeStep.bind(this)]));
    this.initialDialogId = MENU_WATERFALL;
  }

  private async people(step: WaterfallStepContext): Promise<Person[]> {
    return this.services.clients.people(await ensureClientId(step.context, this.services));
  }

  private async gaveUp(step: WaterfallStepContext, language: Language): Promise<DialogTurnResult> {
    await step.context.sendActivity(t(language, 'prompts.gaveUp'));
    return step.endDialog({ showMenu: true } satisfies DialogOutcome);
  }

  /** Stops adding a person after answers not understood, keeping the name and what else was given for next time. */
  private async gaveUpOnPerson(step: WaterfallStepContext, language: Language): Promise<DialogTurnResult> {
    if (await this.existing(step)) return this.gaveUp(step, language);
    const { name, relationship, circle, supportive, conflict, circleBefore, contact, knowsFeelings, gets, expectations } = step.values as Partial<Person>;
    await stopKeepingDraft(step.context, this.services, language, PERSON_DRAFT, { name, relationship, circle, supportive, conflict, circleBefore, contact, knowsFeelings, gets, expectations });
    return step.endDialog({ showMenu: true } satisfies DialogOutcome);
  }

  private async showStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { language } = await profileAndLanguage(step.context, this.services);
    const options = (step.options ?? {}) as InventoryOptions;
    const draft = await takeDraft<Person>(step.context, this.services, PERSON_DRAFT);
    if (draft?.name) {
      await step.context.sendActivity(t(language, 'inventory.draftResumed', { name: draft.name }));
      return step.replaceDialog(PERSON_WATERFALL, { then: options.then, draft } satisfies PersonOptions);
    }
    if (options.startWith === 'add') return step.replaceDialog(PERSON_WATERFALL, { then: options.then } satisfies PersonOptions);
    const people = await this.people(step);
    if (people.length > 0) await step.context.sendActivity(this.list(step, language, people));
    const items: ChoiceItem[] = [{ id: 'add', key: 'inventory.addButton' }];
    if (people.length > 0) items.push({ id: 'edit', key: 'inventory.editButton' }, { id: 'remove', key: 'inventory.removeButton' });
    items.push({ id: 'done', key: 'inventory.doneButton' });
    return step.prompt(ACTION_PROMPT, ask(step.context, language, { text: { key: people.length > 0 ? 'inventory.askAction' : 'inventory.empty' }, items }));
  }

  private async actionStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { language } = await profileAndLanguage(step.context, this.services);
    const answer = step.result as Parsed<string>;
    if (!answer.ok) return this.gaveUp(step, language);
    switch (answer.value) {
      case 'add':
        return step.replaceDialog(PERSON_WATERFALL, {} satisfies PersonOptions);
      case 'edit':
      case 'remove':
        return step.replaceDialog(PICK_WATERFALL, { action: answer.value } satisfies PickOptions);
      default:
        await step.context.sendActivity(t(language, 'inventory.closing'));
        return step.endDialog();
    }
  }

  // ── add or edit one person ─────────────────────────────────────────────────
  private async existing(step: WaterfallStepContext): Promise<Person | undefined> {
    const id = (step.options as PersonOptions | undefined)?.personId;
    return id ? (await this.people(step)).find((p) => p.id === id) : undefined;
  }

  private async nameStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { language } = await profileAndLanguage(step.context, this.services);
    const person = await this.existing(step);
    const draft = (step.options as PersonOptions | undefined)?.draft;
    if (draft?.name) return step.next({ ok: true, value: draft.name } satisfies Parsed<string>);
    if (person) {
      return step.prompt(NEW_NAME_PROMPT, ask(step.context, language, { text: { key: 'inventory.askNameEdit', vars: { name: person.name } }, items: [{ id: 'skip', key: 'inventory.keepButton' }] }));
    }
    return step.prompt(NAME_PROMPT, ask(step.context, language, { text: { key: 'inventory.askName' } }));
  }

  private async relationshipStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { language } = await profileAndLanguage(step.context, this.services);
    const answer = step.result as Parsed<string | PersonName | undefined>;
    if (!answer.ok) return this.gaveUpOnPerson(step, language);
    const person = await this.existing(step);
    const values = step.values as Partial<Person>;
    const typed = answer.value;
    values.name = (typeof typed === 'object' ? typed.name : typed) ?? person?.name;
    // A new name read out of a sentence ("call her Anita now") is said back, so a misreading shows at once.
    if (person && typeof typed === 'object' && typed.extracted && values.name !== person.name) {
      await step.context.sendActivity(t(language, 'inventory.renamed', { old: person.name, name: values.name ?? '' }));
    }
    // "my sister Ana, we talked on the phone": the relationship is already given, so it is not asked again.
    const draft = (step.options as PersonOptions | undefined)?.draft;
    if (draft?.relationship !== undefined) return step.next({ ok: true, value: draft.relationship } satisfies Parsed<string>);
    if (typeof typed === 'object' && typed.relation) {
      await step.context.sendActivity(t(language, 'inventory.notedRelation', { name: typed.name, relation: typed.relation }));
      return step.next({ ok: true, value: typed.relation } satisfies Parsed<string>);
    }
    return step.prompt(
      KEEP_NAME_PROMPT,
      ask(step.context, language, {
        text: { key: 'inventory.askRelationship', vars: { name: values.name ?? '' } },
        items: [{ id: 'skip', key: person ? 'inventory.keepButton' : 'checkin.skipButton' }],
      }),
    );
  }

  private async circleStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { language } = await profileAndLanguage(step.context, this.services);
    const answer = step.result as Parsed<string | undefined>;
    if (!answer.ok) return this.gaveUpOnPerson(step, language);
    const values = step.values as Partial<Person>;
    values.relationship = answer.value ?? (await this.existing(step))?.relationship ?? '';
    const draft = (step.options as PersonOptions | undefined)?.draft;
    if (draft?.circle) return step.next({ ok: true, value: draft.circle } satisfies Parsed<string>);
    return step.prompt(
      CIRCLE_PROMPT,
      ask(step.context, language, { text: { key: 'inventory.askCircle', vars: { name: values.name ?? '' } }, items: CIRCLES.map((id) => ({ id, key: `inventory.circle_${id}` })) }),
    );
  }

  private async supportiveStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { language } = await profileAndLanguage(step.context, this.services);
    const answer = step.result as Parsed<string>;
    if (!answer.ok) return this.gaveUpOnPerson(step, language);
    const values = step.values as Partial<Person>;
    values.circle = answer.value as Circle;
    const draft = (step.options as PersonOptions | undefined)?.draft;
    if (draft?.supportive !== undefined) return step.next({ ok: true, value: draft.supportive } satisfies Parsed<boolean>);
    return step.prompt(YES_NO_PROMPT, ask(step.context, language, { text: { key: 'inventory.askSupportive', vars: { name: values.name ?? '' } }, items: YES_NO }));
  }

  private async conflictStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { language } = await profileAndLanguage(step.context, this.services);
    const answer = step.result as Parsed<boolean>;
    if (!answer.ok) return this.gaveUpOnPerson(step, language);
    const values = step.values as Partial<Person>;
    values.supportive = answer.value;
    const draft = (step.options as PersonOptions | undefined)?.draft;
    if (draft?.conflict !== undefined) return step.next({ ok: true, value: draft.conflict } satisfies Parsed<boolean>);
    return step.prompt(YES_NO_PROMPT, ask(step.context, language, { text: { key: 'inventory.askConflict', vars: { name: values.name ?? '' } }, items: YES_NO }));
  }

  /** The skip button: "keep as is" when editing someone who already has an answer, else "skip". */
  private skipItem(existing: unknown): ChoiceItem {
    return { id: 'skip', key: existing !== undefined ? 'inventory.keepButton' : 'checkin.skipButton' };
  }

  /**
   * Step `index` of the optional questions: keeps the answer to the question before it (the conflict question
   * for the first), then asks its own — unless the person is added on the way to another exercise (a nudge:
   * these wait for an edit, to keep it short) or a draft already holds the answer.
   */
  private detailStep(index: number): (step: WaterfallStepContext) => Promise<DialogTurnResult> {
    return async (step) => {
      const { language } = await profileAndLanguage(step.context, this.services);
      const answer = step.result as Parsed<unknown>;
      if (!answer.ok) return this.gaveUpOnPerson(step, language);
      const values = step.values as Partial<Person>;
      const person = await this.existing(step);
      if (index === 0) values.conflict = answer.value as boolean;
      else keepDetail(values, DETAILS[index - 1], answer.value, person);
      const question = DETAILS[index];
      const options = step.options as PersonOptions | undefined;
      const skipped = question.choices ? 'skip' : undefined;
      if (options?.then === 'end') return step.next({ ok: true, value: skipped } satisfies Parsed<string | undefined>);
      const drafted = options?.draft?.[question.field];
      if (drafted) return step.next({ ok: true, value: drafted } satisfies Parsed<string>);
      const items: ChoiceItem[] = [...(question.choices ?? []), this.skipItem(person?.[question.field])];
      return step.prompt(question.prompt, ask(step.context, language, { text: { key: question.key, vars: { name: values.name ?? '' } }, items }));
    };
  }

  private async savePersonStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { language } = await profileAndLanguage(step.context, this.services);
    const answer = step.result as Parsed<string | undefined>;
    if (!answer.ok) return this.gaveUpOnPerson(step, language);
    const values = step.values as Person;
    const person = await this.existing(step);
    keepDetail(values, DETAILS[DETAILS.length - 1], answer.value, person);
    const { wouldChange } = values;
    const fields = {
      name: values.name,
      relationship: values.relationship,
      circle: values.circle,
      supportive: values.supportive,
      conflict: values.conflict,
      ...(values.circleBefore ? { circleBefore: values.circleBefore } : {}),
      ...(values.contact ? { contact: values.contact } : {}),
      ...(values.knowsFeelings ? { knowsFeelings: values.knowsFeelings } : {}),
      ...(values.gets ? { gets: values.gets } : {}),
      ...(values.expectations ? { expectations: values.expectations } : {}),
      ...(wouldChange ? { wouldChange } : {}),
    };
    const clientId = await ensureClientId(step.context, this.services);
    const saved = person ? await this.services.clients.savePerson({ ...person, ...fields }) : await this.services.clients.addPerson(clientId, fields);
    await step.context.sendActivity(t(language, person ? 'inventory.updated' : 'inventory.added', { name: saved.name }));
    if ((step.options as PersonOptions | undefined)?.then === 'end') return step.endDialog(saved);
    return step.replaceDialog(MENU_WATERFALL, {});
  }

  // ── pick someone to edit or remove ─────────────────────────────────────────
  private async pickStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { language } = await profileAndLanguage(step.context, this.services);
    const people = await this.people(step);
    const action = (step.options as PickOptions).action;
    return step.prompt(
      PICK_PROMPT,
      ask(step.context, language, { text: { key: action === 'edit' ? 'inventory.askWhoEdit' : 'inventory.askWhoRemove' }, items: people.map((p) => ({ id: p.id, title: p.name })) }),
    );
  }

  private async pickedStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { language } = await profileAndLanguage(step.context, this.services);
    const answer = step.result as Parsed<string>;
    if (!answer.ok) return this.gaveUp(step, language);
    const options = step.options as PickOptions;
    if (options.action === 'edit') return step.replaceDialog(PERSON_WATERFALL, { personId: answer.value } satisfies PersonOptions);
    const person = (await this.people(step)).find((p) => p.id === answer.value);
    (step.values as Record<string, unknown>).personId = answer.value;
    return step.prompt(YES_NO_PROMPT, ask(step.context, language, { text: { key: 'inventory.confirmRemove', vars: { name: person?.name ?? '' } }, items: YES_NO }));
  }

  private async removeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { language } = await profileAndLanguage(step.context, this.services);
    const answer = step.result as Parsed<boolean>;
    const personId = (step.values as Record<string, unknown>).personId as string;
    const person = (await this.people(step)).find((p) => p.id === personId);
    if (answer.ok && answer.value && person) {
      await this.services.clients.removePerson(person.clientId, person.id);
      await step.context.sendActivity(t(language, 'inventory.removed', { name: person.name }));
    } else {
      await step.context.sendActivity(t(language, 'inventory.notRemoved'));
    }
    return step.replaceDialog(MENU_WATERFALL, {});
  }

  /** The inventory: an Adaptive Card on Teams, a text list elsewhere. */
  private list(step: WaterfallStepContext, language: Language, people: Person[]) {
    const describe = (p: Person) => ({
      relationship: p.relationship || '–',
      circle: t(language, `inventory.circle_${p.circle}`, {}, () => 0),
      flags: [p.supportive ? t(language, 'inventory.flagSupportive') : '', p.conflict ? t(language, 'inventory.flagConflict') : '', closenessFlag(language, p)].filter(Boolean).join(', ') || '–',
    });
    if (isTeams(step.context)) {
      const card: Attachment = CardFactory.adaptiveCard({
        ...ADAPTIVE_CARD,
        body: [
          { type: 'TextBlock', text: t(language, 'inventory.title'), weight: 'Bolder', wrap: true },
          ...CIRCLES.flatMap((circle) => {
            const inCircle = people.filter((p) => p.circle === circle);
            if (inCircle.length === 0) return [];
            return [
              { type: 'TextBlock', text: t(language, `inventory.circle_${circle}`), weight: 'Bolder', separator: true, wrap: true },
              { type: 'FactSet', facts: inCircle.map((p) => ({ title: p.name, value: `${describe(p).relationship} · ${describe(p).flags}` })) },
            ];
          }),
        ],
      });
      return MessageFactory.attachment(card);
    }
    const lines = people.map((p) => t(language, 'inventory.line', { name: p.name, ...describe(p) }));
    return MessageFactory.text([t(language, 'inventory.title'), ...lines].join('\n'));
  }
}

/** "closer than before" / "further than before" when the client said how close they were before and it changed. */
function closenessFlag(language: Language, person: Person): string {
  const change = closenessChange(person);
  return change === 'closer' || change === 'further' ? t(language, `inventory.flag_${change}`) : '';
}
