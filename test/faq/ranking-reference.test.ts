import { describe, expect, it } from 'vitest';
import { documentsFromEntries } from '../../src/faq/knowledge';
import { normalizeText } from '../../src/faq/normalize';
import { buildIndex, search, type SearchDocument, type SearchResult } from '../../src/faq/search';
import { tokenize } from '../../src/faq/tokenize';
import { loadKnowledgeFiles } from '../../tools/knowledge-files';

/**
 * The ranking of `search` written the plain way - every field tokenised from `normalizeText`,
 * maps and sets instead of typed arrays, every entry sorted - to check that the compact index
 * ranks exactly alike. It leaves out romaji and typo correction, so the queries below use only
 * Latin words the knowledge has.
 */
function referenceRanker(documents: SearchDocument[]): (query: string, limit: number) => SearchResult[] {
  const K1 = 1.2;
  const B = 0.75;
  const kanaOnly = (token: string) => /^c:[\u3040-\u30ff]+$/.test(token);
  const fields = documents.map((document) =>
    document.fields.map((field) => {
      const { units, bonus } = tokenize(normalizeText(field.text));
      return [...units.flat(), ...bonus];
    }),
  );
  const tfs = fields.map((tokensOfFields, doc) => {
    const tf = new Map<string, number>();
    tokensOfFields.forEach((tokens, field) => {
      for (const token of tokens) tf.set(token, (tf.get(token) ?? 0) + documents[doc].fields[field].weight);
    });
    return tf;
  });
  const lengths = tfs.map((tf) => [...tf.values()].reduce((sum, count) => Math.fround(sum + count), 0));
  const avgLength = lengths.reduce((sum, length) => sum + length, 0) / documents.length;
  const entryCount = new Set(documents.map((document) => document.id)).size;
  const entriesOf = new Map<string, Set<string>>();
  const docsOf = new Map<string, number[]>();
  tfs.forEach((tf, doc) => {
    for (const token of tf.keys()) {
      if (!entriesOf.has(token)) entriesOf.set(token, new Set());
      entriesOf.get(token)!.add(documents[doc].id);
      if (!docsOf.has(token)) docsOf.set(token, []);
      docsOf.get(token)!.push(doc);
    }
  });
  const idfOf = (df: number) => Math.log(1 + (entryCount - df + 0.5) / (df + 0.5));
  const idf = (token: string) => idfOf(entriesOf.get(token)!.size) * (kanaOnly(token) ? 0.5 : 1);
  const phraseSets = fields.map((tokensOfFields) => tokensOfFields.map((tokens) => new Set(tokens)));

  return (query, limit) => {
    const { units, bonus } = tokenize(normalizeText(query));
    const seen = new Set<string>();
    const expanded = units
      .filter((unit) => !seen.has(unit.join('|')) && seen.add(unit.join('|')))
      .map((unit) => {
        const alternatives = unit.filter((token) => entriesOf.has(token));
        const weight = alternatives.length ? Math.max(...alternatives.map(idf)) : idfOf(1) * (kanaOnly(unit[0]) ? 0.5 : 1);
        return { alternatives, weight };
      });
    const total = expanded.reduce((sum, unit) => sum + unit.weight, 0);
    const bm25 = new Map<number, number>();
    const covered = new Map<number, number>();
    const add = (token: string, unitWeight: number, coveredDocs?: Set<number>) => {
      for (const doc of docsOf.get(token) ?? []) {
        const tf = tfs[doc].get(token)!;
        bm25.set(doc, (bm25.get(doc) ?? 0) + (idf(token) * (tf * (K1 + 1))) / (tf + K1 * (1 - B + (B * lengths[doc]) / avgLength)));
        if (coveredDocs && !coveredDocs.has(doc)) {
          coveredDocs.add(doc);
          covered.set(doc, (covered.get(doc) ?? 0) + unitWeight);
        }
      }
    };
    for (const unit of expanded) {
      const coveredDocs = new Set<number>();
      for (const token of unit.alternatives) add(token, unit.weight, coveredDocs);
    }
    for (const token of new Set(bonus)) add(token, 0);

    const best = new Map<string, { doc: number; raw: number }>();
    for (const [doc, raw] of bm25) {
      const current = best.get(documents[doc].id);
      if (!current || raw > current.raw) best.set(documents[doc].id, { doc, raw });
    }
    const hits = [...best.entries()].sort((a, b) => b[1].raw - a[1].raw);
    const top = hits[0]?.[1].raw ?? 1;
    return hits
      .map(([id, { doc, raw }], rank) => {
        let phrase = 0;
        if (rank < 12) {
          for (const set of phraseSets[doc]) {
            const share = expanded.reduce((sum, unit) => sum + unit.weight * (unit.alternatives.some((token) => set.has(token)) ? 1 : 0), 0);
            phrase = Math.max(phrase, share);
          }
        }
        const coverage = Math.min(1, 0.5 * ((covered.get(doc) ?? 0) / total) + 0.5 * (phrase / total));
        return { id, raw, score: Math.round(coverage * (0.5 + 0.5 * (raw / top)) * 1000) / 1000 };
      })
      .sort((a, b) => b.score - a.score || b.raw - a.raw)
      .slice(0, limit)
      .map(({ id, score }) => ({ id, score }));
  };
}

const knowledge = loadKnowledgeFiles();
const documents = documentsFromEntries(knowledge.entries, knowledge.outOfScope);

/** Queries made from the knowledge itself: halves of questions and pairs of keywords, in every language. */
function knowledgeQueries(): string[] {
  const queries: string[] = [];
  documents.forEach((document, doc) => {
    if (doc % 3) return;
    const questions = document.fields.filter((field) => field.weight === 1).map((field) => field.text);
    const keywords = document.fields.filter((field) => field.weight === 1.5).map((field) => field.text);
    const question = questions[doc % Math.max(1, questions.length)] ?? '';
    // Cut between words where there are spaces, so that no Latin word is cut short (and unknown).
    const words = question.split(' ');
    const half = words.length > 1 ? Math.ceil(words.length / 2) : Math.ceil(question.length / 2);
    if (words.length > 1) queries.push(words.slice(0, half).join(' '), words.slice(half).join(' '));
    else queries.push(question.slice(0, half), question.slice(half));
    if (keywords.length > 1) queries.push(`${keywords[0]} ${keywords[keywords.length - 1]}`);
  });
  return queries.filter((query) => query.trim());
}

describe('search ranks exactly as the plain reference', () => {
  const index = buildIndex(documents);
  const reference = referenceRanker(documents);
  const queries = [
    ...knowledgeQueries(),
    // Words the knowledge does not have in scripts without romaji or typo correction.
    '明日の天気予報は',
    '비자 연장 날씨',
    'ゴミ 粗大 ラーメン',
    'भिसा नवीकरण मौसम',
  ];

  it('on hundreds of queries made from the knowledge, at two result limits', () => {
    expect(queries.length).toBeGreaterThan(300);
    for (const query of queries) {
      expect(search(index, query, { limit: 5 }), query).toEqual(reference(query, 5));
      expect(search(index, query, { limit: 40 }), query).toEqual(reference(query, 40));
    }
  });

  it('gives the same results when a query is repeated after others (nothing left over between queries)', () => {
    const first = queries.slice(0, 20).map((query) => search(index, query));
    const again = queries.slice(0, 20).map((query) => search(index, query));
    expect(again).toEqual(first);
  });
});
