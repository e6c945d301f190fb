/**
 * The real Azure Monitor distro, started by `startTelemetry` with the service's options, in a process of its
 * own (test/support/distroRun.ts) that refuses every connection off this machine.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { SpanKind } from '@opentelemetry/api';
import { ADMIN_KEY } from '../api/apiClient';

interface DistroRun {
  enabled: boolean;
  spans: Array<{ name: string; kind: SpanKind; attributes: Record<string, unknown> }>;
  refused: string[];
}

describe('telemetry through the Azure Monitor distro', function () {
  this.timeout(90_000);

  it('exports the turn span and route-templated requests, and none carries the words, name or ids', () => {
    const secrets = {
      CRISIS_TEXT: 'I want to kill myself tonight',
      CONVERSATION_ID: 'distro-conv-81f2',
      USER_ID: 'distro-user-33ab',
      USER_NAME: 'Evangelina Prieto',
      PROGRAMME_ID: 'distroprog',
      CLIENT_ID: 'c0ffee00-1111-4222-8333-444455556666',
    };
    const result = spawnSync(process.execPath, ['--import', 'tsx', join('test', 'support', 'distroRun.ts')], {
      cwd: join(__dirname, '..', '..'),
      env: {
        PATH: process.env.PATH ?? '',
        ...secrets,
        ADMIN_API_KEY: ADMIN_KEY,
        // Loopback ingestion: nothing is listening there, and the guard refuses anything else.
        APPLICATIONINSIGHTS_CONNECTION_STRING: 'InstrumentationKey=00000000-1111-2222-3333-444444444444;IngestionEndpoint=http://127.0.0.1:9/;LiveEndpoint=http://127.0.0.1:9/',
        // Every span, not the distro's default of five traces a second.
        OTEL_TRACES_SAMPLER: 'always_on',
      },
      encoding: 'utf8',
      timeout: 80_000,
    });
    const line = result.stdout.split('\n').find((l) => l.startsWith('distro-run: '));
    assert.ok(line, `the run reports: ${result.stderr}`);
    const run = JSON.parse(line.slice('distro-run: '.length)) as DistroRun;
    assert.equal(run.enabled, true);

    const turn = run.spans.find((span) => span.name === 'bot.turn');
    assert.equal(turn?.attributes['ipt.screening.level'], 'urgent');
    assert.equal(turn?.attributes['ipt.crisis.response'], true);
    const servers = run.spans.filter((span) => span.kind === SpanKind.SERVER);
    assert.deepEqual(servers.map((span) => span.attributes['http.route']).sort(), ['/api/messages', '/api/v1/programmes/{id}/clients/{id}']);

    const exported = JSON.stringify(run.spans).toLowerCase();
    for (const secret of [...Object.values(secrets), 'kill myself', 'Prieto']) assert.ok(!exported.includes(secret.toLowerCase()), `"${secret}" is not exported`);
    for (const key of ['net.peer.ip', 'net.host.ip', 'http.user_agent']) assert.ok(!exported.includes(`"${key}"`), `${key} is not exported`);
  });
});
