import { describe, expect, it } from 'vitest';
import { clusterTexts, idfWeights, similarity, termsOf, topTerm } from '../../src/admin/review/cluster';
import { groupQueue, summarizeGroup, type QueueItem } from '../../src/admin/review/groups';
import { indexFor } from '../../src/faq/knowledge';
import { loadKnowledgeFiles } from '../../tools/knowledge-files';

const knowledge = indexFor(loadKnowledgeFiles());
const { weight, distinctive } = idfWeights(knowledge.index);

let nextId = 1;
function item(text: string, language = 'en', createdAt = nextId, extra: Partial<QueueItem> = {}): QueueItem {
  return { source: 'unanswered', id: nextId++, text, language, createdAt, ...extra };
}

const texts = (groups: Array<Array<{ text: string }>>) => groups.map((group) => group.map((member) => member.text));

describe('termsOf', () => {
  it('normalises and tokenises as the search does: case, width, diacritics and punctuation do not matter', () => {
    expect(termsOf('Visa RENEWAL?')).toEqual(termsOf('ｖｉｓａ renewal'));
    expect(termsOf('Gia hạn thẻ cư trú ở đâu')).toEqual(termsOf('gia han the cu tru o dau'));
    expect(termsOf('ゴミ')).toEqual(termsOf('ごみ'));
  });

  it('keeps words and stems but not the word pairs that only sharpen ranking', () => {
    const terms = termsOf('renewal visa');
    expect(terms).toContain('w:renewal');
    expect(terms).toContain('s:renew');
    expect(terms.some((term) => term.startsWith('b:'))).toBe(false);
    expect(terms).toEqual([...terms].sort());
  });
});

describe('similarity', () => {
  it('is the Jaccard index with unit weights, 1 for the same set and 0 for disjoint or empty ones', () => {
    expect(similarity(['a', 'b', 'c'], ['b', 'c', 'd'])).toBe(0.5);
    expect(similarity(['a'], ['a'])).toBe(1);
    expect(similarity(['a'], ['b'])).toBe(0);
    expect(similarity([], [])).toBe(0);
  });

  it('weighs shared and unshared tokens by the weight given', () => {
    const weights: Record<string, number> = { where: 0.1, kayak: 5, rent: 2, station: 3 };
    const w = (term: string) => weights[term] ?? 1;
    // Sharing only "where" is nearly nothing; sharing "kayak" is most of the weight.
    expect(similarity(['kayak', 'where'], ['station', 'where'], w)).toBeCloseTo(0.1 / 8.1);
    expect(similarity(['kayak', 'rent'], ['kayak', 'where'], w)).toBeCloseTo(5 / 7.1);
  });
});

describe('topTerm', () => {
  const weights: Record<string, number> = { ramen: 4, shop: 3, enak: 4, where: 0.5 };
  const w = (term: string) => weights[term] ?? 1;
  const rare = (term: string) => w(term) >= 3;

  it('is the heaviest distinctive token, then the one most texts share, then the first', () => {
    expect(topTerm(['enak', 'ramen', 'shop', 'where'], w, rare, (term) => (term === 'ramen' ? 5 : 1))).toBe('ramen');
    expect(topTerm(['enak', 'ramen', 'shop'], w, rare, () => 1)).toBe('enak');
    expect(topTerm(['shop', 'where'], w, rare, () => 1)).toBe('shop');
  });

  it('is nothing for a text without distinctive tokens', () => {
    expect(topTerm(['where', 'is'], w, rare, () => 1)).toBeUndefined();
  });
});

describe('clusterTexts', () => {
  it('groups paraphrases and keeps unrelated questions apart, with the FAQ weights', () => {
    const groups = clusterTexts(
      [
        { text: 'where can I rent a kayak' },
        { text: 'where is the station' },
        { text: 'Where to rent a kayak?' },
        { text: 'good ramen shop near station' },
        { text: 'kayak rent' },
        { text: 'カヤックをレンタルしたい' },
        { text: 'カヤック レンタル どこ' },
        { text: 'is there a mosque in kumamoto' },
        { text: 'mosque near me' },
      ],
      { weight },
    );
    expect(texts(groups)).toEqual([
      ['where can I rent a kayak', 'Where to rent a kayak?', 'kayak rent'],
      ['カヤックをレンタルしたい', 'カヤック レンタル どこ'],
      ['is there a mosque in kumamoto', 'mosque near me'],
      ['where is the station'],
      ['good ramen shop near station'],
    ]);
  });

  it('groups texts in several languages that share their top term, the word the FAQ does not know', () => {
    const groups = clusterTexts(
      [
        { text: 'best ramen in town' },
        { text: 'rekomendasi ramen enak di kumamoto' },
        { text: 'quan ramen ngon o kumamoto' },
        { text: 'saan may masarap na ramen' },
        { text: 'is there a surf shop' },
        { text: 'where is a good surf shop' },
        { text: 'where is the station' },
        { text: 'where is the city hall' },
      ],
      { weight, distinctive },
    );
    expect(texts(groups)).toEqual([
      ['best ramen in town', 'rekomendasi ramen enak di kumamoto', 'quan ramen ngon o kumamoto', 'saan may masarap na ramen'],
      ['is there a surf shop', 'where is a good surf shop'],
      ['where is the station'],
      ['where is the city hall'],
    ]);
  });

  it('without distinctive terms, joins only on the Jaccard index', () => {
    const groups = clusterTexts([{ text: 'best ramen in town' }, { text: 'rekomendasi ramen enak di kumamoto' }], { weight });
    expect(groups).toHaveLength(2);
  });

  it('puts texts that normalise alike together, whatever their tokens', () => {
    const groups = clusterTexts([{ text: '???' }, { text: 'hello!!' }, { text: '？？？' }, { text: 'HELLO' }]);
    expect(texts(groups)).toEqual([['???', '？？？'], ['hello!!', 'HELLO']]);
  });

  it('honours a key that forces items together', () => {
    const groups = clusterTexts([{ text: '', k: 'a' }, { text: '', k: 'b' }, { text: '', k: 'a' }], { keyOf: (x) => x.k });
    expect(groups.map((group) => group.map((x) => x.k))).toEqual([['a', 'a'], ['b']]);
  });

  it('is deterministic: the same groups whatever the input order', () => {
    const input = ['kayak rent', 'where to rent a kayak', 'mosque near me', 'mosque in kumamoto', 'ramen', 'best ramen', 'ramen shop'].map((text) => ({ text }));
    const canonical = (groups: Array<Array<{ text: string }>>) => texts(groups).map((group) => [...group].sort().join('|')).sort();
    const expected = canonical(clusterTexts(input, { weight, distinctive }));
    for (let shift = 1; shift < input.length; shift++) {
      const rotated = [...input.slice(shift), ...input.slice(0, shift)];
      expect(canonical(clusterTexts(rotated, { weight, distinctive }))).toEqual(expected);
      expect(canonical(clusterTexts([...rotated].reverse(), { weight, distinctive }))).toEqual(expected);
    }
  });

  it('groups a thousand questions, each exactly once', () => {
    const words = ['visa', 'tax', 'kayak', 'ramen', 'school', 'doctor', 'bus', 'train', 'bank', 'card', 'city', 'office', 'rent', 'buy', 'where', 'how'];
    const input = Array.from({ length: 1000 }, (_, i) => ({ text: `${words[i % 16]} ${words[(i * 7) % 16]} ${words[(i * 13) % 16]} ${i % 50}` }));
    const groups = clusterTexts(input, { weight, distinctive });
    expect(groups.flat()).toHaveLength(1000);
    expect(new Set(groups.flat())).toHaveProperty('size', 1000);
  });
});

describe('groupQueue', () => {
  it('summarises each group: count, sources, languages, first and last seen, examples by frequency', () => {
    const items = [
      item('where can I rent a kayak', 'en', 1000),
      item('Where can I rent a kayak?', 'en', 3000),
      item('kayak rent', 'id', 2000, { source: 'feedback', ratedEntryId: 'housing' }),
      item('best ramen in town', 'en', 1500),
    ];
    const [kayak, ramen] = groupQueue(items, { weight, distinctive });
    expect(kayak).toMatchObject({
      key: `unanswered:${items[0].id}`,
      count: 3,
      sources: { unanswered: 2, feedback: 1 },
      languages: [
        { language: 'en', count: 2 },
        { language: 'id', count: 1 },
      ],
      firstSeen: 1000,
      lastSeen: 3000,
      ratedEntries: [{ entryId: 'housing', count: 1 }],
    });
    // The same question typed twice is one example, shown in its latest wording.
    expect(kayak.examples).toEqual([
      { text: 'Where can I rent a kayak?', language: 'en', count: 2, lastSeen: 3000 },
      { text: 'kayak rent', language: 'id', count: 1, lastSeen: 2000 },
    ]);
    expect(kayak.items.map((member) => member.createdAt)).toEqual([1000, 2000, 3000]);
    expect(ramen).toMatchObject({ count: 1, firstSeen: 1500, lastSeen: 1500 });
  });

  it('orders groups by size, then the most recently seen first', () => {
    const groups = groupQueue([item('mosque near me', 'en', 10), item('halal food', 'en', 30), item('mosque in kumamoto', 'en', 20), item('wifi password', 'en', 40)], { weight, distinctive });
    expect(groups.map((group) => group.examples[0].text)).toEqual(['mosque in kumamoto', 'wifi password', 'halal food']);
  });

  it('groups ratings whose question is unknown by the rated entry', () => {
    const groups = groupQueue([
      item('', 'en', 1, { source: 'feedback', ratedEntryId: 'garbage' }),
      item('', 'vi', 2, { source: 'feedback', ratedEntryId: 'tax' }),
      item('', 'en', 3, { source: 'feedback', ratedEntryId: 'garbage' }),
    ]);
    expect(groups.map((group) => [group.count, group.ratedEntries])).toEqual([
      [2, [{ entryId: 'garbage', count: 2 }]],
      [1, [{ entryId: 'tax', count: 1 }]],
    ]);
    expect(groups[0].examples).toEqual([]);
  });

  it('caps the examples', () => {
    const group = summarizeGroup(Array.from({ length: 30 }, (_, i) => item(`kayak ${i}`, 'en', i)), 5);
    expect(group.count).toBe(30);
    expect(group.examples).toHaveLength(5);
  });
});
