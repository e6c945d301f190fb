import { TurnContext } from 'botbuilder';
import { Language } from '../../src/i18n';
import { Profile } from '../../src/bot/profile';
import { ClientServices } from '../../src/client/clientServices';
import { EnrolmentIdentity } from '../../src/client/enrolmentCodes';
import { languageOf } from '../dialogContext';

/** Who is writing, as programmes know a chat: the channel and the person's id on it (enrolment, reminders). */
export function chatIdentity(context: TurnContext): EnrolmentIdentity {
  return { channelId: context.activity.channelId, userId: context.activity.from.id };
}

/** The person's profile and the language to answer in. */
export async function profileAndLanguage(context: TurnContext, services: ClientServices): Promise<{ profile: Profile; language: Language }> {
  const profile = await services.profileAccessor.get(context, {});
  return { profile, language: languageOf(context, profile) };
}

/** A function giving the person's current language, for prompts that re-ask after a language change. */
export function languageOfClient(services: ClientServices): (context: TurnContext) => Promise<Language> {
  return async (context) => (await profileAndLanguage(context, services)).language;
}

/** The client's id, created on first use (and the profile copy written with it). */
export async function ensureClientId(context: TurnContext, services: ClientServices): Promise<string> {
  const profile = await services.profileAccessor.get(context, {});
  if (!profile.clientId) {
    profile.clientId = services.clients.newClientId();
    await services.profileAccessor.set(context, profile);
    await services.clients.saveProfile(profile.clientId, profile);
  }
  return profile.clientId;
}

/** Saves a profile change in the chat state and, while the client consents, in the client record. */
export async function saveProfile(context: TurnContext, services: ClientServices, profile: Profile): Promise<void> {
  await services.profileAccessor.set(context, profile);
  if (profile.clientId && profile.consent?.given === true) await services.clients.saveProfile(profile.clientId, profile);
}

/** What a client dialog hands back to the main dialog when it ends. */
export interface DialogOutcome {
  /** Show the menu (the person gave up on a question, or the dialog suggests it). */
  showMenu?: boolean;
}
