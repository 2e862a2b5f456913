/**
 * The analytics' figures from D1, for a range of time: grouped queries (one batch, one round
 * trip), days bucketed in Japan time in SQL (`(created_at + 32400000) / 86400000`, see
 * src/admin/analytics/period.ts). Messages are found by `messages_time` (created_at).
 */
import type { Activity } from '../admin/analytics/stats';

export interface AnalyticsRange {
  from: number;
  to: number;
}

/** How many of something on one Tokyo day (day number) for one key (a language, a decision). */
export interface DayCount {
  day: number;
  key: string;
  count: number;
}

export interface UnansweredRow {
  id: number;
  text: string;
  language: string | null;
  status: 'new' | 'dismissed' | 'resolved';
  createdAt: number;
}

export interface AnalyticsRows {
  /** Residents' messages (anything they sent, taps included) per day and language. */
  messages: DayCount[];
  /** The bot's replies per day and decision (answer, clarify, fallback, human). */
  decisions: DayCount[];
  /** Residents who wrote at least once. */
  residents: number;
  /** Answers per entry, most answered first. */
  answers: Array<{ entryId: string; count: number }>;
  /** Ratings per entry. */
  feedback: Array<{ entryId: string; helpful: number; total: number }>;
  /** What the bot could not answer (the newest `UNANSWERED_LIMIT`). */
  unanswered: UnansweredRow[];
  /** Handoff activity rows of conversations with any in the range, up to its end, in order. */
  activities: Activity[];
  /** Consultations resolved by staff, and the residents' ratings of them. */
  ratings: { resolved: number; good: number; bad: number };
}

/** Fallbacks read for the "top unanswered" groups: plenty for a top ten, cheap to group. */
export const UNANSWERED_LIMIT = 2000;
const TOP_ENTRIES = 10;

const DAY = `(created_at + 32400000) / 86400000`;

/** Everything the analytics page shows, for one range, in one batch. */
export async function loadAnalytics(db: D1Database, range: AnalyticsRange): Promise<AnalyticsRows> {
  const { from, to } = range;
  const [messages, decisions, residents, answers, feedback, unanswered, activities, ratings] = await db.batch<Record<string, unknown>>([
    db
      .prepare(
        `SELECT (m.created_at + 32400000) / 86400000 AS day, COALESCE(m.language, r.language, 'unknown') AS key, COUNT(*) AS count
         FROM messages m LEFT JOIN residents r ON r.user_id = m.user_id
         WHERE m.created_at >= ?1 AND m.created_at < ?2 AND m.direction = 'incoming'
         GROUP BY day, key ORDER BY day, key`,
      )
      .bind(from, to),
    db
      .prepare(
        `SELECT ${DAY} AS day, decision AS key, COUNT(*) AS count FROM messages
         WHERE created_at >= ?1 AND created_at < ?2 AND direction = 'outgoing' AND sender = 'bot' AND decision IS NOT NULL
         GROUP BY day, key ORDER BY day, key`,
      )
      .bind(from, to),
    db
      .prepare(`SELECT COUNT(DISTINCT user_id) AS count FROM messages WHERE created_at >= ?1 AND created_at < ?2 AND direction = 'incoming'`)
      .bind(from, to),
    db
      .prepare(
        `SELECT entry_id AS entryId, COUNT(*) AS count FROM messages
         WHERE created_at >= ?1 AND created_at < ?2 AND direction = 'outgoing' AND sender = 'bot' AND decision = 'answer' AND entry_id IS NOT NULL
         GROUP BY entry_id ORDER BY count DESC, entry_id LIMIT ?3`,
      )
      .bind(from, to, TOP_ENTRIES),
    db
      .prepare(
        `SELECT entry_id AS entryId, SUM(helpful) AS helpful, COUNT(*) AS total FROM feedback
         WHERE created_at >= ?1 AND created_at < ?2 GROUP BY entry_id ORDER BY total DESC, entry_id`,
      )
      .bind(from, to),
    db
      .prepare(
        `SELECT id, text, language, status, created_at AS createdAt FROM unanswered_queries
         WHERE created_at >= ?1 AND created_at < ?2 ORDER BY created_at DESC, id DESC LIMIT ?3`,
      )
      .bind(from, to, UNANSWERED_LIMIT),
    db
      .prepare(
        `SELECT conversation_id AS conversationId, kind, created_at AS at FROM messages
         WHERE direction = 'activity' AND created_at < ?2 AND conversation_id IN (
           SELECT DISTINCT conversation_id FROM messages WHERE created_at >= ?1 AND created_at < ?2 AND direction = 'activity')
         ORDER BY conversation_id, id`,
      )
      .bind(from, to),
    db
      .prepare(
        `SELECT COUNT(*) AS resolved, COALESCE(SUM(rating = 1), 0) AS good, COALESCE(SUM(rating = 0), 0) AS bad
         FROM conversations WHERE resolved_at >= ?1 AND resolved_at < ?2`,
      )
      .bind(from, to),
  ]);
  return {
    messages: messages.results as unknown as DayCount[],
    decisions: decisions.results as unknown as DayCount[],
    residents: Number(residents.results[0]?.count ?? 0),
    answers: answers.results as unknown as AnalyticsRows['answers'],
    feedback: feedback.results as unknown as AnalyticsRows['feedback'],
    unanswered: unanswered.results as unknown as UnansweredRow[],
    activities: activities.results as unknown as Activity[],
    ratings: ratings.results[0] as unknown as AnalyticsRows['ratings'],
  };
}
