/**
 * While disaster mode is on, every reply the bot gives begins with the notice, in the language
 * the reply is in. Pure: LINE messages in, LINE messages out, still within one request's limits.
 */
import type { Language } from '../i18n/languages';
import { fitReply, type LineMessage } from '../line/message-builder';
import { noticeFor, type DisasterState } from './state';

/**
 * Puts the notice before the messages. The result still fits one reply (at most 5 messages:
 * fitReply merges the overflow into the last text), and the quick replies stay on the last
 * message, where LINE shows them.
 */
export function prependNotice(messages: LineMessage[], notice: string): LineMessage[] {
  if (!messages.length) return messages;
  const { quickReply, ...last } = messages[messages.length - 1];
  const fitted = fitReply([{ type: 'text', text: notice }, ...messages.slice(0, -1), last as LineMessage]);
  if (quickReply) fitted[fitted.length - 1] = { ...fitted[fitted.length - 1], quickReply };
  return fitted;
}

/** The reply as disaster mode has it: the notice first when it is on, unchanged when it is off. */
export function withDisasterNotice(messages: LineMessage[], state: DisasterState, lang: Language): LineMessage[] {
  const notice = noticeFor(state, lang);
  return notice ? prependNotice(messages, notice) : messages;
}
