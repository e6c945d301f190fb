/** Reviews and the corpus export on Cosmos DB (@vercel/cosmosdb-server over the real wire protocol). */
import assert from 'node:assert/strict';
import { createLogger } from '../../src/logger';
import { AlertService } from '../../src/safety/escalation/alertService';
import { ConfigCareTeamDirectory } from '../../src/safety/escalation/careTeamDirectory';
import { exportReviewedAlerts } from '../../src/safety/review/reviewedAlertExport';
import { ClientRepository } from '../../src/client/clientRepository';
import { ProgrammeStore } from '../../src/programmes/programmeStore';
import { CosmosDocumentStore } from '../../src/storage/cosmosStore';
import { CosmosTestServer, createTestCosmosStore, startCosmosServer } from '../support/cosmosServer';
import { SETTINGS, USER_ID } from './settings';

describe('alert review and corpus export on Cosmos DB', function () {
  this.timeout(30000);
  let server: CosmosTestServer;
  let store: CosmosDocumentStore;
  before(async () => {
    server = await startCosmosServer();
    store = await createTestCosmosStore(server);
  });
  after(async () => {
    await store?.close();
    await server?.stop();
  });

  it('stores the review, and exports it only while the programme allows it', async () => {
    const alerts = new AlertService({ store, directory: new ConfigCareTeamDirectory(SETTINGS), logger: createLogger('silent'), ackTimeoutMinutes: 15 });
    const { alertId } = await alerts.raise({
      clientKey: `webchat:${USER_ID}`,
      clientId: 'cl-1',
      clientName: 'Robin',
      channelId: 'webchat',
      channelUserId: USER_ID,
      language: 'en',
      level: 'urgent',
      categories: ['self_harm_suicide'],
      evidence: ['robin wants to kill himself'],
      conversationReference: {},
    });
    await new ClientRepository(store).saveProfile('cl-1', { preferredName: 'Robin' });
    const programmes = new ProgrammeStore(store);
    await programmes.createProgramme({ id: 'prog-1', name: 'One', defaultLocale: 'en', defaultTimeZone: 'Europe/Madrid', ackTimeoutMinutes: 15 });

    assert.deepEqual(await alerts.review(alertId, 'aad-someone', { outcome: 'false_alarm' }), { outcome: 'refused' });
    assert.deepEqual(await alerts.review(alertId, 'aad-c1', { outcome: 'false_alarm', reason: 'third_party' }), { outcome: 'reviewed', open: true });
    assert.deepEqual(await alerts.review('alert:none', 'aad-c1', { outcome: 'needed' }), { outcome: 'notFound' });
    assert.equal((await alerts.read(alertId))?.body.reviewOutcome, 'false_alarm');

    assert.deepEqual((await exportReviewedAlerts(store)).lines, [], 'off by default');
    await programmes.updateProgramme('prog-1', { exportReviewedAlerts: true });
    const exported = await exportReviewedAlerts(store, { family: () => 'review-fixed' });
    assert.deepEqual(exported.lines, [{ text: '[NAME] wants to kill himself', locale: 'en', level: 'none', categories: [], family: 'review-fixed', note: 'from a reviewed alert: third party' }]);
    await programmes.updateProgramme('prog-1', { exportReviewedAlerts: false });
    assert.deepEqual((await exportReviewedAlerts(store)).lines, []);
  });
});
