import { TurnContext } from 'botbuilder';
import { DateTime } from 'luxon';
import { Language } from '../../src/i18n';
import { ClientServices } from '../../src/client/clientServices';
import { reflect } from './reflection';

/**
 * Says the reflection of what the person just wrote (./reflection.ts), worded by the person's local day and
 * never the same sentence as the last one; says nothing when there is nothing to reflect. Returns whether
 * it said something.
 */
export async function reflectBack(context: TurnContext, services: ClientServices, language: Language, text: string | undefined): Promise<boolean> {
  if (!text) return false;
  const profile = await services.profileAccessor.get(context, {});
  const day = Math.floor(DateTime.fromJSDate(services.clock.now(), { zone: profile.timeZone ?? 'UTC' }).startOf('day').toSeconds() / 86_400);
  const sentence = reflect(language, text, { seed: Number.isFinite(day) ? day : 0, previous: profile.lastReflection });
  if (!sentence) return false;
  profile.lastReflection = sentence;
  await services.profileAccessor.set(context, profile);
  await context.sendActivity(sentence);
  return true;
}
