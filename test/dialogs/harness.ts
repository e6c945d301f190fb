import assert from 'node:assert/strict';
import { Activity, ConversationState, MemoryStorage, Middleware, TestAdapter, TurnContext } from 'botbuilder';
import { Dialog } from 'botbuilder-dialogs';
import { DialogTestClient } from 'botbuilder-testing';
import { ClientState } from '../../src/bot/clientState';
import { Profile, PROFILE_PROPERTY } from '../../src/bot/profile';
import { ClientSchedules } from '../../src/scheduling/clientSchedule';
import { ClientRepository } from '../../src/client/clientRepository';
import { CareTeamReachable, ClientServices, clientServices, STATE_DELETED } from '../../src/client/clientServices';
import { ClientReminders } from '../../src/client/clientReminders';
import { ClientCourse } from '../../src/client/clientCourse';
import { EnrolmentCodes } from '../../src/client/enrolmentCodes';
import { Clock } from '../../src/clock';
import { BotStateStorage } from '../../src/storage/botStateStorage';
import { DocumentStore } from '../../src/storage/documentStore';
import { Language, variants } from '../../src/i18n';

export const CHANNELS = ['webchat', 'msteams'] as const;
export const LANGUAGES: Language[] = ['en', 'es'];
export const LOCALE: Record<Language, string> = { en: 'en-US', es: 'es-ES' };
export const USER_ID = 'user-1';
export const CONVERSATION_ID = 'conv-1';

export { tempStore } from '../support/tempStore';

export interface HarnessOptions {
  channelId: (typeof CHANNELS)[number];
  language: Language;
  store: DocumentStore;
  clock?: Clock;
  enrolment?: EnrolmentCodes;
  /** The client's own reminders (the real `ReminderControls` over a programme store, in the tests that need them). */
  reminders?: ClientReminders;
  /** The client's course dates (a stub or the real `ProgrammeCourse`). */
  course?: ClientCourse;
  /** Reminders a client without a programme sets for themselves. */
  ownReminders?: ClientSchedules;
  /** Extra activity fields on every message (e.g. Teams clientInfo entities). */
  template?: Partial<Activity>;
  /** Dialog state storage; defaults to memory (a restart test passes one over the store). */
  conversationStorage?: BotStateStorage | MemoryStorage;
  /** Whether anyone could be alerted about the client (the safety side answers in the bot). */
  careTeamReachable?: CareTeamReachable;
}

export interface Harness {
  client: DialogTestClient;
  services: ClientServices;
  repo: ClientRepository;
  clientState: ClientState;
  /** Sends a typed message or a card submit (`{ value }`) and returns every reply of the turn. */
  send(input: string | Partial<Activity>): Promise<Partial<Activity>[]>;
  /** Like send, but only the reply texts. */
  say(input: string | Partial<Activity>): Promise<string[]>;
  profile(): Promise<Profile>;
}

/** The key ClientState uses for the test user on this channel. */
export function stateKey(channelId: string): string {
  return `${channelId}/users/${USER_ID}/client`;
}

/** Writes a profile into the person's chat state before the conversation starts. */
export async function seedProfile(store: DocumentStore, channelId: string, profile: Profile): Promise<void> {
  await new BotStateStorage(store).write({ [stateKey(channelId)]: { [PROFILE_PROPERTY]: profile } });
}

/** A profile of someone who has onboarded, with a client record. */
export async function onboardedProfile(repo: ClientRepository, language: Language, extra: Partial<Profile> = {}): Promise<Profile> {
  const profile: Profile = {
    preferredName: 'Sam',
    language,
    clientId: repo.newClientId(),
    consent: { given: true, at: '2026-11-01T10:00:00.000Z' },
    timeZone: 'Europe/Madrid',
    onboardedAt: '2026-11-01T10:00:00.000Z',
    ...extra,
  };
  await repo.saveProfile(profile.clientId as string, profile);
  return profile;
}

/**
 * Someone who has onboarded (a client record and chat state in `options.store`), with `makeDialog` ready for their
 * first message: how most dialog tests begin.
 */
export async function startOnboarded(
  makeDialog: (services: ClientServices) => Dialog,
  options: HarnessOptions,
): Promise<{ h: Harness; repo: ClientRepository; clientId: string }> {
  const repo = new ClientRepository(options.store);
  const profile = await onboardedProfile(repo, options.language);
  await seedProfile(options.store, options.channelId, profile);
  return { h: harness(makeDialog, options), repo, clientId: profile.clientId as string };
}

/** A DialogTestClient around `dialog`, with the person's ClientState over `store` auto-saved every turn. */
export function harness(makeDialog: (services: ClientServices) => Dialog, options: HarnessOptions, dialogOptions?: unknown): Harness {
  const clientState = new ClientState(new BotStateStorage(options.store));
  const repo = new ClientRepository(options.store, options.clock);
  const services = clientServices(clientState.createProperty<Profile>(PROFILE_PROPERTY), { clients: repo, clock: options.clock, enrolment: options.enrolment, reminders: options.reminders, course: options.course, ownReminders: options.ownReminders, careTeamReachable: options.careTeamReachable });
  // DialogTestClient only wires its own callback into an adapter it creates; to set the locale and the
  // person we bring the adapter, so it forwards to the client's callback (and saves dialog state) itself.
  let client: DialogTestClient | undefined = undefined;
  const logic = (context: TurnContext) => (client as unknown as { _callback(c: TurnContext): Promise<void> })._callback(context);
  const adapter = new TestAdapter(logic, {
    channelId: options.channelId,
    locale: LOCALE[options.language],
    from: { id: USER_ID, name: 'Sam' },
    conversation: { id: CONVERSATION_ID, isGroup: false, conversationType: 'personal', name: 'test' },
    ...options.template,
  } as Partial<Activity>);
  const conversationState = new ConversationState(options.conversationStorage ?? new MemoryStorage());
  // Saves state as IptBot.run does: after "delete my data" the person's state is dropped, not written back.
  const saveLikeIptBot: Middleware = {
    onTurn: async (context, next) => {
      await next();
      if (context.turnState.get(STATE_DELETED)) await clientState.delete(context);
      else await clientState.saveChanges(context, false);
      await conversationState.saveChanges(context, false);
    },
  };
  client = new DialogTestClient(adapter, makeDialog(services), dialogOptions, [saveLikeIptBot], conversationState);
  const testClient = client;
  const send = async (input: string | Partial<Activity>) => {
    const activity: Partial<Activity> = typeof input === 'string' ? { type: 'message', text: input } : { type: 'message', ...input };
    const replies: Partial<Activity>[] = [];
    const first = await testClient.sendActivity(activity);
    if (first) replies.push(first);
    for (let next = testClient.getNextReply(); next; next = testClient.getNextReply()) replies.push(next);
    return replies;
  };
  return {
    client: testClient,
    services,
    repo,
    clientState,
    send,
    say: async (input) => (await send(input)).map((a) => a.text ?? ''),
    profile: async () => {
      const items = await new BotStateStorage(options.store).read([stateKey(options.channelId)]);
      return ((items[stateKey(options.channelId)] ?? {}) as Record<string, Profile>)[PROFILE_PROPERTY] ?? {};
    },
  };
}

/** The choice ids a reply offers: card submit data on Teams, suggested-action titles on Web Chat. */
export function offered(reply: Partial<Activity> | undefined): string[] {
  if (!reply) return [];
  const card = reply.attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content as
    | { actions?: Array<{ data?: { choice?: string } }>; body?: Array<{ type: string; actions?: Array<{ data?: { choice?: string } }> }> }
    | undefined;
  if (card) {
    const inBody = (card.body ?? []).filter((b) => b.type === 'ActionSet').flatMap((b) => b.actions ?? []);
    return [...inBody, ...(card.actions ?? [])].map((a) => a.data?.choice ?? '');
  }
  return (reply.suggestedActions?.actions ?? []).map((a) => String(a.title));
}

/** A card submit as Teams sends it. */
export function submit(value: unknown): Partial<Activity> {
  return { type: 'message', value };
}

/** Every text `key` can produce (all variants, placeholders filled). */
export function textsOf(language: Language, key: string, vars: Record<string, string | number> = {}): string[] {
  return variants(language, key).map((v) => v.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole)));
}

/** Asserts that `text` is one of the texts of `key`. */
export function assertSays(text: string | undefined, language: Language, key: string, vars: Record<string, string | number> = {}): void {
  const expected = textsOf(language, key, vars);
  if (!expected.includes(text ?? '')) {
    throw new assert.AssertionError({ message: `expected ${key} (${language}) but the bot said: ${JSON.stringify(text)}`, actual: text, expected: expected[0] });
  }
}

/** Whether a reply is a reflection of what the person wrote (locales/<language>/reflect.json), in either language. */
export function isReflection(text: string | undefined): boolean {
  return LANGUAGES.some((language) => {
    const themes = ['loss', 'lonely', 'tired', 'conflict', 'worried', 'sad', 'angry', 'good'];
    const single = themes.flatMap((theme) => [`reflect.${theme}`, ...(theme === 'loss' ? [] : [`reflect.${theme}_mild`, `reflect.${theme}_strong`])]).flatMap((key) => variants(language, key));
    if (single.includes(text ?? '')) return true;
    return ['reflect.two', 'reflect.two_mild', 'reflect.two_strong'].flatMap((key) => variants(language, key)).some((template) => {
      const pattern = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{a\}|\{b\}/g, '.+');
      return new RegExp(`^${pattern}$`).test(text ?? '');
    });
  });
}

/** The replies without the reflections said before a question, for tests about the questions themselves. */
export function withoutReflections<T extends string | undefined>(texts: T[]): T[] {
  return texts.filter((text) => !isReflection(text));
}
