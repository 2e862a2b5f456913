import { describe, expect, it } from 'vitest';
import { formatDuration, formatRate, shortDay } from '../../src/admin/analytics/format';
import { parseDay, periodOf } from '../../src/admin/analytics/period';
import { buildReport } from '../../src/admin/analytics/report';
import type { AnalyticsRows } from '../../src/db/analytics';

const period = periodOf(7, parseDay('2026-11-22')!);
const day = (text: string) => parseDay(text)!;
const MIN = 60_000;

const rows: AnalyticsRows = {
  messages: [
    { day: day('2026-11-16'), key: 'en', count: 3 },
    { day: day('2026-11-16'), key: 'vi', count: 2 },
    { day: day('2026-11-22'), key: 'vi', count: 4 },
    { day: day('2026-11-22'), key: 'unknown', count: 1 },
    // Outside the period: ignored.
    { day: day('2026-11-23'), key: 'en', count: 9 },
  ],
  decisions: [
    { day: day('2026-11-16'), key: 'answer', count: 3 },
    { day: day('2026-11-16'), key: 'fallback', count: 1 },
    { day: day('2026-11-22'), key: 'clarify', count: 2 },
    { day: day('2026-11-22'), key: 'human', count: 2 },
  ],
  residents: 4,
  answers: [{ entryId: 'garbage', count: 3 }],
  feedback: [
    { entryId: 'garbage', helpful: 2, total: 3 },
    { entryId: 'tax', helpful: 0, total: 1 },
  ],
  unanswered: [
    { id: 3, text: 'best ramen in town', language: 'en', status: 'new', createdAt: period.from + 10 },
    { id: 2, text: 'quan ramen ngon o kumamoto', language: 'vi', status: 'dismissed', createdAt: period.from + 5 },
    { id: 1, text: 'is there a surf shop', language: 'en', status: 'new', createdAt: period.from + 1 },
  ],
  activities: [
    { conversationId: 1, kind: 'handoff', at: period.from + 10 * MIN },
    { conversationId: 1, kind: 'claimed', at: period.from + 14 * MIN },
    { conversationId: 1, kind: 'resolved', at: period.from + 44 * MIN },
    { conversationId: 2, kind: 'handoff', at: period.from + 100 * MIN },
  ],
  ratings: { resolved: 3, good: 1, bad: 1 },
};

describe('buildReport', () => {
  const report = buildReport(rows, period, {
    title: (id) => ({ garbage: 'Garbage', tax: 'Tax' })[id] ?? id,
    grouping: { distinctive: (term) => term === 'w:ramen' || term === 'w:surf' },
  });

  it('spreads the day counts over every day of the period, per language in the service order, unknown last', () => {
    expect(report.period).toMatchObject({ days: 7, start: '2026-11-16', end: '2026-11-22' });
    expect(report.messagesByLanguage.map((s) => [s.key, s.label, s.values, s.total])).toEqual([
      ['en', 'English', [3, 0, 0, 0, 0, 0, 0], 3],
      ['vi', 'Vietnamese', [2, 0, 0, 0, 0, 0, 4], 6],
      ['unknown', 'Not known', [0, 0, 0, 0, 0, 0, 1], 1],
    ]);
    expect(report.messagesByLanguage[0].color).not.toBe(report.messagesByLanguage[1].color);
  });

  it('has every decision as a series, and the totals', () => {
    expect(report.decisions.map((s) => [s.key, s.total])).toEqual([
      ['answer', 3],
      ['clarify', 2],
      ['fallback', 1],
      ['human', 2],
    ]);
    expect(report.totals).toEqual({ messages: 10, residents: 4, replies: 8, answered: 3, fallbacks: 1, answerRate: 3 / 8 });
  });

  it('names the top entries and computes helpful rates per entry and overall', () => {
    expect(report.topEntries).toEqual([{ entryId: 'garbage', title: 'Garbage', count: 3 }]);
    expect(report.helpful.overall).toEqual({ helpful: 2, total: 4, rate: 0.5 });
    expect(report.helpful.entries).toEqual([
      { entryId: 'garbage', title: 'Garbage', helpful: 2, total: 3, rate: 2 / 3 },
      { entryId: 'tax', title: 'Tax', helpful: 0, total: 1, rate: 0 },
    ]);
  });

  it('groups the unanswered questions, counting those still open', () => {
    expect(report.unanswered).toEqual({
      total: 3,
      open: 2,
      groups: [
        { key: 'unanswered:2', example: 'best ramen in town', language: 'en', count: 2, open: 1, languages: ['en', 'vi'] },
        { key: 'unanswered:1', example: 'is there a surf shop', language: 'en', count: 1, open: 1, languages: ['en'] },
      ],
    });
  });

  it('summarises the handoff times and the ratings', () => {
    expect(report.handoff).toEqual({ waiting: { count: 1, median: 4 * MIN, p90: 4 * MIN }, handling: { count: 1, median: 30 * MIN, p90: 30 * MIN }, stillWaiting: 1 });
    expect(report.ratings).toEqual({ resolved: 3, good: 1, bad: 1, unrated: 1 });
  });
});

describe('formats', () => {
  it('words durations, rates and days', () => {
    expect(formatDuration(null)).toBe('–');
    expect(formatDuration(20_000)).toBe('under a minute');
    expect(formatDuration(4 * MIN)).toBe('4 min');
    expect(formatDuration(80 * MIN)).toBe('1 h 20 min');
    expect(formatDuration(51 * 60 * MIN)).toBe('2 days 3 h');
    expect(formatRate(2 / 3)).toBe('67%');
    expect(formatRate(null)).toBe('–');
    expect(shortDay('2026-01-05')).toBe('1/5');
  });
});
