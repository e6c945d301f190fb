import assert from 'node:assert/strict';
import sinon from 'sinon';
import { Language, t } from '../../src/i18n';
import { ClientRepository } from '../../src/client/clientRepository';
import { MainDialog } from '../../dialogs/mainDialog';
import { OPENING_WORDS, openingOf, variantUnlike } from '../../dialogs/prompts/openings';
import { harness, LANGUAGES, offered, onboardedProfile, seedProfile, submit, tempStore, textsOf } from './harness';

/** Consecutive bot messages (across the whole walk, the person's answers in between) that open with the same words. */
function repeatedOpenings(messages: string[]): string[] {
  const repeats: string[] = [];
  for (let i = 1; i < messages.length; i++) {
    const before = openingOf(messages[i - 1]);
    if (before.split(' ').length === OPENING_WORDS && before === openingOf(messages[i])) repeats.push(`${JSON.stringify(messages[i - 1])} → ${JSON.stringify(messages[i])}`);
  }
  return repeats;
}

/** A small seeded generator (mulberry32), so each walk's choice of wordings is random yet repeatable. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A free answer that most questions accept: a name, a number and enough words for a description. */
const FREE: Record<Language, string[]> = {
  en: ['Ana', 'about a 6', 'Talk with my sister Ana about the weekend plans calmly', 'Saturday morning'],
  es: ['Ana', 'un 6 más o menos', 'Hablar con mi hermana Ana sobre los planes del fin de semana con calma', 'el sábado por la mañana'],
};

/** Every exercise a client starts from the menu, walked on its happy path. */
const EXERCISES = ['checkIn', 'problem', 'people', 'nudge', 'learn', 'analyse', 'rehearse', 'grief', 'roleDispute', 'roleTransition', 'connections', 'safetyPlan', 'ending', 'keepWell'];

describe('no two consecutive bot messages open the same way', () => {
  let temp: Awaited<ReturnType<typeof tempStore>>;
  const sandbox = sinon.createSandbox();
  beforeEach(async () => (temp = await tempStore()));
  afterEach(async () => {
    sandbox.restore();
    await temp.dispose();
  });

  it('openings: the nudge\'s old wording counts as a repeat; a follow-up text is never picked to open like the line before it', () => {
    assert.equal(openingOf('How about reaching out to Marco?'), 'how about');
    assert.equal(repeatedOpenings(['How about reaching out to Marco?', 'How about sending Marco a message?']).length, 1);
    assert.equal(repeatedOpenings(['How about reaching out to Marco?', 'Maybe send Marco a message?']).length, 0);
    assert.equal(repeatedOpenings(['¿Qué te parece contactar con Marco?', '¿Qué te parece mandarle un mensaje?']).length, 1);
    for (const language of LANGUAGES) {
      for (const suggestion of textsOf(language, 'nudge.suggest', { name: 'Marco' })) {
        for (let draw = 0; draw < 1; draw += 0.05) {
          const idea = t(language, 'nudge.idea', { name: 'Marco' }, () => variantUnlike(language, 'nudge.idea', { name: 'Marco' }, suggestion, () => draw));
          assert.notEqual(openingOf(idea), openingOf(suggestion), `${suggestion} → ${idea}`);
        }
      }
      // Even a previous line that opens like one of the variants leaves the others to choose from.
      const first = t(language, 'nudge.idea', { name: 'Marco' }, () => 0);
      for (let draw = 0; draw < 1; draw += 0.05) assert.notEqual(variantUnlike(language, 'nudge.idea', { name: 'Marco' }, first, () => draw), 0);
    }
  });

  /**
   * Walks an exercise as a client who always takes the first button and otherwise types a plausible answer,
   * with the random choice of wording drawn from a seeded generator: every seed a different mix of variants.
   */
  async function walk(language: Language, exercise: string, seed: number): Promise<string[]> {
    sandbox.restore();
    sandbox.stub(Math, 'random').callsFake(seeded(seed));
    const repo = new ClientRepository(temp.store);
    const profile = await onboardedProfile(repo, language);
    await seedProfile(temp.store, 'msteams', profile);
    const clientId = profile.clientId as string;
    await repo.addPerson(clientId, { name: 'Marco', relationship: 'friend', circle: 'inner', supportive: true, conflict: false });
    await repo.addPerson(clientId, { name: 'Lu', relationship: 'sister', circle: 'middle', supportive: true, conflict: true });
    const h = harness((s) => new MainDialog(s.profileAccessor, { clients: s.clients }), { channelId: 'msteams', language, store: temp.store });
    const said: string[] = [];
    let replies = await h.send(submit({ choice: exercise }));
    let free = 0;
    for (let turn = 0; turn < 40; turn++) {
      said.push(...replies.map((r) => r.text ?? ''));
      const last = replies[replies.length - 1];
      const choices = offered(last).filter((id) => id !== 'menu');
      if (h.client.dialogTurnResult?.status !== 'waiting') break;
      replies = await h.send(choices.length > 0 ? submit({ choice: choices[0] }) : FREE[language][free++ % FREE[language].length]);
    }
    return said.filter(Boolean);
  }

  for (const language of LANGUAGES) {
    for (const exercise of EXERCISES) {
      it(`${language}: ${exercise}`, async () => {
        for (let seed = 1; seed <= 8; seed++) {
          const said = await walk(language, exercise, seed);
          assert.ok(said.length >= 3, `${exercise} said too little: ${JSON.stringify(said)}`);
          assert.deepEqual(repeatedOpenings(said), [], `seed ${seed}`);
        }
      });
    }
  }
});
