/**
 * The conversation as the emulated users see it: their events and the bot's messages, in order.
 */
import { newMessageId, newQuoteToken } from './ids';
import {
  nextSeq,
  type BotChatEntry,
  type ChatEntry,
  type DeliveryVia,
  type EmulatorState,
  type SentMessage,
  type UserChatEntry,
  type WebhookEvent,
} from './emulator-state';

// https://developers.line.biz/en/docs/messaging-api/get-quote-tokens/ - only these can be quoted.
const QUOTABLE_TYPES = new Set(['text', 'textV2', 'sticker', 'image', 'video']);

/** Records an event the emulated user caused, before it is sent to the bot. */
export function recordUserEvent(state: EmulatorState, event: WebhookEvent, displayText?: string): UserChatEntry {
  const source = event.source;
  const chatId = source.type === 'group' ? source.groupId : source.type === 'room' ? source.roomId : source.userId;
  const entry: UserChatEntry = {
    seq: nextSeq(state),
    timestamp: event.timestamp,
    from: 'user',
    chatId,
    userId: source.userId,
    event,
    ...(displayText !== undefined ? { displayText } : {}),
  };
  state.chatLog.push(entry);
  return entry;
}

/** IDs (and quote tokens where LINE gives them) for messages about to be delivered. */
export function assignSentMessages(messages: unknown[]): SentMessage[] {
  return messages.map((message) => {
    const type = (message as { type?: unknown }).type;
    return QUOTABLE_TYPES.has(String(type)) ? { id: newMessageId(), quoteToken: newQuoteToken() } : { id: newMessageId() };
  });
}

/** Details of one delivery of bot messages. */
export interface DeliveryOptions {
  chatId: string;
  via: DeliveryVia;
  messages: unknown[];
  sentMessages: SentMessage[];
  requestId: string;
  retryKey?: string;
}

/** Records bot messages reaching one chat; a message ends the user's loading animation. */
export function recordBotDelivery(state: EmulatorState, delivery: DeliveryOptions): BotChatEntry {
  const user = state.users.get(delivery.chatId);
  if (user) user.loadingUntil = undefined;
  const entry: BotChatEntry = {
    seq: nextSeq(state),
    timestamp: state.options.now(),
    from: 'bot',
    chatId: delivery.chatId,
    via: delivery.via,
    messages: delivery.messages,
    sentMessages: delivery.sentMessages,
    requestId: delivery.requestId,
    ...(delivery.retryKey ? { retryKey: delivery.retryKey } : {}),
    ...(user?.blocked ? { blocked: true } : {}),
  };
  state.chatLog.push(entry);
  return entry;
}

/** Chat entries after `afterSeq`, optionally limited to one chat or one user's events. */
export function listChat(state: EmulatorState, filter: { chatId?: string; afterSeq?: number }): ChatEntry[] {
  const after = filter.afterSeq ?? 0;
  return state.chatLog.filter(
    (entry) =>
      entry.seq > after &&
      (filter.chatId === undefined || entry.chatId === filter.chatId || (entry.from === 'user' && entry.userId === filter.chatId)),
  );
}
