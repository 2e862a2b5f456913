/**
 * Builds LINE message objects and holds every request to the platform's limits: long text is
 * split at paragraph boundaries, extra messages are merged, labels are shortened, quick
 * replies are capped. A postback payload over the limit is a programming error and throws.
 * https://developers.line.biz/en/reference/messaging-api/#message-objects
 */
import type { messagingApi } from '@line/bot-sdk';
import {
  MAX_ACTION_LABEL_LENGTH,
  MAX_DISPLAY_TEXT_LENGTH,
  MAX_MESSAGES_PER_REQUEST,
  MAX_POSTBACK_DATA_LENGTH,
  MAX_QUICK_REPLY_ITEMS,
  MAX_TEXT_LENGTH,
} from './limits';

export type LineMessage = messagingApi.Message;
export type TextMessage = messagingApi.TextMessage;

/** A quick reply button: a postback (data, shown as `displayText`) or a plain text message. */
export type QuickReplyChoice =
  | { label: string; postback: string; displayText?: string }
  | { label: string; text: string };

export interface Sender {
  name: string;
  iconUrl?: string;
}

const ELLIPSIS = '…';

/** Shortens to `max` characters (code points, so no emoji is cut in half), ending with "…". */
export function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : chars.slice(0, max - 1).join('') + ELLIPSIS;
}

/** Shortens to `max` UTF-16 code units without splitting a surrogate pair. */
function truncateUnits(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = max - 1;
  if (/[\ud800-\udbff]/.test(text[cut - 1])) cut--;
  return text.slice(0, cut) + ELLIPSIS;
}

function quickReplyItem(choice: QuickReplyChoice): messagingApi.QuickReplyItem {
  const label = truncate(choice.label, MAX_ACTION_LABEL_LENGTH);
  if ('text' in choice) {
    return { type: 'action', action: { type: 'message', label, text: truncateUnits(choice.text, MAX_TEXT_LENGTH) } };
  }
  if (choice.postback.length > MAX_POSTBACK_DATA_LENGTH) {
    throw new Error(`postback data is ${choice.postback.length} characters; LINE allows ${MAX_POSTBACK_DATA_LENGTH}`);
  }
  return {
    type: 'action',
    action: {
      type: 'postback',
      label,
      data: choice.postback,
      ...(choice.displayText ? { displayText: truncate(choice.displayText, MAX_DISPLAY_TEXT_LENGTH) } : {}),
    },
  };
}

/** Splits text into pieces of at most `max` UTF-16 units, preferring paragraph, then line, then space breaks. */
export function splitText(text: string, max = MAX_TEXT_LENGTH): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max);
    let cut = Math.max(window.lastIndexOf('\n\n'), window.lastIndexOf('\n'));
    if (cut < max / 2) cut = window.lastIndexOf(' ');
    if (cut < max / 2) cut = /[\ud800-\udbff]/.test(window[max - 1]) ? max - 1 : max;
    pieces.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).replace(/^\s+/, '');
  }
  if (rest.length || !pieces.length) pieces.push(rest);
  return pieces;
}

/** A text message (possibly several, if the text is longer than LINE allows). */
export function textMessages(text: string, sender?: Sender): TextMessage[] {
  return splitText(text).map((piece) => ({ type: 'text', text: piece, ...(sender ? { sender } : {}) }));
}

/**
 * Makes a list of messages fit one request: at most 5 messages (the overflow's text is merged
 * into the last one, still within 5000 units), quick replies (at most 13) on the last message,
 * where LINE shows them.
 */
export function fitReply(messages: LineMessage[], quickReplies: QuickReplyChoice[] = []): LineMessage[] {
  let fitted = messages.flatMap<LineMessage>((message) =>
    message.type === 'text' ? textMessages((message as TextMessage).text, (message as TextMessage).sender as Sender | undefined) : [message],
  );
  while (fitted.length > MAX_MESSAGES_PER_REQUEST) {
    const last = fitted[fitted.length - 1];
    const previous = fitted[fitted.length - 2];
    if (last.type === 'text' && previous.type === 'text') {
      const merged = `${(previous as TextMessage).text}\n\n${(last as TextMessage).text}`;
      fitted = [...fitted.slice(0, -2), { ...previous, text: truncateUnits(merged, MAX_TEXT_LENGTH) } as TextMessage];
    } else {
      // Non-text overflow cannot be merged; LINE would reject the whole request, so it goes.
      fitted = fitted.slice(0, MAX_MESSAGES_PER_REQUEST);
    }
  }
  if (quickReplies.length && fitted.length) {
    const items = quickReplies.slice(0, MAX_QUICK_REPLY_ITEMS).map(quickReplyItem);
    fitted[fitted.length - 1] = { ...fitted[fitted.length - 1], quickReply: { items } };
  }
  return fitted;
}

/** The plain text of messages, for storing and searching the history. */
export function messagesText(messages: LineMessage[]): string {
  return messages
    .map((message) => (message.type === 'text' ? (message as TextMessage).text : `[${message.type}]`))
    .join('\n\n');
}
