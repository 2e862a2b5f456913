/**
 * The safety net behind `waitUntil`: a cron trigger finds chats whose stored events were never
 * handled (the Durable Object call failed, or the isolate died) and drains them, so no
 * resident message is left unanswered because of a lost background task.
 */
import { stalledChats } from '../db/webhook-events';
import { dueFollowUps } from '../handoff/follow-up';

/** Events waiting longer than this are considered stalled (a healthy drain takes seconds). */
export const STALLED_AFTER_MS = 60_000;

export async function sweepStalledEvents(env: Env): Promise<number> {
  const chats = await stalledChats(env.DB, STALLED_AFTER_MS);
  const handled = await Promise.all(
    chats.map((chatId) => env.RESIDENT_SESSION.get(env.RESIDENT_SESSION.idFromName(chatId)).drain(chatId).catch(() => 0)),
  );
  return handled.reduce((sum, n) => sum + n, 0);
}

/** Sends the follow-ups that are due, each through its chat's session (in turn with the chat's events). */
export async function sweepFollowUps(env: Env, now = Date.now()): Promise<number> {
  const due = await dueFollowUps(env.DB, env.BUSINESS_HOURS, now);
  const sent = await Promise.all(
    due.map(({ id, userId }) => env.RESIDENT_SESSION.get(env.RESIDENT_SESSION.idFromName(userId)).followUp(userId, id).catch(() => false)),
  );
  return sent.filter(Boolean).length;
}
