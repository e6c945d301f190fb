import { ComponentDialog, DialogTurnResult, PromptOptions, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { Language, t } from '../src/i18n';
import { ClientServices } from '../src/client/clientServices';
import { CHECKLIST_ITEMS, MAX_REHEARSAL_DRAFTS, REPLY_STYLES, ReplyStyle } from '../src/client/records';
import { stopKeepingDraft, takeDraft } from './prompts/drafts';
import { Answer, AnswerPrompt, Parsed } from './prompts/answerPrompt';
import { ask, YES_NO } from './prompts/ask';
import { DialogOutcome, ensureClientId, languageOfClient, profileAndLanguage } from './prompts/clientContext';
import { parseChoice, parsePersonName, parseText, parseYesNo } from './prompts/parsers';
import { blameIn, checkDraft } from './rehearsalChecklist';
import { ExchangeOptions, exchangeReflectionKey, ExchangeResult, REHEARSAL_EXCHANGE_DIALOG, RehearsalExchangeDialog } from './rehearsalExchange';
import { FOLLOW_UP_AFTER_MS, FollowUpFirstDialog, LoopSource } from './followUpFirstDialog';

export const REHEARSAL_DIALOG = 'rehearsalDialog';
const SESSION_DIALOG = 'rehearsalSession';
const START_WATERFALL = 'rehearsalStartWaterfall';
const DRAFT_WATERFALL = 'rehearsalDraftWaterfall';
const PERSON_PROMPT = 'rehearsalPersonPrompt';
const GOAL_PROMPT = 'rehearsalGoalPrompt';
const DRAFT_PROMPT = 'rehearsalDraftPrompt';
const REPLY_PROMPT = 'rehearsalReplyPrompt';
const NEXT_PROMPT = 'rehearsalNextPrompt';
const REVERSAL_PROMPT = 'rehearsalReversalPrompt';
const THEIR_SIDE_PROMPT = 'rehearsalTheirSidePrompt';
const PERSON_CHOICE = 'person:';
/** How many people from the client's inventory are offered as buttons. */
const MAX_PEOPLE_BUTTONS = 5;

/** What the draft loop carries from one version to the next. */
interface Rehearsal {
  personName: string;
  personId?: string;
  goal: string;
  drafts: string[];
  practisedReplies: ReplyStyle[];
  /** The client's answers in the role play of the latest version. */
  exchange?: string[];
  /** The role reversal, offered once per rehearsal: what the client thinks the other person might feel or say. */
  reversalOffered?: boolean;
  theirSide?: string;
}

/** A person from the buttons (`person:<id>`), or a typed name. */
function parsePerson(answer: Answer, options: PromptOptions): Parsed<string | undefined> {
  const choice = parseChoice(answer, options);
  if (choice.ok) return choice;
  const person = parsePersonName({ max: 60, relationAsName: true })(answer, options);
  return person.ok ? { ok: true, value: person.value.name } : (person as Parsed<never>);
}

/**
 * Rehearsal of a difficult conversation (a role play): the person and the goal → what the client would
 * say → a reflection against a short checklist → the other person's likely reply, in a style the client
 * picks, and a short exchange where the client answers it (./rehearsalExchange.ts) → a word back and a tip
 * → once per rehearsal, a role reversal (the client as the other person) → another try, up to four
 * versions → the last version saved as a script to read before the talk.
 */
class RehearsalSession extends ComponentDialog {
  constructor(private readonly services: ClientServices) {
    super(SESSION_DIALOG);
    const languageOf = languageOfClient(services);
    this.addDialog(new AnswerPrompt<string | undefined>(PERSON_PROMPT, parsePerson, languageOf));
    this.addDialog(new AnswerPrompt<string | undefined>(GOAL_PROMPT, parseText({ max: 300 }), languageOf));
    this.addDialog(new AnswerPrompt<string | undefined>(DRAFT_PROMPT, parseText({ max: 1000 }), languageOf));
    this.addDialog(new AnswerPrompt<string>(REPLY_PROMPT, parseChoice, languageOf));
    this.addDialog(new AnswerPrompt<string>(NEXT_PROMPT, parseChoice, languageOf));
    this.addDialog(new AnswerPrompt<boolean>(REVERSAL_PROMPT, parseYesNo, languageOf));
    this.addDialog(new AnswerPrompt<string | undefined>(THEIR_SIDE_PROMPT, parseText({ max: 1000, skippable: true }), languageOf));
    this.addDialog(new RehearsalExchangeDialog(services));
    this.addDialog(new WaterfallDialog(START_WATERFALL, [this.personStep.bind(this), this.goalStep.bind(this), this.startDraftsStep.bind(this)]));
    this.addDialog(
      new WaterfallDialog(DRAFT_WATERFALL, [
        this.draftStep.bind(this),
        this.reflectStep.bind(this),
        this.replyStep.bind(this),
        this.afterExchangeStep.bind(this),
        this.reversalStep.bind(this),
        this.theirSideStep.bind(this),
        this.nextStep.bind(this),
      ]),
    );
    this.initialDialogId = START_WATERFALL;
  }

  /** Stops after answers not understood; the person, the goal and the versions written so far are kept for next time. */
  private async giveUp(step: WaterfallStepContext, language: Language): Promise<DialogTurnResult> {
    const given = { ...(step.values as Partial<Rehearsal>), ...((step.options ?? {}) as Partial<Rehearsal>) };
    const { personName, personId, goal, drafts, practisedReplies } = given;
    await stopKeepingDraft(step.context, this.services, language, REHEARSAL_DIALOG, { personName, personId, goal, drafts: drafts?.length ? drafts : undefined, practisedReplies: drafts?.length ? practisedReplies : undefined });
    return step.endDialog({ showMenu: true } satisfies DialogOutcome);
  }

  private async personStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { language } = await profileAndLanguage(step.context, this.services);
    const clientId = await ensureClientId(step.context, this.services);
    const people = (await this.services.clients.people(clientId)).slice(0, MAX_PEOPLE_BUTTONS);
    await step.context.sendActivity(t(language, 'rehearsal.intro'));
    const kept = await takeDraft<Rehearsal>(step.context, this.services, REHEARSAL_DIALOG);
    if (kept?.personName) {
      await step.context.sendActivity(t(language, 'prompts.draftResumed'));
      if (kept.goal) {
        const rehearsal: Rehearsal = { personName: kept.personName, personId: kept.personId, goal: kept.goal, drafts: kept.drafts ?? [], practisedReplies: kept.practisedReplies ?? [] };
        return step.replaceDialog(DRAFT_WATERFALL, rehearsal);
      }
      Object.assign(step.values, { personName: kept.personName, personId: kept.personId, resumed: true });
      return step.next({ ok: true, value: kept.personName } satisfies Parsed<string>);
    }
    return step.prompt(
      PERSON_PROMPT,
      ask(step.context, language, {
        text: { key: 'rehearsal.askPerson' },
        items: people.map((p) => ({ id: `${PERSON_CHOICE}${p.id}`, title: p.name })),
        retries: { empty: { key: 'rehearsal.personRetry' }, noLetters: { key: 'rehearsal.personRetry' }, tooLong: { key: 'rehearsal.personRetry' } },
      }),
    );
  }

  private async goalStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { language } = await profileAndLanguage(step.context, this.services);
    const answer = step.result as Parsed<string | undefined>;
    if (!answer.ok || !answer.value) return this.giveUp(step, language);
    const values = step.values as Partial<Rehearsal>;
    const resumed = (step.values as { resumed?: boolean }).resumed === true;
    if (!resumed && answer.value.startsWith(PERSON_CHOICE)) {
      const clientId = await ensureClientId(step.context, this.services);
      const person = (await this.services.clients.people(clientId)).find((p) => p.id === answer.value?.slice(PERSON_CHOICE.length));
      if (!person) return this.giveUp(step, language);
      values.personName = person.name;
      values.personId = person.id;
    } else if (!resumed) {
      values.personName = answer.value;
    }
    return step.prompt(GOAL_PROMPT, ask(step.context, language, { text: { key: 'rehearsal.askGoal', vars: { name: values.personName ?? '' } } }));
  }

  private async startDraftsStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { language } = await profileAndLanguage(step.context, this.services);
    const answer = step.result as Parsed<string | undefined>;
    if (!answer.ok || !answer.value) return this.giveUp(step, language);
    const values = step.values as Partial<Rehearsal>;
    const rehearsal: Rehearsal = { personName: values.personName ?? '', personId: values.personId, goal: answer.value, drafts: [], practisedReplies: [] };
    return step.replaceDialog(DRAFT_WATERFALL, rehearsal);
  }

  private rehearsal(step: WaterfallStepContext): Rehearsal {
    return step.options as Rehearsal;
  }

  private async draftStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { language } = await profileAndLanguage(step.context, this.services);
    const r = this.rehearsal(step);
    const key = r.drafts.length === 0 ? 'rehearsal.askDraft' : 'rehearsal.askAgain';
    return step.prompt(DRAFT_PROMPT, ask(step.context, language, { text: { key, vars: { name: r.personName } }, retries: { tooLong: { key: 'rehearsal.draftTooLong' } } }));
  }

  /** The version against the checklist, then the other person's likely reply. */
  private async reflectStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { language } = await profileAndLanguage(step.context, this.services);
    const answer = step.result as Parsed<string | undefined>;
    if (!answer.ok || !answer.value) return this.giveUp(step, language);
    const r = this.rehearsal(step);
    r.drafts.push(answer.value);
    // The role play belongs to the version it was played against.
    delete r.exchange;
    const met = checkDraft(answer.value);
    const lines = CHECKLIST_ITEMS.map((item) => t(language, `rehearsal.check_${item}_${met.includes(item) ? 'yes' : 'no'}`));
    // Blame gets one gentle way to say the same thing from the client's side, fitted to the kind of blame.
    const blame = blameIn(answer.value)[0];
    await step.context.sendActivity([t(language, 'rehearsal.reflectTitle'), ...lines, ...(blame ? [t(language, `rehearsal.rewrite_${blame}`)] : [])].join('\n\n'));
    return step.prompt(
      REPLY_PROMPT,
      ask(step.context, language, {
        text: { key: 'rehearsal.askReply', vars: { name: r.personName } },
        items: REPLY_STYLES.map((style) => ({ id: style, key: `rehearsal.style_${style}` })),
      }),
    );
  }

  /** The other person's first reply in the picked style, then the role play: the client answers it. */
  private async replyStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { language } = await profileAndLanguage(step.context, this.services);
    const answer = step.result as Parsed<string>;
    const r = this.rehearsal(step);
    if (!answer.ok) return step.next(undefined);
    const style = answer.value as ReplyStyle;
    if (!r.practisedReplies.includes(style)) r.practisedReplies.push(style);
    (step.values as { style?: ReplyStyle }).style = style;
    await step.context.sendActivity(t(language, `rehearsal.reply_${style}`, { name: r.personName }));
    return step.beginDialog(REHEARSAL_EXCHANGE_DIALOG, { personName: r.personName, style } satisfies ExchangeOptions);
  }

  /** A word on how the client held the conversation and a tip for that style; then, once, the role reversal. */
  private async afterExchangeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { language } = await profileAndLanguage(step.context, this.services);
    const r = this.rehearsal(step);
    const result = step.result as ExchangeResult | undefined;
    const style = (step.values as { style?: ReplyStyle }).style;
    if (result?.ended === 'gaveUp') return this.giveUp(step, language);
    if (result) {
      r.exchange = result.answers;
      await step.context.sendActivity(t(language, exchangeReflectionKey(result), { name: r.personName }));
    }
    if (style) await step.context.sendActivity(t(language, `rehearsal.tip_${style}`));
    // Offered once, and not to someone who stopped the role play before saying anything.
    if (r.reversalOffered || !result?.answers.length) return step.next({ ok: true, value: false } satisfies Parsed<boolean>);
    r.reversalOffered = true;
    return step.prompt(REVERSAL_PROMPT, ask(step.context, language, { text: { key: 'rehearsal.askReversal', vars: { name: r.personName } }, items: YES_NO }));
  }

  private async reversalStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { language } = await profileAndLanguage(step.context, this.services);
    const answer = step.result as Parsed<boolean>;
    const r = this.rehearsal(step);
    // Not understood twice: the role reversal is optional, so the rehearsal carries on without it.
    if (!answer.ok || !answer.value) return step.next({ ok: true, value: undefined } satisfies Parsed<string | undefined>);
    return step.prompt(THEIR_SIDE_PROMPT, ask(step.context, language, { text: { key: 'rehearsal.askTheirSide', vars: { name: r.personName } }, items: [{ id: 'skip', key: 'checkin.skipButton' }] }));
  }

  private async theirSideStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { language } = await profileAndLanguage(step.context, this.services);
    const answer = step.result as Parsed<string | undefined>;
    const r = this.rehearsal(step);
    if (answer.ok && answer.value) {
      r.theirSide = answer.value;
      await step.context.sendActivity(t(language, 'rehearsal.reversalReflect', { name: r.personName }));
    }
    if (r.drafts.length >= MAX_REHEARSAL_DRAFTS) {
      await step.context.sendActivity(t(language, 'rehearsal.lastTry'));
      return step.next({ ok: true, value: 'keep' } satisfies Parsed<string>);
    }
    return step.prompt(
      NEXT_PROMPT,
      ask(step.context, language, {
        text: { key: 'rehearsal.askNext' },
        items: [
          { id: 'again', key: 'rehearsal.tryAgainButton' },
          { id: 'keep', key: 'rehearsal.keepButton' },
        ],
      }),
    );
  }

  /** Another version, or the last one kept as the script (also when the person leaves the question). */
  private async nextStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { language } = await profileAndLanguage(step.context, this.services);
    const answer = step.result as Parsed<string>;
    const r = this.rehearsal(step);
    if (answer.ok && answer.value === 'again') return step.replaceDialog(DRAFT_WATERFALL, r);
    const clientId = await ensureClientId(step.context, this.services);
    const text = r.drafts[r.drafts.length - 1];
    await this.services.clients.addScript(clientId, {
      personName: r.personName,
      personId: r.personId,
      goal: r.goal,
      drafts: r.drafts,
      text,
      checklist: checkDraft(text),
      practisedReplies: r.practisedReplies,
      ...(r.exchange?.length ? { exchange: r.exchange } : {}),
      ...(r.theirSide ? { theirSide: r.theirSide } : {}),
    });
    await step.context.sendActivity(t(language, 'rehearsal.saved', { name: r.personName }));
    return step.endDialog();
  }
}

/** The newest rehearsed talk the client has not said happened or not, from the next day on. */
const talkLoop: LoopSource = {
  async open(clientId, services, now) {
    const newest = (await services.clients.scripts(clientId))[0];
    if (!newest || newest.talkHappened || now.getTime() - Date.parse(newest.createdAt) < FOLLOW_UP_AFTER_MS) return undefined;
    return { id: newest.id, key: 'loops.askTalk', vars: { name: newest.personName } };
  },
  async close(clientId, services, id, outcome) {
    const script = (await services.clients.scripts(clientId)).find((s) => s.id === id);
    if (script) await services.clients.saveScript({ ...script, talkHappened: outcome });
  },
};

/** Rehearsal, after asking whether the last rehearsed talk happened. */
export class RehearsalDialog extends FollowUpFirstDialog {
  constructor(services: ClientServices) {
    super(REHEARSAL_DIALOG, new RehearsalSession(services), talkLoop, services);
  }
}
