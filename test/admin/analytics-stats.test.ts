import { describe, expect, it } from 'vitest';
import { dayText, parseDay, periodFromQuery, periodOf, tokyoDay, DAY_MS, TOKYO_OFFSET_MS } from '../../src/admin/analytics/period';
import { handoffTimes, percentile, rate, summarize, type Activity } from '../../src/admin/analytics/stats';

const MIN = 60_000;

describe('percentile', () => {
  it('interpolates between the nearest ranks', () => {
    expect(percentile([1, 2, 3, 4], 50)).toBe(2.5);
    expect(percentile([4, 1, 3, 2, 5], 50)).toBe(3);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBeCloseTo(9.1);
    expect(percentile([10, 20], 0)).toBe(10);
    expect(percentile([10, 20], 100)).toBe(20);
  });

  it('is the value itself for one value, and undefined for none', () => {
    expect(percentile([7], 90)).toBe(7);
    expect(percentile([], 50)).toBeUndefined();
  });

  it('does not reorder the caller’s array', () => {
    const values = [3, 1, 2];
    percentile(values, 50);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe('summarize and rate', () => {
  it('gives count, median and 90th percentile, nulls without values', () => {
    expect(summarize([MIN, 3 * MIN, 2 * MIN])).toEqual({ count: 3, median: 2 * MIN, p90: 2.8 * MIN });
    expect(summarize([])).toEqual({ count: 0, median: null, p90: null });
  });

  it('is null, not 0, when there is nothing to divide', () => {
    expect(rate(3, 4)).toBe(0.75);
    expect(rate(0, 0)).toBeNull();
  });
});

describe('handoffTimes', () => {
  const range = { from: 1000 * MIN, to: 2000 * MIN };
  const a = (conversationId: number, kind: string, minute: number): Activity => ({ conversationId, kind, at: minute * MIN });

  it('measures waiting (request to claim) and handling (claim to resolve)', () => {
    const times = handoffTimes([a(1, 'handoff', 1100), a(1, 'claimed', 1105), a(1, 'resolved', 1135)], range);
    expect(times).toEqual({ waiting: [5 * MIN], handling: [30 * MIN], stillWaiting: 0 });
  });

  it('counts a wait in the range where it ends, and a handoff taken over twice twice', () => {
    const times = handoffTimes(
      [a(1, 'handoff', 990), a(1, 'claimed', 1010), a(1, 'returned', 1020), a(1, 'handoff', 1030), a(1, 'assigned', 1032), a(1, 'claimed', 1040), a(1, 'resolved', 1050)],
      range,
    );
    expect(times.waiting).toEqual([20 * MIN, 2 * MIN]);
    // Handling runs from the first staff member taking it (the assignment) to the resolve.
    expect(times.handling).toEqual([18 * MIN]);
  });

  it('leaves out what ends outside the range and withdrawn requests, and counts requests still waiting', () => {
    const times = handoffTimes(
      [a(1, 'handoff', 1900), a(1, 'claimed', 2100), a(2, 'handoff', 1200), a(2, 'cancelled', 1201), a(3, 'handoff', 1300), a(4, 'handoff', 500)],
      range,
    );
    expect(times).toEqual({ waiting: [], handling: [], stillWaiting: 2 });
  });

  it('counts a resolve without a claim as the end of the wait, with no handling time', () => {
    expect(handoffTimes([a(1, 'handoff', 1100), a(1, 'resolved', 1160)], range)).toEqual({ waiting: [60 * MIN], handling: [], stillWaiting: 0 });
  });
});

describe('periods in Japan time', () => {
  it('puts 23:30 UTC in the next Tokyo day, as the SQL bucket does', () => {
    const at = Date.UTC(2026, 10, 20, 23, 30);
    expect(dayText(tokyoDay(at))).toBe('2026-11-21');
    expect(tokyoDay(at)).toBe(Math.trunc((at + 32_400_000) / 86_400_000));
    expect(dayText(tokyoDay(Date.UTC(2026, 10, 20, 14, 59)))).toBe('2026-11-20');
  });

  it('covers whole Tokyo days, oldest first', () => {
    const period = periodOf(7, parseDay('2026-11-22')!);
    expect(period.dayTexts).toEqual(['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22']);
    expect(new Date(period.from).toISOString()).toBe('2026-11-15T15:00:00.000Z');
    expect(period.to - period.from).toBe(7 * DAY_MS);
    expect(period.to).toBe(parseDay('2026-11-23')! * DAY_MS - TOKYO_OFFSET_MS);
  });

  it('reads days and end from a query, defaulting to 30 days up to today in Japan', () => {
    const now = Date.UTC(2026, 10, 21, 16, 0); // 01:00 on the 22nd in Japan
    const fallback = periodFromQuery({}, now);
    expect(fallback.ok && [fallback.period.days, dayText(fallback.period.lastDay)]).toEqual([30, '2026-11-22']);
    const chosen = periodFromQuery({ days: '90', end: '2026-10-01' }, now);
    expect(chosen.ok && [chosen.period.days, chosen.period.dayTexts[0]]).toEqual([90, '2026-07-04']);
    expect(periodFromQuery({ days: '14' }, now)).toEqual({ ok: false, error: 'days must be one of 7, 30, 90' });
    expect(periodFromQuery({ end: '2026-02-30' }, now)).toEqual({ ok: false, error: 'end must be a date as YYYY-MM-DD' });
    expect(parseDay('yesterday')).toBeUndefined();
  });
});
