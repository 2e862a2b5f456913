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

interface ConversationRow {
  id: number;
  user_id: string;
  status: ConversationStatus;
  waiting_since: number | null;
  consecutive_fallbacks: number;
}

function rowToConversation(row: ConversationRow): Conversation {
  return {
    id: row.id,
    userId: row.user_id,
    status: row.status,
    waitingSince: row.waiting_since ?? undefined,
    consecutiveFallbacks: row.consecutive_fallbacks,
  };
}

/** The resident's active conversation, created (pending) if there is none. */
export async function activeConversation(db: D1Database, userId: string, now = Date.now()): Promise<Conversation> {
  const [, select] = await db.batch<ConversationRow>([
    db
      .prepare(
        `INSERT INTO conversations (user_id, status, created_at, updated_at)
         SELECT ?1, 'pending', ?2, ?2 WHERE NOT EXISTS (SELECT 1 FROM conversations WHERE user_id = ?1 AND status != 'resolved')`,
      )
      .bind(userId, now),
    db
      .prepare(`SELECT id, user_id, status, waiting_since, consecutive_fallbacks FROM conversations WHERE user_id = ?1 AND status != 'resolved'`)
      .bind(userId),
  ]);
  return rowToConversation(select.results[0]);
}

/**
 * The handoff: the conversation becomes `open`, waiting since now, with an activity message
 * in the history. Returns false when it was already open (nothing changes).
 */
export async function requestHuman(db: D1Database, conversation: Conversation, reason: string, now = Date.now()): Promise<boolean> {
  const [update] = await db.batch([
    db
      .prepare(`UPDATE conversations SET status = 'open', waiting_since = ?2, updated_at = ?2 WHERE id = ?1 AND status = 'pending'`)
      .bind(conversation.id, now),
    db
      .prepare(
        `INSERT INTO messages (conversation_id, user_id, direction, sender, kind, text, status, created_at)
         SELECT ?1, ?2, 'activity', 'system', 'handoff', ?3, 'handled', ?4 WHERE changes() > 0`,
      )
      .bind(conversation.id, conversation.userId, reason, now),
  ]);
  return (update.meta.changes ?? 0) > 0;
}

/** Counts fallbacks in a row (a later issue hands over after two); an answer resets it. */
export async function recordOutcome(db: D1Database, conversationId: number, fallback: boolean, now = Date.now()): Promise<void> {
  await db
    .prepare(
      `UPDATE conversations SET consecutive_fallbacks = CASE WHEN ?2 THEN consecutive_fallbacks + 1 ELSE 0 END, updated_at = ?3 WHERE id = ?1`,
    )
    .bind(conversationId, fallback ? 1 : 0, now)
    .run();
}
