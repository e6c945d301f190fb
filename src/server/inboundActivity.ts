/**
 * What `/api/messages` makes of a posted body before the adapter sees it. A channel (or anyone, in local
 * mode) can send an activity with odd fields; a person who wrote words at risk must still get the crisis
 * lines, so a field that is the wrong shape is defaulted here instead of failing the turn later:
 * a locale that is not a string is dropped (the default language answers), list items that are not objects
 * are dropped, a number as text becomes its digits.
 *
 * An activity that does not say who wrote it (no channel id, from.id or conversation id) cannot have a
 * conversation: state, consent and alerts all belong to that identity. It is still screened (see
 * `httpServer`), and is marked `identified: false` with the fields that are missing.
 */
import type { Activity } from 'botbuilder';
import { z } from 'zod';
import type { ApiError } from '../api/apiRouter';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A non-empty string, else undefined. */
const idField = z.string().trim().min(1).max(1000).optional().catch(undefined);
/** A list of the items that are objects passing `keep`; anything else in the list (null, a number) is dropped. */
const objectList = (keep: (item: Record<string, unknown>) => boolean = () => true) =>
  z
    .array(z.unknown())
    .optional()
    .catch(undefined)
    .transform((items) => items?.filter((item): item is Record<string, unknown> => isRecord(item) && keep(item)));
const account = z
  .unknown()
  .transform((value) => (isRecord(value) ? value : undefined))
  .optional();

const inboundSchema = z
  .object({
    type: z.string({ message: 'type is required (a string such as "message")' }).trim().min(1, 'type is required (a string such as "message")').max(100),
    channelId: idField,
    serviceUrl: z.string().max(2048).optional().catch(undefined),
    locale: z.string().max(35).optional().catch(undefined),
    text: z
      .unknown()
      .optional()
      .transform((value) => (typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined)),
    deliveryMode: z.string().max(50).optional().catch(undefined),
    from: account,
    recipient: account,
    conversation: account,
    entities: objectList((item) => typeof item.type === 'string'),
    attachments: objectList((item) => typeof item.contentType === 'string'),
    membersAdded: objectList((item) => typeof item.id === 'string'),
    membersRemoved: objectList((item) => typeof item.id === 'string'),
  })
  .passthrough();

export type InboundActivity =
  | { ok: true; activity: Partial<Activity> & { type: string }; identified: true }
  /** Who wrote it is unknown: `missing` names the fields; `canReply` is false when no reply address exists either. */
  | { ok: true; activity: Partial<Activity> & { type: string }; identified: false; missing: string[]; canReply: boolean }
  | { ok: false; errors: ApiError[] };

const withoutUndefined = <T extends Record<string, unknown>>(value: T): T => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

export function readInboundActivity(body: unknown): InboundActivity {
  if (!isRecord(body)) return { ok: false, errors: [{ path: 'body', message: 'The body must be a Bot Framework activity: a JSON object with a "type".' }] };
  const parsed = inboundSchema.safeParse(body);
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.map((issue) => ({ path: issue.path.join('.') || 'body', message: issue.message })) };
  const data = parsed.data;
  const fromId = idField.parse(data.from?.id);
  const conversationId = idField.parse(data.conversation?.id);
  const activity = withoutUndefined({
    ...data,
    from: data.from ? { ...data.from, id: fromId ?? '' } : { id: '' },
    recipient: data.recipient ?? { id: '' },
    conversation: data.conversation ? { ...data.conversation, id: conversationId ?? '' } : { id: '' },
  }) as unknown as Partial<Activity> & { type: string };
  const missing = [
    ...(data.channelId ? [] : ['channelId']),
    ...(fromId ? [] : ['from.id']),
    ...(conversationId ? [] : ['conversation.id']),
  ];
  if (missing.length === 0) return { ok: true, activity, identified: true };
  return { ok: true, activity, identified: false, missing, canReply: Boolean(conversationId && data.serviceUrl) };
}
