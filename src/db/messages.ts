/** The message history: incoming (resident), outgoing (bot or staff) and activity rows. */
import type { DecisionKind } from '../conversation/decide';
import type { SendResult } from '../line/client';
import type { LineMessage } from '../line/message-builder';
import { messagesText } from '../line/message-builder';

export interface OutgoingRecord {
  conversationId: number;
  userId: string;
  messages: LineMessage[];
  language: string;
  kind?: string;
  decision?: DecisionKind;
  entryId?: string;
  score?: number;
  replyTo?: number;
  retryKey: string;
}

/** The incoming message row for a webhook event, if the event carried one. */
export function selectIncomingMessage(db: D1Database, webhookEventId: string): D1PreparedStatement {
  return db.prepare('SELECT id FROM messages WHERE webhook_event_id = ?1').bind(webhookEventId);
}

/** Records what the bot is about to send (status `pending`), before it is sent. */
export function insertOutgoing(db: D1Database, record: OutgoingRecord, now = Date.now()): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO messages (conversation_id, user_id, direction, sender, kind, text, payload, language, decision, entry_id, score, reply_to, status, retry_key, created_at)
       VALUES (?1, ?2, 'outgoing', 'bot', ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'pending', ?11, ?12) RETURNING id`,
    )
    .bind(
      record.conversationId,
      record.userId,
      record.kind ?? 'text',
      messagesText(record.messages),
      JSON.stringify(record.messages),
      record.language,
      record.decision ?? null,
      record.entryId ?? null,
      record.score ?? null,
      record.replyTo ?? null,
      record.retryKey,
      now,
    );
}

/** Records how a send went: `sent` with the route taken, or `failed` with LINE's error. */
export function recordDelivery(db: D1Database, messageId: number, result: SendResult): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE messages SET status = ?2, delivery_via = ?3, delivery_error = ?4, attempts = attempts + ?5, line_message_id = COALESCE(?6, line_message_id)
       WHERE id = ?1`,
    )
    .bind(
      messageId,
      result.ok ? 'sent' : 'failed',
      result.via,
      result.ok ? null : result.error,
      result.attempts,
      result.ok ? (result.sentMessageIds[0] ?? null) : null,
    );
}

/** Marks an incoming message as handled by the bot (or left for staff). */
export function markHandled(db: D1Database, messageId: number, language: string | undefined): D1PreparedStatement {
  return db.prepare(`UPDATE messages SET status = 'handled', language = COALESCE(?2, language) WHERE id = ?1`).bind(messageId, language ?? null);
}
