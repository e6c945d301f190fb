import assert from 'node:assert/strict';
import { ApiTestServer, startApiServer } from './apiServer';
import { apiClient, Call, programmeBody } from './apiClient';

type Errors = { errors: Array<{ path: string; message: string }> };

describe('programme API: what happens after the course (afterCourse)', function () {
  let service: ApiTestServer;
  let call: Call;

  before(async function () {
    service = await startApiServer({ clock: { now: () => new Date('2026-11-25T12:00:00Z') } });
    call = apiClient(service.url);
  });
  after(async function () {
    await service?.stop();
  });

  it('keeps the setting, shows it on read, rejects a bad one field by field, and clears it with null', async function () {
    const setting = { keepWellCheckIns: true, contactText: 'Llama al 555 0100, de lunes a viernes', contactUrl: 'https://clinica.example/citas' };
    const created = await call<Record<string, unknown>>('POST', '/programmes', { body: programmeBody({ id: 'prog-after', afterCourse: setting }) });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.deepEqual((await call<Record<string, unknown>>('GET', '/programmes/prog-after')).body.afterCourse, setting);

    const bad = await call<Errors>('PATCH', '/programmes/prog-after', { body: { afterCourse: { keepWellCheckIns: 'yes', contactText: '', contactUrl: 'clinic', extra: 1 } } });
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.body.errors.map((e) => e.path).sort(), ['body.afterCourse', 'body.afterCourse.contactText', 'body.afterCourse.contactUrl', 'body.afterCourse.keepWellCheckIns']);

    const goodbyeOnly = await call<Record<string, unknown>>('PATCH', '/programmes/prog-after', { body: { afterCourse: { keepWellCheckIns: false, contactText: 'Call 555 0100' } } });
    assert.deepEqual(goodbyeOnly.body.afterCourse, { keepWellCheckIns: false, contactText: 'Call 555 0100' });
    const cleared = await call<Record<string, unknown>>('PATCH', '/programmes/prog-after', { body: { afterCourse: null } });
    assert.equal(cleared.status, 200);
    assert.equal(cleared.body.afterCourse, undefined);
  });
});
