/**
 * The broadcast engine: the disaster notice to every following resident, in their language, by
 * multicast. All progress lives in D1 - one `broadcast_batches` row per request (one language,
 * at most 500 user ids, its own X-Line-Retry-Key) - so any runner can pick up where another
 * stopped: the admin's request starts one (waitUntil), the minute cron resumes whatever is
 * still pending, and an admin's "resume" puts failed batches back in the queue.
 *
 * A runner claims one due batch at a time with a lease (a single UPDATE ... RETURNING), so two
 * runners never send the same batch at once; if a runner dies mid-request the lease runs out
 * and the batch is tried again with the same retry key, which LINE answers 409 if the first
 * request got through - counted as sent, never delivered twice.
 */
import { textMessages, type LineMessage } from '../line/message-builder';
import { LANGUAGES, type Language } from '../i18n/languages';
import { judgeAttempt, MULTICAST_PACE_MS, planBatches, type PlannedBatch, type Recipient } from './batching';
import { multicastFromEnv, type MulticastSender } from './multicast';
import type { Notices } from './state';

export type BroadcastStatus = 'pending' | 'running' | 'paused' | 'done' | 'failed';

/** How long a claimed batch is held by its runner before another may try it (same retry key). */
export const BATCH_LEASE_MS = 60_000;
/** What a stopped batch says (disaster mode was switched off before it went out). */
export const STOPPED_ERROR = 'stopped: disaster mode was switched off before this batch was sent';

/** The messages one language's residents get: the notice as it is (short: one text message). */
export function broadcastMessages(notice: string): LineMessage[] {
  return textMessages(notice);
}

/** Every following resident and the language they are answered in. */
export async function followingRecipients(db: D1Database): Promise<Recipient[]> {
  const { results } = await db
    .prepare('SELECT user_id, language FROM residents WHERE following = 1 ORDER BY user_id')
    .all<{ user_id: string; language: string | null }>();
  return results.map((row) => ({ userId: row.user_id, language: row.language }));
}

export interface PlannedBroadcast {
  /** To run in the batch that records the admin's action; the first returns the new id. */
  statements: D1PreparedStatement[];
  total: number;
  batches: PlannedBatch[];
}

/**
 * The statements creating a broadcast of `notices` to these recipients: the broadcast row (its
 * id RETURNED by the first statement), then one pending batch per language and 500 residents,
 * each with its own retry key, fixed for every attempt.
 */
export function planBroadcast(db: D1Database, notices: Notices, recipients: readonly Recipient[], staffId: number | null, now = Date.now()): PlannedBroadcast {
  const batches = planBatches(recipients);
  const total = batches.reduce((sum, batch) => sum + batch.userIds.length, 0);
  const statements = [
    db
      .prepare(
        `INSERT INTO broadcasts (kind, notices, status, total, sent, failed, created_by, created_at, updated_at)
         VALUES ('disaster', ?1, ?2, ?3, 0, 0, ?4, ?5, ?5) RETURNING id`,
      )
      .bind(JSON.stringify(notices), total ? 'pending' : 'done', total, staffId, now),
    ...batches.map((batch) =>
      db
        .prepare(
          `INSERT INTO broadcast_batches (broadcast_id, language, user_ids, size, retry_key, status)
           VALUES ((SELECT MAX(id) FROM broadcasts), ?1, ?2, ?3, ?4, 'pending')`,
        )
        .bind(batch.language, JSON.stringify(batch.userIds), batch.userIds.length, crypto.randomUUID()),
    ),
  ];
  return { statements, total, batches };
}

/**
 * Recomputes a broadcast's counts and status from its batches (so they are right however many
 * runners wrote). `running` (or `paused`) while batches are pending; `done` when all were sent;
 * `failed` when some could not be (the counts say how many).
 */
function refreshBroadcast(db: D1Database, where: { id: number } | { unfinished: true }, whilePending: 'running' | 'paused', error: string | null, now: number): D1PreparedStatement {
  const filter = 'id' in where ? 'id = ?4' : `status IN ('pending', 'running', 'paused')`;
  const pending = `EXISTS (SELECT 1 FROM broadcast_batches b WHERE b.broadcast_id = broadcasts.id AND b.status = 'pending')`;
  const failed = `EXISTS (SELECT 1 FROM broadcast_batches b WHERE b.broadcast_id = broadcasts.id AND b.status = 'failed')`;
  return db
    .prepare(
      `UPDATE broadcasts SET
         sent = (SELECT COALESCE(SUM(size), 0) FROM broadcast_batches b WHERE b.broadcast_id = broadcasts.id AND b.status = 'sent'),
         failed = (SELECT COALESCE(SUM(size), 0) FROM broadcast_batches b WHERE b.broadcast_id = broadcasts.id AND b.status = 'failed'),
         status = CASE WHEN ${pending} THEN ?1 WHEN ${failed} THEN 'failed' ELSE 'done' END,
         error = CASE WHEN NOT ${pending} AND NOT ${failed} THEN NULL ELSE COALESCE(?2, error) END,
         updated_at = ?3
       WHERE ${filter}`,
    )
    .bind(whilePending, error, now, ...('id' in where ? [where.id] : []));
}

/** Switching disaster mode off stops what has not gone out yet: its notice is no longer true. */
export function stopUnsentBroadcasts(db: D1Database, now = Date.now()): D1PreparedStatement[] {
  return [
    db.prepare(`UPDATE broadcast_batches SET status = 'failed', error = ?1, next_attempt_at = NULL WHERE status = 'pending'`).bind(STOPPED_ERROR),
    refreshBroadcast(db, { unfinished: true }, 'running', STOPPED_ERROR, now),
  ];
}

/** An admin's "resume": failed batches go back in the queue (same retry keys), due now. */
export function resumeBroadcast(db: D1Database, id: number, now = Date.now()): D1PreparedStatement[] {
  return [
    db
      .prepare(`UPDATE broadcast_batches SET status = 'pending', attempts = 0, next_attempt_at = NULL, error = NULL WHERE broadcast_id = ?1 AND status = 'failed'`)
      .bind(id),
    refreshBroadcast(db, { id }, 'running', null, now),
  ];
}

interface ClaimedBatch {
  id: number;
  broadcast_id: number;
  language: Language;
  user_ids: string;
  size: number;
  retry_key: string;
  attempts: number;
}

/** Takes the oldest due batch and holds it for `leaseMs`, in one statement: no two runners get the same one. */
function claimNextBatch(db: D1Database, now: number, leaseMs: number): Promise<ClaimedBatch | null> {
  return db
    .prepare(
      `UPDATE broadcast_batches SET attempts = attempts + 1, next_attempt_at = ?1 + ?2
       WHERE status = 'pending' AND id = (
         SELECT id FROM broadcast_batches WHERE status = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= ?1) ORDER BY id LIMIT 1
       )
       RETURNING id, broadcast_id, language, user_ids, size, retry_key, attempts`,
    )
    .bind(now, leaseMs)
    .first<ClaimedBatch>();
}

export interface RunOptions {
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Stop claiming new batches after this long (waitUntil allows 30 s after the response). */
  budgetMs?: number;
  /** Least time between two requests. */
  paceMs?: number;
  /** Stop after this many requests (tests). */
  maxRequests?: number;
  leaseMs?: number;
}

export interface RunReport {
  requests: number;
  sent: number;
  retried: number;
  failed: number;
  /** Batches are still pending, the earliest due then (beyond this run's budget). */
  waitingUntil?: number;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Sends due batches, one request at a time and paced, until none is pending, the budget is spent
 * or `maxRequests` is reached. A 429 pauses the whole broadcast until LINE's Retry-After (else a
 * backoff); other retryable failures reschedule just that batch. Safe to run several at once.
 */
export async function runBroadcasts(db: D1Database, send: MulticastSender, options: RunOptions = {}): Promise<RunReport> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;
  const paceMs = options.paceMs ?? MULTICAST_PACE_MS;
  const deadline = now() + (options.budgetMs ?? REQUEST_BUDGET_MS);
  const notices = new Map<number, Notices>();
  const report: RunReport = { requests: 0, sent: 0, retried: 0, failed: 0 };
  let lastRequestAt = Number.NEGATIVE_INFINITY;

  while (options.maxRequests === undefined || report.requests < options.maxRequests) {
    const started = now();
    if (started >= deadline) break;
    const batch = await claimNextBatch(db, started, options.leaseMs ?? BATCH_LEASE_MS);
    if (!batch) {
      const next = await db.prepare(`SELECT MIN(COALESCE(next_attempt_at, 0)) AS at FROM broadcast_batches WHERE status = 'pending'`).first<{ at: number | null }>();
      if (next?.at === null || next?.at === undefined) break;
      report.waitingUntil = next.at;
      if (next.at >= deadline) break;
      await sleep(Math.max(10, next.at - started));
      continue;
    }
    report.waitingUntil = undefined;
    if (!notices.has(batch.broadcast_id)) {
      const row = await db.prepare('SELECT notices FROM broadcasts WHERE id = ?1').bind(batch.broadcast_id).first<{ notices: string }>();
      notices.set(batch.broadcast_id, JSON.parse(row!.notices) as Notices);
    }
    const wait = lastRequestAt + paceMs - now();
    if (wait > 0) await sleep(wait);
    lastRequestAt = now();
    const outcome = await send(JSON.parse(batch.user_ids) as string[], broadcastMessages(notices.get(batch.broadcast_id)![batch.language]), batch.retry_key);
    report.requests++;
    const at = now();
    const verdict = judgeAttempt(outcome, batch.attempts);
    switch (verdict.kind) {
      case 'sent':
        report.sent++;
        await db.batch([
          db.prepare(`UPDATE broadcast_batches SET status = 'sent', sent_at = ?2, error = NULL, next_attempt_at = NULL WHERE id = ?1`).bind(batch.id, at),
          refreshBroadcast(db, { id: batch.broadcast_id }, 'running', null, at),
        ]);
        break;
      case 'retry': {
        report.retried++;
        const retryAt = at + verdict.delayMs;
        const error = `${outcome.ok ? '' : outcome.error}; next try at ${new Date(retryAt).toISOString()}`;
        await db.batch([
          db.prepare(`UPDATE broadcast_batches SET next_attempt_at = ?2, error = ?3 WHERE id = ?1 AND status = 'pending'`).bind(batch.id, retryAt, error),
          // LINE's rate limit is per channel: every batch of the broadcast waits, not just this one.
          ...(verdict.rateLimited
            ? [
                db
                  .prepare(`UPDATE broadcast_batches SET next_attempt_at = MAX(COALESCE(next_attempt_at, 0), ?2) WHERE broadcast_id = ?1 AND status = 'pending'`)
                  .bind(batch.broadcast_id, retryAt),
              ]
            : []),
          refreshBroadcast(db, { id: batch.broadcast_id }, verdict.rateLimited ? 'paused' : 'running', error, at),
        ]);
        break;
      }
      case 'failed':
        report.failed++;
        console.error('broadcast batch failed', { batchId: batch.id, error: verdict.error });
        await db.batch([
          db.prepare(`UPDATE broadcast_batches SET status = 'failed', error = ?2, next_attempt_at = NULL WHERE id = ?1 AND status = 'pending'`).bind(batch.id, verdict.error),
          refreshBroadcast(db, { id: batch.broadcast_id }, 'running', verdict.error, at),
        ]);
        break;
    }
  }
  return report;
}

/** How long the minute cron keeps sending: less than a minute, so one run rarely meets the next. */
export const CRON_BUDGET_MS = 50_000;
/** How long a run started by an admin's request keeps sending (waitUntil allows 30 s after the response). */
export const REQUEST_BUDGET_MS = 25_000;

/**
 * Sends whatever is due: started by an admin's request, and by the minute cron, which resumes
 * paused and interrupted broadcasts. Costs one query when nothing is pending.
 */
export function resumeBroadcasts(env: Pick<Env, 'DB' | 'LINE_CHANNEL_ACCESS_TOKEN' | 'LINE_API_BASE'>, options: RunOptions = {}): Promise<RunReport> {
  return runBroadcasts(env.DB, multicastFromEnv(env), { budgetMs: CRON_BUDGET_MS, ...options });
}

export interface LanguageProgress {
  language: string;
  total: number;
  sent: number;
  failed: number;
  pending: number;
  batches: number;
}

export interface BroadcastProgress {
  id: number;
  status: BroadcastStatus;
  total: number;
  sent: number;
  failed: number;
  pending: number;
  batches: number;
  error: string | null;
  /** The earliest time a waiting batch is tried again. */
  nextAttemptAt: number | null;
  createdBy: { id: number; displayName: string } | null;
  createdAt: number;
  updatedAt: number;
  languages: LanguageProgress[];
}

/** A broadcast's progress (the latest one when no id is given); undefined if there is none. */
export async function broadcastProgress(db: D1Database, id?: number): Promise<BroadcastProgress | undefined> {
  const row = await db
    .prepare(
      `SELECT b.id, b.status, b.total, b.sent, b.failed, b.error, b.created_by, s.display_name, b.created_at, b.updated_at
       FROM broadcasts b LEFT JOIN staff s ON s.id = b.created_by
       WHERE (?1 IS NULL OR b.id = ?1) ORDER BY b.id DESC LIMIT 1`,
    )
    .bind(id ?? null)
    .first<{ id: number; status: BroadcastStatus; total: number; sent: number; failed: number; error: string | null; created_by: number | null; display_name: string | null; created_at: number; updated_at: number }>();
  if (!row) return undefined;
  const [groups, next] = await db.batch<Record<string, unknown>>([
    db
      .prepare(`SELECT language, status, COUNT(*) AS batches, SUM(size) AS users FROM broadcast_batches WHERE broadcast_id = ?1 GROUP BY language, status`)
      .bind(row.id),
    db.prepare(`SELECT MIN(next_attempt_at) AS at FROM broadcast_batches WHERE broadcast_id = ?1 AND status = 'pending'`).bind(row.id),
  ]);
  const languages = new Map<string, LanguageProgress>();
  for (const group of groups.results as Array<{ language: string; status: 'pending' | 'sent' | 'failed'; batches: number; users: number }>) {
    const entry = languages.get(group.language) ?? { language: group.language, total: 0, sent: 0, failed: 0, pending: 0, batches: 0 };
    entry.total += group.users;
    entry.batches += group.batches;
    entry[group.status] += group.users;
    languages.set(group.language, entry);
  }
  const order = (code: string) => (LANGUAGES as readonly string[]).indexOf(code);
  const list = [...languages.values()].sort((a, b) => order(a.language) - order(b.language));
  return {
    id: row.id,
    status: row.status,
    total: row.total,
    sent: row.sent,
    failed: row.failed,
    pending: list.reduce((sum, entry) => sum + entry.pending, 0),
    batches: list.reduce((sum, entry) => sum + entry.batches, 0),
    error: row.error,
    nextAttemptAt: (next.results[0] as { at: number | null } | undefined)?.at ?? null,
    createdBy: row.created_by === null ? null : { id: row.created_by, displayName: row.display_name ?? '' },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    languages: list,
  };
}
