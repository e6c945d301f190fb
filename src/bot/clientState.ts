import { BotState, Storage, TurnContext } from 'botbuilder';
import { BotStateStorage } from '../storage/botStateStorage';

/** The turn's state and its JSON (without the eTag) as last read or saved: what "changed" is measured against. */
interface CachedState {
  state: Record<string, unknown>;
  json: string;
}

/**
 * The state as JSON without its eTag. botbuilder's `calculateChangeHash` hashes the same JSON, but builds
 * it with a replacer function called for every value and then runs SHA-256 over it, and BotState did that
 * on every load and twice on every save; plain JSON compared as strings detects exactly the same changes
 * at a fraction of the cost (README "Performance"). A text that differs only in form costs one extra write.
 */
function stateJson(state: Record<string, unknown>): string {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { eTag, ...rest } = state;
  return JSON.stringify(rest);
}

/**
 * All of one person's bot state in one document, so a turn reads its state once and writes it once.
 *
 * In a 1:1 chat (Teams personal scope, Web Chat) the key is the person on that channel, so what the bot
 * knows about them — and a dialog they left half way — survives a new conversation and a restart. In a
 * group chat the key also names the conversation: each member gets their own dialog and nothing is shared.
 *
 * It keeps BotState's interface (property accessors call `load`) but caches the turn's state itself, so
 * change detection costs one JSON serialisation per save, which is also the text written (see `stateJson`),
 * and none on load from the embedded store, which hands over the text it read.
 */
export class ClientState extends BotState {
  private readonly cacheKey = Symbol('clientState');

  constructor(storage: Storage, namespace = 'client') {
    super(storage, async (context) => ClientState.keyFor(context, namespace));
  }

  override async load(context: TurnContext, force = false): Promise<Record<string, unknown>> {
    const cached = this.cached(context);
    if (cached && !force) return cached.state;
    const key = await this.storageKey(context);
    let state: Record<string, unknown>;
    let json: string | undefined;
    if (this.storage instanceof BotStateStorage) {
      const found = await this.storage.readItem(key);
      state = found?.item ?? {};
      json = found?.json;
    } else {
      state = ((await this.storage.read([key]))[key] ?? {}) as Record<string, unknown>;
    }
    // The embedded store hands over the text it parsed; otherwise serialise what was read.
    context.turnState.set(this.cacheKey, { state, json: json ?? stateJson(state) } satisfies CachedState);
    return state;
  }

  override get(context: TurnContext): Record<string, unknown> | undefined {
    return this.cached(context)?.state;
  }

  /** A new empty state for the turn; it is written by the next save. */
  override async clear(context: TurnContext): Promise<void> {
    context.turnState.set(this.cacheKey, { state: {}, json: '' } satisfies CachedState);
  }

  override async delete(context: TurnContext): Promise<void> {
    context.turnState.delete(this.cacheKey);
    await this.storage.delete([await this.storageKey(context)]);
  }

  /**
   * Saves with the eTag that was read, unlike BotState's last-write-wins `*`: if another instance
   * changed this person's state meanwhile, the write is rejected instead of silently undoing theirs.
   * The new eTag goes back on the state, so a second save in the same turn works.
   */
  override async saveChanges(context: TurnContext, force = false): Promise<void> {
    const cached = this.cached(context);
    if (!cached) return;
    const { state } = cached;
    const key = await this.storageKey(context);
    const json = stateJson(state);
    if (!force && json === cached.json) return;
    if (this.storage instanceof BotStateStorage) {
      state.eTag = (await this.storage.writeReturningEtags({ [key]: state }, { [key]: json }))[key];
    } else {
      // Another Storage (MemoryStorage in some tests) cannot tell us the new eTag: later saves overwrite.
      await this.storage.write({ [key]: state });
      state.eTag = '*';
    }
    // Only the eTag changed, and it is not part of the JSON.
    cached.json = json;
  }

  private cached(context: TurnContext): CachedState | undefined {
    return context.turnState.get(this.cacheKey) as CachedState | undefined;
  }

  static keyFor(context: TurnContext, namespace = 'client'): string {
    const { channelId, conversation, from } = context.activity;
    if (!channelId || !from?.id || !conversation?.id) {
      throw new Error('ClientState: activity is missing channelId, from.id or conversation.id');
    }
    const isGroup = conversation.isGroup === true || (conversation.conversationType !== undefined && conversation.conversationType !== 'personal');
    return isGroup
      ? `${channelId}/conversations/${conversation.id}/users/${from.id}/${namespace}`
      : `${channelId}/users/${from.id}/${namespace}`;
  }
}
