import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Activity, CloudAdapter, TestAdapter } from 'botbuilder';
import { ClientState } from '../../src/bot/clientState';
import { IptBot } from '../../src/bot/iptBot';
import { Profile, PROFILE_PROPERTY } from '../../src/bot/profile';
import { ClientRepository } from '../../src/client/clientRepository';
import { Clock, systemClock } from '../../src/clock';
import { createLogger } from '../../src/logger';
import { Alert } from '../../src/safety/escalation/alert';
import { SafetySettings } from '../../src/safety/escalation/careTeamConfig';
import { SETTINGS, USER_ID } from './settings';
import { createSafety, SafetyServices } from '../../src/safety/escalation/createSafety';
import { ProactiveSender } from '../../src/safety/escalation/teamsChannel';
import { CareTeamDirectory } from '../../src/safety/escalation/careTeamDirectory';
import { SqliteDocumentStore } from '../../src/storage/sqliteStore';
import { BotStateStorage } from '../../src/storage/botStateStorage';
import { CONTAINERS } from '../../src/storage/containers';
import { ScreenTexts } from '../../src/safety/turnScreening';

export { SETTINGS, USER_ID };

/** The real IptBot (screening, crisis dialog, alerts) on botbuilder's TestAdapter over a temp SQLite store. */
export class BotHarness {
  readonly dir = mkdtempSync(join(tmpdir(), 'ipt-safety-'));
  readonly store = new SqliteDocumentStore({ dataDir: this.dir });
  readonly clientState = new ClientState(new BotStateStorage(this.store));
  readonly safety: SafetyServices;
  readonly bot: IptBot;
  readonly adapter: TestAdapter;
  private sequence = 0;

  constructor(
    readonly options: {
      channelId?: string;
      locale?: string;
      /** The zone the browser reports (Web Chat's `localTimezone`); New York unless given, `null` for none. */
      timeZone?: string | null;
      settings?: SafetySettings;
      clock?: Clock;
      sender?: ProactiveSender;
      /** The care-team directory over the harness's store (programme tests); the configured one otherwise. */
      directory?: (store: SqliteDocumentStore) => CareTeamDirectory;
      /** Replaces the screener: the turn acts on the result this returns. */
      screen?: ScreenTexts;
    } = {},
  ) {
    const clock = options.clock ?? systemClock;
    this.safety = createSafety({
      settings: options.settings ?? SETTINGS,
      store: this.store,
      clientState: this.clientState,
      logger: createLogger('silent'),
      clock,
      adapter: () => undefined as unknown as CloudAdapter,
      botAppId: '',
      proactiveSender: options.sender ?? { send: async () => undefined },
      directory: options.directory?.(this.store),
      screen: options.screen,
    });
    this.bot = new IptBot(this.clientState, clock, { clients: new ClientRepository(this.store, clock) }, this.safety.guard);
    this.adapter = new TestAdapter(async (context) => this.bot.run(context));
  }

  /** Sends a message (text, or a partial activity such as a card submit) and returns the replies. */
  async send(input: string | Partial<Activity>): Promise<Partial<Activity>[]> {
    const base: Partial<Activity> = {
      type: 'message',
      id: `a-${++this.sequence}`,
      channelId: this.options.channelId ?? 'webchat',
      locale: this.options.locale ?? 'en-US',
      from: { id: USER_ID, name: 'Client' },
      recipient: { id: 'bot', name: 'bot' },
      conversation: { id: 'conv-1', isGroup: false, conversationType: 'personal', name: '' },
      serviceUrl: 'https://test.invalid',
      ...(this.options.timeZone === null ? {} : { localTimezone: this.options.timeZone ?? 'America/New_York' }),
    };
    const activity = typeof input === 'string' ? { ...base, text: input } : { ...base, ...input };
    this.adapter.activeQueue.splice(0);
    await this.adapter.processActivity(activity);
    return this.adapter.activeQueue.splice(0);
  }

  async say(input: string | Partial<Activity>): Promise<string[]> {
    return (await this.send(input)).filter((a) => a.type === 'message').map((a) => String(a.text ?? ''));
  }

  async seedProfile(profile: Profile): Promise<void> {
    const key = `${this.options.channelId ?? 'webchat'}/users/${USER_ID}/client`;
    await new BotStateStorage(this.store).write({ [key]: { [PROFILE_PROPERTY]: profile } });
  }

  /** A client who has consented and finished onboarding (Robin), in this language and zone. */
  async seedOnboarded(clientId: string, language: Profile['language'], timeZone: string): Promise<void> {
    await this.seedProfile({
      clientId,
      preferredName: 'Robin',
      language,
      timeZone,
      consent: { given: true, at: '2026-11-01T10:00:00.000Z' },
      onboardedAt: '2026-11-01T10:00:00.000Z',
    });
  }

  async state(): Promise<Record<string, unknown> | undefined> {
    const key = `${this.options.channelId ?? 'webchat'}/users/${USER_ID}/client`;
    return (await new BotStateStorage(this.store).read([key]))[key] as Record<string, unknown> | undefined;
  }

  async alerts(): Promise<Alert[]> {
    return (await this.store.query<Alert>(CONTAINERS.alerts, {})).map((d) => d.body);
  }

  async dispose(): Promise<void> {
    await this.safety.worker.stop();
    await this.safety.noticeOutbox.stop();
    await this.store.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
