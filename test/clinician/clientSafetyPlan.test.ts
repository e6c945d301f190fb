/**
 * A safety plan the client builds in chat (Web Chat), seen by their clinician in Teams: flagged for review
 * in the pre-session summary, the authoring form filled with the client's items, approved (with an edit),
 * after which the bot uses the clinician's version. English and Spanish, through the real service.
 */
import assert from 'node:assert/strict';
import { startTestService, say, TestService } from '../support/service';
import { apiClient, ADMIN_KEY, Call } from '../api/apiClient';
import { Language, t } from '../../src/i18n';

const AAD = { ana: '11111111-1111-4111-8111-111111111111', bea: '22222222-2222-4222-8222-222222222222' };
type Reply = Awaited<ReturnType<typeof say>>;
type CardJson = { body: Array<Record<string, unknown>>; actions?: Array<{ title: string; data: Record<string, unknown> }>; fallbackText?: string };

function card(reply: Reply): CardJson {
  const found = reply.activities.flatMap((a) => (a.attachments as Array<{ contentType: string; content: CardJson }> | undefined) ?? []).find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
  assert.ok(found, `an Adaptive Card was sent: ${JSON.stringify(reply.texts)}`);
  return found.content;
}
const cardTexts = (c: CardJson) => c.body.filter((b) => b.type === 'TextBlock').map((b) => String(b.text));

const CASES = [
  {
    language: 'en' as Language,
    clinician: 'ana' as const,
    externalId: 'MRN-1',
    onboarding: ['hi', 'yes'],
    words: { command: 'my safety plan', build: "Let's make it", signs: 'Not sleeping', coping: 'Go for a walk', reasons: 'My dog', done: 'done', skip: 'skip', crisis: 'I want to kill myself tonight' },
  },
  {
    language: 'es' as Language,
    clinician: 'bea' as const,
    externalId: 'MRN-2',
    onboarding: ['hola', 'sí'],
    words: { command: 'mi plan de seguridad', build: 'Vamos a hacerlo', signs: 'No dormir', coping: 'Salir a caminar', reasons: 'Mi perro', done: 'listo', skip: 'saltar', crisis: 'quiero matarme esta noche' },
  },
];

describe('a safety plan the client wrote, reviewed by their clinician', function () {
  this.timeout(60_000);
  let service: TestService;
  let call: Call;
  const ids: Record<string, string> = {};

  const clinician = (who: keyof typeof AAD, extra: Record<string, unknown>) =>
    say(service.url, { channelId: 'msteams', conversation: { id: `teams-${who}`, conversationType: 'personal' }, from: { id: `29:${who}`, aadObjectId: AAD[who], name: who }, ...extra });
  const client = (externalId: string, language: Language, text: string) =>
    say(service.url, { channelId: 'webchat', conversation: { id: `conv-${externalId}` }, from: { id: `user-${externalId}` }, locale: language === 'es' ? 'es-ES' : 'en-US', text });

  before(async () => {
    service = await startTestService({ ADMIN_API_KEY: ADMIN_KEY }, { proactiveSender: { send: async () => undefined } });
    call = apiClient(service.url);
    assert.equal((await call('POST', '/programmes', { body: { id: 'north', name: 'North', defaultTimeZone: 'Europe/Madrid', defaultLocale: 'en' } })).status, 201);
    for (const c of CASES) {
      assert.equal((await call('POST', '/programmes/north/clinicians', { body: { id: c.clinician, name: `Dr ${c.clinician}`, aadObjectId: AAD[c.clinician], language: c.language } })).status, 201);
      const enrolled = await call<{ client: { id: string }; enrolment: { code: string } }>('POST', '/programmes/north/clients', {
        body: { externalId: c.externalId, clinicianId: c.clinician, courseStart: '2026-01-01', courseEnd: '2027-12-31', timeZone: 'Europe/Madrid' },
      });
      ids[c.externalId] = enrolled.body.client.id;
      for (const text of [...c.onboarding, enrolled.body.enrolment.code, 'Sam', 'Europe/Madrid']) await client(c.externalId, c.language, text);
    }
  });
  after(async () => service?.dispose());

  for (const c of CASES) {
    const { language, words: w } = c;
    it(`${language}: the client builds it, the summary flags it, the form is filled with it, the clinician approves it, and the bot then uses the clinician's version`, async () => {
      const clientId = ids[c.externalId];
      const send = (text: string) => client(c.externalId, language, text);
      assert.equal((await send(w.command)).texts[0], t(language, 'safetyPlan.introNone'));
      await send(w.build);
      for (const text of [w.signs, w.done, w.coping, w.done, w.skip, w.skip, w.skip, w.skip, w.reasons]) await send(text);
      assert.equal((await send(w.done)).texts[0], t(language, 'safetyPlan.finished'));

      // The pre-session summary flags the plan for review, and its button says so.
      const steps = ['warningSigns', 'copingStrategies', 'reasonsForLiving'].map((step) => t(language, `clinician.plan.step.${step}`)).join(', ');
      const summary = card(await clinician(c.clinician, { value: { action: 'clinician.summary', clientId } }));
      assert.ok(cardTexts(summary).includes(t(language, 'clinician.summary.planReview', { steps })), cardTexts(summary).join(' | '));
      assert.equal(summary.actions?.[0].title, t(language, 'clinician.action.reviewPlan'));
      assert.ok(summary.fallbackText?.includes(t(language, 'clinician.summary.planReview', { steps })));
      const api = await call<{ safetyPlan: { author: string; needsReview: boolean; changedByClient: string[] } }>('GET', `/programmes/north/clients/${clientId}/summary`);
      assert.deepEqual(api.body.safetyPlan, { ...api.body.safetyPlan, author: 'client', needsReview: true, draft: false, changedByClient: ['warningSigns', 'copingStrategies', 'reasonsForLiving'] });

      // The authoring form: the review note, the client's items in place, "Approve and save".
      const form = card(await clinician(c.clinician, { value: { action: 'clinician.planForm', clientId } }));
      assert.ok(cardTexts(form).includes(t(language, 'clinician.plan.review', { client: c.externalId, steps })), cardTexts(form).join(' | '));
      const value = (id: string) => form.body.find((element) => element.id === id)?.value;
      assert.deepEqual([value('warningSigns'), value('copingStrategies'), value('reasonsForLiving'), value('peopleToAsk')], [w.signs, w.coping, w.reasons, '']);
      assert.equal(form.actions?.[0].title, t(language, 'clinician.action.approvePlan'));

      const saved = await clinician(c.clinician, {
        value: { action: 'clinician.savePlan', clientId, warningSigns: w.signs, copingStrategies: w.coping, reasonsForLiving: w.reasons, peopleToAsk: 'Lena, 555 0100', distractions: '', professionals: '', safeEnvironment: '' },
      });
      assert.deepEqual(saved.texts, [t(language, 'clinician.plan.saved', { client: c.externalId })]);

      const afterSummary = card(await clinician(c.clinician, { value: { action: 'clinician.summary', clientId } }));
      assert.ok(cardTexts(afterSummary).includes(t(language, 'clinician.summary.planClinician')));
      assert.equal(afterSummary.actions?.[0].title, t(language, 'clinician.action.editPlan'));
      const plan = await call<{ author: string; needsReview: boolean; peopleToAsk: string[]; reasonsForLiving: string[] }>('GET', `/programmes/north/clients/${clientId}/safety-plan`);
      assert.deepEqual([plan.body.author, plan.body.needsReview, plan.body.peopleToAsk, plan.body.reasonsForLiving], ['clinician', false, ['Lena, 555 0100'], [w.reasons]]);

      // The crisis response now shows the clinician's version.
      const crisis = await send(w.crisis);
      const shown = crisis.texts.find((text) => text.startsWith(t(language, 'safety.plan.intro')));
      assert.ok(shown, `the approved plan is shown: ${crisis.texts.join(' | ')}`);
      assert.match(shown, /Lena, 555 0100/);
      // And "my safety plan" shows it as the clinician's too.
      await send(t(language, 'commands.cancel', {}, () => 0));
      const mine = await send(w.command);
      assert.ok(mine.texts[0].startsWith(t(language, 'safety.plan.intro')));
      assert.equal(mine.texts[1], t(language, 'safetyPlan.askChange'));
    });
  }
});
