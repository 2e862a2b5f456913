/**
 * Reply tokens (https://developers.line.biz/en/reference/messaging-api/#send-reply-message):
 * issued per webhook event, usable once, and only for a short time.
 */
import { newReplyToken } from './ids';
import type { EmulatorState } from './emulator-state';

/** Issues a token that lets the bot reply once into `chatId`. */
export function issueReplyToken(state: EmulatorState, chatId: string): string {
  const token = newReplyToken();
  state.replyTokens.set(token, { chatId, expiresAt: state.options.now() + state.options.replyTokenTtlMs });
  return token;
}

/** Why a reply token cannot be used; LINE answers all of them with the same 400. */
export type ReplyTokenResult = { ok: true; chatId: string } | { ok: false; reason: 'unknown' | 'used' | 'expired' };

/** Checks a token without using it up, so a request that fails later can still reply. */
export function checkReplyToken(state: EmulatorState, token: string): ReplyTokenResult {
  const record = state.replyTokens.get(token);
  if (!record) return { ok: false, reason: 'unknown' };
  if (record.usedAt !== undefined) return { ok: false, reason: 'used' };
  if (state.options.now() >= record.expiresAt) return { ok: false, reason: 'expired' };
  return { ok: true, chatId: record.chatId };
}

/** Marks a token as used. */
export function useReplyToken(state: EmulatorState, token: string): void {
  const record = state.replyTokens.get(token);
  if (record) record.usedAt = state.options.now();
}
