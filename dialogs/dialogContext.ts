import { TurnContext } from 'botbuilder';
import { Language, toLanguage } from '../src/i18n';
import { Profile } from '../src/bot/profile';

/** The language to answer in: the person's choice, else what their channel says. */
export function languageOf(context: TurnContext, profile: Profile | undefined): Language {
  return profile?.language ?? toLanguage(context.activity.locale);
}
