/**
 * Conversations, in the inbox products' words: `pending` (the bot is handling it), `open` (a
 * person is needed or assigned; `waiting_since` is stamped), `resolved`.
 */

export type ConversationStatus = 'pending' | 'open' | 'resolved';

export interface Conversation {
  id: number;
  userId: string;
  status: ConversationStatus;
  waitingSince: number | undefined;
  consecutiveFallbacks: number;
}

export interface ConversationRow {
  id: number;
  user_id: string;
  status: ConversationStatus;
  waiting_since: number | null;
  consecutive_fallbacks: number;
}

export function rowToConversation(row: ConversationRow): Conversation {
  return {
    id: row.id,
    userId: row.user_id,
    status: row.status,
    waitingSince: row.waiting_since ?? undefined,
    consecutiveFallbacks: row.consecutive_fallbacks,
  };
}

export const CONVERSATION_COLUMNS = 'id, user_id, status, waiting_since, consecutive_fallbacks';

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
 * The handoff: the conversation becomes `open`, waiting since now, with an activity message in
 * the history. Does nothing if it is already open.
 */
export function requestHuman(db: D1Database, conversation: Conversation, reason: string, now = Date.now()): D1PreparedStatement[] {
  return [
    db
      .prepare(
        `INSERT INTO messages (conversation_id, user_id, direction, sender, kind, text, status, created_at)
         SELECT ?1, ?2, 'activity', 'system', 'handoff', ?3, 'handled', ?4 FROM conversations WHERE id = ?1 AND status = 'pending'`,
      )
      .bind(conversation.id, conversation.userId, reason, now),
    db
      .prepare(`UPDATE conversations SET status = 'open', waiting_since = ?2, updated_at = ?2 WHERE id = ?1 AND status = 'pending'`)
      .bind(conversation.id, now),
  ];
}

/** Counts fallbacks in a row (a later issue hands over after two); an answer resets it. */
export function recordOutcome(db: D1Database, conversationId: number, fallback: boolean, now = Date.now()): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE conversations SET consecutive_fallbacks = CASE WHEN ?2 THEN consecutive_fallbacks + 1 ELSE 0 END, updated_at = ?3 WHERE id = ?1`,
    )
    .bind(conversationId, fallback ? 1 : 0, now);
}
