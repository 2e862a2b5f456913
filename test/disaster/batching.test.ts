import { describe, expect, it } from 'vitest';
import {
  BACKOFF_BASE_MS,
  BACKOFF_CAP_MS,
  judgeAttempt,
  MAX_BATCH_ATTEMPTS,
  MAX_MULTICAST_RECIPIENTS,
  parseRetryAfter,
  planBatches,
  RETRY_AFTER_CAP_MS,
} from '../../src/disaster/batching';

const residents = (count: number, language: string | null, prefix = language ?? 'x') =>
  Array.from({ length: count }, (_, i) => ({ userId: `U${prefix}${String(i).padStart(5, '0')}`, language }));

describe('planning a broadcast', () => {
  it('groups residents by language and cuts each group into multicasts of at most 500', () => {
    const batches = planBatches([...residents(700, 'vi'), ...residents(403, 'ne'), ...residents(100, 'en')]);
    expect(batches.map((b) => [b.language, b.userIds.length])).toEqual([
      ['en', 100],
      ['vi', 500],
      ['vi', 200],
      ['ne', 403],
    ]);
    expect(MAX_MULTICAST_RECIPIENTS).toBe(500);
  });

  it('puts every resident in exactly one batch, in their own language', () => {
    const all = [...residents(1203, 'zh-Hant'), ...residents(20, 'tl')];
    const batches = planBatches(all);
    const seen = batches.flatMap((b) => b.userIds);
    expect(seen).toHaveLength(all.length);
    expect(new Set(seen).size).toBe(all.length);
    for (const batch of batches) {
      expect(batch.userIds.length).toBeLessThanOrEqual(500);
      for (const id of batch.userIds) expect(all.find((r) => r.userId === id)!.language).toBe(batch.language);
    }
  });

  it('sends residents of unknown language in English, and each user id once', () => {
    const batches = planBatches([...residents(2, null, 'n'), { userId: 'Ux', language: 'pt' }, { userId: 'Ux', language: 'pt' }]);
    expect(batches).toEqual([{ language: 'en', userIds: ['Un00000', 'Un00001', 'Ux'] }]);
  });

  it('plans nothing for nobody', () => {
    expect(planBatches([])).toEqual([]);
  });
});

describe('judging a multicast attempt', () => {
  it('counts a 200, and a 409 for an accepted retry key, as sent', () => {
    expect(judgeAttempt({ ok: true, duplicate: false }, 1)).toEqual({ kind: 'sent' });
    expect(judgeAttempt({ ok: true, duplicate: true }, 3)).toEqual({ kind: 'sent' });
  });

  it('waits as long as LINE’s Retry-After says on a 429, pausing as a rate limit', () => {
    expect(judgeAttempt({ ok: false, status: 429, error: '429', retryAfterMs: 7000 }, 1)).toEqual({ kind: 'retry', delayMs: 7000, rateLimited: true });
  });

  it('backs off exponentially without a Retry-After, up to the cap', () => {
    expect(judgeAttempt({ ok: false, status: 429, error: '429' }, 1)).toEqual({ kind: 'retry', delayMs: BACKOFF_BASE_MS, rateLimited: true });
    expect(judgeAttempt({ ok: false, status: 503, error: '503' }, 3)).toEqual({ kind: 'retry', delayMs: BACKOFF_BASE_MS * 4, rateLimited: false });
    expect(judgeAttempt({ ok: false, status: 0, error: 'network' }, MAX_BATCH_ATTEMPTS - 1)).toMatchObject({ kind: 'retry' });
    const late = judgeAttempt({ ok: false, status: 500, error: '500' }, MAX_BATCH_ATTEMPTS - 1);
    expect(late.kind === 'retry' && late.delayMs).toBeLessThanOrEqual(BACKOFF_CAP_MS);
  });

  it('fails a batch LINE refuses for good, or after the last attempt', () => {
    expect(judgeAttempt({ ok: false, status: 400, error: '400 bad' }, 1)).toEqual({ kind: 'failed', error: '400 bad' });
    expect(judgeAttempt({ ok: false, status: 401, error: '401' }, 1).kind).toBe('failed');
    expect(judgeAttempt({ ok: false, status: 429, error: '429' }, MAX_BATCH_ATTEMPTS).kind).toBe('failed');
  });
});

describe('Retry-After', () => {
  const now = Date.parse('2026-11-23T00:00:00Z');

  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('30', now)).toBe(30_000);
    expect(parseRetryAfter('Mon, 23 Nov 2026 00:01:00 GMT', now)).toBe(60_000);
  });

  it('ignores what it cannot read, never goes below zero, and caps long waits', () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('Sun, 22 Nov 2026 23:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('86400', now)).toBe(RETRY_AFTER_CAP_MS);
  });
});
