import { describe, expect, it } from 'vitest';
import { aggregateSuggestions, answerNow, suggestEntries } from '../../src/admin/review/suggest';
import { indexFor } from '../../src/faq/knowledge';
import { OUT_OF_SCOPE_ID } from '../../src/faq/schema';
import { loadKnowledgeFiles } from '../../tools/knowledge-files';

const knowledge = indexFor(loadKnowledgeFiles());

describe('aggregateSuggestions', () => {
  it('ranks entries by their mean score over the searches, weighted by how often each text was asked', () => {
    const suggestions = aggregateSuggestions([
      { weight: 3, results: [{ id: 'driving-license', score: 0.8 }, { id: 'mobile-phone', score: 0.4 }] },
      { weight: 1, results: [{ id: 'mobile-phone', score: 0.9 }, { id: 'driving-license', score: 0.2 }] },
    ]);
    expect(suggestions).toEqual([
      { entryId: 'driving-license', score: 0.65, best: 0.8, hits: 2 },
      { entryId: 'mobile-phone', score: 0.525, best: 0.9, hits: 2 },
    ]);
  });

  it('counts a search that did not find an entry as 0 for it', () => {
    const [only] = aggregateSuggestions([{ weight: 1, results: [{ id: 'tax', score: 0.6 }] }, { weight: 1, results: [] }]);
    expect(only).toEqual({ entryId: 'tax', score: 0.3, best: 0.6, hits: 1 });
  });

  it('never suggests the out-of-scope examples, and keeps the limit', () => {
    const suggestions = aggregateSuggestions(
      [{ weight: 1, results: [{ id: OUT_OF_SCOPE_ID, score: 0.9 }, { id: 'a', score: 0.5 }, { id: 'b', score: 0.4 }, { id: 'c', score: 0.3 }, { id: 'd', score: 0.2 }] }],
      3,
    );
    expect(suggestions.map((s) => s.entryId)).toEqual(['a', 'b', 'c']);
  });

  it('breaks ties by how many searches found the entry, then by id', () => {
    const suggestions = aggregateSuggestions([
      { weight: 1, results: [{ id: 'zeta', score: 0.5 }, { id: 'beta', score: 0.25 }] },
      { weight: 1, results: [{ id: 'beta', score: 0.25 }, { id: 'alpha', score: 0.5 }] },
    ]);
    expect(suggestions.map((s) => [s.entryId, s.score, s.hits])).toEqual([
      ['beta', 0.25, 2],
      ['alpha', 0.25, 1],
      ['zeta', 0.25, 1],
    ]);
  });

  it('suggests nothing without searches', () => {
    expect(aggregateSuggestions([])).toEqual([]);
    expect(aggregateSuggestions([{ weight: 0, results: [{ id: 'a', score: 1 }] }])).toEqual([]);
  });
});

describe('suggestEntries', () => {
  it('finds the entry a group of differently worded questions is about, across languages', () => {
    const [top] = suggestEntries(knowledge.index, [
      { text: 'driving licence conversion', count: 2 },
      { text: 'chuyển đổi bằng lái xe', count: 1 },
      { text: '運転免許の切り替え', count: 1 },
    ]);
    expect(top).toMatchObject({ entryId: 'driving-license', hits: 3 });
    expect(top.score).toBeGreaterThan(0.5);
  });
});

describe('answerNow', () => {
  it('is the entry the bot answers with, as the answer flow decides', () => {
    expect(answerNow(knowledge, 'when is garbage day')).toMatchObject({ entryId: 'garbage' });
  });

  it('is nothing for what the bot would still not answer, or would hand to a person', () => {
    expect(answerNow(knowledge, 'where can I rent a kayak')).toBeUndefined();
    expect(answerNow(knowledge, 'I want to talk to a person')).toBeUndefined();
    expect(answerNow(knowledge, '   ')).toBeUndefined();
  });
});
