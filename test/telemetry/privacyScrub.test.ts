import assert from 'node:assert/strict';
import { routeTemplate, urlTemplate } from '../../src/telemetry/routeTemplate';
import { scrubAttributes } from '../../src/telemetry/privacySpanProcessor';

describe('telemetry privacy: what a span attribute may keep', () => {
  const routes: Array<[string, string]> = [
    ['/api/messages', '/api/messages'],
    ['/v3/conversations/a:1xYz-9/activities/abc123', '/v3/conversations/{id}/activities/{id}'],
    ['/v3/directline/conversations/dl-42/activities?watermark=7', '/v3/directline/conversations/{id}/activities'],
    ['/api/v1/programmes/north/clients/6f1c2d3e-4b5a/reminders', '/api/v1/programmes/{id}/clients/{id}/reminders'],
    ['/api/v1/openapi.json', '/api/v1/openapi.json'],
    ['/dbs/ipt-companion/colls/clients/docs/profile', '/dbs/{id}/colls/{id}/docs/{id}'],
    // A webhook path with a token in it: anything that is not a plain word is an id.
    ['/hooks/T0123ABC/B456/xyzSecret999', '/hooks/{id}/{id}/{id}'],
    ['/healthz#frag', '/healthz'],
  ];
  for (const [path, template] of routes) {
    it(`${path} → ${template}`, () => assert.equal(routeTemplate(path), template));
  }

  it('keeps a URL\'s origin and templates its path, without credentials or query', () => {
    assert.equal(urlTemplate('https://user:pw@smba.trafficmanager.net/emea/v3/conversations/a%3A1b2/activities/9?x=1'), 'https://smba.trafficmanager.net/emea/v3/conversations/{id}/activities/{id}');
    assert.equal(urlTemplate('not a url'), undefined);
  });

  it('drops caller addresses, user agents and query strings, and templates every URL or path value', () => {
    const attributes: Record<string, unknown> = {
      'http.url': 'http://127.0.0.1:3978/api/v1/programmes/p1/clients/c9?key=secret',
      'http.target': '/api/v1/programmes/p1/clients/c9?key=secret',
      'http.route': '/api/v1/programmes/{id}/clients/{id}',
      'net.peer.ip': '203.0.113.7',
      'net.host.ip': '10.0.0.4',
      'client.address': 'example-client',
      'http.user_agent': 'Mozilla/5.0',
      'url.query': 'key=secret',
      'custom.forwarded': '2001:db8::1',
      'http.method': 'POST',
      'http.status_code': 201,
      'exception.message': 'request to https://hooks.example.org/T0123/secretToken9 failed, reason: timeout',
    };
    scrubAttributes(attributes);
    assert.deepEqual(attributes, {
      'http.url': 'http://127.0.0.1:3978/api/v1/programmes/{id}/clients/{id}',
      'http.target': '/api/v1/programmes/{id}/clients/{id}',
      'http.route': '/api/v1/programmes/{id}/clients/{id}',
      'http.method': 'POST',
      'http.status_code': 201,
      'exception.message': 'request to https://hooks.example.org/{id}/{id} failed, reason: timeout',
    });
  });
});
