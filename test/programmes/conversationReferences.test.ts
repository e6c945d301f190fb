import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Activity, TestAdapter, TurnContext } from 'botbuilder';
import { CountingDocumentStore } from '../../src/storage/countingStore';
import { tempStore } from '../support/tempStore';
import { ProgrammeStore } from '../../src/programmes/programmeStore';
import { Enrolment } from '../../src/programmes/enrolment';
import { ConversationReferenceMiddleware } from '../../src/programmes/conversationReferenceMiddleware';

describe('where reminders go: the linked client’s latest conversation reference', function () {
  let temp: Awaited<ReturnType<typeof tempStore>>;
  let store: CountingDocumentStore;
  let programmes: ProgrammeStore;
  let now = new Date('2026-11-26T10:00:00Z');
  const clock = { now: () => now };

  beforeEach(async function () {
    temp = await tempStore();
    store = new CountingDocumentStore(temp.store);
    programmes = new ProgrammeStore(store, { clock });
    await programmes.createProgramme({ id: 'p', name: 'P', defaultLocale: 'en', defaultTimeZone: 'Europe/Madrid', ackTimeoutMinutes: 15 });
    await programmes.createClinician('p', { id: 'ana', name: 'Ana', aadObjectId: randomUUID() });
  });
  afterEach(async () => temp.dispose());

  /** Runs the middleware around one message from `userId` in `conversationId`. */
  async function message(middleware: ConversationReferenceMiddleware, userId: string, conversationId = `conv-${userId}`): Promise<void> {
    const activity = { type: 'message', channelId: 'webchat', serviceUrl: 'http://127.0.0.1:1', from: { id: userId }, recipient: { id: 'bot' }, conversation: { id: conversationId }, text: 'hi' } as Partial<Activity>;
    await middleware.onTurn(new TurnContext(new TestAdapter(), activity), async () => undefined);
  }

  it('stores a linked client’s reference once, again only when it changes, and costs nothing on a steady chat', async function () {
    const { client, code } = await programmes.enrolClient('p', { externalId: 'x', clinicianId: 'ana', courseStart: '2026-11-01', courseEnd: '2027-01-31' });
    await new Enrolment(programmes, store, { clock }).redeem(code, { channelId: 'webchat', userId: 'u1' });
    const middleware = new ConversationReferenceMiddleware(programmes, clock);
    await message(middleware, 'u1');
    assert.ok((await programmes.getClient('p', client.id))?.chat?.conversationReference, 'the reference is stored');
    store.reset();
    for (let i = 0; i < 5; i++) await message(middleware, 'u1');
    assert.equal(store.counts().reads + store.counts().writes, 0, 'a steady conversation costs no store calls');
    await message(middleware, 'u1', 'a-new-conversation');
    const reference = (await programmes.getClient('p', client.id))?.chat?.conversationReference as { conversation: { id: string } };
    assert.equal(reference.conversation.id, 'a-new-conversation');
  });

  it('checks an unlinked chat at most once a minute, and remembers only the most recent identities', async function () {
    const middleware = new ConversationReferenceMiddleware(programmes, clock, 60_000, 3);
    await message(middleware, 'stranger');
    store.reset();
    await message(middleware, 'stranger');
    assert.equal(store.counts().reads, 0);
    now = new Date(now.getTime() + 61_000);
    await message(middleware, 'stranger');
    assert.ok(store.counts().reads > 0, 'checked again after a minute');
    for (const user of ['a', 'b', 'c', 'd', 'e']) await message(middleware, user);
    assert.equal(middleware.size, 3);
  });
});
