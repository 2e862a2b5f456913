/** Inbound webhook events: stored (with the resident's message) before LINE gets its 200. */
import { chatIdOf, type ParsedEvent } from '../line/events';
import { ensureActiveConversation } from './conversations';
import { ensureResident } from './residents';

export interface StoredEvent {
  webhookEventId: string;
  chatId: string;
  type: string;
  timestamp: number;
  replyToken: string | undefined;
  payload: unknown;
  attempts: number;
}

interface WebhookEventRow {
  webhook_event_id: string;
  chat_id: string;
  type: string;
  timestamp: number;
  reply_token: string | null;
  payload: string;
  attempts: number;
}

function rowToStoredEvent(row: WebhookEventRow): StoredEvent {
  return {
    webhookEventId: row.webhook_event_id,
    chatId: row.chat_id,
    type: row.type,
    timestamp: row.timestamp,
    replyToken: row.reply_token ?? undefined,
    payload: JSON.parse(row.payload),
    attempts: row.attempts,
  };
}

/**
 * Stores events in one transaction: the raw event (deduplicated on webhookEventId), and for a
 * resident's message also the resident, an active conversation and the incoming message row,
 * so staff can see it even if answering fails. Returns the chats that have new events.
 */
export async function storeWebhookEvents(db: D1Database, events: ParsedEvent[], now = Date.now()): Promise<string[]> {
  const statements: D1PreparedStatement[] = [];
  const chats = new Set<string>();
  for (const parsed of events) {
    const base = parsed.ok ? parsed.event : parsed.base;
    if (!base) continue; // No id and no source: nothing to attach it to (logged by the caller).
    const chatId = chatIdOf(base.source);
    chats.add(chatId);
    statements.push(
      db
        .prepare(
          `INSERT INTO webhook_events (webhook_event_id, chat_id, type, timestamp, reply_token, payload, status, received_at)
           VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (webhook_event_id) DO NOTHING`,
        )
        .bind(
          base.webhookEventId,
          chatId,
          base.type,
          base.timestamp,
          base.replyToken ?? null,
          JSON.stringify(parsed.raw),
          parsed.ok ? 'received' : 'processed',
          now,
        ),
    );
    if (!parsed.ok || base.source.type !== 'user') continue;
    const event = parsed.event;
    if (event.type !== 'message' && event.type !== 'postback') continue;
    statements.push(
      ensureResident(db, chatId, now),
      ensureActiveConversation(db, chatId, now),
      db
        .prepare(
          `INSERT INTO messages (conversation_id, user_id, direction, sender, kind, text, payload, webhook_event_id, line_message_id, status, created_at)
           VALUES ((SELECT id FROM conversations WHERE user_id = ?1 AND status != 'resolved'), ?1, 'incoming', 'resident', ?2, ?3, ?4, ?5, ?6, 'received', ?7)
           ON CONFLICT (webhook_event_id) DO NOTHING`,
        )
        .bind(
          chatId,
          event.type === 'message' ? event.message.type : 'postback',
          event.type === 'message' && event.message.type === 'text' ? event.message.text : null,
          JSON.stringify(event.type === 'message' ? event.message : event.postback),
          event.webhookEventId,
          event.type === 'message' ? event.message.id : null,
          now,
        ),
    );
  }
  if (statements.length) await db.batch(statements);
  return [...chats];
}

/** The chat's events still waiting to be handled, oldest first. */
export async function pendingEvents(db: D1Database, chatId: string, limit = 20): Promise<StoredEvent[]> {
  const { results } = await db
    .prepare(
      `SELECT webhook_event_id, chat_id, type, timestamp, reply_token, payload, attempts FROM webhook_events
       WHERE chat_id = ?1 AND status = 'received' ORDER BY timestamp, rowid LIMIT ?2`,
    )
    .bind(chatId, limit)
    .all<WebhookEventRow>();
  return results.map(rowToStoredEvent);
}

/** Marks an event handled, or records why handling failed (it is retried up to `maxAttempts`). */
export function finishEvent(db: D1Database, id: string, error?: string, maxAttempts = 3, now = Date.now()): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE webhook_events SET attempts = attempts + 1, processed_at = ?2, error = ?3,
         status = CASE WHEN ?3 IS NULL THEN 'processed' WHEN attempts + 1 >= ?4 THEN 'failed' ELSE 'received' END
       WHERE webhook_event_id = ?1`,
    )
    .bind(id, now, error ?? null, maxAttempts);
}

/** Chats with events still waiting after `olderThanMs` (a drain that never ran or died). */
export async function stalledChats(db: D1Database, olderThanMs: number, limit = 50, now = Date.now()): Promise<string[]> {
  const { results } = await db
    .prepare(`SELECT DISTINCT chat_id FROM webhook_events WHERE status = 'received' AND received_at < ?1 LIMIT ?2`)
    .bind(now - olderThanMs, limit)
    .all<{ chat_id: string }>();
  return results.map((row) => row.chat_id);
}
