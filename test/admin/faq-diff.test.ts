import { describe, expect, it } from 'vitest';
import { changedLanguages, diffContacts, diffEntries } from '../../src/admin/faq/diff';
import { contacts, makeEntry } from './faq-fixtures';

describe('diffEntries', () => {
  it('finds nothing between identical entries', () => {
    expect(diffEntries(makeEntry('a'), makeEntry('a'))).toEqual([]);
  });

  it('names the language and field of each change, with before and after', () => {
    const before = makeEntry('a');
    const after = structuredClone(before);
    after.texts.vi.answer = 'Mới';
    after.reviewed = '2026-02-01';
    expect(diffEntries(before, after)).toEqual([
      { path: 'reviewed', lang: null, field: 'reviewed', before: '2026-01-15', after: '2026-02-01' },
      { path: 'texts.vi.answer', lang: 'vi', field: 'answer', before: before.texts.vi.answer, after: 'Mới' },
    ]);
  });

  it('lists the items added to and removed from question and keyword lists', () => {
    const before = makeEntry('a');
    const after = structuredClone(before);
    after.texts.ne.questions = [...before.texts.ne.questions.slice(1), 'नयाँ प्रश्न'];
    after.related = ['b'];
    const changes = diffEntries(before, after);
    expect(changes.map((c) => c.path)).toEqual(['related', 'texts.ne.questions']);
    expect(changes[0]).toMatchObject({ added: ['b'], removed: [] });
    expect(changes[1]).toMatchObject({ lang: 'ne', added: ['नयाँ प्रश्न'], removed: [before.texts.ne.questions[0]] });
    expect(changedLanguages(changes)).toEqual(['ne']);
  });

  it('shows every field as added when there was no entry before', () => {
    const changes = diffEntries(undefined, makeEntry('a'));
    expect(changes).toHaveLength(5 + 10 * 4);
    expect(changes.every((c) => c.before === undefined)).toBe(true);
  });

  it('copes with an old revision that lacks a language', () => {
    const old = makeEntry('a') as any;
    delete old.texts.tl;
    const changes = diffEntries(old, makeEntry('a'));
    expect(changes.map((c) => c.path)).toEqual(['texts.tl.title', 'texts.tl.questions', 'texts.tl.keywords', 'texts.tl.answer']);
  });
});

describe('diffContacts', () => {
  it('splits localised hours into one change per language', () => {
    const before = contacts.plaza;
    const after = structuredClone(before);
    after.hours!.ko = '10:00-16:00';
    after.url = 'https://example.org/';
    expect(diffContacts(before, after)).toEqual([
      { path: 'url', lang: null, field: 'url', before: undefined, after: 'https://example.org/' },
      { path: 'hours.ko', lang: 'ko', field: 'hours', before: '9:00-17:00 (ko)', after: '10:00-16:00' },
    ]);
  });
});
