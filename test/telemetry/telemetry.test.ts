/**
 * What an operator watches: the spans and metrics the service exports through OpenTelemetry, read from
 * in-memory exporters behind the same privacy processor and HTTP settings the Azure Monitor distro gets,
 * after real turns against the service (a check-in from a reminder, a crisis message and its alert).
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { SpanKind } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { DataPoint, DataPointType, Histogram, ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { startTestService, say, TestService } from '../support/service';
import { CaptureServer } from '../support/captureServer';
import { apiClient, ADMIN_KEY } from '../api/apiClient';
import { startTelemetryCapture, TelemetryCapture } from '../support/telemetryCapture';
import { startServiceProcess } from '../support/serviceProcess';
import { MemoryDocumentStore } from '../support/memoryDocumentStore';
import { CONTAINERS } from '../../src/storage/containers';
import { OutboxGauges } from '../../src/telemetry/outboxGauges';
import { METRICS } from '../../src/telemetry/serviceMetrics';
import { variants } from '../../src/i18n';
import type { Alert } from '../../src/safety/escalation/alert';

interface ExportedPoint {
  metric: string;
  type: DataPointType;
  point: DataPoint<unknown>;
}

function pointsOf(resourceMetrics: ResourceMetrics[]): ExportedPoint[] {
  return resourceMetrics.flatMap((resource) =>
    resource.scopeMetrics.flatMap((scope) => scope.metrics.flatMap((metric) => metric.dataPoints.map((point) => ({ metric: metric.descriptor.name, type: metric.dataPointType, point: point as DataPoint<unknown> })))),
  );
}

/** Every string a span or a metric point carries: names, attribute keys and values, event attributes, status. */
function exportedStrings(spans: ReadableSpan[], points: ExportedPoint[]): string[] {
  const fromAttributes = (attributes: Record<string, unknown> | undefined) => Object.entries(attributes ?? {}).flatMap(([key, value]) => [key, ...(Array.isArray(value) ? value : [value]).map(String)]);
  return [
    ...spans.flatMap((span) => [
      span.name,
      span.status.message ?? '',
      ...fromAttributes(span.attributes),
      ...span.events.flatMap((event) => [event.name, ...fromAttributes(event.attributes)]),
      ...fromAttributes(span.resource.attributes),
    ]),
    ...points.flatMap(({ metric, point }) => [metric, ...fromAttributes(point.attributes)]),
  ];
}

describe('telemetry: what an operator sees, and what is never in it', function () {
  this.timeout(90_000);
  let capture: TelemetryCapture;
  let connector: CaptureServer;
  let service: TestService;
  let now = new Date('2026-11-25T12:00:00Z');

  before(async () => {
    // First: the HTTP instrumentation must be in place before the service's server exists (as in src/index.ts).
    capture = startTelemetryCapture();
    connector = new CaptureServer();
    await connector.start();
    service = await startTestService({ ADMIN_API_KEY: ADMIN_KEY, SCHEDULER_INTERVAL_SECONDS: '1', SAFETY_OUTBOX_POLL_MS: '50' }, { clock: { now: () => now } });
  });
  after(async () => {
    await service?.dispose();
    await connector?.stop();
    await capture?.stop();
  });

  it('exports turn spans, route templates and the service metrics, with no text, name or id anywhere', async () => {
    const NAME = 'Marisol';
    const CRISIS = 'I want to kill myself tonight, nobody would miss me';
    const chat = { serviceUrl: connector.url, channelId: 'webchat', conversation: { id: 'tel-conv-5f3a9' }, from: { id: 'tel-user-9c1d7' }, locale: 'en-US' };
    const anaAad = '7a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d';
    const anaChat = { serviceUrl: connector.url, channelId: 'msteams', conversation: { id: 'a:teams-ana-conv-31', conversationType: 'personal' }, from: { id: '29:ana-teams-44', aadObjectId: anaAad } };

    // A programme, its clinician (who has written to the bot in Teams, so alert cards reach her) and an enrolled client.
    const call = apiClient(service.url);
    assert.equal((await call('POST', '/programmes', { body: { id: 'telprog', name: 'Tel Clinic', defaultTimeZone: 'Europe/Madrid', defaultLocale: 'en' } })).status, 201);
    assert.equal((await call('POST', '/programmes/telprog/clinicians', { body: { id: 'ana', name: 'Dr Ana Quintero', aadObjectId: anaAad, language: 'en' } })).status, 201);
    const enrolled = await call<{ client: { id: string }; enrolment: { code: string } }>('POST', '/programmes/telprog/clients', {
      body: { externalId: 'MRN-TEL-77', clinicianId: 'ana', courseStart: '2026-11-01', courseEnd: '2027-02-28', timeZone: 'Europe/Madrid' },
    });
    assert.equal(enrolled.status, 201, JSON.stringify(enrolled.body));
    const clientId = enrolled.body.client.id;
    const schedule = await call<{ id: string }>('POST', `/programmes/telprog/clients/${clientId}/reminders`, { body: { kind: 'checkIn', rule: { kind: 'weekly', time: '19:00' } } });
    assert.equal(schedule.status, 201, JSON.stringify(schedule.body));
    await say(service.url, { ...anaChat, text: 'hello' });
    for (const text of ['hi', 'yes', enrolled.body.enrolment.code, NAME, 'Europe/Madrid']) await say(service.url, { ...chat, text });

    // 19:00:05 in Madrid, five seconds after it was due: the check-in reminder goes out, and the client checks in.
    now = new Date('2026-11-25T18:00:05Z');
    const [reminder] = await connector.waitFor(1);
    assert.ok(reminder.path.startsWith(`/v3/conversations/${chat.conversation.id}/activities`));
    // Typed rather than tapped: the button's value carries a random reminder id, which the screener reads too.
    const tapped = await say(service.url, { ...chat, text: 'check in' });
    const askMood = variants('en', 'checkin.askMood');
    assert.ok(tapped.texts.some((text) => askMood.some((question) => text.includes(question))), `the check-in starts: ${tapped.texts.join(' | ')}`);

    // A crisis message: the crisis response in the turn, and an alert card to Dr Quintero's Teams chat.
    const sentBefore = connector.requests.length;
    const crisis = await say(service.url, { ...chat, text: CRISIS });
    assert.ok(crisis.texts.length > 0);
    await connector.waitFor(sentBefore + 1);
    const alerts = async () => (await service.store.query<Alert>(CONTAINERS.alerts, { where: [{ field: 'kind', op: '=', value: 'safetyAlert' }] })).map((doc) => doc.body);
    // The delivery is recorded just after the card is accepted.
    while (!(await alerts()).some((alert) => alert.deliveries.some((d) => d.status === 'delivered'))) await new Promise((resolve) => setImmediate(resolve));
    const [alert] = await alerts();

    const spans = capture.spans();
    const points = pointsOf(await capture.collectMetrics());

    // Privacy: nothing anywhere that says who or what.
    const forbidden = [CRISIS, 'kill myself', NAME, chat.conversation.id, chat.from.id, clientId, enrolled.body.enrolment.code, 'MRN-TEL-77', 'telprog', anaChat.conversation.id, anaChat.from.id, anaAad, 'Quintero', alert.alertId];
    const strings = exportedStrings(spans, points).map((s) => s.toLowerCase());
    assert.ok(strings.length > 100, 'there is telemetry to search');
    // As written, and as it appears inside a URL.
    for (const secret of forbidden.flatMap((value) => [value, encodeURIComponent(value)])) {
      const found = strings.find((s) => s.includes(secret.toLowerCase()));
      assert.equal(found, undefined, `"${secret}" is exported in "${found}"`);
    }
    const keys = spans.flatMap((span) => Object.keys(span.attributes));
    for (const key of ['net.peer.ip', 'net.host.ip', 'client.address', 'network.peer.address', 'http.user_agent', 'user_agent.original']) assert.ok(!keys.includes(key), `${key} is not exported`);

    // Spans: a turn per activity, the crisis turn marked as such, the clinician's as hers; HTTP by route template.
    const turns = spans.filter((span) => span.name === 'bot.turn');
    const crisisTurn = turns.find((span) => span.attributes['ipt.screening.level'] === 'urgent');
    assert.ok(crisisTurn, 'the crisis turn is a span with its screening level');
    assert.deepEqual(
      { kind: crisisTurn.attributes['ipt.turn.kind'], role: crisisTurn.attributes['ipt.turn.role'], channel: crisisTurn.attributes['ipt.channel'], outcome: crisisTurn.attributes['ipt.turn.outcome'], response: crisisTurn.attributes['ipt.crisis.response'], alert: crisisTurn.attributes['ipt.alert.raised'] },
      { kind: 'message', role: 'client', channel: 'webchat', outcome: 'ok', response: true, alert: true },
    );
    assert.ok(turns.some((span) => span.attributes['ipt.turn.role'] === 'clinician' && span.attributes['ipt.channel'] === 'msteams'), "the clinician's turn");
    const routes = spans.filter((span) => span.kind === SpanKind.SERVER).map((span) => span.attributes['http.route']);
    assert.ok(routes.includes('/api/messages'));
    assert.ok(routes.includes('/api/v1/programmes/{id}/clients/{id}/reminders'), `routes: ${routes.join(', ')}`);
    const outgoing = spans.filter((span) => span.kind === SpanKind.CLIENT).map((span) => String(span.attributes['http.url']));
    assert.ok(outgoing.length > 0 && outgoing.every((url) => url === `${connector.url}/v3/conversations/{id}/activities` || url === `${connector.url}/v3/conversations/{id}/activities/{id}`), `outgoing: ${outgoing.join(', ')}`);
    assert.ok(turns.every((span) => span.parentSpanContext !== undefined), 'each turn is inside its HTTP request');

    // Metrics.
    const histogram = (name: string) => points.filter((p) => p.metric === name).map((p) => ({ attributes: p.point.attributes, value: p.point.value as Histogram }));
    const turnDurations = histogram(METRICS.turnDuration);
    assert.equal(
      turnDurations.reduce((sum, p) => sum + p.value.count, 0),
      turns.length,
      'one latency per turn',
    );
    assert.deepEqual(histogram(METRICS.reminderLag).map((p) => ({ attributes: p.attributes, count: p.value.count, sum: p.value.sum })), [{ attributes: { 'ipt.reminder.kind': 'checkIn' }, count: 1, sum: 5 }]);
    const firstDelivery = histogram(METRICS.alertTimeToFirstDelivery);
    assert.deepEqual(
      firstDelivery.map((p) => ({ attributes: p.attributes, count: p.value.count })),
      [{ attributes: { 'ipt.alert.channel': 'teams', 'ipt.alert.stage': 'primary' }, count: 1 }],
    );
    assert.equal(firstDelivery[0].value.sum, (Date.parse(alert.deliveries.find((d) => d.status === 'delivered')!.deliveredAt!) - Date.parse(alert.createdAt)) / 1000);
    const screened = points.filter((p) => p.metric === METRICS.screeningResults);
    assert.ok(screened.some((p) => p.point.attributes['ipt.screening.level'] === 'urgent' && p.point.value === 1), 'one urgent screening');
    assert.ok(screened.some((p) => p.point.attributes['ipt.screening.level'] === 'none' && (p.point.value as number) >= 5), 'the ordinary turns count as none');
    assert.deepEqual(
      points.filter((p) => p.metric === METRICS.outboxDepth || p.metric === METRICS.outboxOldestAge).map((p) => [p.metric, p.point.value]),
      [
        [METRICS.outboxDepth, 0],
        [METRICS.outboxOldestAge, 0],
      ],
      'delivered: nothing owed',
    );

  });

  it('reports the alerts still owed a notification and the age of the oldest', async () => {
    // Only these gauges now: the service's own (over its store) go with it.
    await service.dispose();
    const store = new MemoryDocumentStore();
    const at = (iso: string) => ({ createdAt: iso, nextActionAt: Date.parse(iso) });
    const alert = (id: string, createdAt: string, statuses: string[]) =>
      store.upsert(CONTAINERS.alerts, id, id, { kind: 'safetyAlert', alertId: id, ...at(createdAt), deliveries: statuses.map((status) => ({ status })) });
    await alert('a1', '2026-11-25T11:58:30Z', ['pending', 'delivered']);
    await alert('a2', '2026-11-25T11:59:30Z', ['sending']);
    await alert('a3', '2026-11-25T11:50:00Z', ['delivered']);
    const clock = { now: () => new Date('2026-11-25T12:00:00Z') };
    const remove = new OutboxGauges({ store, clock }).register();
    try {
      const gauges = pointsOf(await capture.collectMetrics())
        .filter((p) => p.metric === METRICS.outboxDepth || p.metric === METRICS.outboxOldestAge)
        .map((p) => [p.metric, p.point.value]);
      assert.deepEqual(gauges, [
        [METRICS.outboxDepth, 2],
        [METRICS.outboxOldestAge, 90],
      ]);
    } finally {
      remove();
    }
  });
});

describe('telemetry off: without a connection string nothing of it is loaded', function () {
  this.timeout(60_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'ipt-telemetry-off-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts, serves a turn and stops without loading the distro or the OpenTelemetry SDK', async () => {
    const service = await startServiceProcess({ NODE_ENV: 'test', DATA_DIR: dataDir, SCHEDULER_ENABLED: 'false' }, [join(__dirname, '..', 'support', 'loadedModules.mjs')]);
    const reply = await say(service.url, { text: 'hi' });
    assert.ok(reply.texts.length > 0, 'the service answers');
    assert.equal(await service.stop(), 0);
    assert.match(service.stderr(), /loaded-modules: \[\]/);
  });
});
