import assert from 'node:assert/strict';
import { Activity, TestAdapter, TurnContext } from 'botbuilder';
import { Dialog, DialogContext, DialogState, DialogTurnResult } from 'botbuilder-dialogs';
import { t } from '../../src/i18n';
import { ClientState } from '../../src/bot/clientState';
import { DIALOG_STATE_PROPERTY, Profile, PROFILE_PROPERTY } from '../../src/bot/profile';
import { ClientRepository } from '../../src/client/clientRepository';
import { BotStateStorage } from '../../src/storage/botStateStorage';
import { setTurnScreening } from '../../src/safety/turnScreening';
import { MainDialog } from '../../dialogs/mainDialog';
import { assertSays, CONVERSATION_ID, onboardedProfile, seedProfile, tempStore, USER_ID } from './harness';

const CRISIS_TEXT = 'crisis support (test double)';

/** Stands in for the safety issue's CrisisDialog: takes over, and ends when the person says "ok". */
class FakeCrisisDialog extends Dialog {
  constructor() {
    super('fakeCrisis');
  }
  override async beginDialog(dc: DialogContext): Promise<DialogTurnResult> {
    await dc.context.sendActivity(CRISIS_TEXT);
    return Dialog.EndOfTurn;
  }
  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    if (dc.context.activity.text === 'ok') return dc.endDialog();
    await dc.context.sendActivity(CRISIS_TEXT);
    return Dialog.EndOfTurn;
  }
}

describe('client dialogs after a crisis interruption', () => {
  let temp: Awaited<ReturnType<typeof tempStore>>;
  beforeEach(async () => (temp = await tempStore()));
  afterEach(async () => temp.dispose());

  /** The bot's turn as IptBot runs it (MainDialog.run with the crisis hook), over the SQLite store. */
  function bot(channelId: 'webchat' | 'msteams', language: 'en' | 'es') {
    const clientState = new ClientState(new BotStateStorage(temp.store));
    const profileAccessor = clientState.createProperty<Profile>(PROFILE_PROPERTY);
    const dialogState = clientState.createProperty<DialogState>(DIALOG_STATE_PROPERTY);
    const main = new MainDialog(profileAccessor, { clients: new ClientRepository(temp.store) });
    main.useCrisisDialog(new FakeCrisisDialog());
    const adapter = new TestAdapter(
      async (context: TurnContext) => {
        if (context.activity.text === 'TRIGGER') setTurnScreening(context, { result: { level: 'urgent' } as never, previousLevel: 'none', respond: true });
        await main.run(context, dialogState);
        await clientState.saveChanges(context, false);
      },
      { channelId, locale: language === 'es' ? 'es-ES' : 'en-US', from: { id: USER_ID }, conversation: { id: CONVERSATION_ID, conversationType: 'personal' } } as Partial<Activity>,
    );
    return async (text: string) => {
      await adapter.receiveActivity({ type: 'message', text });
      const texts: string[] = [];
      for (let a = adapter.getNextReply(); a; a = adapter.getNextReply()) texts.push(a.text ?? '');
      return texts;
    };
  }

  for (const channelId of ['webchat', 'msteams'] as const) {
    for (const language of ['en', 'es'] as const) {
      it(`${channelId} / ${language}: a check-in and a problem walk-through pick up where they were`, async () => {
        const repo = new ClientRepository(temp.store);
        const profile = await onboardedProfile(repo, language);
        await seedProfile(temp.store, channelId, profile);
        const say = bot(channelId, language);

        assertSays((await say('check in'))[0], language, 'checkin.askMood', { name: 'Sam' });
        assert.deepEqual(await say('TRIGGER'), [CRISIS_TEXT]);
        assert.deepEqual(await say('7'), [CRISIS_TEXT], 'the crisis dialog keeps the turn until it ends');
        assertSays((await say('ok'))[0], language, 'checkin.askMood', { name: 'Sam' });
        assertSays((await say('7'))[0], language, 'checkin.askFeelings');
        await say(t(language, 'commands.cancel', {}, () => 0));

        await say(t(language, 'menu.item_problem'));
        await say(language === 'en' ? 'My flatmate never does the dishes' : 'Mi compañero de piso nunca friega');
        await say('TRIGGER');
        assert.deepEqual(await say('ok'), [t(language, 'problem.askFirstOption', { n: 1 })]);
        assert.deepEqual(await say(language === 'en' ? 'Make a rota' : 'Hacer un turno'), [t(language, 'problem.askAnotherOption', { n: 2 })]);
        const [draft] = await repo.problems(profile.clientId as string);
        assert.deepEqual(draft.options, [{ text: language === 'en' ? 'Make a rota' : 'Hacer un turno' }]);
      });
    }
  }
});
