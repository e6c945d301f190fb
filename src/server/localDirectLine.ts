import { randomBytes } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { Activity } from 'botbuilder';
import { Request, Response, Server } from 'restify';
import { Logger } from '../logger';

interface LocalConversation {
  id: string;
  token: string;
  userId?: string;
  locale?: string;
  /** The browser's IANA zone, given at start, so the greeting turn already knows it. */
  localTimezone?: string;
  joined: boolean;
  /**
   * The watermark of the first activity kept: 0, or where the page's history stood when a conversation the
   * service forgot in a restart was picked up again, so the page's next poll sees the new replies.
   */
  base: number;
  activities: Partial<Activity>[];
}

const MAX_CONVERSATIONS = 1000;
const MAX_ACTIVITIES = 1000;
const BOT_ID = 'ipt-companion';
/** The shapes of the ids and tokens this endpoint issues (12 and 24 random bytes, base64url). */
const ISSUED_ID = /^[A-Za-z0-9_-]{16}$/;
const ISSUED_TOKEN = /^[A-Za-z0-9_-]{32}$/;

function bearer(req: Request): string {
  return (req.header('authorization') ?? '').replace(/^Bearer\s+/i, '');
}

/**
 * A Direct Line 3.0 endpoint (polling) and the Bot Connector routes the bot replies to, served by the
 * bot itself in local mode so Microsoft's Web Chat can talk to it with no Azure account. Messages from
 * Web Chat are POSTed to the bot's own `/api/messages` over loopback, so they take the same path a
 * channel's messages take. History is kept in memory only: it is a development client.
 */
export class LocalDirectLine {
  private readonly conversations = new Map<string, LocalConversation>();

  constructor(
    private readonly server: Server,
    private readonly logger: Logger,
  ) {}

  register(): void {
    const s = this.server;
    s.post('/v3/directline/tokens/generate', async (req, res) => this.generateToken(req, res));
    s.post('/v3/directline/tokens/refresh', async (req, res) => this.refreshToken(req, res));
    s.post('/v3/directline/conversations', async (req, res) => this.startConversation(req, res));
    s.get('/v3/directline/conversations/:conversationId', async (req, res) => this.reconnect(req, res));
    s.get('/v3/directline/conversations/:conversationId/activities', async (req, res) => this.getActivities(req, res));
    s.post('/v3/directline/conversations/:conversationId/activities', async (req, res) => this.postFromUser(req, res));
    // Bot Connector routes: where the bot sends its replies (serviceUrl = this server).
    s.post('/v3/conversations/:conversationId/activities', async (req, res) => this.postFromBot(req, res));
    s.post('/v3/conversations/:conversationId/activities/:activityId', async (req, res) => this.postFromBot(req, res));
  }

  private serviceUrl(): string {
    // Loopback, unless HOST bound one specific address (then only that one answers).
    const { port, address } = this.server.server.address() as AddressInfo;
    const host = address === '0.0.0.0' || address === '::' ? '127.0.0.1' : address.includes(':') ? `[${address}]` : address;
    return `http://${host}:${port}`;
  }

  private createConversation(userId?: string, id = randomBytes(12).toString('base64url'), token = randomBytes(24).toString('base64url'), base = 0): LocalConversation {
    if (this.conversations.size >= MAX_CONVERSATIONS) {
      const oldest = this.conversations.keys().next().value as string;
      this.conversations.delete(oldest);
    }
    const conversation: LocalConversation = {
      id,
      token,
      userId,
      joined: false,
      base,
      activities: [],
    };
    this.conversations.set(conversation.id, conversation);
    return conversation;
  }

  private describe(conversation: LocalConversation) {
    return { conversationId: conversation.id, token: conversation.token, expires_in: 3600 };
  }

  private byToken(req: Request): LocalConversation | undefined {
    return this.tokenInUse(bearer(req));
  }

  private tokenInUse(token: string): LocalConversation | undefined {
    if (!token) return undefined;
    for (const conversation of this.conversations.values()) if (conversation.token === token) return conversation;
    return undefined;
  }

  /** A forgotten conversation, again, numbered on from the page's watermark. Already joined: no second greeting. */
  private resume(id: string, token: string, req: Request): LocalConversation {
    const watermark = Math.max(0, Number.parseInt(String(req.query?.watermark ?? '0'), 10) || 0);
    const conversation = this.createConversation(undefined, id, token, watermark);
    conversation.joined = true;
    this.logger.info('local direct line resumed a conversation it did not know (a restart)');
    return conversation;
  }

  /**
   * The conversation in the path, if the caller's token belongs to it; otherwise answers 404/403. A
   * conversation this service does not know, asked for with a token of the kind it issues, is one it forgot
   * in a restart: it is taken up again under the same id and token, so an open page carries on instead of
   * showing "connected" while nothing it sends arrives. Nothing is exposed: the history starts empty.
   */
  private authorised(req: Request, res: Response): LocalConversation | undefined {
    const id = String(req.params.conversationId);
    const token = bearer(req);
    const conversation = this.conversations.get(id) ?? (ISSUED_ID.test(id) && ISSUED_TOKEN.test(token) && !this.tokenInUse(token) ? this.resume(id, token, req) : undefined);
    if (!conversation) {
      res.send(404, { error: { code: 'BadArgument', message: 'Unknown conversation' } });
      return undefined;
    }
    if (this.byToken(req) !== conversation) {
      res.send(403, { error: { code: 'TokenInvalid', message: 'Token does not match this conversation' } });
      return undefined;
    }
    return conversation;
  }

  private async generateToken(req: Request, res: Response): Promise<void> {
    const userId = typeof req.body?.user?.id === 'string' ? String(req.body.user.id) : undefined;
    const conversation = this.createConversation(userId);
    // The page gives the browser's locale and zone here, so the greeting and consent come in its language.
    if (typeof req.body?.locale === 'string' && req.body.locale.length <= 35) conversation.locale = req.body.locale;
    if (typeof req.body?.localTimezone === 'string' && req.body.localTimezone.length <= 64) conversation.localTimezone = req.body.localTimezone;
    res.send(200, this.describe(conversation));
  }

  private async refreshToken(req: Request, res: Response): Promise<void> {
    const conversation = this.byToken(req);
    if (conversation) return void res.send(200, this.describe(conversation));
    // A token from before a restart: still good for its conversation, which is taken up again on the next poll.
    const token = bearer(req);
    if (ISSUED_TOKEN.test(token)) return void res.send(200, { token, expires_in: 3600 });
    res.send(403, { error: { code: 'TokenInvalid', message: 'Unknown token' } });
  }

  private async startConversation(req: Request, res: Response): Promise<void> {
    const conversation = this.byToken(req) ?? this.createConversation();
    const userId = typeof req.body?.user?.id === 'string' ? String(req.body.user.id) : undefined;
    conversation.userId = conversation.userId ?? userId;
    if (typeof req.body?.locale === 'string' && req.body.locale.length <= 35) conversation.locale = req.body.locale;
    res.send(201, { ...this.describe(conversation), streamUrl: null });
    if (conversation.userId) await this.join(conversation, conversation.userId);
  }

  private async reconnect(req: Request, res: Response): Promise<void> {
    const conversation = this.authorised(req, res);
    if (conversation) res.send(200, { ...this.describe(conversation), streamUrl: null });
  }

  private async getActivities(req: Request, res: Response): Promise<void> {
    const conversation = this.authorised(req, res);
    if (!conversation) return;
    const watermark = Math.max(0, Number.parseInt(String(req.query?.watermark ?? '0'), 10) || 0);
    res.send(200, {
      activities: conversation.activities.slice(Math.max(0, watermark - conversation.base)),
      watermark: String(conversation.base + conversation.activities.length),
    });
  }

  private async postFromUser(req: Request, res: Response): Promise<void> {
    const conversation = this.authorised(req, res);
    if (!conversation) return;
    const body = req.body as Partial<Activity> | undefined;
    const userId = body?.from?.id;
    if (!body || typeof body.type !== 'string' || typeof userId !== 'string') {
      return void res.send(400, { error: { code: 'BadArgument', message: 'An activity with a type and from.id is required' } });
    }
    if (!conversation.joined) await this.join(conversation, userId);
    // Web Chat waits to see its own activity (matched by clientActivityID) in the history, or it shows "Send failed".
    const activity = this.append(conversation, {
      ...body,
      channelId: 'webchat',
      conversation: { id: conversation.id, isGroup: false, conversationType: 'personal', name: '' },
      from: { ...body.from, id: userId, role: 'user', name: body.from?.name ?? '' },
      recipient: { id: BOT_ID, name: 'IPT Companion', role: 'bot' },
      locale: body.locale ?? conversation.locale,
      localTimezone: body.localTimezone ?? conversation.localTimezone,
      timestamp: new Date(),
    });
    const delivered = await this.deliver(activity);
    if (delivered) res.send(200, { id: activity.id });
    else res.send(502, { error: { code: 'BotError', message: 'The bot could not process this activity' } });
  }

  private async postFromBot(req: Request, res: Response): Promise<void> {
    const conversation = this.conversations.get(String(req.params.conversationId));
    if (!conversation) return void res.send(404, { error: { code: 'BadArgument', message: 'Unknown conversation' } });
    const body = (req.body ?? {}) as Partial<Activity>;
    const activity = this.append(conversation, { ...body, timestamp: new Date() });
    res.send(200, { id: activity.id });
  }

  private append(conversation: LocalConversation, activity: Partial<Activity>): Partial<Activity> {
    const stored = { ...activity, id: `${conversation.id}|${String(conversation.base + conversation.activities.length).padStart(7, '0')}` };
    if (conversation.activities.length < MAX_ACTIVITIES) conversation.activities.push(stored);
    return stored;
  }

  /** Tells the bot that the user joined, as Direct Line does, so it can greet them. */
  private async join(conversation: LocalConversation, userId: string): Promise<void> {
    if (conversation.joined) return;
    conversation.joined = true;
    conversation.userId = userId;
    await this.deliver({
      type: 'conversationUpdate',
      id: randomBytes(8).toString('hex'),
      channelId: 'webchat',
      conversation: { id: conversation.id, isGroup: false, conversationType: 'personal', name: '' },
      from: { id: userId, name: '', role: 'user' },
      recipient: { id: BOT_ID, name: 'IPT Companion', role: 'bot' },
      membersAdded: [{ id: BOT_ID, name: 'IPT Companion' }, { id: userId, name: '' }],
      locale: conversation.locale,
      localTimezone: conversation.localTimezone,
      timestamp: new Date(),
    });
  }

  /** POSTs to the bot's own messaging endpoint, like a channel would. */
  private async deliver(activity: Partial<Activity>): Promise<boolean> {
    const serviceUrl = this.serviceUrl();
    try {
      const response = await fetch(`${serviceUrl}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...activity, serviceUrl }),
      });
      return response.ok;
    } catch (error) {
      this.logger.error({ err: { name: (error as Error).name } }, 'local direct line could not reach the bot');
      return false;
    }
  }
}
