/** What the staff console reads: the queue and a resident's whole history. */
import type { ConversationStatus } from './conversations';

export type QueueFilter = 'waiting' | 'mine' | 'all' | 'resolved';

export interface QueueItem {
  id: number;
  userId: string;
  status: ConversationStatus;
  displayName: string | null;
  language: string | null;
  assignee: { id: number; displayName: string } | null;
  handoffReason: string | null;
  waitingSince: number | null;
  resolvedAt: number | null;
  rating: number | null;
  updatedAt: number;
  lastMessage: { text: string | null; kind: string; direction: string; sender: string; at: number } | null;
  unread: number;
}

interface QueueRow {
  id: number;
  user_id: string;
  status: ConversationStatus;
  display_name: string | null;
  language: string | null;
  assignee_id: number | null;
  assignee_name: string | null;
  handoff_reason: string | null;
  waiting_since: number | null;
  resolved_at: number | null;
  rating: number | null;
  updated_at: number;
  last_text: string | null;
  last_kind: string | null;
  last_direction: string | null;
  last_sender: string | null;
  last_at: number | null;
  unread: number;
}

const FILTERS: Record<QueueFilter, { where: string; order: string }> = {
  waiting: { where: `c.status = 'open' AND c.assignee_id IS NULL`, order: 'c.waiting_since ASC' },
  mine: { where: `c.status = 'open' AND c.assignee_id = ?1`, order: 'c.waiting_since ASC' },
  all: { where: `c.status != 'resolved'`, order: `CASE c.status WHEN 'open' THEN 0 ELSE 1 END, c.updated_at DESC` },
  resolved: { where: `c.status = 'resolved'`, order: 'c.resolved_at DESC' },
};

/** The queue for one staff member: waiting (nobody has it), mine, all active, or resolved. */
export async function listQueue(db: D1Database, staffId: number, filter: QueueFilter, limit = 200): Promise<QueueItem[]> {
  const { where, order } = FILTERS[filter];
  const { results } = await db
    .prepare(
      `SELECT c.id, c.user_id, c.status, r.display_name, r.language, c.assignee_id, s.display_name AS assignee_name,
              c.handoff_reason, c.waiting_since, c.resolved_at, c.rating, c.updated_at,
              m.text AS last_text, m.kind AS last_kind, m.direction AS last_direction, m.sender AS last_sender, m.created_at AS last_at,
              -- Unread only counts where a person is needed: the bot reads the rest.
              CASE WHEN c.status = 'open' THEN (SELECT COUNT(*) FROM messages u WHERE u.conversation_id = c.id AND u.direction = 'incoming'
                 AND u.id > COALESCE((SELECT last_read_id FROM conversation_reads WHERE conversation_id = c.id AND staff_id = ?1), 0)) ELSE 0 END AS unread
       FROM conversations c
       JOIN residents r ON r.user_id = c.user_id
       LEFT JOIN staff s ON s.id = c.assignee_id
       LEFT JOIN messages m ON m.id = (SELECT MAX(id) FROM messages WHERE conversation_id = c.id AND private = 0 AND direction != 'activity')
       WHERE ${where}
       ORDER BY ${order}
       LIMIT ?2`,
    )
    .bind(staffId, limit)
    .all<QueueRow>();
  return results.map(rowToQueueItem);
}

function rowToQueueItem(row: QueueRow): QueueItem {
  return {
    id: row.id,
    userId: row.user_id,
    status: row.status,
    displayName: row.display_name,
    language: row.language,
    assignee: row.assignee_id === null ? null : { id: row.assignee_id, displayName: row.assignee_name ?? '' },
    handoffReason: row.handoff_reason,
    waitingSince: row.waiting_since,
    resolvedAt: row.resolved_at,
    rating: row.rating,
    updatedAt: row.updated_at,
    lastMessage:
      row.last_at === null
        ? null
        : { text: row.last_text, kind: row.last_kind!, direction: row.last_direction!, sender: row.last_sender!, at: row.last_at },
    unread: row.unread,
  };
}

/** One conversation as the queue shows it, for any staff member's view. */
export async function queueItem(db: D1Database, staffId: number, conversationId: number): Promise<QueueItem | undefined> {
  const { results } = await db
    .prepare(
      `SELECT c.id, c.user_id, c.status, r.display_name, r.language, c.assignee_id, s.display_name AS assignee_name,
              c.handoff_reason, c.waiting_since, c.resolved_at, c.rating, c.updated_at,
              NULL AS last_text, NULL AS last_kind, NULL AS last_direction, NULL AS last_sender, NULL AS last_at,
              -- Unread only counts where a person is needed: the bot reads the rest.
              CASE WHEN c.status = 'open' THEN (SELECT COUNT(*) FROM messages u WHERE u.conversation_id = c.id AND u.direction = 'incoming'
                 AND u.id > COALESCE((SELECT last_read_id FROM conversation_reads WHERE conversation_id = c.id AND staff_id = ?1), 0)) ELSE 0 END AS unread
       FROM conversations c JOIN residents r ON r.user_id = c.user_id LEFT JOIN staff s ON s.id = c.assignee_id
       WHERE c.id = ?2`,
    )
    .bind(staffId, conversationId)
    .all<QueueRow>();
  return results[0] ? rowToQueueItem(results[0]) : undefined;
}

export interface HistoryMessage {
  id: number;
  conversationId: number;
  direction: 'incoming' | 'outgoing' | 'activity';
  sender: 'resident' | 'bot' | 'staff' | 'system';
  kind: string;
  text: string | null;
  private: boolean;
  language: string | null;
  decision: string | null;
  entryId: string | null;
  score: number | null;
  status: string;
  deliveryVia: string | null;
  deliveryError: string | null;
  staff: { id: number; displayName: string } | null;
  /** Activity details ({ reason } or { to }) and, for stickers and locations, what LINE sent. */
  detail: Record<string, unknown> | null;
  media: { status: string; contentType: string | null; size: number | null; fileName: string | null } | null;
  createdAt: number;
}

interface HistoryRow {
  id: number;
  conversation_id: number;
  direction: HistoryMessage['direction'];
  sender: HistoryMessage['sender'];
  kind: string;
  text: string | null;
  payload: string | null;
  private: number;
  language: string | null;
  decision: string | null;
  entry_id: string | null;
  score: number | null;
  status: string;
  delivery_via: string | null;
  delivery_error: string | null;
  staff_id: number | null;
  staff_name: string | null;
  media_status: string | null;
  media_type: string | null;
  media_size: number | null;
  media_name: string | null;
  created_at: number;
}

/** Keeps only what the console shows of a message's payload (never the raw LINE request). */
function detailOf(row: HistoryRow): Record<string, unknown> | null {
  if (!row.payload) return null;
  try {
    const payload = JSON.parse(row.payload) as Record<string, unknown>;
    if (row.direction === 'activity') return payload;
    if (row.direction !== 'incoming') return null;
    switch (row.kind) {
      case 'location':
        return { title: payload.title ?? null, address: payload.address ?? null, latitude: payload.latitude, longitude: payload.longitude };
      case 'sticker':
        return { packageId: payload.packageId, stickerId: payload.stickerId, keywords: payload.keywords ?? null };
      case 'file':
        return { fileName: payload.fileName ?? null, fileSize: payload.fileSize ?? null };
      default:
        return null;
    }
  } catch {
    return null;
  }
}

/** A resident's whole history with Yorisoi (every conversation), oldest first, at most `limit` newest. */
export async function residentHistory(db: D1Database, userId: string, limit = 500): Promise<HistoryMessage[]> {
  const { results } = await db
    .prepare(
      `SELECT * FROM (
         SELECT m.id, m.conversation_id, m.direction, m.sender, m.kind, m.text, m.payload, m.private, m.language, m.decision, m.entry_id,
                m.score, m.status, m.delivery_via, m.delivery_error, m.staff_id, s.display_name AS staff_name,
                md.status AS media_status, md.content_type AS media_type, md.size AS media_size, md.file_name AS media_name, m.created_at
         FROM messages m LEFT JOIN staff s ON s.id = m.staff_id LEFT JOIN media md ON md.message_id = m.id
         WHERE m.user_id = ?1 ORDER BY m.id DESC LIMIT ?2
       ) ORDER BY id ASC`,
    )
    .bind(userId, limit)
    .all<HistoryRow>();
  return results.map((row) => ({
    id: row.id,
    conversationId: row.conversation_id,
    direction: row.direction,
    sender: row.sender,
    kind: row.kind,
    text: row.text,
    private: row.private === 1,
    language: row.language,
    decision: row.decision,
    entryId: row.entry_id,
    score: row.score,
    status: row.status,
    deliveryVia: row.delivery_via,
    deliveryError: row.delivery_error,
    staff: row.staff_id === null ? null : { id: row.staff_id, displayName: row.staff_name ?? '' },
    detail: detailOf(row),
    media: row.media_status === null ? null : { status: row.media_status, contentType: row.media_type, size: row.media_size, fileName: row.media_name },
    createdAt: row.created_at,
  }));
}

/** Marks a conversation read up to a message for one staff member (never moves backwards). */
export function markRead(db: D1Database, conversationId: number, staffId: number, lastReadId: number): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO conversation_reads (conversation_id, staff_id, last_read_id) VALUES (?1, ?2, ?3)
       ON CONFLICT (conversation_id, staff_id) DO UPDATE SET last_read_id = MAX(last_read_id, ?3)`,
    )
    .bind(conversationId, staffId, lastReadId);
}

export interface CannedReply {
  id: string;
  language: string;
  title: string;
  text: string;
  builtIn: boolean;
}

export async function listCustomCanned(db: D1Database, language: string): Promise<CannedReply[]> {
  const { results } = await db
    .prepare('SELECT id, language, title, text FROM canned_replies WHERE language = ?1 ORDER BY title')
    .bind(language)
    .all<{ id: number; language: string; title: string; text: string }>();
  return results.map((row) => ({ id: `custom:${row.id}`, language: row.language, title: row.title, text: row.text, builtIn: false }));
}

export function insertCanned(db: D1Database, reply: { language: string; title: string; text: string; staffId: number }, now = Date.now()): D1PreparedStatement {
  return db
    .prepare('INSERT INTO canned_replies (language, title, text, created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id')
    .bind(reply.language, reply.title, reply.text, reply.staffId, now);
}

export function deleteCanned(db: D1Database, id: number): D1PreparedStatement {
  return db.prepare('DELETE FROM canned_replies WHERE id = ?1 RETURNING id').bind(id);
}
