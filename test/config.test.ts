import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../src/config';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.problems;
  }
  assert.fail('expected the configuration to be rejected');
}

describe('configuration', () => {
  it('defaults to local mode on port 3978 with the SQLite store', () => {
    const config = loadConfig({});
    assert.equal(config.port, 3978);
    assert.equal(config.localMode, true);
    assert.equal(config.store.kind, 'sqlite');
    assert.equal(config.env, 'development');
  });

  it('chooses Cosmos DB when an endpoint is configured', () => {
    const config = loadConfig({ COSMOS_ENDPOINT: 'https://acct.documents.azure.com:443/', COSMOS_DATABASE: 'clinic' });
    assert.deepEqual(config.store, { kind: 'cosmos', endpoint: 'https://acct.documents.azure.com:443/', key: undefined, databaseId: 'clinic' });
  });

  const invalid: Array<[string, Record<string, string>, RegExp]> = [
    ['PORT that is not a number', { PORT: 'eighty' }, /^PORT must be a port number \(got "eighty"\)/],
    ['PORT out of range', { PORT: '70000' }, /^PORT must be between 0 and 65535/],
    ['LOG_LEVEL unknown', { LOG_LEVEL: 'loud' }, /^LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent/],
    ['NODE_ENV unknown', { NODE_ENV: 'staging' }, /^NODE_ENV must be development, test or production/],
    ['MicrosoftAppType unknown', { MicrosoftAppType: 'Anything' }, /^MicrosoftAppType must be SingleTenant, UserAssignedMSI or MultiTenant/],
    ['STORE unknown', { STORE: 'postgres' }, /^STORE must be sqlite or cosmos/],
    ['COSMOS_ENDPOINT not a URL', { COSMOS_ENDPOINT: 'my-account' }, /^COSMOS_ENDPOINT must be a URL/],
    ['STORE=cosmos without endpoint', { STORE: 'cosmos' }, /^COSMOS_ENDPOINT is required when STORE=cosmos/],
    ['COSMOS_DATABASE with spaces', { COSMOS_DATABASE: 'my db' }, /^COSMOS_DATABASE must be letters, digits/],
    ['MAX_BODY_BYTES too small', { MAX_BODY_BYTES: '10' }, /^MAX_BODY_BYTES must be at least 1024/],
    ['app id without password', { MicrosoftAppId: 'abc', MicrosoftAppTenantId: 't' }, /^MicrosoftAppPassword is required when MicrosoftAppId is set/],
    ['single tenant without tenant', { MicrosoftAppId: 'abc', MicrosoftAppPassword: 'p' }, /^MicrosoftAppTenantId is required for MicrosoftAppType SingleTenant/],
    ['production without credentials', { NODE_ENV: 'production' }, /^MicrosoftAppId is required in production/],
  ];
  for (const [name, env, message] of invalid) {
    it(`rejects ${name} with a message naming the key`, () => {
      const problems = problemsOf(env);
      assert.ok(problems.some((p) => message.test(p)), `got: ${problems.join(' | ')}`);
    });
  }

  it('reports every bad key at once', () => {
    const problems = problemsOf({ PORT: 'x', LOG_LEVEL: 'y' });
    assert.equal(problems.length, 2);
  });

  it('never prints a secret value', () => {
    const problems = problemsOf({ MicrosoftAppId: 'abc', MicrosoftAppType: 'SingleTenant', MicrosoftAppPassword: 'hunter2' });
    assert.ok(!problems.join(' ').includes('hunter2'));
  });

  it('accepts a user-assigned managed identity without a password', () => {
    const config = loadConfig({ NODE_ENV: 'production', MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppId: 'id', MicrosoftAppTenantId: 'tenant' });
    assert.equal(config.localMode, false);
  });

  it('takes an Application Insights connection string, and says how to fix a wrong one without echoing it', () => {
    const connectionString = 'InstrumentationKey=00000000-1111-2222-3333-444444444444;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/';
    assert.equal(loadConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: connectionString }).telemetry.connectionString, connectionString);
    assert.equal(loadConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: '' }).telemetry.connectionString, undefined);
    const problems = problemsOf({ APPLICATIONINSIGHTS_CONNECTION_STRING: 'IngestionEndpoint=https://secret-endpoint.example/' });
    assert.equal(problems.length, 1);
    assert.match(problems[0], /^APPLICATIONINSIGHTS_CONNECTION_STRING must be an Application Insights connection string such as InstrumentationKey=/);
    assert.ok(!problems[0].includes('secret-endpoint'), 'the configured value is not repeated');
  });

  describe('the service process', function () {
    this.timeout(30000);
    const dir = mkdtempSync(join(tmpdir(), 'ipt-config-'));
    after(() => rmSync(dir, { recursive: true, force: true }));

    const run = (env: Record<string, string>) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
        env: { PATH: process.env.PATH ?? '', DATA_DIR: dir, ...env },
        cwd: join(__dirname, '..'),
        encoding: 'utf8',
        timeout: 20000,
      });

    it('exits with code 1 and names the bad key', () => {
      const result = run({ PORT: 'not-a-port' });
      assert.equal(result.status, 1);
      assert.match(result.stderr, /PORT must be a port number/);
      assert.match(result.stderr, /\.env\.example/);
    });

    it('refuses to start in production without app credentials', () => {
      const result = run({ NODE_ENV: 'production' });
      assert.equal(result.status, 1);
      assert.match(result.stderr, /MicrosoftAppId is required in production/);
    });
  });
});
