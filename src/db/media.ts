/**
 * Media residents sent (`media`) and its bytes (`media_chunks`), kept beyond LINE's content
 * expiry. docs/media.md describes the statuses.
 */
import type { MediaMessageFields } from '../media/message';
import { MEDIA_MAX_ATTEMPTS, MEDIA_MAX_BYTES, MEDIA_PENDING_GRACE_MS, MEDIA_RETRY_AFTER_MS } from '../media/limits';

export type MediaStatus = 'pending' | 'stored' | 'failed' | 'too_large' | 'external';

export interface Media {
  messageId: number;
  lineMessageId: string;
  status: MediaStatus;
  contentType: string | undefined;
  size: number | undefined;
  fileName: string | undefined;
  error: string | undefined;
  attempts: number;
  createdAt: number;
  storedAt: number | undefined;
  /** From the message row: image, video, audio or file. */
  kind: string;
  /** How many `media_chunks` rows hold the bytes. */
  chunks: number;
}

interface MediaRow {
  message_id: number;
  line_message_id: string;
  status: MediaStatus;
  content_type: string | null;
  size: number | null;
  file_name: string | null;
  error: string | null;
  attempts: number;
  created_at: number;
  stored_at: number | null;
  kind: string;
  chunks: number;
}

function rowToMedia(row: MediaRow): Media {
  return {
    messageId: row.message_id,
    lineMessageId: row.line_message_id,
    status: row.status,
    contentType: row.content_type ?? undefined,
    size: row.size ?? undefined,
    fileName: row.file_name ?? undefined,
    error: row.error ?? undefined,
    attempts: row.attempts,
    createdAt: row.created_at,
    storedAt: row.stored_at ?? undefined,
    kind: row.kind,
    chunks: row.chunks,
  };
}

export interface MediaMessageInput extends MediaMessageFields {
  /** The incoming `messages` row the media belongs to. */
  messageId: number;
}

/**
 * The statement that records a resident's media message: `pending` (to be fetched), `external`
 * (hosted by the sender, never fetched) or, for a file LINE says is over the cap, `too_large`.
 * A second record of the same message changes nothing.
 */
export function recordMediaMessage(db: D1Database, input: MediaMessageInput, now = Date.now()): D1PreparedStatement {
  const tooLarge = input.fileSize !== undefined && input.fileSize > MEDIA_MAX_BYTES;
  const status: MediaStatus = input.external ? 'external' : tooLarge ? 'too_large' : 'pending';
  // Only files have a name of their own; the others are named after their kind when downloaded.
  const fileName = input.kind === 'file' ? (input.fileName ?? null) : null;
  return db
    .prepare(
      `INSERT INTO media (message_id, line_message_id, status, size, file_name, created_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (message_id) DO NOTHING`,
    )
    .bind(input.messageId, input.lineMessageId, status, input.fileSize ?? null, fileName, now);
}

/** One media item with its message's kind and chunk count; undefined if there is none. */
export async function readMedia(db: D1Database, messageId: number): Promise<Media | undefined> {
  const row = await db
    .prepare(
      `SELECT m.*, msg.kind, (SELECT COUNT(*) FROM media_chunks c WHERE c.message_id = m.message_id) AS chunks
       FROM media m JOIN messages msg ON msg.id = m.message_id WHERE m.message_id = ?1`,
    )
    .bind(messageId)
    .first<MediaRow>();
  return row ? rowToMedia(row) : undefined;
}

/**
 * Counts an attempt and returns the LINE message id, if the item still needs fetching
 * (`pending` or `failed`). Counting before the download means a run that dies mid-way
 * still uses up an attempt.
 */
export async function claimMediaFetch(db: D1Database, messageId: number): Promise<{ lineMessageId: string; attempts: number } | undefined> {
  const row = await db
    .prepare(
      `UPDATE media SET attempts = attempts + 1 WHERE message_id = ?1 AND status IN ('pending', 'failed')
       RETURNING line_message_id, attempts`,
    )
    .bind(messageId)
    .first<{ line_message_id: string; attempts: number }>();
  return row ? { lineMessageId: row.line_message_id, attempts: row.attempts } : undefined;
}

/**
 * The statements that store the bytes, for one batch (one transaction): earlier chunks are
 * removed first, so a second run (or two at once) never leaves duplicates or stale pieces.
 */
export function storeMediaStatements(
  db: D1Database,
  messageId: number,
  chunks: Uint8Array[],
  contentType: string,
  size: number,
  now = Date.now(),
): D1PreparedStatement[] {
  return [
    db.prepare('DELETE FROM media_chunks WHERE message_id = ?1').bind(messageId),
    ...chunks.map((chunk, seq) => db.prepare('INSERT INTO media_chunks (message_id, seq, data) VALUES (?1, ?2, ?3)').bind(messageId, seq, chunk)),
    db
      .prepare(`UPDATE media SET status = 'stored', content_type = ?2, size = ?3, error = NULL, stored_at = ?4 WHERE message_id = ?1`)
      .bind(messageId, contentType, size, now),
  ];
}

/** Records a failed download (retried later) or content over the size cap (never retried). */
export function markMediaUnstored(
  db: D1Database,
  messageId: number,
  outcome: { status: 'failed'; error: string } | { status: 'too_large'; size: number },
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE media SET status = ?2, error = ?3, size = COALESCE(?4, size) WHERE message_id = ?1 AND status IN ('pending', 'failed')`,
    )
    .bind(messageId, outcome.status, outcome.status === 'failed' ? outcome.error : null, outcome.status === 'too_large' ? outcome.size : null);
}

/**
 * Media due for another download: `pending` for longer than the grace period (its background
 * fetch was lost), or `failed` with attempts left once its backoff has passed. Oldest first.
 */
export async function mediaDueForRetry(db: D1Database, limit: number, now = Date.now()): Promise<number[]> {
  const backoff = MEDIA_RETRY_AFTER_MS.map((ms, i) => `WHEN ${i + 1} THEN ${ms}`).join(' ');
  const { results } = await db
    .prepare(
      `SELECT message_id FROM media
       WHERE attempts < ?1 AND (
         (status = 'pending' AND created_at <= ?2 - ?3)
         OR (status = 'failed' AND created_at <= ?2 - CASE attempts ${backoff} ELSE ${MEDIA_RETRY_AFTER_MS.at(-1)} END)
       )
       ORDER BY created_at LIMIT ?4`,
    )
    .bind(MEDIA_MAX_ATTEMPTS, now, MEDIA_PENDING_GRACE_MS, limit)
    .all<{ message_id: number }>();
  return results.map((row) => row.message_id);
}

/** One piece of the stored bytes, or undefined past the last one. */
export async function readMediaChunk(db: D1Database, messageId: number, seq: number): Promise<unknown> {
  const row = await db.prepare('SELECT data FROM media_chunks WHERE message_id = ?1 AND seq = ?2').bind(messageId, seq).first<{ data: unknown }>();
  return row?.data;
}
