import assert from 'node:assert/strict';
import { t } from '../../src/i18n';
import { ClientRepository } from '../../src/client/clientRepository';
import { ClientCourse } from '../../src/client/clientCourse';
import { MainDialog } from '../../dialogs/mainDialog';
import { CHANNELS, harness, LANGUAGES, offered, onboardedProfile, seedProfile, tempStore } from './harness';

/** A 16-week course in Mexico City, as the programme set it. */
const course: ClientCourse = { courseOf: async () => ({ courseStart: '2026-09-07', courseEnd: '2026-12-27', timeZone: 'America/Mexico_City' }) };
const MENU = ['checkIn', 'problem', 'followUp', 'people', 'nudge', 'week', 'exercises', 'safetyPlan', 'help'];

describe('Course phases in the menu', () => {
  let temp: Awaited<ReturnType<typeof tempStore>>;
  beforeEach(async () => (temp = await tempStore()));
  afterEach(async () => temp.dispose());

  async function menuOn(channelId: (typeof CHANNELS)[number], language: 'en' | 'es', now: string, withCourse = true) {
    const clock = { now: () => new Date(now) };
    const repo = new ClientRepository(temp.store, clock);
    await seedProfile(temp.store, channelId, await onboardedProfile(repo, language, { timeZone: 'America/Mexico_City' }));
    const h = harness((services) => new MainDialog(services.profileAccessor, { clients: services.clients, clock, course: services.course }), {
      channelId,
      language,
      store: temp.store,
      clock,
      ...(withCourse ? { course } : {}),
    });
    const reply = await h.send(t(language, 'commands.menu', {}, () => 0));
    return { text: reply[0].text ?? '', ids: channelId === 'msteams' ? offered(reply[0]) : offered(reply[0]).map((title) => MENU.find((id) => t(language, `menu.item_${id}`) === title)) };
  }

  for (const channelId of CHANNELS) {
    for (const language of LANGUAGES) {
      describe(`${channelId} / ${language}`, () => {
        it('in the first weeks says the week and puts "my people" (the inventory) first', async () => {
          const { text, ids } = await menuOn(channelId, language, '2026-09-08T17:00:00Z');
          assert.equal(text, `${t(language, 'course.week', { week: 1, total: 16 })} ${t(language, 'course.suggest_initial')} ${t(language, 'main.menuIntro')}`);
          assert.deepEqual(ids, ['people', ...MENU.filter((id) => id !== 'people')]);
        });

        it('mid-course says the week lightly and keeps the usual order', async () => {
          const { text, ids } = await menuOn(channelId, language, '2026-10-14T17:00:00Z');
          assert.equal(text, `${t(language, 'course.week', { week: 6, total: 16 })} ${t(language, 'main.menuIntro')}`);
          assert.deepEqual(ids, MENU);
        });

        it('without a programme course the menu is as before', async () => {
          const { text, ids } = await menuOn(channelId, language, '2026-09-08T17:00:00Z', false);
          assert.equal(text, t(language, 'main.menuIntro'));
          assert.deepEqual(ids, MENU);
        });
      });
    }
  }
});
