import { Attachment, MessageFactory, TurnContext } from 'botbuilder';
import { t } from '../src/i18n';
import { ClientState } from '../src/bot/clientState';
import { ClientServices } from '../src/client/clientServices';
import { isTeams } from './prompts/ask';
import { profileAndLanguage } from './prompts/clientContext';

export const EXPORT_FILE_NAME = 'ipt-companion-my-data.json';
/** Teams caps a message near 28 KB; JSON sent as text is split below that. */
const TEAMS_CHUNK = 20000;

/**
 * "Export my data": everything stored about the person as one JSON document. Web Chat gets it as a
 * downloadable `application/json` attachment; Teams (where bots cannot attach files inline) gets it as
 * text, split into a few messages when long.
 */
export async function sendDataExport(context: TurnContext, services: ClientServices): Promise<void> {
  const { profile, language } = await profileAndLanguage(context, services);
  const data = await services.clients.exportEverything(profile.clientId, [ClientState.keyFor(context)]);
  const json = JSON.stringify(data, null, 2);
  if (isTeams(context)) {
    await context.sendActivity(t(language, 'menu.exportIntroText'));
    for (let i = 0; i < json.length; i += TEAMS_CHUNK) await context.sendActivity(MessageFactory.text(json.slice(i, i + TEAMS_CHUNK)));
    return;
  }
  const attachment: Attachment = {
    contentType: 'application/json',
    name: EXPORT_FILE_NAME,
    contentUrl: `data:application/json;base64,${Buffer.from(json, 'utf8').toString('base64')}`,
  };
  await context.sendActivity(MessageFactory.attachment(attachment, t(language, 'menu.exportIntroFile')));
}
