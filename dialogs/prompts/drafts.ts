import { TurnContext } from 'botbuilder';
import { Language, t } from '../../src/i18n';
import { ClientServices } from '../../src/client/clientServices';

/**
 * Nothing typed is lost: when an exercise stops because two answers in a row were not understood, what was
 * already answered is kept as a draft in the person's chat state, the person is told so, and the exercise
 * picks up from there the next time it starts.
 */

/** Keeps `values` as the draft of `key` when there is anything in them; says whether there was. */
export async function keepDraft(context: TurnContext, services: ClientServices, key: string, values: Record<string, unknown>): Promise<boolean> {
  const given = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== '' && !(typeof v === 'object' && v !== null && Object.keys(v).length === 0)));
  if (Object.keys(given).length === 0) return false;
  const profile = await services.profileAccessor.get(context, {});
  profile.drafts = { ...(profile.drafts ?? {}), [key]: { values: given, savedAt: services.clock.now().toISOString() } };
  await services.profileAccessor.set(context, profile);
  return true;
}

/** The draft of `key`, removed from the state (it is being finished now), or undefined. */
export async function takeDraft<T extends object>(context: TurnContext, services: ClientServices, key: string): Promise<Partial<T> | undefined> {
  const profile = await services.profileAccessor.get(context, {});
  const draft = profile.drafts?.[key];
  if (!draft) return undefined;
  const rest = { ...profile.drafts };
  delete rest[key];
  profile.drafts = Object.keys(rest).length > 0 ? rest : undefined;
  await services.profileAccessor.set(context, profile);
  return draft.values as Partial<T>;
}

/**
 * Ends an exercise after answers that were not understood: keeps what was given as a draft and says so,
 * or says only that it stops here when nothing had been given yet.
 */
export async function stopKeepingDraft(context: TurnContext, services: ClientServices, language: Language, key: string, values: Record<string, unknown>): Promise<void> {
  const kept = await keepDraft(context, services, key, values);
  await context.sendActivity(t(language, kept ? 'prompts.gaveUpKept' : 'prompts.gaveUp'));
}
