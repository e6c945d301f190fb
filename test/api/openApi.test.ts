import assert from 'node:assert/strict';
import { validate } from '@readme/openapi-parser';
import { ApiTestServer, startApiServer } from './apiServer';

type Operation = { operationId: string; parameters?: Array<{ name: string; in: string; required: boolean }>; responses: Record<string, unknown>; security: unknown[]; requestBody?: unknown };

describe('OpenAPI document', function () {
  let service: ApiTestServer;
  let doc: { openapi: string; paths: Record<string, Record<string, Operation>>; components: { securitySchemes: Record<string, unknown> } };

  before(async function () {
    service = await startApiServer({ clock: { now: () => new Date('2026-11-25T12:00:00Z') } });
    const response = await fetch(`${service.url}/api/v1/openapi.json`);
    assert.equal(response.status, 200);
    doc = (await response.json()) as typeof doc;
  });
  after(async function () {
    await service?.stop();
  });

  it('is served without a key and validates as an OpenAPI 3.1 document', async function () {
    assert.equal(doc.openapi, '3.1.0');
    assert.ok(doc.components.securitySchemes.bearerKey);
    const result = await validate(structuredClone(doc) as never);
    assert.ok(result.valid, JSON.stringify(result));
  });

  it('lists every route the server has under /api/v1, with its method', function () {
    const registered = service.registeredRoutes().filter((route) => route.includes('/api/v1/'));
    assert.ok(registered.length >= 25, `${registered.length} routes`);
    for (const route of registered) {
      const [method, path] = route.split(' ');
      const openApiPath = path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
      assert.ok(doc.paths[openApiPath]?.[method.toLowerCase() === 'del' ? 'delete' : method.toLowerCase()], `${route} is missing from the document`);
    }
    const documented = Object.values(doc.paths).reduce((n, ops) => n + Object.keys(ops).length, 0);
    assert.equal(documented, registered.length);
  });

  it('is well formed: unique operation ids, every path parameter declared, secured routes answer 401', function () {
    const ids = new Set<string>();
    for (const [path, operations] of Object.entries(doc.paths)) {
      const templated = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      for (const [method, operation] of Object.entries(operations)) {
        assert.ok(!ids.has(operation.operationId), `duplicate operationId ${operation.operationId}`);
        ids.add(operation.operationId);
        const declared = (operation.parameters ?? []).filter((p) => p.in === 'path');
        assert.deepEqual(declared.map((p) => p.name).sort(), templated, `${method} ${path}`);
        assert.ok(declared.every((p) => p.required));
        assert.ok(Object.keys(operation.responses).length > 0);
        if (operation.security.length) assert.ok(operation.responses['401'], `${method} ${path} lacks 401`);
        if (operation.requestBody) assert.ok(operation.responses['400'] && operation.responses['413']);
      }
    }
  });

  it('describes a request body exactly as it is validated: required fields, formats, no unknown fields', function () {
    const enrol = doc.paths['/api/v1/programmes/{programmeId}/clients'].post.requestBody as { content: { 'application/json': { schema: Record<string, unknown> } } };
    const schema = enrol.content['application/json'].schema as { required: string[]; additionalProperties: boolean; properties: Record<string, Record<string, unknown>> };
    assert.deepEqual(schema.required.sort(), ['clinicianId', 'courseEnd', 'courseStart', 'externalId']);
    assert.equal(schema.additionalProperties, false);
    assert.deepEqual(schema.properties.focusArea.enum, ['grief', 'roleDispute', 'roleTransition', 'interpersonalDeficits']);
    assert.equal(schema.properties.courseStart.pattern, '^\\d{4}-\\d{2}-\\d{2}$');
  });

  it('describes reminder rules as the three shapes the API accepts', function () {
    const create = doc.paths['/api/v1/programmes/{programmeId}/clients/{clientId}/reminders'].post.requestBody as { content: { 'application/json': { schema: { properties: { rule: { oneOf: Array<{ properties: { kind: unknown }; additionalProperties: boolean }> } } } } } };
    const rule = create.content['application/json'].schema.properties.rule;
    assert.deepEqual(rule.oneOf.map((o) => o.properties.kind), [{ type: 'string', enum: ['weekly'] }, { type: 'string', enum: ['rrule'] }, { type: 'string', enum: ['measure'] }]);
    assert.ok(rule.oneOf.every((o) => o.additionalProperties === false));
  });

  it('describes the programme’s out-of-hours line as it is validated', function () {
    for (const [path, method] of [['/api/v1/programmes', 'post'], ['/api/v1/programmes/{programmeId}', 'patch']] as const) {
      const body = doc.paths[path][method].requestBody as { content: { 'application/json': { schema: { properties: Record<string, Record<string, unknown>> } } } };
      const property = body.content['application/json'].schema.properties.outOfHoursLine;
      const line = (property.anyOf as Array<Record<string, unknown>> | undefined)?.find((s) => s.type === 'object') ?? property;
      const { required, additionalProperties, properties } = line as { required: string[]; additionalProperties: boolean; properties: Record<string, { pattern?: string }> };
      assert.deepEqual([...required].sort(), ['name', 'phone'], path);
      assert.equal(additionalProperties, false);
      assert.ok(properties.phone.pattern, 'the phone pattern is documented');
    }
  });
});
