/**
 * A channel (or anyone, in local mode) can post an activity with odd or missing fields. Whatever is wrong
 * with it, words at risk are screened and get the crisis lines; what can be defaulted is defaulted, and an
 * activity that names nobody gets only that answer (in the HTTP response when there is no reply address)
 * or a 400 naming what is missing. Never a 500 for a text message.
 */
import assert from 'node:assert/strict';
import { CaptureServer } from '../support/captureServer';
import { activity, say, startTestService, TestService } from '../support/service';

const AT_RISK = 'I want to kill myself tonight';

/** Help at once: the lines of the client's country, or, when nothing says where they are, the emergency guidance. */
const HELP = /988|call your local emergency number now/;

describe('malformed activities on /api/messages', function () {
  this.timeout(60_000);
  let service: TestService;
  before(async () => {
    service = await startTestService({ SCHEDULER_ENABLED: 'false' });
  });
  after(async () => service?.dispose());

  let n = 0;
  const person = () => ({ conversation: { id: `malformed-conv-${++n}` }, from: { id: `malformed-user-${n}` } });

  const cases: Array<[string, Record<string, unknown>]> = [
    ['a locale that is a number', { locale: 1234 }],
    ['a locale that is an object', { locale: { lang: 'en' } }],
    ['entities: [null]', { entities: [null] }],
    ['entities that is not a list', { entities: 'mention' }],
    ['attachments: [null, 3]', { attachments: [null, 3] }],
    ['a recipient that is missing', { recipient: undefined }],
    ['no serviceUrl', { serviceUrl: undefined }],
    ['an empty from.id', { from: { id: '' } }],
    ['a from.id that is a number', { from: { id: 42 } }],
    ['no from at all', { from: undefined }],
    ['no conversation id', { conversation: {} }],
    ['a conversation that is a string', { conversation: 'conv' }],
    ['no channel id', { channelId: undefined }],
    ['a channel id that is not a string', { channelId: ['webchat'] }],
  ];
  for (const [name, overrides] of cases) {
    it(`gives the crisis lines to words at risk with ${name}`, async () => {
      const reply = await say(service.url, { ...person(), text: AT_RISK, ...overrides });
      assert.equal(reply.status, 200);
      assert.ok(reply.texts.some((text) => HELP.test(text)), `${name}: ${JSON.stringify(reply.texts)}`);
      assert.ok(!reply.texts.some((text) => /something went wrong/i.test(text)), reply.texts.join('\n'));
    });
  }

  it('answers in the HTTP response when there is no reply address, even without expectReplies', async () => {
    const response = await fetch(`${service.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...activity({ text: AT_RISK }), conversation: undefined, from: undefined }),
    });
    assert.equal(response.status, 200);
    const body = (await response.json()) as { activities: Array<{ text?: string }> };
    assert.ok(body.activities.some((a) => HELP.test(a.text ?? '')));
  });

  it('posts the crisis lines to the conversation when it has one but names no sender', async () => {
    const channel = new CaptureServer();
    await channel.start();
    try {
      const response = await fetch(`${service.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity({ text: AT_RISK, serviceUrl: channel.url, conversation: { id: 'no-sender-conv' }, from: { id: '' } })),
      });
      assert.equal(response.status, 200);
      const [posted] = await channel.waitFor(1);
      assert.match(posted.path, /^\/v3\/conversations\/no-sender-conv\/activities/);
      assert.match((posted.body as { text: string }).text, HELP);
    } finally {
      await channel.stop();
    }
  });

  it('refuses words not at risk from an activity that names nobody with 400, naming what is missing', async () => {
    const reply = await fetch(`${service.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...activity({ text: 'hello', deliveryMode: 'expectReplies' }), from: { id: '' }, channelId: undefined }),
    });
    assert.equal(reply.status, 400);
    assert.deepEqual(await reply.json(), {
      errors: [
        { path: 'channelId', message: 'is required: it says who wrote the message' },
        { path: 'from.id', message: 'is required: it says who wrote the message' },
      ],
    });
  });

  it('holds a normal conversation when only a defaultable field is wrong', async () => {
    const reply = await say(service.url, { ...person(), text: 'hello', locale: 1234, entities: [null] });
    assert.equal(reply.status, 200);
    assert.equal(reply.texts.at(-1), 'Are you happy to go ahead on that basis?');
  });
});
