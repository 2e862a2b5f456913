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
  /** Who speaks: the bot (default) or a staff member (`staffId`). */
  sender?: 'bot' | 'staff';
  staffId?: number;
}

/** The incoming message row for a webhook event, if the event carried one. */
export function selectIncomingMessage(db: D1Database, webhookEventId: string): D1PreparedStatement {
  return db.prepare('SELECT id FROM messages WHERE webhook_event_id = ?1').bind(webhookEventId);
}

/** Records what the bot is about to send (status `pending`), before it is sent. */
export function insertOutgoing(db: D1Database, record: OutgoingRecord, now = Date.now()): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO messages (conversation_id, user_id, direction, sender, kind, text, payload, language, decision, entry_id, score, reply_to, status, retry_key, created_at, staff_id)
       VALUES (?1, ?2, 'outgoing', ?13, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'pending', ?11, ?12, ?14) RETURNING id`,
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
      record.sender ?? 'bot',
      record.staffId ?? null,
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

/** A staff member's private note: in the history for staff, never sent to the resident. */
export function insertNote(db: D1Database, note: { conversationId: number; userId: string; staffId: number; text: string }, now = Date.now()): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO messages (conversation_id, user_id, direction, sender, kind, text, status, private, staff_id, created_at)
       VALUES (?1, ?2, 'outgoing', 'staff', 'note', ?3, 'handled', 1, ?4, ?5) RETURNING id`,
    )
    .bind(note.conversationId, note.userId, note.text, note.staffId, now);
}

/**
 * The newest reply token staff may still use in a conversation: from a resident message the
 * bot did not answer (it stays quiet while a person owns the chat), received after `since`.
 */
export async function usableReplyToken(db: D1Database, conversationId: number, since: number): Promise<{ messageId: number; webhookEventId: string; replyToken: string } | undefined> {
  const row = await db
    .prepare(
      `SELECT m.id, e.webhook_event_id, e.reply_token FROM messages m JOIN webhook_events e ON e.webhook_event_id = m.webhook_event_id
       WHERE m.conversation_id = ?1 AND m.direction = 'incoming' AND e.reply_token IS NOT NULL AND e.timestamp > ?2
         AND NOT EXISTS (SELECT 1 FROM messages o WHERE o.reply_to = m.id AND o.direction = 'outgoing')
       ORDER BY m.id DESC LIMIT 1`,
    )
    .bind(conversationId, since)
    .first<{ id: number; webhook_event_id: string; reply_token: string }>();
  return row ? { messageId: row.id, webhookEventId: row.webhook_event_id, replyToken: row.reply_token } : undefined;
}

/** Takes a reply token for one use (tokens are single-use: a second taker gets false). */
export async function takeReplyToken(db: D1Database, webhookEventId: string, replyToken: string): Promise<boolean> {
  const row = await db
    .prepare('UPDATE webhook_events SET reply_token = NULL WHERE webhook_event_id = ?1 AND reply_token = ?2 RETURNING webhook_event_id')
    .bind(webhookEventId, replyToken)
    .first();
  return !!row;
}
