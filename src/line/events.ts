/**
 * Webhook request body and events, parsed right after the signature check into the small
 * union the bot handles. Unknown event types are kept (as `other`) so nothing is dropped.
 * https://developers.line.biz/en/reference/messaging-api/#webhook-event-objects
 */
import { z } from 'zod';

const Source = z.discriminatedUnion('type', [
  z.object({ type: z.literal('user'), userId: z.string().min(1) }),
  z.object({ type: z.literal('group'), groupId: z.string().min(1), userId: z.string().optional() }),
  z.object({ type: z.literal('room'), roomId: z.string().min(1), userId: z.string().optional() }),
]);
export type Source = z.infer<typeof Source>;

const EventBase = {
  webhookEventId: z.string().min(1),
  timestamp: z.number(),
  mode: z.enum(['active', 'standby']).default('active'),
  source: Source,
  deliveryContext: z.object({ isRedelivery: z.boolean() }).default({ isRedelivery: false }),
  replyToken: z.string().optional(),
};

const MessageContent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), id: z.string(), text: z.string() }),
  z.object({ type: z.literal('sticker'), id: z.string(), packageId: z.string(), stickerId: z.string() }),
  z.object({ type: z.literal('image'), id: z.string() }),
  z.object({ type: z.literal('video'), id: z.string() }),
  z.object({ type: z.literal('audio'), id: z.string() }),
  z.object({ type: z.literal('file'), id: z.string(), fileName: z.string().optional(), fileSize: z.number().optional() }),
  z.object({
    type: z.literal('location'),
    id: z.string(),
    title: z.string().nullish(),
    address: z.string().nullish(),
    latitude: z.number(),
    longitude: z.number(),
  }),
]);
export type MessageContent = z.infer<typeof MessageContent>;

export const LineEvent = z.discriminatedUnion('type', [
  z.object({ ...EventBase, type: z.literal('message'), message: MessageContent }),
  z.object({ ...EventBase, type: z.literal('follow') }),
  z.object({ ...EventBase, type: z.literal('unfollow') }),
  z.object({ ...EventBase, type: z.literal('join') }),
  z.object({
    ...EventBase,
    type: z.literal('postback'),
    postback: z.object({ data: z.string(), params: z.record(z.string(), z.unknown()).optional() }),
  }),
]);
export type LineEvent = z.infer<typeof LineEvent>;

/** Any event with the fields every event has; the type-specific body is not checked. */
const AnyEvent = z.object({ ...EventBase, type: z.string().min(1) }).loose();

export const WebhookBody = z.object({
  destination: z.string(),
  events: z.array(z.unknown()),
});

/** One event as stored: the parsed form when the bot handles it, the raw JSON always. */
export type ParsedEvent =
  | { ok: true; event: LineEvent; raw: unknown }
  | { ok: false; base: z.infer<typeof AnyEvent> | undefined; raw: unknown; reason: string };

/** Parses one event; events the bot does not handle (or cannot read) come back as data. */
export function parseEvent(raw: unknown): ParsedEvent {
  const parsed = LineEvent.safeParse(raw);
  if (parsed.success) return { ok: true, event: parsed.data, raw };
  const base = AnyEvent.safeParse(raw);
  return {
    ok: false,
    base: base.success ? base.data : undefined,
    raw,
    reason: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '),
  };
}

/** The chat an event belongs to: the user for 1:1 chats, else the group or room. */
export function chatIdOf(source: Source): string {
  switch (source.type) {
    case 'user':
      return source.userId;
    case 'group':
      return source.groupId;
    case 'room':
      return source.roomId;
  }
}
