import assert from 'node:assert/strict';
import { Language, t, variants } from '../../src/i18n';
import { ClientRepository } from '../../src/client/clientRepository';
import { Intensity } from '../../dialogs/prompts/intensity';
import { readThemes, reflect, Theme } from '../../dialogs/prompts/reflection';
import { CheckInDialog } from '../../dialogs/checkInDialog';
import { harness, LANGUAGES, onboardedProfile, seedProfile, tempStore } from './harness';

/** A feelings answer, the feeling it names and how strongly it was said. */
type Row = [typed: string, theme: Theme, intensity: Intensity];

const ROWS: Record<Language, Row[]> = {
  en: [
    ['a bit tired', 'tired', 'mild'], ['a little tired today', 'tired', 'mild'], ['kind of tired', 'tired', 'mild'], ['kinda lonely', 'lonely', 'mild'],
    ['sort of sad', 'sad', 'mild'], ['slightly anxious', 'worried', 'mild'], ['somewhat stressed', 'worried', 'mild'], ['a bit down', 'sad', 'mild'],
    ['tired a bit', 'tired', 'mild'], ['a tad annoyed', 'angry', 'mild'], ['a little bit lonely', 'lonely', 'mild'], ["I'm a bit exhausted", 'tired', 'mild'],
    ['we had a bit of an argument', 'conflict', 'mild'], ['feeling a bit better', 'good', 'mild'], ['kind of feeling lonely', 'lonely', 'mild'], ['a bit of loneliness', 'lonely', 'mild'],
    ['tired', 'tired', 'neutral'], ['lonely', 'lonely', 'neutral'], ['sad', 'sad', 'neutral'], ['I argued with my brother', 'conflict', 'neutral'],
    ['worried about money', 'worried', 'neutral'], ['annoyed', 'angry', 'neutral'], ['happy', 'good', 'neutral'], ['I felt tired after work', 'tired', 'neutral'],
    ['very tired', 'tired', 'strong'], ['really lonely', 'lonely', 'strong'], ['so tired', 'tired', 'strong'], ['soooo tired', 'tired', 'strong'],
    ['super stressed', 'worried', 'strong'], ['extremely anxious', 'worried', 'strong'], ['REALLY sad', 'sad', 'strong'], ['exhausted', 'tired', 'strong'],
    ['dead tired', 'tired', 'strong'], ['heartbroken', 'sad', 'strong'], ['furious with him', 'angry', 'strong'], ['I feel really really down', 'sad', 'strong'],
    ['so happy', 'good', 'strong'], ['totally overwhelmed', 'worried', 'strong'], ['tired a lot lately', 'tired', 'strong'],
  ],
  es: [
    ['algo cansada', 'tired', 'mild'], ['un poco cansado', 'tired', 'mild'], ['un poquito sola', 'lonely', 'mild'], ['medio triste', 'sad', 'mild'],
    ['medio cansada', 'tired', 'mild'], ['algo preocupada', 'worried', 'mild'], ['ligeramente ansioso', 'worried', 'mild'], ['un tanto molesta', 'angry', 'mild'],
    ['cansada un poco', 'tired', 'mild'], ['me siento algo sola', 'lonely', 'mild'], ['un poco de cansancio', 'tired', 'mild'], ['algo agotada', 'tired', 'mild'],
    ['estoy un poco mejor', 'good', 'mild'], ['me siento un poco triste', 'sad', 'mild'], ['un pelín estresada', 'worried', 'mild'],
    ['cansada', 'tired', 'neutral'], ['sola', 'lonely', 'neutral'], ['triste', 'sad', 'neutral'], ['discutí con mi hermana', 'conflict', 'neutral'],
    ['preocupada por el dinero', 'worried', 'neutral'], ['enojada', 'angry', 'neutral'], ['contenta', 'good', 'neutral'], ['me siento cansado', 'tired', 'neutral'],
    ['muy cansada', 'tired', 'strong'], ['súper cansada', 'tired', 'strong'], ['super sola', 'lonely', 'strong'], ['re cansado', 'tired', 'strong'],
    ['bien cansada', 'tired', 'strong'], ['tan triste', 'sad', 'strong'], ['cansadísima', 'tired', 'strong'], ['agotada', 'tired', 'strong'],
    ['muerta de cansancio', 'tired', 'strong'], ['muy muy sola', 'lonely', 'strong'], ['furiosa con él', 'angry', 'strong'], ['mucho cansancio', 'tired', 'strong'],
    ['demasiado estresado', 'worried', 'strong'], ['tristísima', 'sad', 'strong'], ['sola un montón', 'lonely', 'strong'], ['muy feliz', 'good', 'strong'],
  ],
};

/** The locale key of a single-theme reflection at an intensity. */
const keyOf = (theme: Theme, intensity: Intensity) => (intensity === 'neutral' ? `reflect.${theme}` : `reflect.${theme}_${intensity}`);

describe('reflections keep the intensity the person used', () => {
  for (const language of LANGUAGES) {
    describe(language, () => {
      for (const [typed, theme, intensity] of ROWS[language]) {
        it(`"${typed}" → ${theme}, ${intensity}`, () => {
          assert.deepEqual(readThemes(typed), [{ theme, intensity }]);
          // Every seed gives a line of that intensity, never one of another.
          for (let seed = 0; seed < 3; seed++) assert.ok(variants(language, keyOf(theme, intensity)).includes(reflect(language, typed, { seed }) ?? ''), `seed ${seed}`);
        });
      }

      it('a negated intensifier is no feeling at all ("not very tired" / "no muy cansada")', () => {
        assert.deepEqual(readThemes(language === 'en' ? 'not very tired' : 'no muy cansada'), []);
        assert.deepEqual(readThemes(language === 'en' ? 'not so lonely' : 'no tan sola'), []);
      });

      it('two feelings said softly are named softly, with the right words; two said strongly, strongly; a mix plainly', () => {
        const [mildly, strongly, mixed] = language === 'en' ? ['a bit tired and a little lonely', 'really tired and so lonely', 'very tired and a bit lonely'] : ['algo cansada y un poco sola', 'muy cansada y muy sola', 'muy cansada y un poco sola'];
        const soft = reflect(language, mildly, { seed: 0 }) ?? '';
        assert.ok(variants(language, 'reflect.two_mild').some((v) => soft === v.replace('{a}', t(language, 'reflect.nounBare_tired')).replace('{b}', t(language, 'reflect.nounBare_lonely'))), soft);
        const strong = reflect(language, strongly, { seed: 1 }) ?? '';
        assert.ok(variants(language, 'reflect.two_strong').some((v) => strong.toLowerCase() === v.replace('{a}', t(language, 'reflect.noun_tired')).replace('{b}', t(language, 'reflect.noun_lonely')).toLowerCase()), strong);
        const plain = reflect(language, mixed, { seed: 2 }) ?? '';
        assert.ok(variants(language, 'reflect.two').some((v) => plain.toLowerCase() === v.replace('{a}', t(language, 'reflect.noun_tired')).replace('{b}', t(language, 'reflect.noun_lonely')).toLowerCase()), plain);
      });

      it('no mild line overstates: none says "really", "so", "very", "mucho", "tanto" or "muy"', () => {
        const mildKeys = ['lonely', 'tired', 'conflict', 'worried', 'sad', 'angry', 'good', 'two'].map((theme) => `reflect.${theme}_mild`);
        const strongWords = language === 'en' ? /\b(really|so|very|such|that much|a lot)\b/i : /\b(mucho|mucha|tanto|tanta|muy|tan)\b/i;
        for (const key of mildKeys) for (const line of variants(language, key)) assert.doesNotMatch(line, strongWords, `${key}: ${line}`);
      });
    });
  }

  describe('in the check-in', () => {
    let temp: Awaited<ReturnType<typeof tempStore>>;
    beforeEach(async () => (temp = await tempStore()));
    afterEach(async () => temp.dispose());

    for (const language of LANGUAGES) {
      it(`${language}: "algo cansada" / "a bit tired" is met with a mild line, not a heavy one`, async () => {
        const repo = new ClientRepository(temp.store);
        const profile = await onboardedProfile(repo, language);
        await seedProfile(temp.store, 'webchat', profile);
        const h = harness((s) => new CheckInDialog(s), { channelId: 'webchat', language, store: temp.store });
        await h.send('start');
        await h.send('6');
        const [reflection] = await h.say(language === 'en' ? 'a bit tired' : 'algo cansada');
        assert.ok(variants(language, 'reflect.tired_mild').includes(reflection), reflection);
        assert.ok(!variants(language, 'reflect.tired_strong').includes(reflection));
      });
    }
  });
});
