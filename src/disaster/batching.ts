/**
 * The broadcast's pure rules: who goes in which multicast request, and what to do when LINE
 * refuses one. https://developers.line.biz/en/reference/messaging-api/#send-multicast-message
 */
import { DEFAULT_LANGUAGE, isLanguage, LANGUAGES, type Language } from '../i18n/languages';
import { MAX_MULTICAST_RECIPIENTS } from '../line/limits';

export { MAX_MULTICAST_RECIPIENTS };

/**
 * The least time between two multicast requests of one runner: at most 10 a second, far below
 * LINE's rate limit for multicast, so a broadcast never crowds out the bot's own replies and pushes.
 */
export const MULTICAST_PACE_MS = 100;

/** Attempts per batch before it counts as failed (an admin can resume it). */
export const MAX_BATCH_ATTEMPTS = 8;
/** Backoff after the first failed attempt, doubled each time up to the cap, when LINE gives no Retry-After. */
export const BACKOFF_BASE_MS = 2_000;
export const BACKOFF_CAP_MS = 5 * 60_000;
/** A Retry-After longer than this is read as this: a broadcast waits, it does not sleep for a day. */
export const RETRY_AFTER_CAP_MS = 60 * 60_000;

export interface Recipient {
  userId: string;
  /** residents.language; NULL (never looked up) or unknown codes get the default language. */
  language: string | null;
}

export interface PlannedBatch {
  language: Language;
  userIds: string[];
}

/**
 * Groups recipients by language (in LANGUAGES order) and cuts each group into multicast
 * requests of at most `max` user ids. Each user id appears once, in one batch.
 */
export function planBatches(recipients: readonly Recipient[], max = MAX_MULTICAST_RECIPIENTS): PlannedBatch[] {
  const byLanguage = new Map<Language, string[]>();
  const seen = new Set<string>();
  for (const { userId, language } of recipients) {
    if (seen.has(userId)) continue;
    seen.add(userId);
    const lang = isLanguage(language) ? language : DEFAULT_LANGUAGE;
    const group = byLanguage.get(lang) ?? [];
    group.push(userId);
    byLanguage.set(lang, group);
  }
  const batches: PlannedBatch[] = [];
  for (const lang of LANGUAGES) {
    const group = byLanguage.get(lang) ?? [];
    for (let i = 0; i < group.length; i += max) batches.push({ language: lang, userIds: group.slice(i, i + max) });
  }
  return batches;
}

/** What LINE said to one multicast request. */
export type MulticastOutcome =
  | { ok: true; /** 409 for a retry key LINE had already accepted: sent on an earlier attempt. */ duplicate: boolean }
  | { ok: false; status: number; error: string; retryAfterMs?: number };

export type BatchVerdict = { kind: 'sent' } | { kind: 'retry'; delayMs: number; rateLimited: boolean } | { kind: 'failed'; error: string };

/**
 * What becomes of a batch after an attempt (`attempts` counts it). Rate limits (429), LINE's
 * errors (5xx) and network failures (status 0) are retried after LINE's Retry-After, else an
 * exponential backoff; anything else (400 a bad request, 401/403 the token) will not get better
 * by repeating it and fails the batch at once.
 */
export function judgeAttempt(outcome: MulticastOutcome, attempts: number): BatchVerdict {
  if (outcome.ok) return { kind: 'sent' };
  const retryable = outcome.status === 0 || outcome.status === 429 || outcome.status >= 500;
  if (!retryable || attempts >= MAX_BATCH_ATTEMPTS) return { kind: 'failed', error: outcome.error };
  const backoff = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
  return { kind: 'retry', delayMs: outcome.retryAfterMs ?? backoff, rateLimited: outcome.status === 429 };
}

/**
 * A Retry-After header in milliseconds: delta-seconds or an HTTP date (RFC 9110 10.2.3);
 * undefined when absent or unreadable, capped at RETRY_AFTER_CAP_MS.
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  const ms = /^\d+$/.test(trimmed) ? Number(trimmed) * 1000 : Date.parse(trimmed) - now;
  if (!Number.isFinite(ms)) return undefined;
  return Math.min(RETRY_AFTER_CAP_MS, Math.max(0, ms));
}
