import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { t, variants } from '../../src/i18n';
import { startTestService, TestService } from '../support/service';

interface Session {
  conversationId: string;
  token: string;
}
interface Polled {
  activities: Array<{ type: string; text?: string; from?: { role?: string }; id?: string }>;
  watermark: string;
}

/** A Direct Line 3.0 client as Web Chat uses it (polling), against the service's local endpoint. */
function directLine(url: string) {
  const auth = (s: Session) => ({ authorization: `Bearer ${s.token}`, 'content-type': 'application/json' });
  return {
    async start(body: Record<string, unknown>): Promise<Session> {
      const generated = (await (await fetch(`${url}/v3/directline/tokens/generate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json()) as Session;
      const started = await fetch(`${url}/v3/directline/conversations`, { method: 'POST', headers: auth(generated) });
      assert.equal(started.status, 201);
      return generated;
    },
    async poll(s: Session, watermark = '0'): Promise<{ status: number; body?: Polled }> {
      const response = await fetch(`${url}/v3/directline/conversations/${s.conversationId}/activities?watermark=${watermark}`, { headers: auth(s) });
      return { status: response.status, body: response.ok ? ((await response.json()) as Polled) : undefined };
    },
    async send(s: Session, text: string, userId: string): Promise<number> {
      const body = { type: 'message', text, from: { id: userId }, locale: 'es-ES', channelData: { clientActivityID: `c-${Date.now()}` } };
      return (await fetch(`${url}/v3/directline/conversations/${s.conversationId}/activities`, { method: 'POST', headers: auth(s), body: JSON.stringify(body) })).status;
    },
  };
}

/** Polls (as Web Chat does) until the bot has said something that `done` accepts; the bot greets after the 201. */
async function botTextsUntil(client: ReturnType<typeof directLine>, s: Session, watermark: string, done: (texts: string[]) => boolean): Promise<{ texts: string[]; watermark: string }> {
  let texts: string[] = [];
  let last = watermark;
  for (let attempt = 0; attempt < 100 && !done(texts); attempt++) {
    if (attempt > 0) await delay(50);
    const polled = await client.poll(s, watermark);
    assert.equal(polled.status, 200);
    texts = (polled.body?.activities ?? []).filter((a) => a.from?.role !== 'user' && a.type === 'message').map((a) => a.text ?? '');
    last = polled.body?.watermark ?? last;
  }
  return { texts, watermark: last };
}

describe('the local Direct Line endpoint', function () {
  this.timeout(30000);
  let service: TestService;
  before(async () => (service = await startTestService()));
  after(async () => service.dispose());

  it('greets and explains consent in the browser language given at start', async () => {
    const client = directLine(service.url);
    const session = await client.start({ user: { id: 'webchat-spanish-browser' }, locale: 'es-ES', localTimezone: 'Europe/Madrid' });
    const { texts } = await botTextsUntil(client, session, '0', (said) => said.length >= 3);
    assert.ok(variants('es', 'main.welcome').includes(texts[0]), `a Spanish welcome, not ${JSON.stringify(texts)}`);
    // This service has no care team configured: the explanation that says so.
    assert.ok(texts.includes(t('es', 'onboarding.whatIsStoredNoCareTeam')), 'the consent explanation in Spanish');
    assert.ok(texts.includes(t('es', 'onboarding.askConsent')));
  });

  it('picks up a conversation it forgot in a restart, so an open page can still send and hear back', async () => {
    const before = directLine(service.url);
    const session = await before.start({ user: { id: 'webchat-restarted' }, locale: 'es-ES' });
    const greeted = await botTextsUntil(before, session, '0', (said) => said.includes(t('es', 'onboarding.askConsent')));

    // Another service process knows nothing of this conversation, as the same service after a restart.
    const restarted = await startTestService();
    try {
      const after = directLine(restarted.url);
      const polled = await after.poll(session, greeted.watermark);
      assert.equal(polled.status, 200, 'the page keeps polling instead of failing');
      assert.equal(await after.send(session, 'hola', 'webchat-restarted'), 200, 'what the person sends arrives');
      const answered = await botTextsUntil(after, session, greeted.watermark, (said) => said.length > 0);
      assert.ok(answered.texts.length > 0, 'the reply reaches the page past its old watermark');
      assert.ok(Number(answered.watermark) > Number(greeted.watermark));

      // Only tokens of the kind this endpoint issues are taken up; anything else is still refused.
      assert.equal((await after.poll({ conversationId: session.conversationId, token: 'not-a-token' })).status, 403);
      assert.equal((await after.poll({ conversationId: 'AAAAAAAAAAAAAAAA', token: 'not-a-token' })).status, 404);
    } finally {
      await restarted.dispose();
    }
  });
});
