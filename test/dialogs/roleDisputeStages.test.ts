import assert from 'node:assert/strict';
import { t } from '../../src/i18n';
import { ClientRepository } from '../../src/client/clientRepository';
import { DISPUTE_STAGES, RoleDisputeDialog } from '../../dialogs/roleDisputeDialog';
import { CHANNELS, harness, isReflection, LANGUAGES, offered, onboardedProfile, seedProfile, submit, tempStore } from './harness';

const WORDS = {
  en: { youExpect: 'That she tells me before inviting people over', theyExpect: 'That I am more relaxed about it', nextStep: 'Write down what I would lose and gain' },
  es: { youExpect: 'Que me avise antes de invitar gente', theyExpect: 'Que me lo tome con más calma', nextStep: 'Escribir qué perdería y qué ganaría' },
};

/** What each stage leads to: the guidance, the question, the closing text and the exercises offered. */
const EXPECTED: Record<(typeof DISPUTE_STAGES)[number], string[]> = {
  renegotiation: ['rehearse', 'problem'],
  impasse: ['analyse', 'rehearse'],
  dissolution: ['people', 'nudge'],
};

describe('Role dispute: guidance by stage', () => {
  let temp: Awaited<ReturnType<typeof tempStore>>;
  beforeEach(async () => (temp = await tempStore()));
  afterEach(async () => temp.dispose());

  for (const channelId of CHANNELS) {
    for (const language of LANGUAGES) {
      const w = WORDS[language];
      for (const stage of DISPUTE_STAGES) {
        it(`${channelId} / ${language}: "${stage}" gets its own guidance, next-step question, closing and exercises`, async () => {
          const repo = new ClientRepository(temp.store);
          const profile = await onboardedProfile(repo, language);
          await seedProfile(temp.store, channelId, profile);
          const h = harness((s) => new RoleDisputeDialog(s), { channelId, language, store: temp.store });
          const texts = async (input: Parameters<typeof h.send>[0]) => (await h.send(input)).filter((r) => !isReflection(r.text));
          await h.send('hi');
          await h.send('Ana');
          await h.send(w.youExpect);
          await h.send(w.theyExpect);
          const guided = await texts(channelId === 'msteams' ? submit({ choice: stage }) : t(language, `roleDispute.stage_${stage}`));
          assert.deepEqual(
            guided.map((r) => r.text),
            [t(language, `roleDispute.guide_nextStep_${stage}`, { name: 'Ana' }), t(language, `roleDispute.ask_nextStep_${stage}`, { name: 'Ana' })],
          );
          const closing = await texts(w.nextStep);
          assert.deepEqual(closing.map((r) => r.text), [t(language, `roleDispute.saved_${stage}`, { name: 'Ana' })]);
          assert.deepEqual(offered(closing[0]), channelId === 'msteams' ? EXPECTED[stage] : EXPECTED[stage].map((id) => t(language, `menu.item_${id}`)));
          const [saved] = await repo.reflections(profile.clientId as string);
          assert.deepEqual(saved.answers, { who: 'Ana', youExpect: w.youExpect, theyExpect: w.theyExpect, stage, nextStep: w.nextStep });
        });
      }
    }
  }

  it('the three stages say different things in both languages', () => {
    for (const language of LANGUAGES) {
      for (const kind of ['guide_nextStep', 'ask_nextStep', 'saved']) {
        const said = new Set(DISPUTE_STAGES.map((stage) => t(language, `roleDispute.${kind}_${stage}`, { name: 'Ana' })));
        assert.equal(said.size, DISPUTE_STAGES.length, `${language} ${kind}`);
      }
    }
  });

  it('ending the relationship: the guidance says to tell the clinician if the client is ever afraid of the person', () => {
    assert.match(t('en', 'roleDispute.guide_nextStep_dissolution', { name: 'Ana' }), /afraid of Ana, please tell your clinician/);
    assert.match(t('es', 'roleDispute.guide_nextStep_dissolution', { name: 'Ana' }), /miedo de Ana, cuéntaselo a tu terapeuta/);
  });
});
