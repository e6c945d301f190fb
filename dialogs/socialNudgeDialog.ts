import { ComponentDialog, DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { t } from '../src/i18n';
import { ClientServices } from '../src/client/clientServices';
import { CheckIn, Nudge, Person } from '../src/client/records';
import { AnswerPrompt, Parsed } from './prompts/answerPrompt';
import { ask, YES_NO } from './prompts/ask';
import { DialogOutcome, ensureClientId, languageOfClient, profileAndLanguage } from './prompts/clientContext';
import { parseChoice, parseYesNo } from './prompts/parsers';
import { variantUnlike } from './prompts/openings';
import { INVENTORY_DIALOG, InventoryDialog, InventoryOptions } from './inventoryDialog';
import { CONNECTIONS_DIALOG, ConnectionsDialog } from './connectionsDialog';

export const SOCIAL_NUDGE_DIALOG = 'socialNudgeDialog';
const NUDGE_WATERFALL = 'socialNudgeWaterfall';
const DID_IT_PROMPT = 'nudgeDidItPrompt';
const SUGGEST_PROMPT = 'nudgeSuggestPrompt';
const NO_SUPPORT_PROMPT = 'nudgeNoSupportPrompt';

interface NudgeValues {
  pending?: Nudge;
  person?: Person;
  /** Nobody supportive yet: the client chooses between adding someone and the connections exercise. */
  noSupport?: boolean;
  adding?: boolean;
}

interface NudgeOptions {
  /** People already suggested this time ("someone else"). */
  skip?: string[];
}

/**
 * The supportive person contacted longest ago (never first), from check-in interactions and nudges that
 * happened. Pure, so the choice is easy to test.
 */
export function pickPerson(people: Person[], checkIns: CheckIn[], nudges: Nudge[], skip: string[] = []): Person | undefined {
  const lastContact = new Map<string, string>();
  const note = (personId: string | undefined, when: string) => {
    if (personId && (lastContact.get(personId) ?? '') < when) lastContact.set(personId, when);
  };
  for (const c of checkIns) note(c.interaction?.personId, c.localDate);
  for (const n of nudges) if (n.status === 'happened') note(n.personId, (n.answeredAt ?? n.updatedAt).slice(0, 10));
  return people
    .filter((p) => p.supportive && !skip.includes(p.id))
    .sort((a, b) => (lastContact.get(a.id) ?? '').localeCompare(lastContact.get(b.id) ?? '') || a.createdAt.localeCompare(b.createdAt))[0];
}

/**
 * The social-support nudge: first asks whether the last accepted reach-out happened; otherwise suggests
 * one small, concrete reach-out to a supportive person not contacted lately. With nobody supportive in
 * the inventory, helps add someone first.
 */
export class SocialNudgeDialog extends ComponentDialog {
  constructor(private readonly services: ClientServices) {
    super(SOCIAL_NUDGE_DIALOG);
    this.addDialog(new AnswerPrompt<boolean>(DID_IT_PROMPT, parseYesNo, languageOfClient(services)));
    this.addDialog(new AnswerPrompt<string>(SUGGEST_PROMPT, parseChoice, languageOfClient(services)));
    this.addDialog(new AnswerPrompt<string>(NO_SUPPORT_PROMPT, parseChoice, languageOfClient(services)));
    this.addDialog(new InventoryDialog(services));
    this.addDialog(new ConnectionsDialog(services));
    this.addDialog(new WaterfallDialog(NUDGE_WATERFALL, [this.pendingStep.bind(this), this.suggestStep.bind(this), this.answerStep.bind(this), this.afterStep.bind(this)]));
    this.initialDialogId = NUDGE_WATERFALL;
  }

  /** A reach-out agreed last time and not yet asked about. */
  private async pendingStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { language } = await profileAndLanguage(step.context, this.services);
    const clientId = await ensureClientId(step.context, this.services);
    if ((step.options as NudgeOptions | undefined)?.skip) return step.next();
    const pending = (await this.services.clients.nudges(clientId)).find((n) => n.status === 'accepted');
    if (!pending) return step.next();
    (step.values as Record<string, unknown>).pending = pending;
    return step.prompt(DID_IT_PROMPT, ask(step.context, language, { text: { key: 'nudge.askDidIt', vars: { name: pending.personName } }, items: YES_NO }));
  }

  private async suggestStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { language } = await profileAndLanguage(step.context, this.services);
    const clientId = await ensureClientId(step.context, this.services);
    const pending = (step.values as Record<string, unknown>).pending as Nudge | undefined;
    if (pending) {
      const answer = step.result as Parsed<boolean>;
      if (!answer.ok) {
        await step.context.sendActivity(t(language, 'prompts.gaveUp'));
        return step.endDialog({ showMenu: true } satisfies DialogOutcome);
      }
      await this.services.clients.saveNudge({ ...pending, status: answer.value ? 'happened' : 'didNotHappen', answeredAt: this.services.clock.now().toISOString() });
      await step.context.sendActivity(t(language, answer.value ? 'nudge.happened' : 'nudge.didNotHappen', { name: pending.personName }));
      return step.endDialog();
    }
    const skip = (step.options as NudgeOptions | undefined)?.skip ?? [];
    const [people, checkIns, nudges] = await Promise.all([
      this.services.clients.people(clientId),
      this.services.clients.checkInsSince(clientId, '0000-01-01'),
      this.services.clients.nudges(clientId),
    ]);
    const person = pickPerson(people, checkIns, nudges, skip);
    if (!person) {
      if (skip.length > 0) {
        await step.context.sendActivity(t(language, 'nudge.nobodyElse'));
        return step.endDialog();
      }
      // Nobody supportive is not a dead end: building connections is the exercise for exactly this.
      await step.context.sendActivity(t(language, 'nudge.emptyInventory'));
      (step.values as NudgeValues).noSupport = true;
      return step.prompt(
        NO_SUPPORT_PROMPT,
        ask(step.context, language, {
          text: { key: 'nudge.orConnections' },
          items: [
            { id: 'add', key: 'nudge.addSomeoneButton' },
            { id: 'connections', key: 'menu.item_connections' },
          ],
        }),
      );
    }
    (step.values as Record<string, unknown>).person = person;
    const suggestion = t(language, 'nudge.suggest', { name: person.name });
    await step.context.sendActivity(suggestion);
    // Said right after the suggestion: never opening the same way.
    const variant = variantUnlike(language, 'nudge.idea', { name: person.name }, suggestion);
    return step.prompt(
      SUGGEST_PROMPT,
      ask(step.context, language, {
        text: { key: 'nudge.idea', vars: { name: person.name }, variant },
        items: [
          { id: 'accept', key: 'nudge.acceptButton' },
          { id: 'other', key: 'nudge.otherButton' },
          { id: 'decline', key: 'nudge.declineButton' },
        ],
      }),
    );
  }

  private async answerStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { language } = await profileAndLanguage(step.context, this.services);
    const clientId = await ensureClientId(step.context, this.services);
    const values = step.values as NudgeValues;
    const answer = step.result as Parsed<string>;
    if (values.noSupport) {
      if (!answer.ok) {
        await step.context.sendActivity(t(language, 'prompts.gaveUp'));
        return step.endDialog({ showMenu: true } satisfies DialogOutcome);
      }
      if (answer.value === 'connections') return step.beginDialog(CONNECTIONS_DIALOG);
      values.adding = true;
      return step.beginDialog(INVENTORY_DIALOG, { startWith: 'add', then: 'end' } satisfies InventoryOptions);
    }
    const person = values.person as Person;
    if (!answer.ok) {
      await step.context.sendActivity(t(language, 'prompts.gaveUp'));
      return step.endDialog({ showMenu: true } satisfies DialogOutcome);
    }
    if (answer.value === 'other') {
      const skip = [...((step.options as NudgeOptions | undefined)?.skip ?? []), person.id];
      return step.replaceDialog(NUDGE_WATERFALL, { skip } satisfies NudgeOptions);
    }
    const accepted = answer.value === 'accept';
    await this.services.clients.addNudge(clientId, person, accepted ? 'accepted' : 'declined');
    await step.context.sendActivity(t(language, accepted ? 'nudge.accepted' : 'nudge.declined', { name: person.name }));
    return step.endDialog();
  }

  /** Back from adding someone: suggest a reach-out to them now; back from the connections exercise: done. */
  private async afterStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    // A non-empty skip list: if the person added is not a supportive one, say so instead of asking again.
    if ((step.values as NudgeValues).adding) return step.replaceDialog(NUDGE_WATERFALL, { skip: [''] } satisfies NudgeOptions);
    return step.endDialog(step.result);
  }
}
