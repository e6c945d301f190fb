/**
 * The feedback loop through the real service: a clinician reviews an alert from the Teams alert card and
 * through the programme API; the alert keeps the outcome (last wins, all audited); the alert list and the
 * summary show it; `npm run export:alert-reviews` writes corpus lines without names, ids or phone numbers.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Activity } from 'botbuilder';
import { validate } from '@readme/openapi-parser';
import { startTestService, say, TestService } from '../support/service';
import { apiClient, ADMIN_KEY, Call } from '../api/apiClient';
import { t } from '../../src/i18n';
import { ClientRepository } from '../../src/client/clientRepository';
import { CONTAINERS } from '../../src/storage/containers';
import { Alert } from '../../src/safety/escalation/alert';
import { eraseClient } from '../../src/safety/escalation/alertErasure';
import { exportAlertReviews } from '../../scripts/exportAlertReviews';

const AAD = {
  ana: '11111111-1111-4111-8111-111111111111',
  bea: '22222222-2222-4222-8222-222222222222',
  carl: '33333333-3333-4333-8333-333333333333',
  oncall: '44444444-4444-4444-8444-444444444444',
};
type CardJson = { body: Array<Record<string, unknown>>; actions?: Array<{ title: string; data: Record<string, unknown> }> };
type Errors = { errors: Array<{ path: string; message: string }> };

/** Every text and every submit action's data anywhere in a card. */
function walk(node: unknown, texts: string[] = [], data: Array<Record<string, unknown>> = []): { texts: string[]; data: Array<Record<string, unknown>> } {
  if (Array.isArray(node)) node.forEach((n) => walk(n, texts, data));
  else if (node && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    if (record.type === 'TextBlock' && typeof record.text === 'string') texts.push(record.text);
    if (record.type === 'Action.Submit') data.push(record.data as Record<string, unknown>);
    Object.values(record).forEach((v) => walk(v, texts, data));
  }
  return { texts, data };
}
const cardsOf = (activities: Array<Partial<Activity> | Record<string, unknown>>): CardJson[] =>
  activities
    .flatMap((a) => (a as { attachments?: Array<{ contentType: string; content: CardJson }> }).attachments ?? [])
    .filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')
    .map((a) => a.content);
const cardOf = (activities: Array<Partial<Activity> | Record<string, unknown>>): CardJson => {
  const [found] = cardsOf(activities);
  assert.ok(found, 'an Adaptive Card was sent');
  return found;
};

describe('alert review: Teams card and API → stored outcome → corpus export without identifiers', function () {
  this.timeout(60_000);
  let dataDir: string;
  let service: TestService;
  let call: Call;
  let clientId: string;
  let alertId: string;
  let cardSent: Promise<Partial<Activity>>;

  const clinician = (who: keyof typeof AAD, extra: Record<string, unknown>) =>
    say(service.url, { channelId: 'msteams', conversation: { id: `teams-${who}`, conversationType: 'personal' }, from: { id: `29:${who}`, aadObjectId: AAD[who], name: who }, ...extra });
  const client = (text: string) => say(service.url, { channelId: 'webchat', conversation: { id: 'review-conv' }, from: { id: 'review-user' }, text });
  const storedAlert = async (id: string) => (await service.store.read<Alert>(CONTAINERS.alerts, id, id))!.body;

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ipt-review-'));
    let resolveCard: (activity: Partial<Activity>) => void = () => undefined;
    cardSent = new Promise((resolve) => (resolveCard = resolve));
    service = await startTestService({ ADMIN_API_KEY: ADMIN_KEY }, { proactiveSender: { send: async (_reference, activity) => resolveCard(activity) } }, dataDir);
    call = apiClient(service.url);
    for (const id of ['north', 'south']) assert.equal((await call('POST', '/programmes', { body: { id, name: id, defaultTimeZone: 'Europe/Madrid', defaultLocale: 'en' } })).status, 201);
    for (const [id, extra] of [
      ['bea', { language: 'es' }],
      ['ana', { backupClinicianId: 'bea', language: 'en' }],
      ['carl', { language: 'es' }],
    ] as const) {
      assert.equal((await call('POST', '/programmes/north/clinicians', { body: { id, name: `Dr ${id}`, aadObjectId: AAD[id], ...extra } })).status, 201);
    }
    // Ana has written to the bot once, so her alert card can reach her in Teams.
    await clinician('ana', { text: 'hello' });
    const enrolled = await call<{ client: { id: string }; enrolment: { code: string } }>('POST', '/programmes/north/clients', {
      body: { externalId: 'MRN-7731', clinicianId: 'ana', courseStart: '2026-01-01', courseEnd: '2027-12-31', timeZone: 'Europe/Madrid' },
    });
    clientId = enrolled.body.client.id;
    for (const text of ['hi', 'yes', enrolled.body.enrolment.code, 'Samira', 'Europe/Madrid']) await client(text);
    await new ClientRepository(service.store).addPerson(clientId, { name: 'Lena Moreno', relationship: 'sister', circle: 'inner', supportive: true, conflict: false });
    await new ClientRepository(service.store).saveCheckIn(clientId, 'Europe/Madrid', { mood: 5, interaction: { name: 'Olivia', how: 'better' } });
  });
  after(async () => {
    await service?.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('reviews from the Teams alert card: only those who may acknowledge (clinician, backup), in their language; the last review wins, all are audited', async () => {
    await client('I want to kill myself tonight');
    const card = cardOf([await cardSent]);
    const { texts, data } = walk(card);
    assert.ok(texts.includes(t('en', 'safety.review.question')), texts.join('\n'));
    const needed = data.find((d) => d.action === 'reviewAlert' && d.outcome === 'needed');
    const falseAlarm = data.find((d) => d.action === 'reviewAlert' && d.outcome === 'false_alarm');
    assert.ok(needed && falseAlarm, 'Needed and False alarm next to Acknowledge');
    assert.deepEqual(card.actions?.map((a) => a.title), [t('en', 'safety.alertCard.acknowledge'), 'Needed', 'False alarm']);
    alertId = String(needed.alertId);
    const reasonInput = `reviewReason:${alertId}`;
    assert.ok(card.body.some((element) => element.id === reasonInput && element.type === 'Input.ChoiceSet'));

    // Teams sends the button's data with the card's inputs (an empty string when no reason was chosen).
    const first = await clinician('ana', { value: { ...falseAlarm, [reasonInput]: 'idiom_hyperbole' } });
    assert.deepEqual(first.texts, [
      t('en', 'safety.review.saved', { outcome: `${t('en', 'safety.review.outcome.false_alarm')} (${t('en', 'safety.review.reason.idiom_hyperbole')})` }),
      t('en', 'safety.review.stillOpen'),
    ]);
    assert.equal((await storedAlert(alertId)).status, 'open', 'a review is not an acknowledgement: escalation goes on');

    // Bea, the backup, may acknowledge and so may review (she reads Spanish); her review replaces Ana's.
    const changed = await clinician('bea', { value: { ...needed, [reasonInput]: '' } });
    assert.deepEqual(changed.texts, [t('es', 'safety.review.saved', { outcome: t('es', 'safety.review.outcome.needed') }), t('es', 'safety.review.stillOpen')]);

    // Carl is not on this client: refused (in his Spanish). A reason not on the list is not taken.
    assert.deepEqual((await clinician('carl', { value: { ...falseAlarm, [reasonInput]: '' } })).texts, [t('es', 'safety.review.refused')]);
    assert.deepEqual((await clinician('ana', { value: { ...falseAlarm, [reasonInput]: 'because' } })).texts, [t('en', 'safety.review.invalid')]);

    const alert = await storedAlert(alertId);
    assert.equal(alert.reviewOutcome, 'needed');
    assert.equal(alert.reviewReason, undefined, 'the later review without a reason replaces the earlier reason');
    assert.equal(alert.reviewedBy, 'bea');
    assert.deepEqual(
      alert.audit.filter((e) => e.event === 'reviewed' || e.event === 'review_refused').map((e) => [e.event, e.by, e.detail]),
      [
        ['reviewed', 'ana', 'false_alarm: idiom_hyperbole'],
        ['reviewed', 'bea', 'needed'],
        ['review_refused', AAD.carl, undefined],
      ],
    );
  });

  it("reviews from the card as a programme's on-call (not a roster clinician) once the alert has reached them", async () => {
    assert.equal((await call('PATCH', '/programmes/south', { body: { onCall: { name: 'On call', aadObjectId: AAD.oncall } } })).status, 200);
    const live = await storedAlert(alertId);
    await service.store.create(CONTAINERS.alerts, 'alert:south-primary', 'alert:south-primary', { ...live, alertId: 'alert:south-primary', programmeId: 'south', audit: [] });
    await service.store.create(CONTAINERS.alerts, 'alert:south-oncall', 'alert:south-oncall', { ...live, alertId: 'alert:south-oncall', programmeId: 'south', stage: 'oncall', audit: [] });
    const press = (id: string) => clinician('oncall', { value: { action: 'reviewAlert', alertId: id, outcome: 'false_alarm', [`reviewReason:${id}`]: 'fiction_news' } });

    assert.deepEqual((await press('alert:south-primary')).texts, [t('en', 'safety.review.refused')], 'not reached yet');
    assert.deepEqual((await press('alert:south-oncall')).texts, [
      t('en', 'safety.review.saved', { outcome: `${t('en', 'safety.review.outcome.false_alarm')} (${t('en', 'safety.review.reason.fiction_news')})` }),
      t('en', 'safety.review.stillOpen'),
    ]);
    const reviewed = await storedAlert('alert:south-oncall');
    assert.deepEqual([reviewed.reviewOutcome, reviewed.reviewReason, reviewed.reviewedBy], ['false_alarm', 'fiction_news', 'oncall']);
  });

  it('shows the review in the inbox and the pre-session summary; the inbox offers acknowledged alerts not yet reviewed', async () => {
    const live = await storedAlert(alertId);
    const older: Alert = { ...live, alertId: 'alert:older', status: 'acknowledged', createdAt: new Date(Date.now() - 2 * 24 * 3600 * 1000).toISOString(), audit: [] };
    for (const key of ['reviewOutcome', 'reviewReason', 'reviewedAt', 'reviewedBy'] as const) delete older[key];
    await service.store.create(CONTAINERS.alerts, older.alertId, older.alertId, older);

    const [open, toReview] = cardsOf((await clinician('ana', { text: 'alerts' })).activities);
    const queue = walk(toReview);
    assert.equal(queue.texts[0], t('en', 'clinician.inbox.toReviewTitle'));
    assert.deepEqual(queue.data, [
      { action: 'reviewAlert', alertId: 'alert:older', outcome: 'needed' },
      { action: 'reviewAlert', alertId: 'alert:older', outcome: 'false_alarm' },
    ]);
    assert.equal(cardsOf((await clinician('carl', { text: 'alerts' })).activities).length, 1, 'not Carl’s client: nothing for him to review');

    const inbox = walk(open);
    assert.ok(inbox.texts.includes(t('en', 'safety.review.label', { outcome: t('en', 'safety.review.outcome.needed') })), inbox.texts.join('\n'));
    assert.deepEqual(
      inbox.data.filter((d) => d.action === 'reviewAlert').map((d) => d.outcome),
      ['needed', 'false_alarm'],
    );
    const summary = walk(cardOf((await clinician('ana', { text: 'summary MRN-7731' })).activities)).texts;
    assert.ok(summary.some((line) => line.endsWith(` · ${t('en', 'safety.review.label', { outcome: 'needed' })}`)), summary.join('\n'));
    const api = await call<{ alerts: Array<Record<string, unknown>> }>('GET', `/programmes/north/clients/${clientId}/summary`);
    assert.equal(api.body.alerts[0].reviewOutcome, 'needed');
  });

  it('reviews through the API: zod body, 400 with field errors, 403 for a clinician who may not, 404 for another programme', async () => {
    // An older alert of the same client whose stored words carry names, ids and contact details.
    const live = await storedAlert(alertId);
    const seeded: Alert = {
      ...live,
      alertId: 'alert:seeded',
      status: 'acknowledged',
      createdAt: '2026-01-05T10:00:00.000Z',
      excerpt: `samira here lol, Lena Moreno and olivia said this exam is killing me … text me on +34 612 345 678 or samira.k@example.com, see https://example.org/x, ref MRN-7731 ${clientId}`,
      audit: [],
    };
    await service.store.create(CONTAINERS.alerts, seeded.alertId, seeded.alertId, seeded);
    // Two more reviewed alerts that must give no line: one whose client deleted their data, one in a programme that does not allow it.
    const erased = eraseClient({ ...seeded, alertId: 'alert:deleted', reviewOutcome: 'needed' }, crypto.randomUUID(), new Date().toISOString());
    await service.store.create(CONTAINERS.alerts, 'alert:deleted', 'alert:deleted', erased);
    await service.store.create(CONTAINERS.alerts, 'alert:south', 'alert:south', { ...seeded, alertId: 'alert:south', programmeId: 'south', reviewOutcome: 'needed' });
    // A client whose records are gone but whose alert still has words: their names can't be known, so no line.
    const gone = { ...seeded, alertId: 'alert:gone', clientId: crypto.randomUUID(), clientName: undefined, createdAt: '2026-01-04T10:00:00.000Z', excerpt: 'Noor wants to die', reviewOutcome: 'needed' };
    await service.store.create(CONTAINERS.alerts, 'alert:gone', 'alert:gone', gone);

    const reviewed = await call<Record<string, unknown>>('POST', '/programmes/north/alerts/alert:seeded/review', { body: { clinicianId: 'ana', outcome: 'false_alarm', reason: 'idiom_hyperbole' } });
    assert.equal(reviewed.status, 200, JSON.stringify(reviewed.body));
    assert.deepEqual({ ...reviewed.body, reviewedAt: undefined }, { alertId: 'alert:seeded', status: 'acknowledged', reviewOutcome: 'false_alarm', reviewReason: 'idiom_hyperbole', reviewedBy: 'ana', reviewedAt: undefined });

    const bad = await call<Errors>('POST', '/programmes/north/alerts/alert:seeded/review', { body: { clinicianId: 'ana', outcome: 'maybe', reason: 'because', note: 'x' } });
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.body.errors.map((e) => e.path).sort(), ['body', 'body.outcome', 'body.reason']);
    assert.equal((await call<Errors>('POST', '/programmes/north/alerts/alert:seeded/review', { body: { clinicianId: 'carl', outcome: 'needed' } })).status, 403);
    assert.equal((await call('POST', '/programmes/north/alerts/alert:south/review', { body: { clinicianId: 'ana', outcome: 'needed' } })).status, 404);
    assert.equal((await call('POST', '/programmes/north/alerts/alert:none/review', { body: { clinicianId: 'ana', outcome: 'needed' } })).status, 404);
    assert.equal((await storedAlert('alert:seeded')).reviewOutcome, 'false_alarm', 'refused and bad requests change nothing');

    const ids = async (query: string) => (await call<{ items: Array<{ alertId: string; reviewOutcome?: string }> }>('GET', `/programmes/north/alerts${query}`)).body.items.map((a) => a.alertId);
    assert.deepEqual(await ids('?outcome=false_alarm'), ['alert:seeded']);
    assert.deepEqual(await ids('?outcome=needed'), [alertId, 'alert:deleted', 'alert:gone']);
    assert.deepEqual(await ids('?outcome=unreviewed'), ['alert:older']);
    assert.deepEqual(await ids('?outcome=needed&status=acknowledged'), ['alert:deleted', 'alert:gone']);
    assert.equal((await call('GET', '/programmes/north/alerts?outcome=maybe')).status, 400);
    const listed = await call<{ items: Array<Record<string, unknown>> }>('GET', '/programmes/north/alerts?outcome=false_alarm');
    assert.equal(listed.body.items[0].reviewReason, 'idiom_hyperbole');

    // The OpenAPI document follows from the same schemas, and stays valid.
    const doc = (await call<Record<string, unknown>>('GET', '/openapi.json', { key: null })).body;
    assert.equal((await validate(structuredClone(doc) as never)).valid, true);
    const paths = doc.paths as Record<string, Record<string, { requestBody?: unknown; parameters?: Array<{ name: string; schema: { enum?: string[] } }> }>>;
    const body = JSON.stringify(paths['/api/v1/programmes/{programmeId}/alerts/{alertId}/review'].post.requestBody);
    for (const word of ['clinicianId', 'false_alarm', 'idiom_hyperbole', 'past_history']) assert.ok(body.includes(word), word);
    assert.deepEqual(paths['/api/v1/programmes/{programmeId}/alerts'].get.parameters?.find((p) => p.name === 'outcome')?.schema.enum, ['needed', 'false_alarm', 'unreviewed']);
  });

  it('exports reviewed alerts of programmes that allow it, without names, ids, phone numbers, e-mails or URLs', async () => {
    const run = async (file: string) => {
      const out: string[] = [];
      const code = await exportAlertReviews([file], { NODE_ENV: 'test', DATA_DIR: dataDir, LOG_LEVEL: 'silent' }, { out: (l) => out.push(l), err: (l) => out.push(l) });
      return { code, out: out.join('\n'), lines: readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>) };
    };
    // Off by default.
    const before = await run(join(dataDir, 'before.jsonl'));
    assert.equal(before.code, 0);
    assert.deepEqual(before.lines, []);

    const patched = await call<Record<string, unknown>>('PATCH', '/programmes/north', { body: { exportReviewedAlerts: true } });
    assert.equal(patched.body.exportReviewedAlerts, true);
    assert.equal((await call<Errors>('PATCH', '/programmes/north', { body: { exportReviewedAlerts: 'yes' } })).status, 400);
    await service.stop();

    const file = join(dataDir, 'candidates.jsonl');
    const { code, out, lines } = await run(file);
    assert.equal(code, 0);
    assert.equal(lines.length, 2, JSON.stringify(lines));
    const needed = lines.find((l) => l.level === 'urgent');
    const falseAlarm = lines.find((l) => l.level === 'none');
    assert.deepEqual({ ...needed, family: undefined }, { text: 'kill myself', locale: 'en', level: 'urgent', categories: ['self_harm_suicide'], family: undefined, note: 'from a reviewed alert: needed' });
    assert.deepEqual(
      { ...falseAlarm, family: undefined },
      {
        text: '[NAME] here lol, [NAME] [NAME] and [NAME] said this exam is killing me … text me on [PHONE] or [EMAIL], see [URL], ref [ID] [ID]',
        locale: 'en',
        level: 'none',
        categories: [],
        family: undefined,
        note: 'from a reviewed alert: idiom or hyperbole',
      },
    );
    for (const line of lines) assert.match(String(line.family), /^review-[0-9a-f]{12}$/);
    assert.notEqual(needed?.family, falseAlarm?.family);

    // The family is a hash (its form is checked above): its hex digits may spell "612" by chance, so it is left out.
    const written = readFileSync(file, 'utf8').replace(/"family":\s*"review-[0-9a-f]{12}"/g, '"family":"review-…"');
    assert.equal(written.split('"family":"review-…"').length - 1, lines.length, 'every family was set aside, and only those');
    for (const secret of ['Noor', 'olivia', 'Olivia', 'Samira', 'samira', 'Lena', 'Moreno', '612', '345 678', 'example', 'MRN', clientId, alertId, 'alert:seeded', alertId.slice('alert:'.length), 'review-user', 'Dr ana']) {
      assert.ok(!written.includes(secret), `the export leaks "${secret}"`);
    }
    assert.ok(!out.includes('kill myself') && !out.includes('exam'), 'the command prints counts, never the words');
    assert.match(out, /Wrote 2 candidate line\(s\)/);
    assert.match(out, /2 had no words left/);

    const usage: string[] = [];
    assert.equal(await exportAlertReviews([], { NODE_ENV: 'test', DATA_DIR: dataDir }, { out: (l) => usage.push(l), err: (l) => usage.push(l) }), 1);
    assert.match(usage.join('\n'), /Usage: npm run export:alert-reviews -- <out\.jsonl>/);
  });
});
