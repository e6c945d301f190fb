/**
 * What a clinician reads about reviews, in both languages: the review controls on the Teams alert card and
 * the inbox, the review on the pre-session summary (card and text fallback); and the anonymisation of the
 * words that become corpus lines.
 */
import assert from 'node:assert/strict';
import { Language, t } from '../../src/i18n';
import { Alert, Delivery } from '../../src/safety/escalation/alert';
import { alertCard } from '../../src/safety/escalation/teamsChannel';
import { inboxCard, summaryCard, summaryText } from '../../src/clinician/cards';
import { buildSummary } from '../../src/clinician/summary';
import { anonymise, corpusLine } from '../../src/safety/review/corpusLine';
import { reviewQueueCard } from '../../src/clinician/reviewQueueCard';

const ALERT: Alert = {
  kind: 'safetyAlert',
  alertId: 'alert:1',
  clientKey: 'webchat:client-1',
  clientName: 'Robin',
  channelId: 'webchat',
  channelUserId: 'client-1',
  language: 'es',
  level: 'concern',
  categories: ['self_harm_suicide'],
  excerpt: 'me muero',
  createdAt: '2026-03-01T09:00:00.000Z',
  updatedAt: '2026-03-01T09:00:00.000Z',
  conversationReference: {},
  programmeId: 'prog-1',
  clinicianId: 'c1',
  status: 'acknowledged',
  acknowledgedAt: '2026-03-01T09:05:00.000Z',
  acknowledgedBy: 'c1',
  stage: 'primary',
  stageStartedAt: 0,
  round: 1,
  unrouted: false,
  deliveries: [],
  nextActionAt: null,
  audit: [],
};
const DELIVERY: Delivery = {
  key: 'k',
  round: 1,
  stage: 'primary',
  event: 'alert.created',
  recipient: { role: 'assigned', clinicianId: 'c1' },
  channel: 'teams',
  target: 'aad-c1',
  status: 'sending',
  attempts: 1,
  nextAttemptAt: 0,
};
const EXPECTED: Record<Language, { question: string; reason: string; buttons: string[]; choices: string[]; reviewed: string }> = {
  en: {
    question: 'Was this alert needed?',
    reason: 'Reason (optional)',
    buttons: ['Acknowledge', 'Needed', 'False alarm'],
    choices: ['idiom or exaggeration', 'fiction, a game or the news', 'about someone else', 'past history, not now', 'other'],
    reviewed: 'Reviewed: false alarm (idiom or exaggeration)',
  },
  es: {
    question: '¿Era necesaria esta alerta?',
    reason: 'Motivo (opcional)',
    buttons: ['Confirmar', 'Necesaria', 'Falsa alarma'],
    choices: ['expresión o exageración', 'ficción, un juego o las noticias', 'sobre otra persona', 'algo del pasado, no de ahora', 'otro'],
    reviewed: 'Revisada: falsa alarma (expresión o exageración)',
  },
};
type Element = { type?: string; text?: string; id?: string; label?: string; value?: string; choices?: Array<{ title: string; value: string }>; items?: Element[]; actions?: Array<{ title: string }> };
const flat = (elements: Element[]): Element[] => elements.flatMap((e) => [e, ...flat(e.items ?? [])]);

describe('alert review: what the clinician reads', () => {
  for (const language of ['en', 'es'] as const) {
    it(`the Teams alert card asks for the review next to Acknowledge (${language})`, () => {
      const card = alertCard(ALERT, DELIVERY, language, 'Europe/Madrid') as { body: Element[]; actions: Array<{ title: string; data: Record<string, unknown> }> };
      assert.deepEqual(card.actions.map((a) => a.title), EXPECTED[language].buttons);
      assert.ok(card.body.some((e) => e.text === EXPECTED[language].question));
      const input = card.body.find((e) => e.type === 'Input.ChoiceSet');
      assert.equal(input?.id, 'reviewReason:alert:1');
      assert.equal(input?.label, EXPECTED[language].reason);
      assert.deepEqual(input?.choices?.map((c) => c.title), EXPECTED[language].choices);
      assert.deepEqual(input?.choices?.map((c) => c.value), ['idiom_hyperbole', 'fiction_news', 'third_party', 'past_history', 'other']);
    });

    it(`the inbox shows the review and keeps its reason selected (${language})`, () => {
      const reviewed: Alert = { ...ALERT, status: 'open', reviewOutcome: 'false_alarm', reviewReason: 'idiom_hyperbole', reviewedBy: 'c1', reviewedAt: '2026-03-01T09:10:00.000Z' };
      const card = inboxCard(language, [{ alert: reviewed, clientLabel: 'MRN-1', escalated: false }], 'Europe/Madrid') as { body: Element[] };
      const elements = flat(card.body);
      assert.ok(elements.some((e) => e.text === EXPECTED[language].reviewed), elements.map((e) => e.text).join('\n'));
      assert.equal(elements.find((e) => e.type === 'Input.ChoiceSet')?.value, 'idiom_hyperbole');
      const actions = elements.flatMap((e) => (e.type === 'ActionSet' ? (e.actions ?? []) : []));
      assert.deepEqual(actions.slice(1, 3).map((a) => a.title), EXPECTED[language].buttons.slice(1));
    });

    it(`the inbox's second card offers acknowledged alerts for review (${language})`, () => {
      const card = reviewQueueCard(language, [{ alert: ALERT, clientLabel: 'MRN-1' }], 'Europe/Madrid') as { body: Element[] };
      const elements = flat(card.body);
      assert.equal(elements[0].text, { en: 'Acknowledged alerts waiting for your review', es: 'Alertas confirmadas pendientes de tu revisión' }[language]);
      assert.ok(elements.some((e) => e.text === t(language, 'clinician.inbox.item', { level: t(language, 'clinician.level.concern'), client: 'MRN-1', time: '1 ' + (language === 'en' ? 'Mar' : 'mar') + ' 10:00' })), elements.map((e) => e.text).join('\n'));
      assert.ok(elements.some((e) => e.text === EXPECTED[language].question));
      const actions = elements.flatMap((e) => (e.type === 'ActionSet' ? (e.actions ?? []) : []));
      assert.deepEqual(actions.map((a) => a.title), EXPECTED[language].buttons.slice(1));
    });

    it(`the summary shows each alert's review, on the card and in its text (${language})`, () => {
      const clock = { now: () => new Date('2026-03-03T12:00:00Z') };
      const alerts: Alert[] = [
        { ...ALERT, reviewOutcome: 'false_alarm', reviewReason: 'idiom_hyperbole', reviewedBy: 'c1', reviewedAt: '2026-03-01T09:10:00.000Z' },
        { ...ALERT, alertId: 'alert:2', createdAt: '2026-03-02T09:00:00.000Z' },
      ];
      const summary = buildSummary({ timeZone: 'Europe/Madrid', checkIns: [], problems: [], nudges: [], alerts, communicationAnalyses: [], scripts: [], reflections: [] }, {}, clock);
      assert.deepEqual(
        summary.alerts.map((a) => [a.alertId, a.reviewOutcome, a.reviewReason, a.reviewedBy]),
        [
          ['alert:2', undefined, undefined, undefined],
          ['alert:1', 'false_alarm', 'idiom_hyperbole', 'c1'],
        ],
      );
      const texts = flat((summaryCard(language, 'c', 'MRN-1', summary, 'data:image/png;base64,') as { body: Element[] }).body).map((e) => e.text ?? '');
      const reviewedLine = texts.find((line) => line.endsWith(` · ${EXPECTED[language].reviewed}`));
      assert.ok(reviewedLine, texts.join('\n'));
      assert.ok(reviewedLine.includes(` · ${t(language, 'clinician.level.concern')} · `), 'the review follows the alert it is about');
      assert.equal(texts.filter((line) => line.includes(EXPECTED[language].reviewed.split(':')[0])).length, 1, 'the unreviewed alert has no review');
      assert.ok(summaryText(language, 'MRN-1', summary).includes(EXPECTED[language].reviewed));
    });
  }
});

describe('alert review: corpus lines', () => {
  it('hides names whatever their case or accents, possessives, contact details and ids', () => {
    const names = ['José Ángel', 'Sam'];
    assert.equal(anonymise("jose angel y sam's mum, Sam-Lee", names), "[NAME] [NAME] y [NAME]'s mum, [NAME]-Lee");
    assert.equal(anonymise('llámame al 612 34 56 78 o al (55) 1234-5678, o +1 415.555.0100', []), 'llámame al [PHONE] o al [PHONE], o [PHONE]');
    assert.equal(anonymise('mail ana.b+x@correo.es, web www.ayuda.org. @sam_ig dice hola', []), 'mail [EMAIL], web [URL]. [HANDLE] dice hola');
    assert.equal(anonymise('my id MRN-9 and 3f2b8c1e-1111-4111-8111-123456789abc', [], ['MRN-9']), 'my id [ID] and [ID]');
    assert.equal(anonymise('I took 25 tablets an hour ago, samantha', ['Sam']), 'I took 25 tablets an hour ago, samantha', 'small numbers and longer words that only start like a name stay');
  });

  it('a false alarm is a negative without categories; an alert without words gives no line', () => {
    const hide = { names: ['Robin'], ids: [] };
    assert.deepEqual(corpusLine({ ...ALERT, reviewOutcome: 'false_alarm' }, hide, 'review-abc'), {
      text: 'me muero',
      locale: 'es',
      level: 'none',
      categories: [],
      family: 'review-abc',
      note: 'from a reviewed alert: false alarm',
    });
    assert.equal(corpusLine({ ...ALERT, reviewOutcome: 'needed', reviewReason: 'third_party' }, hide, 'f')?.note, 'from a reviewed alert: third party');
    assert.equal(corpusLine({ ...ALERT, reviewOutcome: 'needed', excerpt: '' }, hide, 'f'), undefined);
    assert.equal(corpusLine({ ...ALERT, reviewOutcome: 'needed', excerpt: 'Robin 612345678' }, hide, 'f'), undefined, 'nothing but identifiers');
    assert.equal(corpusLine(ALERT, hide, 'f'), undefined, 'not reviewed');
  });
});
