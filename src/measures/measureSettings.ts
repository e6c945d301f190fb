import type { EnrolmentIdentity } from '../client/enrolmentCodes';

/** What a client's programme decided about measures, as the chat needs it. */
export interface MeasureSettings {
  /** Whether the client is shown their own scores in plain words after a questionnaire (off unless the programme allows it). */
  showScoresToClient(identity: EnrolmentIdentity): Promise<boolean>;
}

/** Without a programme a client's scores are for their clinician only. */
export const clinicianOnlyScores: MeasureSettings = { showScoresToClient: async () => false };
