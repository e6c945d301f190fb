import { BotState, calculateChangeHash, Storage, TurnContext } from 'botbuilder';
import { BotStateStorage } from '../storage/botStateStorage';

/**
 * All of one person's bot state in one document, so a turn reads its state once and writes it once.
 *
 * In a 1:1 chat (Teams personal scope, Web Chat) the key is the person on that channel, so what the bot
 * knows about them — and a dialog they left half way — survives a new conversation and a restart. In a
 * group chat the key also names the conversation: each member gets their own dialog and nothing is shared.
 */
export class ClientState extends BotState {
  private readonly savedHash = Symbol('clientStateSavedHash');

  constructor(storage: Storage, namespace = 'client') {
    super(storage, async (context) => ClientState.keyFor(context, namespace));
  }

  override async load(context: TurnContext, force = false): Promise<Record<string, unknown>> {
    const state = (await super.load(context, force)) as Record<string, unknown>;
    if (force || context.turnState.get(this.savedHash) === undefined) context.turnState.set(this.savedHash, calculateChangeHash(state));
    return state;
  }

  /**
   * Saves with the eTag that was read, unlike BotState's last-write-wins `*`: if another instance
   * changed this person's state meanwhile, the write is rejected instead of silently undoing theirs.
   * The new eTag goes back on the state, so a second save in the same turn works.
   */
  override async saveChanges(context: TurnContext, force = false): Promise<void> {
    const state = this.get(context) as Record<string, unknown> | undefined;
    if (!state) return;
    const hash = calculateChangeHash(state);
    if (!force && hash === context.turnState.get(this.savedHash)) return;
    const key = await this.storageKey(context);
    if (this.storage instanceof BotStateStorage) {
      state.eTag = (await this.storage.writeReturningEtags({ [key]: state }))[key];
    } else {
      // Another Storage (MemoryStorage in some tests) cannot tell us the new eTag: later saves overwrite.
      await this.storage.write({ [key]: state });
      state.eTag = '*';
    }
    context.turnState.set(this.savedHash, calculateChangeHash(state));
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
