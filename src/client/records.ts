/**
 * Every document stored about a client, in the `clients` container under the client's id as partition
 * key. Each body names its `kind`, so one partition query returns everything (export, delete) and a
 * filter on `kind` returns one sort. The zod schemas are the single definition; reads are parsed, so a
 * damaged or foreign document is skipped rather than shown to a client.
 */
import { z } from 'zod';
import { FOCUS_AREAS, Profile } from '../bot/profile';
import { SUPPORTED_LANGUAGES } from '../i18n';
import { INSTRUMENT_IDS } from '../measures/instruments';

const isoTime = z.string().datetime({ offset: true });
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const base = { clientId: z.string().min(1), createdAt: isoTime, updatedAt: isoTime };

export const clientProfileSchema = z.object({
  kind: z.literal('profile'),
  ...base,
  preferredName: z.string().max(40).optional(),
  language: z.enum(SUPPORTED_LANGUAGES).optional(),
  timeZone: z.string().optional(),
  country: z.string().regex(/^[A-Z]{2}$/).optional(),
  consent: z.object({ given: z.boolean(), at: isoTime, withdrawnAt: isoTime.optional() }).optional(),
  remindersPaused: z.boolean().optional(),
  focusArea: z.enum(FOCUS_AREAS).optional(),
  onboardedAt: isoTime.optional(),
})
  // The programme side may keep its own fields on this document; they survive the bot's updates.
  .passthrough();
export type ClientProfile = z.infer<typeof clientProfileSchema>;

export const HOW_IT_WENT = ['better', 'asExpected', 'worse'] as const;
export type HowItWent = (typeof HOW_IT_WENT)[number];
/** The client's own answer to whether what happened with the person affected how they felt that day. */
export const MOOD_EFFECTS = ['aLot', 'aBit', 'notReally'] as const;
export type MoodEffect = (typeof MOOD_EFFECTS)[number];

export const checkInSchema = z.object({
  kind: z.literal('checkIn'),
  ...base,
  /** The client's local calendar day (in their time zone) the check-in belongs to. */
  localDate,
  timeZone: z.string(),
  mood: z.number().int().min(0).max(10),
  feelings: z.string().max(200).optional(),
  /** Who the day's most important interaction was with; absent when the client saw nobody. */
  interaction: z
    .object({
      personId: z.string().optional(),
      name: z.string().max(60),
      how: z.enum(HOW_IT_WENT).optional(),
      affectedMood: z.enum(MOOD_EFFECTS).optional(),
    })
    .optional(),
  sawNobody: z.boolean().optional(),
});
export type CheckIn = z.infer<typeof checkInSchema>;

export const PROBLEM_STAGES = ['define', 'options', 'pros', 'cons', 'choose', 'firstStep', 'when', 'planned', 'reviewed', 'discarded'] as const;
export type ProblemStage = (typeof PROBLEM_STAGES)[number];
export const OUTCOMES = ['done', 'partly', 'notYet'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const problemSchema = z.object({
  kind: z.literal('problem'),
  ...base,
  id: z.string(),
  stage: z.enum(PROBLEM_STAGES),
  definition: z.string().max(500).optional(),
  options: z.array(z.object({ text: z.string().max(200), pros: z.string().max(300).optional(), cons: z.string().max(300).optional() })).max(6),
  /** Which option the pros/cons questions are on. */
  cursor: z.number().int().min(0),
  chosen: z.number().int().min(0).optional(),
  firstStep: z.string().max(300).optional(),
  when: z.string().max(100).optional(),
  /** When the moment in `when` is over, read from the client's words in their zone; absent when none was named. */
  followUpAt: isoTime.optional(),
  outcome: z.enum(OUTCOMES).optional(),
  outcomeNote: z.string().max(500).optional(),
  reviewedAt: isoTime.optional(),
});
export type Problem = z.infer<typeof problemSchema>;

export const CIRCLES = ['inner', 'middle', 'outer'] as const;
export type Circle = (typeof CIRCLES)[number];

/** How often the client and the person are in touch, in the client's own estimate. */
export const CONTACT_FREQUENCIES = ['mostDays', 'weekly', 'monthly', 'rarely'] as const;
export type ContactFrequency = (typeof CONTACT_FREQUENCIES)[number];
/** Whether the person knows how the client has been feeling lately. */
export const KNOWS_FEELINGS = ['yes', 'aBit', 'no'] as const;
export type KnowsFeelings = (typeof KNOWS_FEELINGS)[number];

export const personSchema = z.object({
  kind: z.literal('person'),
  ...base,
  id: z.string(),
  /** Each move between circles made when the client edited the person, oldest first: their closeness over the course. */
  circleMoves: z.array(z.object({ from: z.enum(CIRCLES), to: z.enum(CIRCLES), at: isoTime })).max(100).optional(),
  name: z.string().min(1).max(60),
  relationship: z.string().max(60),
  circle: z.enum(CIRCLES),
  supportive: z.boolean(),
  conflict: z.boolean(),
  /** How close they were before (a year ago, or before the trouble began): with `circle`, the closeness history. */
  circleBefore: z.enum(CIRCLES).optional(),
  /** What the client gets from the relationship, in their words. */
  gets: z.string().max(300).optional(),
  /** What the client would like to change in it, in their words. */
  wouldChange: z.string().max(300).optional(),
  /** How often they are in contact. */
  contact: z.enum(CONTACT_FREQUENCIES).optional(),
  /** Whether they know how the client has been feeling lately. */
  knowsFeelings: z.enum(KNOWS_FEELINGS).optional(),
  /** What each expects of the other, in the client's words. */
  expectations: z.string().max(300).optional(),
});
export type Person = z.infer<typeof personSchema>;

export const CLOSENESS_CHANGES = ['closer', 'further', 'same'] as const;
export type ClosenessChange = (typeof CLOSENESS_CHANGES)[number];

/** Closer or further now than before (inner is closest); undefined when the client did not say how it was before. */
export function closenessChange(person: Pick<Person, 'circle' | 'circleBefore'>): ClosenessChange | undefined {
  if (!person.circleBefore) return undefined;
  const now = CIRCLES.indexOf(person.circle);
  const before = CIRCLES.indexOf(person.circleBefore);
  return now < before ? 'closer' : now > before ? 'further' : 'same';
}

export const NUDGE_STATUSES = ['suggested', 'accepted', 'declined', 'happened', 'didNotHappen'] as const;
export const nudgeSchema = z.object({
  kind: z.literal('nudge'),
  ...base,
  id: z.string(),
  personId: z.string(),
  personName: z.string(),
  status: z.enum(NUDGE_STATUSES),
  answeredAt: isoTime.optional(),
});
export type Nudge = z.infer<typeof nudgeSchema>;

/** A close look at one exchange with someone (communication analysis). */
export const communicationAnalysisSchema = z.object({
  kind: z.literal('communicationAnalysis'),
  ...base,
  id: z.string(),
  personName: z.string().min(1).max(60),
  personId: z.string().optional(),
  /** The check-in day the exchange was picked from; absent for one the client described afresh. */
  checkInDate: localDate.optional(),
  said: z.string().max(1000),
  felt: z.string().max(500),
  otherFelt: z.string().max(500),
  understood: z.string().max(500),
  differently: z.string().max(500),
  /** The client's choice: whether the clinician may see this in the summary. */
  shareWithClinician: z.boolean(),
});
export type CommunicationAnalysis = z.infer<typeof communicationAnalysisSchema>;

export const CHECKLIST_ITEMS = ['clearRequest', 'iStatement', 'namesFeeling', 'noBlame', 'specificAsk'] as const;
export type ChecklistItem = (typeof CHECKLIST_ITEMS)[number];
export const REPLY_STYLES = ['calm', 'defensive', 'dismissive'] as const;
export type ReplyStyle = (typeof REPLY_STYLES)[number];
export const MAX_REHEARSAL_DRAFTS = 4;
/** How many times the client answers the other person's reply in one role play (after the opening line). */
export const REHEARSAL_ROUNDS = 2;

/** The final version of a rehearsed conversation, kept for the client to read before the real talk. */
export const scriptSchema = z.object({
  kind: z.literal('script'),
  ...base,
  id: z.string(),
  personName: z.string().min(1).max(60),
  personId: z.string().optional(),
  goal: z.string().max(300),
  /** Every version the client wrote, oldest first; the last one is `text`. */
  drafts: z.array(z.string().max(1000)).min(1).max(MAX_REHEARSAL_DRAFTS),
  text: z.string().max(1000),
  /** Checklist points the final version meets. */
  checklist: z.array(z.enum(CHECKLIST_ITEMS)),
  /** The replies the client practised against. */
  practisedReplies: z.array(z.enum(REPLY_STYLES)),
  /** What the client answered to the other person's replies, in the role play of the kept version. */
  exchange: z.array(z.string().max(1000)).max(REHEARSAL_ROUNDS).optional(),
  /** The role reversal: what the client, as the other person, thought they might feel or say. */
  theirSide: z.string().max(1000).optional(),
  /** Whether the real talk happened, as the client said when asked later. */
  talkHappened: z.enum(OUTCOMES).optional(),
});
export type Script = z.infer<typeof scriptSchema>;

/** The problem areas with their own guided exercise (grief work, role disputes, role transitions, connections). */
export const REFLECTION_AREAS = ['grief', 'roleDispute', 'roleTransition', 'interpersonalDeficits'] as const;
export type ReflectionArea = (typeof REFLECTION_AREAS)[number];

/** One finished guided exercise for a problem area: each answer under its question's id. */
export const reflectionSchema = z.object({
  kind: z.literal('reflection'),
  ...base,
  id: z.string(),
  area: z.enum(REFLECTION_AREAS),
  answers: z.record(z.string().max(40), z.string().max(1000)),
});
export type Reflection = z.infer<typeof reflectionSchema>;

export const MEASURE_SOURCES = ['client', 'scheduled'] as const;

/** One completed PHQ-9 or GAD-7: every item answered, so it has a total (an incomplete one is never stored). */
export const measureSchema = z.object({
  kind: z.literal('measure'),
  ...base,
  id: z.string(),
  instrument: z.enum(INSTRUMENT_IDS),
  /** The wording's version (see src/measures/instruments/SOURCE.md). */
  version: z.string(),
  language: z.enum(SUPPORTED_LANGUAGES),
  /** When the first item was answered; a measure is never spread over more than a day. */
  startedAt: isoTime,
  completedAt: isoTime,
  /** The client's local day it was completed. */
  localDate,
  answers: z.array(z.number().int().min(0).max(3)).min(1),
  total: z.number().int().min(0),
  band: z.string(),
  /** Started by the client or by a programme's schedule. */
  source: z.enum(MEASURE_SOURCES),
});
export type Measure = z.infer<typeof measureSchema>;

export const clientRecordSchema = z.discriminatedUnion('kind', [clientProfileSchema, checkInSchema, problemSchema, personSchema, nudgeSchema, communicationAnalysisSchema, scriptSchema, reflectionSchema, measureSchema]);
export type ClientRecord = z.infer<typeof clientRecordSchema>;

/** The profile fields that are copied into the client record. */
export function profileFields(profile: Profile): Omit<ClientProfile, 'kind' | 'clientId' | 'createdAt' | 'updatedAt'> {
  const { preferredName, language, timeZone, country, consent, remindersPaused, focusArea, onboardedAt } = profile;
  return { preferredName, language, timeZone, country, consent, remindersPaused, focusArea, onboardedAt };
}
