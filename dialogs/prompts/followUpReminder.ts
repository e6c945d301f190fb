import { TurnContext } from 'botbuilder';
import { FALLBACK_ZONE, validZone } from '../../src/client/clientRepository';
import { ClientServices } from '../../src/client/clientServices';
import { OwnDue, OwnReminderKind } from '../../src/scheduling/clientSchedule';
import { chatIdentity, ensureClientId, profileAndLanguage } from './clientContext';

/** A follow-up with no moment named is asked about after this: "a couple of days" gives the step a chance. */
export const DEFAULT_FOLLOW_UP_MS = 2 * 24 * 3_600_000;

/** Where the promised follow-up will come from: the programme's own reminders, one set here, or nowhere. */
export type FollowUpPromise = { by: 'programme' } | { by: 'own'; nextDueAt: string; timeZone: string } | { by: 'none' };

/**
 * Keeps the "I'll ask you how it went" of an exercise: a client in a programme gets the programme's
 * reminders; any other client gets a one-off reminder of `kind` in this very chat at `at` (moved out of
 * their quiet hours), through the same scheduler and its exactly-once guarantee; with `about`, it is not
 * sent once that record has changed (the client came back to it first).
 */
export async function promiseFollowUp(context: TurnContext, services: ClientServices, kind: OwnReminderKind, at: Date, about?: OwnDue['about']): Promise<FollowUpPromise> {
  if (await services.reminders.available(chatIdentity(context))) return { by: 'programme' };
  const own = services.ownReminders;
  if (!own) return { by: 'none' };
  const { profile } = await profileAndLanguage(context, services);
  const clientId = await ensureClientId(context, services);
  const current = await own.get(clientId);
  const timeZone = validZone(profile.timeZone) ? profile.timeZone : (current?.timeZone ?? FALLBACK_ZONE);
  const conversationReference = TurnContext.getConversationReference(context.activity) as Record<string, unknown>;
  const result = await own.remindOnce(clientId, kind, at, { timeZone, conversationReference, ...(current?.quietHours ? { quietHours: current.quietHours } : {}) }, about);
  return result.ok ? { by: 'own', nextDueAt: result.nextDueAt, timeZone: result.timeZone } : { by: 'none' };
}
