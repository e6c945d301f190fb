/**
 * The clinician's Adaptive Cards (schema 1.4, what Teams renders): the alert inbox, the client list, the
 * pre-session summary and the two authoring forms. Every text comes from locales/<lang>/clinician.json.
 */
import { DateTime } from 'luxon';
import { Language, t } from '../i18n';
import { FOCUS_AREAS, FocusArea } from '../bot/profile';
import { Alert } from '../safety/escalation/alert';
import { ACKNOWLEDGE_ACTION } from '../safety/escalation/teamsChannel';
import { SAFETY_PLAN_STEPS, SafetyPlan, SafetyPlanStep } from '../safety/safetyPlan';
import { REFLECTION_AREAS } from '../client/records';
import { Summary } from './summary';
import { MAX_CHART_BARS } from './moodChart';
import { ADAPTIVE_CARD } from '../adaptiveCard';
import { measureLines } from './measureLines';
import { reviewActions, reviewInputs, reviewLabel } from '../safety/review/reviewCard';

export const CLINICIAN_ACTIONS = {
  summary: 'clinician.summary',
  planForm: 'clinician.planForm',
  savePlan: 'clinician.savePlan',
  focusForm: 'clinician.focusForm',
  saveFocus: 'clinician.saveFocus',
  sessionHeld: 'clinician.sessionHeld',
} as const;

type Card = Record<string, unknown>;
const card = (body: unknown[], actions: unknown[] = [], fallbackText?: string): Card => ({
  ...ADAPTIVE_CARD,
  body,
  ...(actions.length ? { actions } : {}),
  ...(fallbackText ? { fallbackText } : {}),
});
const text = (value: string, extra: Record<string, unknown> = {}) => ({ type: 'TextBlock', text: value, wrap: true, ...extra });
const submit = (title: string, data: Record<string, unknown>) => ({ type: 'Action.Submit', title, data });
const when = (iso: string, zone: string, language: Language) => DateTime.fromISO(iso, { zone }).setLocale(language).toFormat('d LLL HH:mm');

export interface InboxItem {
  alert: Alert;
  clientLabel: string;
  escalated: boolean;
}

export function inboxCard(language: Language, items: readonly InboxItem[], zone: string): Card {
  if (items.length === 0) return card([text(t(language, 'clinician.inbox.empty'))]);
  const body: unknown[] = [text(t(language, 'clinician.inbox.title'), { weight: 'Bolder', size: 'Medium' })];
  for (const { alert, clientLabel, escalated } of items) {
    body.push({
      type: 'Container',
      separator: true,
      items: [
        text(t(language, 'clinician.inbox.item', { level: t(language, `clinician.level.${alert.level}`), client: clientLabel, time: when(alert.createdAt, zone, language) }), {
          weight: 'Bolder',
          color: alert.level === 'urgent' ? 'Attention' : 'Warning',
        }),
        ...(escalated ? [text(t(language, 'clinician.inbox.escalated'), { isSubtle: true, spacing: 'None' })] : []),
        ...(alert.reviewOutcome ? [text(reviewLabel(language, alert.reviewOutcome, alert.reviewReason), { isSubtle: true, spacing: 'None' })] : []),
        ...reviewInputs(language, alert.alertId, alert.reviewReason),
        {
          type: 'ActionSet',
          actions: [
            submit(t(language, 'clinician.action.acknowledge'), { action: ACKNOWLEDGE_ACTION, alertId: alert.alertId }),
            ...reviewActions(language, alert.alertId),
            ...(alert.clientId ? [submit(t(language, 'clinician.action.summary'), { action: CLINICIAN_ACTIONS.summary, clientId: alert.clientId })] : []),
          ],
        },
      ],
    });
  }
  return card(body);
}

export interface ClientListItem {
  clientId: string;
  label: string;
  focusArea?: FocusArea;
}

export function clientsCard(language: Language, clients: readonly ClientListItem[]): Card {
  if (clients.length === 0) return card([text(t(language, 'clinician.clients.empty'))]);
  const body: unknown[] = [text(t(language, 'clinician.clients.title'), { weight: 'Bolder', size: 'Medium' })];
  for (const client of clients) {
    body.push({
      type: 'Container',
      separator: true,
      items: [
        text(t(language, 'clinician.clients.item', { client: client.label, focus: focusLabel(language, client.focusArea) })),
        {
          type: 'ActionSet',
          actions: [
            submit(t(language, 'clinician.action.summary'), { action: CLINICIAN_ACTIONS.summary, clientId: client.clientId }),
            submit(t(language, 'clinician.action.editPlan'), { action: CLINICIAN_ACTIONS.planForm, clientId: client.clientId }),
            submit(t(language, 'clinician.action.focus'), { action: CLINICIAN_ACTIONS.focusForm, clientId: client.clientId }),
          ],
        },
      ],
    });
  }
  return card(body);
}

export function focusLabel(language: Language, focusArea: FocusArea | undefined): string {
  return t(language, focusArea ? `clinician.focus.${focusArea}` : 'clinician.focus.none');
}

/** The summary as plain text: the card's fallback and what a client without card support reads. */
export function summaryText(language: Language, clientLabel: string, summary: Summary): string {
  const lines = [
    t(language, 'clinician.summary.title', { client: clientLabel }),
    t(language, 'clinician.summary.period', { from: summary.period.from, to: summary.period.to, count: summary.period.days }),
    periodBasis(language, summary),
    planLine(language, summary),
    t(language, 'clinician.summary.moodLine', {
      values: summary.mood.map((m) => `${m.date.slice(5)} ${m.mood ?? t(language, 'clinician.summary.noCheckIn')}`).join(', '),
    }),
    summary.averageMood === null ? t(language, 'clinician.summary.noMood') : t(language, 'clinician.summary.averageMood', { value: summary.averageMood }),
    t(language, 'clinician.summary.adherence', { done: summary.adherence.daysWithCheckIn, count: summary.adherence.days, percent: Math.round(summary.adherence.ratio * 100) }),
    interactionCounts(language, summary),
    t(language, 'clinician.summary.moodPeopleTitle'),
    ...orNone(language, moodPeopleLines(language, summary)),
    t(language, 'clinician.summary.patternsTitle'),
    ...orNone(language, patternLines(language, summary)),
    t(language, 'clinician.summary.problemsTitle'),
    ...orNone(language, problemLines(language, summary)),
    t(language, 'clinician.summary.peopleTitle'),
    ...orNone(language, peopleLines(language, summary)),
    ...(summary.closeness ? [t(language, 'clinician.summary.closenessTitle'), ...closenessLines(language, summary)] : []),
    t(language, 'clinician.summary.alertsTitle'),
    ...orNone(language, alertLines(language, summary)),
    t(language, 'clinician.summary.exercisesTitle'),
    ...exerciseLines(language, summary),
    ...(summary.progress ? [t(language, 'clinician.summary.progressTitle'), ...progressLines(language, summary)] : []),
    t(language, 'clinician.summary.sharedTitle'),
    ...orNone(language, sharedAnalysisLines(language, summary).flat()),
    t(language, 'clinician.summary.keepWellTitle'),
    ...keepWellLines(language, summary),
  ];
  return lines.join('\n');
}

/** The keep-well plan in the client's words, part by part; a line saying it is not written yet otherwise. */
function keepWellLines(language: Language, summary: Summary): string[] {
  const plan = summary.keepWellPlan;
  if (!plan) return [t(language, 'clinician.summary.keepWellNone')];
  const parts = ['warningSigns', 'whatToDo', 'whoToTell', 'lowForTwoWeeks', 'whatHelped'] as const;
  return parts.filter((part) => plan[part]).map((part) => t(language, `clinician.summary.keepWellPart_${part}`, { text: plan[part] as string }));
}

/** Whose safety plan is in force; a plan the client wrote or changed is flagged for review. */
const planLine = (language: Language, summary: Summary) => {
  const plan = summary.safetyPlan;
  if (plan.author === 'none') return t(language, 'clinician.summary.planNone');
  if (!plan.needsReview) return t(language, 'clinician.summary.planClinician');
  return t(language, plan.draft ? 'clinician.summary.planReviewDraft' : 'clinician.summary.planReview', { steps: stepNames(language, plan.changedByClient) });
};
const stepNames = (language: Language, steps: readonly SafetyPlanStep[]) => steps.map((step) => t(language, `clinician.plan.step.${step}`)).join(', ');
const periodBasis = (language: Language, summary: Summary) => t(language, `clinician.summary.basis.${summary.period.basis}`, { from: summary.period.from, count: summary.period.days });
/** Counts only: what the client wrote in scripts and reflections is theirs. */
const exerciseLines = (language: Language, summary: Summary) => {
  const { communicationAnalyses, scripts, reflections } = summary.exercises;
  return [
    t(language, 'clinician.summary.exercises', { analyses: communicationAnalyses, scripts }),
    t(language, 'clinician.summary.reflections', {
      areas: REFLECTION_AREAS.map((area) => t(language, 'clinician.summary.reflectionArea', { area: t(language, `clinician.focus.${area}`), count: reflections[area] })).join(', '),
    }),
    t(language, 'clinician.summary.connectionGoals', summary.exercises.connectionGoals),
    ...(['disputeSteps', 'talks', 'transitionNeeds'] as const).map((loop) => t(language, `clinician.summary.followUp.${loop}`, summary.exercises.followUps[loop])),
    t(language, 'clinician.summary.exercisesPrivate'),
  ];
};
/** A dispute's stages in order ("Leo: impasse (before, 11-02) → renegotiation (11-10)"), then the circle's changes. */
const progressLines = (language: Language, summary: Summary) => {
  const progress = summary.progress;
  if (!progress) return [];
  const circle = (c: string) => t(language, `clinician.summary.progressCircle.${c}`);
  return [
    ...progress.disputeStages.map((d) =>
      t(language, 'clinician.summary.progressDispute', {
        name: d.name,
        stages: d.stages.map((s) => t(language, s.beforePeriod ? 'clinician.summary.progressStageBefore' : 'clinician.summary.progressStage', { stage: t(language, `clinician.summary.progressStages.${s.stage}`), date: s.date })).join(' → '),
      }),
    ),
    ...progress.circleChanges.map((c) => t(language, 'clinician.summary.progressMoved', { date: c.date, name: c.name, from: circle(c.from), to: circle(c.to) })),
    ...progress.newPeople.map((p) => t(language, 'clinician.summary.progressAdded', { date: p.date, name: p.name, circle: circle(p.circle) })),
  ];
};
const ANALYSIS_PARTS = ['said', 'felt', 'otherFelt', 'understood', 'differently'] as const;
/** One group of lines per analysis the client shared: who and when, then the five parts. */
const sharedAnalysisLines = (language: Language, summary: Summary) =>
  summary.sharedAnalyses.map((a) => [
    t(language, 'clinician.summary.sharedItem', { date: a.date, name: a.name }),
    ...ANALYSIS_PARTS.map((part) => t(language, 'clinician.summary.analysisPart', { part: t(language, `clinician.summary.analysis.${part}`), text: a[part] })),
  ]);

const interactionCounts = (language: Language, summary: Summary) => {
  const { better, asExpected, worse } = summary.interactions;
  return t(language, 'clinician.summary.interactions', { better, asExpected, worse });
};
const orNone = (language: Language, lines: string[]) => (lines.length ? lines : [t(language, 'clinician.summary.none')]);
/** One line per check-in day: date · mood · person · how it went · the effect on mood the client reported. */
const moodPeopleLines = (language: Language, summary: Summary) =>
  summary.moodAndPeople.days.map((d) =>
    d.name === undefined
      ? t(language, 'clinician.summary.moodPeopleNobody', { date: d.date, mood: d.mood })
      : t(language, 'clinician.summary.moodPeopleRow', {
          date: d.date,
          mood: d.mood,
          name: d.name,
          how: t(language, `clinician.summary.how.${d.how ?? 'unknown'}`),
          affected: t(language, `clinician.summary.affected.${d.affectedMood ?? 'unknown'}`),
        }),
  );
const patternLines = (language: Language, summary: Summary) =>
  summary.moodAndPeople.patterns.flatMap((p) => [
    t(language, 'clinician.summary.patternContact', { name: p.name, with: p.withContact.days, moodWith: p.withContact.averageMood, without: p.withoutContact.days, moodWithout: p.withoutContact.averageMood }),
    ...(p.worse && p.notWorse
      ? [t(language, 'clinician.summary.patternWorse', { name: p.name, worse: p.worse.days, moodWorse: p.worse.averageMood, notWorse: p.notWorse.days, moodNotWorse: p.notWorse.averageMood })]
      : []),
  ]);
const problemLines = (language: Language, summary: Summary) =>
  summary.problems.map((p) =>
    t(language, 'clinician.summary.problem', { definition: p.definition ?? '', plan: p.plan ?? '', outcome: t(language, `clinician.summary.outcome.${p.outcome ?? 'pending'}`) }),
  );
const peopleLines = (language: Language, summary: Summary) =>
  summary.peopleContacted.map((p) => t(language, 'clinician.summary.person', { date: p.date, name: p.name, status: t(language, `clinician.summary.nudge.${p.status}`) }));
/** "Ana: inner circle now, middle before — closer than before". */
const closenessLines = (language: Language, summary: Summary) =>
  (summary.closeness ?? []).map((c) =>
    t(language, 'clinician.summary.closenessRow', {
      name: c.name,
      now: t(language, `clinician.summary.circle.${c.now}`),
      before: t(language, `clinician.summary.circle.${c.before}`),
      change: t(language, `clinician.summary.closeness.${c.change}`),
    }),
  );
/** An alert's line with the clinician's review after it, when there is one. */
const withReview = (language: Language, a: Summary['alerts'][number], line: string) =>
  a.reviewOutcome ? t(language, 'clinician.summary.alertReviewed', { line, review: reviewLabel(language, a.reviewOutcome, a.reviewReason) }) : line;
const alertLines = (language: Language, summary: Summary) =>
  summary.alerts.map((a) =>
    withReview(language, a, t(language, 'clinician.summary.alert', {
      time: when(a.createdAt, summary.period.timeZone, language),
      level: t(language, `clinician.level.${a.level}`),
      status:
        a.status === 'acknowledged'
          ? t(language, 'clinician.summary.alertStatus.acknowledged', { by: a.acknowledgedBy ?? '', at: a.acknowledgedAt ? when(a.acknowledgedAt, summary.period.timeZone, language) : '' })
          : t(language, 'clinician.summary.alertStatus.open'),
    })),
  );

/** `sessionHeld`: offer "Session held today" (only to the client's own clinician). */
export function summaryCard(language: Language, clientId: string, clientLabel: string, summary: Summary, chartDataUri: string, options: { sessionHeld?: boolean; measuresChart?: string } = {}): Card {
  const section = (title: string, lines: string[]) => [text(title, { weight: 'Bolder', separator: true }), ...orNone(language, lines).map((line) => text(line, { spacing: 'Small' }))];
  // A long period is drawn by week (see chartPoints): the title says so.
  const chartTitle = t(language, summary.mood.length > MAX_CHART_BARS ? 'clinician.summary.moodChartWeekly' : 'clinician.summary.moodChart');
  const body = [
    text(t(language, 'clinician.summary.title', { client: clientLabel }), { weight: 'Bolder', size: 'Medium' }),
    text(t(language, 'clinician.summary.period', { from: summary.period.from, to: summary.period.to, count: summary.period.days }), { isSubtle: true, spacing: 'None' }),
    text(periodBasis(language, summary), { isSubtle: true, spacing: 'None' }),
    text(planLine(language, summary), summary.safetyPlan.needsReview ? { weight: 'Bolder', color: 'Attention' } : { isSubtle: true }),
    text(chartTitle, { weight: 'Bolder' }),
    { type: 'Image', url: chartDataUri, altText: chartTitle, size: 'Stretch' },
    text(summary.averageMood === null ? t(language, 'clinician.summary.noMood') : t(language, 'clinician.summary.averageMood', { value: summary.averageMood })),
    text(t(language, 'clinician.summary.adherence', { done: summary.adherence.daysWithCheckIn, count: summary.adherence.days, percent: Math.round(summary.adherence.ratio * 100) })),
    text(interactionCounts(language, summary)),
    ...section(t(language, 'clinician.summary.moodPeopleTitle'), moodPeopleLines(language, summary)),
    ...section(t(language, 'clinician.summary.patternsTitle'), patternLines(language, summary)),
    ...section(t(language, 'clinician.summary.problemsTitle'), problemLines(language, summary)),
    ...section(t(language, 'clinician.summary.peopleTitle'), peopleLines(language, summary)),
    ...(summary.closeness ? section(t(language, 'clinician.summary.closenessTitle'), closenessLines(language, summary)) : []),
    ...(summary.measures ? section(t(language, 'clinician.summary.measuresTitle'), measureLines(language, summary.measures)) : []),
    ...(summary.measures && options.measuresChart ? [{ type: 'Image', url: options.measuresChart, altText: t(language, 'clinician.summary.measuresChart'), size: 'Stretch' }] : []),
    ...section(t(language, 'clinician.summary.alertsTitle'), alertLines(language, summary)),
    ...section(t(language, 'clinician.summary.exercisesTitle'), exerciseLines(language, summary)),
    ...(summary.progress ? section(t(language, 'clinician.summary.progressTitle'), progressLines(language, summary)) : []),
    ...section(t(language, 'clinician.summary.keepWellTitle'), keepWellLines(language, summary)),
    text(t(language, 'clinician.summary.sharedTitle'), { weight: 'Bolder', separator: true }),
    ...(summary.sharedAnalyses.length
      ? sharedAnalysisLines(language, summary).flatMap(([heading, ...parts]) => [text(heading, { weight: 'Bolder', spacing: 'Medium' }), ...parts.map((line) => text(line, { spacing: 'Small' }))])
      : [text(t(language, 'clinician.summary.none'), { spacing: 'Small' })]),
  ];
  const actions = [
    submit(t(language, summary.safetyPlan.needsReview ? 'clinician.action.reviewPlan' : 'clinician.action.editPlan'), { action: CLINICIAN_ACTIONS.planForm, clientId }),
    submit(t(language, 'clinician.action.focus'), { action: CLINICIAN_ACTIONS.focusForm, clientId }),
    ...(options.sessionHeld ? [submit(t(language, 'clinician.action.sessionHeld'), { action: CLINICIAN_ACTIONS.sessionHeld, clientId })] : []),
  ];
  return card(body, actions, summaryText(language, clientLabel, summary));
}

/**
 * The safety-plan form: one multi-line input per Stanley–Brown part and the reasons for living, one item
 * per line, filled with the plan in force. A plan the client wrote or changed comes with a note of what
 * they changed; saving it is the clinician's approval.
 */
export function safetyPlanFormCard(language: Language, clientId: string, clientLabel: string, plan: SafetyPlan | undefined): Card {
  const body: unknown[] = [text(t(language, 'clinician.plan.title', { client: clientLabel }), { weight: 'Bolder', size: 'Medium' })];
  if (plan?.needsReview) {
    const key = plan.draft ? 'clinician.plan.reviewDraft' : 'clinician.plan.review';
    body.push(text(t(language, key, { client: clientLabel, steps: stepNames(language, plan.changedByClient) }), { weight: 'Bolder', color: 'Attention' }));
  }
  body.push(text(t(language, 'clinician.plan.hint'), { isSubtle: true }));
  for (const part of SAFETY_PLAN_STEPS) {
    body.push({ type: 'Input.Text', id: part, label: t(language, `clinician.plan.part.${part}`), isMultiline: true, maxLength: 3000, value: (plan?.[part] ?? []).join('\n') });
  }
  const save = plan?.needsReview ? 'clinician.action.approvePlan' : 'clinician.action.save';
  return card(body, [submit(t(language, save), { action: CLINICIAN_ACTIONS.savePlan, clientId })]);
}

export function focusFormCard(language: Language, clientId: string, clientLabel: string, current: FocusArea | undefined): Card {
  return card(
    [
      text(t(language, 'clinician.focus.title', { client: clientLabel }), { weight: 'Bolder', size: 'Medium' }),
      {
        type: 'Input.ChoiceSet',
        id: 'focusArea',
        style: 'expanded',
        isRequired: true,
        ...(current ? { value: current } : {}),
        choices: FOCUS_AREAS.map((area) => ({ title: t(language, `clinician.focus.${area}`), value: area })),
      },
    ],
    [submit(t(language, 'clinician.action.save'), { action: CLINICIAN_ACTIONS.saveFocus, clientId })],
  );
}
