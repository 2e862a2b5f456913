import { describe, expect, it } from 'vitest';
import { filterEntries, reviewedLongAgo, translationGaps } from '../../src/admin/faq/list-filter';
import { makeEntry } from './faq-fixtures';

const item = (entry: ReturnType<typeof makeEntry>, status: 'active' | 'archived' = 'active') => ({ entry, status });

describe('translationGaps', () => {
  it('is empty for a fully translated entry', () => {
    expect(translationGaps(makeEntry('a'))).toEqual([]);
  });

  it('names languages whose answer is a copy of the English or Japanese one', () => {
    const entry = makeEntry('a');
    entry.texts.ne = structuredClone(entry.texts.en);
    entry.texts['ja-easy'].answer = entry.texts.ja.answer;
    expect(translationGaps(entry)).toEqual(['ja-easy', 'ne']);
  });

  it('does not count a shared title as missing', () => {
    const entry = makeEntry('a');
    entry.texts.tl.title = entry.texts.en.title;
    expect(translationGaps(entry)).toEqual([]);
  });
});

describe('reviewedLongAgo', () => {
  const today = new Date('2026-11-23T00:00:00Z');
  it('compares the review date with N calendar months ago', () => {
    expect(reviewedLongAgo('2026-05-22', 6, today)).toBe(true);
    expect(reviewedLongAgo('2026-05-23', 6, today)).toBe(false);
    expect(reviewedLongAgo('2026-11-22', 0, today)).toBe(true);
  });
});

describe('filterEntries', () => {
  const garbage = { ...makeEntry('garbage'), reviewed: '2026-10-01' };
  garbage.texts.ja.title = 'ゴミの出し方';
  garbage.texts.vi.questions[0] = 'Vứt rác ở đâu?';
  const tax = { ...makeEntry('tax'), category: 'pension-tax' as const, reviewed: '2025-01-01' };
  const old = makeEntry('old');
  const items = [item(garbage), item(tax), item(old, 'archived')];

  it('shows active entries by default, archived or all on request', () => {
    expect(filterEntries(items, {}).map((i) => i.entry.id)).toEqual(['garbage', 'tax']);
    expect(filterEntries(items, { status: 'archived' }).map((i) => i.entry.id)).toEqual(['old']);
    expect(filterEntries(items, { status: 'all' })).toHaveLength(3);
  });

  it('searches titles, questions and keywords in any language, ignoring case and width', () => {
    expect(filterEntries(items, { q: 'ｺﾞﾐ' }).map((i) => i.entry.id)).toEqual(['garbage']);
    expect(filterEntries(items, { q: 'ゴミ' }).map((i) => i.entry.id)).toEqual(['garbage']);
    expect(filterEntries(items, { q: 'VỨT RÁC' }).map((i) => i.entry.id)).toEqual(['garbage']);
    expect(filterEntries(items, { q: 'vứt rác', lang: 'en' })).toEqual([]);
    expect(filterEntries(items, { q: 'question 1' }).map((i) => i.entry.id)).toEqual(['garbage', 'tax']);
  });

  it('filters by category, review age and missing translations', () => {
    expect(filterEntries(items, { category: 'pension-tax' }).map((i) => i.entry.id)).toEqual(['tax']);
    expect(filterEntries(items, { staleMonths: 6 }, new Date('2026-11-23')).map((i) => i.entry.id)).toEqual(['tax']);
    const copied = makeEntry('copied');
    copied.texts.id = structuredClone(copied.texts.en);
    const withGap = [...items, item(copied)];
    expect(filterEntries(withGap, { missing: true }).map((i) => i.entry.id)).toEqual(['copied']);
    expect(filterEntries(withGap, { missing: true, lang: 'vi' })).toEqual([]);
  });
});
