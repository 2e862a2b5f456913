/**
 * The admin's review queue in D1: fallbacks (`unanswered_queries`, status `new`) and answers
 * rated "not helpful" (`feedback`, helpful 0, review_status `new`), and the admin's decision on
 * them (dismissed, or resolved with the entry that now covers them). See docs/admin.md.
 */
import type { ItemRef, QueueItem, ReviewSource } from '../admin/review/groups';

/** The newest open items read per source: the queue a person can work through in one sitting. */
export const QUEUE_LIMIT = 1000;

export interface QueueFilter {
  language?: string;
  source?: ReviewSource;
  limit?: number;
}

export type ReviewStatus = 'new' | 'dismissed' | 'resolved';

interface UnansweredRow {
  id: number;
  text: string;
  language: string | null;
  top_entry_id: string | null;
  top_score: number | null;
  status: ReviewStatus;
  created_at: number;
}

interface FeedbackRow {
  id: number;
  text: string | null;
  language: string | null;
  entry_id: string;
  status: ReviewStatus;
  created_at: number;
}

function rowToUnanswered(row: UnansweredRow): QueueItem {
  return { source: 'unanswered', id: row.id, text: row.text, language: row.language, createdAt: row.created_at, topEntryId: row.top_entry_id, topScore: row.top_score };
}

function rowToFeedback(row: FeedbackRow): QueueItem {
  return { source: 'feedback', id: row.id, text: row.text ?? '', language: row.language, createdAt: row.created_at, ratedEntryId: row.entry_id };
}

const UNANSWERED_SELECT = `SELECT id, text, language, top_entry_id, top_score, status, created_at FROM unanswered_queries`;

/**
 * A rating with the resident's question: the incoming message the rated answer replied to, or,
 * when that was a tap on a "did you mean" choice (a postback, no text), the resident's last text
 * before it.
 */
const FEEDBACK_SELECT = `SELECT f.id, f.entry_id, f.helpful, f.review_status AS status, f.created_at,
    COALESCE(q.language, f.language) AS language,
    CASE WHEN q.kind = 'text' THEN q.text ELSE (
      SELECT t.text FROM messages t
      WHERE t.user_id = f.user_id AND t.direction = 'incoming' AND t.kind = 'text' AND t.id < a.reply_to
      ORDER BY t.id DESC LIMIT 1
    ) END AS text
  FROM feedback f
  LEFT JOIN messages a ON a.id = f.message_id
  LEFT JOIN messages q ON q.id = a.reply_to`;

/** The open items, newest first, per source at most `limit` (and whether there were more). */
export async function listOpenItems(db: D1Database, filter: QueueFilter = {}): Promise<{ items: QueueItem[]; truncated: boolean }> {
  const limit = filter.limit ?? QUEUE_LIMIT;
  const language = filter.language ?? null;
  const [unanswered, feedback] = await db.batch<UnansweredRow & FeedbackRow>([
    db
      .prepare(`${UNANSWERED_SELECT} WHERE status = 'new' AND (?1 IS NULL OR language = ?1) AND ?3 ORDER BY created_at DESC, id DESC LIMIT ?2`)
      .bind(language, limit + 1, filter.source === 'feedback' ? 0 : 1),
    db
      .prepare(
        `SELECT * FROM (${FEEDBACK_SELECT} WHERE f.helpful = 0 AND f.review_status = 'new' AND ?3)
         WHERE (?1 IS NULL OR language = ?1) ORDER BY created_at DESC, id DESC LIMIT ?2`,
      )
      .bind(language, limit + 1, filter.source === 'unanswered' ? 0 : 1),
  ]);
  const truncated = unanswered.results.length > limit || feedback.results.length > limit;
  return {
    items: [...unanswered.results.slice(0, limit).map(rowToUnanswered), ...feedback.results.slice(0, limit).map(rowToFeedback)],
    truncated,
  };
}

/** How many items are open per source (whatever the filter). */
export async function countOpen(db: D1Database): Promise<Record<ReviewSource, number>> {
  const row = await db
    .prepare(
      `SELECT (SELECT COUNT(*) FROM unanswered_queries WHERE status = 'new') AS unanswered,
              (SELECT COUNT(*) FROM feedback WHERE helpful = 0 AND review_status = 'new') AS feedback`,
    )
    .first<Record<ReviewSource, number>>();
  return { unanswered: row?.unanswered ?? 0, feedback: row?.feedback ?? 0 };
}

export interface ItemState extends ItemRef {
  status: ReviewStatus;
  text: string;
  language: string | null;
  /** The feedback row is no longer "not helpful" (the resident changed their tap). */
  helpful?: boolean;
}

const idsOf = (refs: ItemRef[], source: ReviewSource) => JSON.stringify(refs.filter((ref) => ref.source === source).map((ref) => ref.id));

/** The items as they are now (those that exist), for the decision and its audit row. */
export async function readItems(db: D1Database, refs: ItemRef[]): Promise<ItemState[]> {
  const [unanswered, feedback] = await db.batch<UnansweredRow & FeedbackRow & { helpful: number }>([
    db.prepare(`${UNANSWERED_SELECT} WHERE id IN (SELECT value FROM json_each(?1)) ORDER BY id`).bind(idsOf(refs, 'unanswered')),
    db.prepare(`${FEEDBACK_SELECT} WHERE f.id IN (SELECT value FROM json_each(?1)) ORDER BY f.id`).bind(idsOf(refs, 'feedback')),
  ]);
  return [
    ...unanswered.results.map((row) => ({ source: 'unanswered' as const, id: row.id, status: row.status, text: row.text, language: row.language })),
    ...feedback.results.map((row) => ({ source: 'feedback' as const, id: row.id, status: row.status, text: row.text ?? '', language: row.language, helpful: row.helpful === 1 })),
  ];
}

export interface ReviewDecision {
  status: 'dismissed' | 'resolved';
  /** The entry that now covers the items (resolved only). */
  entryId?: string;
  staffId: number;
}

/**
 * The statements that record a decision on open items (items already decided are left as they
 * are), one per source; each returns the ids it changed.
 */
export function decideItems(db: D1Database, refs: ItemRef[], decision: ReviewDecision, now = Date.now()): D1PreparedStatement[] {
  const entryId = decision.status === 'resolved' ? (decision.entryId ?? null) : null;
  return [
    db
      .prepare(
        `UPDATE unanswered_queries SET status = ?2, resolved_entry_id = ?3, reviewed_by = ?4, reviewed_at = ?5
         WHERE status = 'new' AND id IN (SELECT value FROM json_each(?1)) RETURNING id`,
      )
      .bind(idsOf(refs, 'unanswered'), decision.status, entryId, decision.staffId, now),
    db
      .prepare(
        `UPDATE feedback SET review_status = ?2, resolved_entry_id = ?3, reviewed_by = ?4, reviewed_at = ?5
         WHERE review_status = 'new' AND helpful = 0 AND id IN (SELECT value FROM json_each(?1)) RETURNING id`,
      )
      .bind(idsOf(refs, 'feedback'), decision.status, entryId, decision.staffId, now),
  ];
}
