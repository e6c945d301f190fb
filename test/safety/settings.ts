import { SafetySettings } from '../../src/safety/escalation/careTeamConfig';

export const USER_ID = 'client-1';

export const SETTINGS: SafetySettings = {
  programme: {
    id: 'prog-1',
    webhookUrl: 'http://127.0.0.1:9/unused',
    webhookSecret: 'a-very-long-test-secret',
    webhookIncludeExcerpt: false,
    clinicians: [
      { id: 'c1', name: 'Dr Ana Ruiz', aadObjectId: 'aad-c1', backupId: 'c2' },
      { id: 'c2', name: 'Dr Ben Cole', aadObjectId: 'aad-c2' },
    ],
    onCall: { name: 'On-call', aadObjectId: 'aad-oncall' },
    clientClinician: { [USER_ID]: 'c1' },
  },
  ackTimeoutMinutes: 15,
  retryBaseSeconds: 10,
  outboxPollMs: 5000,
  sendTimeoutSeconds: 15,
};
