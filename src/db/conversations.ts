/**
 * Conversations, in the inbox products' words: `pending` (the bot is handling it), `open` (a
 * person is needed or assigned; `waiting_since` is stamped), `resolved`.
 */

import type { ActivityKind, HandoffCommand, HandoffState } from '../handoff/policy';

export type ConversationStatus = 'pending' | 'open' | 'resolved';

export interface Conversation {
  id: number;
  userId: string;
  status: ConversationStatus;
  waitingSince: number | undefined;
  consecutiveFallbacks: number;
  assigneeId: number | undefined;
}

export interface ConversationRow {
  id: number;
  user_id: string;
  status: ConversationStatus;
  waiting_since: number | null;
  consecutive_fallbacks: number;
  assignee_id: number | null;
}

export function rowToConversation(row: ConversationRow): Conversation {
  return {
    id: row.id,
    userId: row.user_id,
    status: row.status,
    waitingSince: row.waiting_since ?? undefined,
    consecutiveFallbacks: row.consecutive_fallbacks,
    assigneeId: row.assignee_id ?? undefined,
  };
}

export const CONVERSATION_COLUMNS = 'id, user_id, status, waiting_since, consecutive_fallbacks, assignee_id';

/** Creates a pending conversation for the resident unless one is active. */
export function ensureActiveConversation(db: D1Database, userId: string, now = Date.now()): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO conversations (user_id, status, created_at, updated_at)
       SELECT ?1, 'pending', ?2, ?2 WHERE NOT EXISTS (SELECT 1 FROM conversations WHERE user_id = ?1 AND status != 'resolved')`,
    )
    .bind(userId, now);
}

export function selectActiveConversation(db: D1Database, userId: string): D1PreparedStatement {
  return db.prepare(`SELECT ${CONVERSATION_COLUMNS} FROM conversations WHERE user_id = ?1 AND status != 'resolved'`).bind(userId);
}

/**
 * Applies a handoff transition atomically: the update only takes effect if the conversation is
 * still in the state the transition was computed from (so of two staff members claiming at
 * once, exactly one wins), and the activity row is written only if it did. Run the statements
 * in one batch; the update's RETURNING row says whether it won.
 */
export function applyTransition(
  db: D1Database,
  conversation: Pick<Conversation, 'id' | 'userId'> & HandoffState,
  command: HandoffCommand,
  next: HandoffState,
  activity: ActivityKind,
  now = Date.now(),
): D1PreparedStatement[] {
  const actor = 'staffId' in command ? command.staffId : null;
  const detail = JSON.stringify({
    ...(command.type === 'request' ? { reason: command.reason } : {}),
    ...(command.type === 'assign' ? { to: command.to } : {}),
  });
  return [
    db
      .prepare(
        `UPDATE conversations SET
           status = ?3,
           assignee_id = ?4,
           waiting_since = CASE WHEN ?3 = 'open' THEN COALESCE(waiting_since, ?5) ELSE NULL END,
           handoff_reason = CASE WHEN ?6 IS NOT NULL THEN ?6 WHEN ?3 = 'open' THEN handoff_reason ELSE NULL END,
           claimed_at = CASE WHEN ?4 IS NULL THEN NULL WHEN assignee_id IS ?4 THEN claimed_at ELSE ?5 END,
           follow_up_at = CASE WHEN ?3 = 'open' THEN follow_up_at ELSE NULL END,
           resolved_at = CASE WHEN ?3 = 'resolved' THEN ?5 ELSE NULL END,
           consecutive_fallbacks = CASE WHEN ?3 = 'open' THEN consecutive_fallbacks ELSE 0 END,
           updated_at = ?5
         WHERE id = ?1 AND status = ?2 AND assignee_id IS ?7
         RETURNING id`,
      )
      .bind(
        conversation.id,
        conversation.status,
        next.status,
        next.assigneeId ?? null,
        now,
        command.type === 'request' ? command.reason : null,
        conversation.assigneeId ?? null,
      ),
    // changes(): the rows the UPDATE just above changed, in the same transaction.
    db
      .prepare(
        `INSERT INTO messages (conversation_id, user_id, direction, sender, kind, text, payload, status, staff_id, created_at)
         SELECT ?1, ?2, 'activity', ?3, ?4, ?5, ?6, 'handled', ?7, ?8 WHERE changes() = 1`,
      )
      .bind(conversation.id, conversation.userId, actor === null ? 'system' : 'staff', activity, activity, detail, actor, now),
  ];
}

/** Counts fallbacks in a row (two in a row hand the chat to staff); an answer resets it. */
export function recordOutcome(db: D1Database, conversationId: number, fallback: boolean, now = Date.now()): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE conversations SET consecutive_fallbacks = CASE WHEN ?2 THEN consecutive_fallbacks + 1 ELSE 0 END, updated_at = ?3 WHERE id = ?1`,
    )
    .bind(conversationId, fallback ? 1 : 0, now);
}

/** The resident's one-tap rating of a resolved consultation (only the first tap counts). */
export function recordRating(db: D1Database, conversationId: number, userId: string, good: boolean, now = Date.now()): D1PreparedStatement {
  return db
    .prepare(`UPDATE conversations SET rating = ?3, rated_at = ?4 WHERE id = ?1 AND user_id = ?2 AND status = 'resolved' AND rating IS NULL`)
    .bind(conversationId, userId, good ? 1 : 0, now);
}

export function selectConversation(db: D1Database, id: number): D1PreparedStatement {
  return db.prepare(`SELECT ${CONVERSATION_COLUMNS} FROM conversations WHERE id = ?1`).bind(id);
}
