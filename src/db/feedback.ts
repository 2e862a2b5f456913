/** What residents tell us about answers, and what the bot could not answer: the admin's review queue. */

export interface UnansweredQuery {
  userId: string;
  messageId: number | undefined;
  text: string;
  language: string;
  topEntryId?: string;
  topScore?: number;
}

export function logUnanswered(db: D1Database, query: UnansweredQuery, now = Date.now()): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO unanswered_queries (user_id, message_id, text, language, top_entry_id, top_score, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)`,
    )
    .bind(query.userId, query.messageId ?? null, query.text, query.language, query.topEntryId ?? null, query.topScore ?? null, now);
}

/** Records (or changes) a resident's rating of the latest answer they had from an entry. */
export function recordFeedback(
  db: D1Database,
  feedback: { userId: string; entryId: string; helpful: boolean; language: string },
  now = Date.now(),
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO feedback (user_id, entry_id, message_id, helpful, language, created_at)
       VALUES (?1, ?2, (SELECT id FROM messages WHERE user_id = ?1 AND direction = 'outgoing' AND decision = 'answer' AND entry_id = ?2 ORDER BY id DESC LIMIT 1), ?3, ?4, ?5)
       ON CONFLICT (user_id, message_id) DO UPDATE SET helpful = ?3, created_at = ?5`,
    )
    .bind(feedback.userId, feedback.entryId, feedback.helpful ? 1 : 0, feedback.language, now);
}
