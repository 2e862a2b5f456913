/**
 * Builds webhook event objects (https://developers.line.biz/en/reference/messaging-api/#webhook-event-objects)
 * from short "what the user did" specs, exactly in webhook.json's shapes.
 */
import { z } from 'zod';
import { issueReplyToken } from './reply-tokens';
import { newMessageId, newQuoteToken, newWebhookEventId } from './ids';
import { createMediaContent } from './media-content';
import type { EmulatorState, EventSource, WebhookEvent } from './emulator-state';

/** What the emulated user can do. */
export const USER_EVENT_KINDS = ['text', 'sticker', 'image', 'audio', 'video', 'file', 'location', 'postback', 'follow', 'unfollow'] as const;

/** Fixed IDs so a test or the chat page can talk "in a group" without inventing one. */
export const DEFAULT_GROUP_ID = `C${'0'.repeat(31)}1`;
export const DEFAULT_ROOM_ID = `R${'0'.repeat(31)}1`;

// Kumamoto City Hall: a realistic default for location messages.
const DEFAULT_LOCATION = { title: '熊本市役所', address: '熊本県熊本市中央区手取本町1-1', latitude: 32.8031, longitude: 130.7079 };

/** Body of POST /_emulator/send and one item of POST /_emulator/webhook-batch. */
export const SendSpec = z
  .object({
    userId: z.string().min(1),
    event: z.enum(USER_EVENT_KINDS),
    text: z.string().optional(),
    data: z.string().optional(),
    displayText: z.string().optional(),
    params: z.record(z.string(), z.string()).optional(),
    source: z.enum(['user', 'group', 'room']).default('user'),
    groupId: z.string().optional(),
    roomId: z.string().optional(),
    packageId: z.string().optional(),
    stickerId: z.string().optional(),
    title: z.string().optional(),
    address: z.string().optional(),
    latitude: z.number().optional(),
    longitude: z.number().optional(),
    fileName: z.string().optional(),
  })
  .superRefine((spec, ctx) => {
    if (spec.event === 'text' && spec.text === undefined) ctx.addIssue({ code: 'custom', path: ['text'], message: 'text events need text' });
    if (spec.event === 'postback' && spec.data === undefined) ctx.addIssue({ code: 'custom', path: ['data'], message: 'postback events need data' });
    // LINE sends join/leave, not follow/unfollow, for groups and rooms.
    if ((spec.event === 'follow' || spec.event === 'unfollow') && spec.source !== 'user') {
      ctx.addIssue({ code: 'custom', path: ['source'], message: 'follow and unfollow come from a user source only' });
    }
  });

/** A parsed {@link SendSpec}. */
export type SendSpec = z.infer<typeof SendSpec>;

/** Why a spec cannot be turned into an event right now. */
export type SpecProblem = { ok: false; status: 404 | 409; message: string } | { ok: true };

/** Checks a spec against the current state before anything is changed. */
export function checkSpec(state: EmulatorState, spec: SendSpec): SpecProblem {
  const user = state.users.get(spec.userId);
  if (!user) return { ok: false, status: 404, message: `Unknown user ${spec.userId}; create it with POST /_emulator/users` };
  // A user who blocked the account cannot talk to it in LINE; they have to unblock (follow) first.
  if (user.blocked && spec.event !== 'follow' && spec.event !== 'unfollow') {
    return { ok: false, status: 409, message: `User ${spec.userId} has blocked the bot; send a follow event first` };
  }
  return { ok: true };
}

/** The built event and what the chat log should show for it. */
export interface BuiltEvent {
  event: WebhookEvent;
  displayText?: string;
}

/**
 * Turns a checked spec into a webhook event, applying its effects on the state: a reply token
 * is issued, media bytes are stored, follow/unfollow change the block flag.
 */
export function buildEvent(state: EmulatorState, spec: SendSpec): BuiltEvent {
  const now = state.options.now();
  const source = eventSource(spec);
  if (source.type !== 'user') state.groupChats.add(source.type === 'group' ? source.groupId : source.roomId);
  const chatId = source.type === 'group' ? source.groupId : source.type === 'room' ? source.roomId : source.userId;
  const base = {
    mode: 'active' as const,
    timestamp: now,
    source,
    webhookEventId: newWebhookEventId(now),
    deliveryContext: { isRedelivery: false },
  };
  const user = state.users.get(spec.userId)!;

  let event: WebhookEvent;
  switch (spec.event) {
    case 'follow':
      event = { type: 'follow', ...base, replyToken: issueReplyToken(state, chatId), follow: { isUnblocked: user.blocked } };
      user.blocked = false;
      break;
    case 'unfollow':
      // Nobody can be replied to after blocking, so LINE sends no reply token.
      event = { type: 'unfollow', ...base };
      user.blocked = true;
      break;
    case 'postback':
      event = {
        type: 'postback',
        ...base,
        replyToken: issueReplyToken(state, chatId),
        postback: { data: spec.data!, ...(spec.params ? { params: spec.params } : {}) },
      };
      break;
    default:
      event = { type: 'message', ...base, replyToken: issueReplyToken(state, chatId), message: messageContent(state, spec) };
  }
  state.events.set(event.webhookEventId, event);
  return { event, ...(spec.event === 'postback' && spec.displayText !== undefined ? { displayText: spec.displayText } : {}) };
}

function eventSource(spec: SendSpec): EventSource {
  switch (spec.source) {
    case 'group':
      return { type: 'group', groupId: spec.groupId ?? DEFAULT_GROUP_ID, userId: spec.userId };
    case 'room':
      return { type: 'room', roomId: spec.roomId ?? DEFAULT_ROOM_ID, userId: spec.userId };
    default:
      return { type: 'user', userId: spec.userId };
  }
}

function messageContent(state: EmulatorState, spec: SendSpec): NonNullable<WebhookEvent['message']> {
  const id = newMessageId();
  switch (spec.event) {
    case 'text':
      return { id, type: 'text', quoteToken: newQuoteToken(), text: spec.text! };
    case 'sticker':
      return {
        id,
        type: 'sticker',
        quoteToken: newQuoteToken(),
        packageId: spec.packageId ?? '446',
        stickerId: spec.stickerId ?? '1988',
        stickerResourceType: 'STATIC',
        keywords: ['Happy', 'Smile'],
      };
    case 'location':
      return {
        id,
        type: 'location',
        title: spec.title ?? DEFAULT_LOCATION.title,
        address: spec.address ?? DEFAULT_LOCATION.address,
        latitude: spec.latitude ?? DEFAULT_LOCATION.latitude,
        longitude: spec.longitude ?? DEFAULT_LOCATION.longitude,
      };
    case 'image':
    case 'video':
    case 'audio':
    case 'file': {
      const content = createMediaContent(spec.event);
      state.media.set(id, content);
      if (spec.event === 'file') {
        return { id, type: 'file', fileName: spec.fileName ?? 'sample.txt', fileSize: content.bytes.byteLength };
      }
      const provider = { contentProvider: { type: 'line' } };
      if (spec.event === 'image') return { id, type: 'image', quoteToken: newQuoteToken(), ...provider };
      if (spec.event === 'video') return { id, type: 'video', quoteToken: newQuoteToken(), duration: 3000, ...provider };
      return { id, type: 'audio', duration: 2000, ...provider };
    }
    default:
      throw new Error(`Not a message event: ${spec.event}`);
  }
}
