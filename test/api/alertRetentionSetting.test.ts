import assert from 'node:assert/strict';
import { runAdmin } from '../../scripts/admin';
import { ADMIN_KEY, apiClient, Call, programmeBody } from './apiClient';
import { ApiTestServer, startApiServer } from './apiServer';

type Errors = { errors: Array<{ path: string; message: string }> };

describe('programme API: how long closed safety alerts are kept', function () {
  let service: ApiTestServer;
  let call: Call;
  before(async function () {
    service = await startApiServer({ clock: { now: () => new Date('2026-11-25T12:00:00Z') } });
    call = apiClient(service.url);
  });
  after(async function () {
    await service?.stop();
  });

  it('is set on the programme, validated, returned, and reaches the escalation directory (365 days when unset)', async function () {
    const created = await call<{ closedAlertRetentionDays?: number }>('POST', '/programmes', { body: programmeBody({ id: 'ret', closedAlertRetentionDays: 90 }) });
    assert.equal(created.status, 201);
    assert.equal(created.body.closedAlertRetentionDays, 90);
    const directory = service.services.careTeamDirectory();
    assert.equal((await directory.programme('ret'))?.closedAlertRetentionDays, 90);

    for (const bad of [0, 3651, 1.5, '30']) {
      const refused = await call<Errors>('PATCH', '/programmes/ret', { body: { closedAlertRetentionDays: bad } });
      assert.equal(refused.status, 400, String(bad));
      assert.equal(refused.body.errors[0].path, 'body.closedAlertRetentionDays');
    }
    const changed = await call<{ closedAlertRetentionDays?: number }>('PATCH', '/programmes/ret', { body: { closedAlertRetentionDays: 2555 } });
    assert.equal(changed.body.closedAlertRetentionDays, 2555);

    await call('POST', '/programmes', { body: programmeBody({ id: 'ret-default' }) });
    assert.equal((await directory.programme('ret-default'))?.closedAlertRetentionDays, undefined, 'unset: the sweep applies DEFAULT_CLOSED_ALERT_RETENTION_DAYS');
    const openApi = await call<{ components?: unknown }>('GET', '/openapi.json');
    assert.match(JSON.stringify(openApi.body), /closedAlertRetentionDays/);
  });

  it('the admin CLI sets it when creating a programme', async function () {
    const err: string[] = [];
    const args = ['create-programme', '--id', 'ret-cli', '--name', 'Clinic', '--time-zone', 'Europe/Madrid', '--alert-retention-days', '730'];
    const code = await runAdmin(args, { fetch, out: () => undefined, err: (line) => err.push(line), env: { IPT_API_URL: service.url, ADMIN_API_KEY: ADMIN_KEY } });
    assert.equal(code, 0, err.join('\n'));
    assert.equal((await service.services.careTeamDirectory().programme('ret-cli'))?.closedAlertRetentionDays, 730);
  });
});
