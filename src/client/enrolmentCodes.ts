/**
 * The port through which onboarding redeems an enrolment code a programme created. The programme API
 * provides the real implementation; until one is wired, no code is accepted.
 */
export interface EnrolmentIdentity {
  channelId: string;
  userId: string;
}

export type RedeemResult = { ok: true; clientId: string } | { ok: false; reason: 'noProgramme' | 'unknownCode' | 'expired' | 'alreadyUsed' };

export interface EnrolmentCodes {
  redeem(code: string, identity: EnrolmentIdentity): Promise<RedeemResult>;
}

/** No programme configured: every code is refused with `noProgramme`, and onboarding carries on without one. */
export const noProgrammeEnrolmentCodes: EnrolmentCodes = {
  async redeem() {
    return { ok: false, reason: 'noProgramme' };
  },
};
