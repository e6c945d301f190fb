import { Language } from '../i18n';
import type { MeasureDraft } from '../measures/draft';

/** The IPT focus areas a clinician can set for a course. */
export const FOCUS_AREAS = ['grief', 'roleDispute', 'roleTransition', 'interpersonalDeficits'] as const;
export type FocusArea = (typeof FOCUS_AREAS)[number];

/** The client's answer to the consent question; withdrawing keeps `given: false` and stamps `withdrawnAt`. */
export interface Consent {
  given: boolean;
  /** ISO time the answer was given. */
  at: string;
  withdrawnAt?: string;
}

/** What the bot remembers about the person it talks to, kept in their ClientState. */
export interface Profile {
  preferredName?: string;
  language?: Language;
  /** ISO time of the first contact; set when the welcome was shown. */
  welcomedAt?: string;
  /** The partition of everything stored about this client in the `clients` container. */
  clientId?: string;
  consent?: Consent;
  /** An IANA zone (`Europe/Madrid`); check-in days are counted in it. */
  timeZone?: string;
  /** ISO 3166-1 alpha-2 country the client chose when their zone did not say (crisis lines are per country). */
  country?: string;
  remindersPaused?: boolean;
  /** ISO time onboarding finished. */
  onboardedAt?: string;
  /** Set by the clinician (programme API); shown in check-ins. */
  focusArea?: FocusArea;
  /** Messages in a row the bot did not understand; the second one shows the menu. */
  misunderstandings?: number;
  /** A PHQ-9 or GAD-7 under way (only in the chat state; a finished one goes to the client record). */
  measureDraft?: MeasureDraft;
  /** What a person typed into an exercise that stopped half-way (two answers not understood), by exercise: finished next time. */
  drafts?: Record<string, DialogDraft>;
  /** The last reflection the bot said ("Tiredness and loneliness…"), so the next one is worded differently. */
  lastReflection?: string;
}

/** The answers an unfinished exercise already had, kept in the chat state only, never in the clinician's view. */
export interface DialogDraft {
  values: Record<string, unknown>;
  /** ISO time it was kept. */
  savedAt: string;
}

export const PROFILE_PROPERTY = 'profile';
export const DIALOG_STATE_PROPERTY = 'dialogState';
