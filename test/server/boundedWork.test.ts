/**
 * One request cannot make the service do unbounded work: the clinician summary covers at most a year, an
 * impossible date is refused instead of read as "the last week", and while the largest allowed summary is
 * built a person in crisis still gets the crisis lines at once.
 */
import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { ClientRepository } from '../../src/client/clientRepository';
import { MAX_SUMMARY_DAYS } from '../../src/clinician/summary';
import { ADMIN_KEY, apiClient, Call } from '../api/apiClient';
import { say, startTestService, TestService } from '../support/service';

const ZONE = 'Europe/Madrid';

describe('bounded work per request', function () {
  this.timeout(120_000);
  let service: TestService;
  let call: Call;
  let summaryPath: string;
  const today = () => DateTime.now().setZone(ZONE).startOf('day');

  before(async () => {
    service = await startTestService({ ADMIN_API_KEY: ADMIN_KEY }, { proactiveSender: { send: async () => undefined } });
    call = apiClient(service.url);
    assert.equal((await call('POST', '/programmes', { body: { id: 'year', name: 'Year', defaultTimeZone: ZONE } })).status, 201);
    assert.equal((await call('POST', '/programmes/year/clinicians', { body: { id: 'ana', name: 'Dr Ana', aadObjectId: '11111111-1111-4111-8111-111111111111' } })).status, 201);
    const enrolled = await call<{ client: { id: string } }>('POST', '/programmes/year/clients', {
      body: { externalId: 'MRN-YEAR', clinicianId: 'ana', courseStart: '2025-01-01', courseEnd: '2027-12-31', timeZone: ZONE },
    });
    const clientId = enrolled.body.client.id;
    summaryPath = `/programmes/year/clients/${clientId}/summary`;
    // A year and a bit of daily check-ins, each with an interaction, and a nudge a day: the largest summary there is.
    // One per day of the client's calendar (noon, and now for today): steps of 24 hours would put two check-ins on one
    // local day across a change of clocks when the suite runs in the hour before midnight in Madrid.
    for (let ago = 0; ago < MAX_SUMMARY_DAYS + 10; ago++) {
      const at = ago === 0 ? new Date() : today().minus({ days: ago }).set({ hour: 12 }).toJSDate();
      const repository = new ClientRepository(service.store, { now: () => at });
      await repository.saveCheckIn(clientId, ZONE, { mood: ago % 11, interaction: { name: `Person ${ago % 7}`, how: 'better' } });
      await repository.addNudge(clientId, { id: `p${ago % 7}`, name: `Person ${ago % 7}` } as never, 'happened');
    }
  });
  after(async () => service?.dispose());

  it('refuses a period longer than a year, in the future, or on a day that does not exist, naming the field', async () => {
    const tooOld = today().minus({ days: MAX_SUMMARY_DAYS }).toISODate();
    for (const query of [`since=0001-01-01`, `since=${tooOld}`, 'since=2026-13-45', 'since=2026-02-30', `since=${today().plus({ days: 1 }).toISODate()}`, `days=${MAX_SUMMARY_DAYS + 1}`]) {
      const response = await call<{ errors: Array<{ path: string; message: string }> }>('GET', `${summaryPath}?${query}`);
      assert.equal(response.status, 400, query);
      assert.equal(response.body.errors[0].path, `query.${query.split('=')[0]}`, query);
    }
  });

  it('answers the largest allowed period: a year of days, ending today', async () => {
    const since = today().minus({ days: MAX_SUMMARY_DAYS - 1 }).toISODate();
    const response = await call<{ period: { from: string; days: number }; adherence: { daysWithCheckIn: number } }>('GET', `${summaryPath}?since=${since}`);
    assert.equal(response.status, 200, JSON.stringify(response.body));
    assert.deepEqual([response.body.period.from, response.body.period.days, response.body.adherence.daysWithCheckIn], [since, MAX_SUMMARY_DAYS, MAX_SUMMARY_DAYS]);
    assert.equal((await call<{ period: { days: number } }>('GET', `${summaryPath}?days=${MAX_SUMMARY_DAYS}`)).body.period.days, MAX_SUMMARY_DAYS);
  });

  it('gives a person in crisis the crisis lines within 2 s while the largest summaries are being built', async () => {
    const since = today().minus({ days: MAX_SUMMARY_DAYS - 1 }).toISODate();
    const summaries = Array.from({ length: 4 }, () => call('GET', `${summaryPath}?since=${since}`));
    const started = performance.now();
    const crisis = await say(service.url, { from: { id: 'crisis-during-summary' }, conversation: { id: 'crisis-during-summary' }, localTimezone: 'America/New_York', text: 'I want to kill myself tonight' });
    const elapsed = performance.now() - started;
    assert.ok(crisis.texts.some((text) => text.includes('988')), crisis.texts.join('\n'));
    // The one timing bound, generous: the same reply takes a few tens of milliseconds on an idle service.
    assert.ok(elapsed < 2000, `crisis lines took ${Math.round(elapsed)} ms`);
    for (const summary of await Promise.all(summaries)) assert.equal(summary.status, 200);
  });
});
