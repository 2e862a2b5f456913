/**
 * FAQ retrieval: BM25 over script-aware tokens (see `tokenize`), with fuse.js as the
 * typo-tolerant fallback for Latin-script words the index has never seen. Pure: built once
 * per knowledge version and queried in well under a millisecond.
 */
import Fuse from 'fuse.js';
import { normalizeText } from './normalize';
import { romajiVariants } from './romaji';
import { allTokens, tokenize } from './tokenize';

/** One searchable document: one entry in one language (title, questions, keywords). */
export interface SearchDocument {
  id: string;
  lang?: string;
  fields: Array<{ text: string; weight: number }>;
}

export interface SearchResult {
  id: string;
  /** Calibrated confidence in [0,1]: how much of the query's meaning the entry covers. */
  score: number;
}

export interface SearchOptions {
  limit?: number;
}

const K1 = 1.2;
const B = 0.75;
/** Latin words shorter than this are too ambiguous to correct fuzzily. */
const FUZZY_MIN_LENGTH = 4;
/** fuse.js score (0 exact .. 1 unrelated) above which a correction is not trusted. */
const FUZZY_THRESHOLD = 0.25;
/** An unknown word weighs like a word seen once, discounted: it may be noise ("pls", a name). */
const UNKNOWN_WEIGHT_FACTOR = 1;
const KANA_WEIGHT = 0.5;
/** Shorter romaji words are mostly particles (wa, no, ga) that carry no meaning. */
const ROMAJI_MIN_LENGTH = 3;
/** How much the entry as a whole counts against its best single phrasing in the score. */
const ENTRY_SHARE = 0.5;

interface Posting {
  doc: number;
  tf: number;
}

export interface SearchIndex {
  entries: Level;
  variants: Level;
  idf: Map<string, number>;
  unknownIdf: number;
  fuzzy: Map<string, Fuse<string>>;
  fuzzyCache: Map<string, Array<{ token: string; factor: number }>>;
}

const KANA_ONLY = /^c:[\u3040-\u30ff]+$/;

/** Kana-only n-grams are mostly particles and verb endings: they count, but for less. */
function tokenWeight(token: string): number {
  return KANA_ONLY.test(token) ? KANA_WEIGHT : 1;
}

function idfOf(total: number, df: number): number {
  return Math.log(1 + (total - df + 0.5) / (df + 0.5));
}

interface Level {
  docs: Array<{ id: string; lang?: string; length: number }>;
  postings: Map<string, Posting[]>;
  avgLength: number;
}

function buildLevel(documents: SearchDocument[]): Level {
  const postings = new Map<string, Posting[]>();
  const docs: Level['docs'] = [];
  let totalLength = 0;
  for (const document of documents) {
    const tf = new Map<string, number>();
    for (const field of document.fields) {
      for (const token of allTokens(tokenize(normalizeText(field.text)))) {
        tf.set(token, (tf.get(token) ?? 0) + field.weight);
      }
    }
    let length = 0;
    const doc = docs.length;
    for (const [token, count] of tf) {
      length += count;
      let list = postings.get(token);
      if (!list) postings.set(token, (list = []));
      list.push({ doc, tf: count });
    }
    totalLength += length;
    docs.push({ id: document.id, lang: document.lang, length });
  }
  return { docs, postings, avgLength: docs.length ? totalLength / docs.length : 1 };
}

/**
 * Builds the index for a set of documents; documents sharing an `id` form one entry. Two
 * levels: one document per entry and language (all its phrasings: recall), and one per
 * phrasing (a title, a question, a keyword: precision - a long entry cannot look relevant
 * just because its many questions together contain every word of the query).
 */
export function buildIndex(documents: SearchDocument[]): SearchIndex {
  const entries = buildLevel(documents);
  const variants = buildLevel(
    documents.flatMap((document) => document.fields.map((field) => ({ id: document.id, lang: document.lang, fields: [{ text: field.text, weight: 1 }] }))),
  );
  // IDF counts entries, not documents: a word in every Indonesian document ("di", "ada") is
  // as uninformative as a word in every document, though only a tenth of documents are Indonesian.
  const entryCount = new Set(entries.docs.map((doc) => doc.id)).size;
  const idf = new Map<string, number>();
  for (const [token, list] of entries.postings) {
    const containing = new Set(list.map((posting) => entries.docs[posting.doc].id)).size;
    idf.set(token, idfOf(entryCount, containing) * tokenWeight(token));
  }

  // Typo tolerance only where typos happen: Latin-script words, bucketed by first letter
  // so one lookup scans a few hundred words, not the whole vocabulary.
  const buckets = new Map<string, string[]>();
  for (const token of entries.postings.keys()) {
    if (!token.startsWith('w:') || !/^[a-z]/.test(token[2]) || token.length - 2 < FUZZY_MIN_LENGTH - 1) continue;
    const word = token.slice(2);
    let bucket = buckets.get(word[0]);
    if (!bucket) buckets.set(word[0], (bucket = []));
    bucket.push(word);
  }
  const fuzzy = new Map<string, Fuse<string>>();
  for (const [letter, words] of buckets) {
    fuzzy.set(letter, new Fuse(words, { includeScore: true, threshold: FUZZY_THRESHOLD, ignoreLocation: true }));
  }
  return { entries, variants, idf, unknownIdf: idfOf(entryCount, 1) * UNKNOWN_WEIGHT_FACTOR, fuzzy, fuzzyCache: new Map() };
}

/** Known words close to an unknown Latin word, with how much to trust each. */
function corrections(index: SearchIndex, word: string): Array<{ token: string; factor: number }> {
  const cached = index.fuzzyCache.get(word);
  if (cached) return cached;
  const fuse = word.length >= FUZZY_MIN_LENGTH ? index.fuzzy.get(word[0]) : undefined;
  const found = (fuse?.search(word, { limit: 2 }) ?? [])
    .filter((hit) => (hit.score ?? 1) <= FUZZY_THRESHOLD)
    .map((hit) => ({ token: 'w:' + hit.item, factor: 1 - (hit.score ?? 1) }));
  if (index.fuzzyCache.size > 10_000) index.fuzzyCache.clear();
  index.fuzzyCache.set(word, found);
  return found;
}

/**
 * A Latin word's unit plus the kana n-grams of its romaji reading, so "gomi no dashikata"
 * meets ごみの出し方. They are alternatives of the same unit: an English word whose "reading"
 * means nothing adds no weight to the query.
 */
function withRomaji(unit: string[]): string[] {
  const word = unit[0].startsWith('w:') ? unit[0].slice(2) : undefined;
  if (!word || word.length < ROMAJI_MIN_LENGTH || !/^[a-z]/.test(word)) return unit;
  const kana = romajiVariants(word).flatMap((variant) => tokenize(normalizeText(variant)).units.flat());
  return kana.length ? [...unit, ...new Set(kana)] : unit;
}

/** A query unit after expansion: the tokens that may match it, each with a trust factor, and its weight. */
interface ExpandedUnit {
  alternatives: Array<{ token: string; factor: number }>;
  weight: number;
}

function expand(index: SearchIndex, units: string[][]): ExpandedUnit[] {
  const expanded: ExpandedUnit[] = [];
  const seen = new Set<string>();
  for (const unit of units) {
    const key = unit.join('|');
    if (seen.has(key)) continue;
    seen.add(key);
    let known = unit.filter((token) => index.idf.has(token));
    if (!known.length) known = withRomaji(unit).filter((token) => index.idf.has(token));
    let alternatives = known.map((token) => ({ token, factor: 1 }));
    if (!known.length && unit[0].startsWith('w:')) alternatives = corrections(index, unit[0].slice(2));
    const weight = alternatives.length ? Math.max(...alternatives.map((a) => index.idf.get(a.token)!)) : index.unknownIdf * tokenWeight(unit[0]);
    expanded.push({ alternatives, weight });
  }
  return expanded;
}

/** BM25 and covered query weight per document of one level. */
function scoreLevel(index: SearchIndex, level: Level, units: ExpandedUnit[], bonus: string[]) {
  const bm25 = new Float64Array(level.docs.length);
  const covered = new Float64Array(level.docs.length);
  const add = (token: string, factor: number, unitWeight: number, seen: Set<number>) => {
    const list = level.postings.get(token);
    if (!list) return;
    const idf = index.idf.get(token)! * factor;
    for (const { doc, tf } of list) {
      const norm = tf + K1 * (1 - B + (B * level.docs[doc].length) / level.avgLength);
      bm25[doc] += (idf * (tf * (K1 + 1))) / norm;
      if (!seen.has(doc)) {
        seen.add(doc);
        covered[doc] += unitWeight * factor;
      }
    }
  };
  for (const unit of units) {
    const seen = new Set<number>();
    for (const { token, factor } of unit.alternatives) add(token, factor, unit.weight, seen);
  }
  for (const token of new Set(bonus)) add(token, 1, 0, new Set());
  return { bm25, covered };
}

/**
 * Ranks entries for a query. The score is calibrated to [0,1]: the share of the query's IDF
 * weight an entry covers, averaged over the entry as a whole and its best single phrasing,
 * and damped when its BM25 evidence is thin next to the best entry's.
 */
export function search(index: SearchIndex, query: string, options: SearchOptions = {}): SearchResult[] {
  const { units, bonus } = tokenize(normalizeText(query));
  if (!units.length || !index.entries.docs.length) return [];
  const expanded = expand(index, units);
  const total = expanded.reduce((sum, unit) => sum + unit.weight, 0);

  const best = new Map<string, { bm25: number; entry: number; variant: number }>();
  const whole = scoreLevel(index, index.entries, expanded, bonus);
  index.entries.docs.forEach((doc, i) => {
    if (whole.bm25[i] <= 0) return;
    const current = best.get(doc.id);
    if (!current || whole.bm25[i] > current.bm25) best.set(doc.id, { bm25: whole.bm25[i], entry: whole.covered[i] / total, variant: 0 });
  });
  const phrasing = scoreLevel(index, index.variants, expanded, []);
  index.variants.docs.forEach((doc, i) => {
    const current = best.get(doc.id);
    if (current && phrasing.covered[i] / total > current.variant) current.variant = phrasing.covered[i] / total;
  });

  const top = Math.max(0, ...[...best.values()].map((hit) => hit.bm25));
  return [...best.entries()]
    .map(([id, hit]) => ({
      id,
      raw: hit.bm25,
      score: round(Math.min(1, ENTRY_SHARE * hit.entry + (1 - ENTRY_SHARE) * hit.variant) * (0.5 + 0.5 * (hit.bm25 / top))),
    }))
    .sort((a, b) => b.score - a.score || b.raw - a.raw)
    .slice(0, options.limit ?? 5)
    .map(({ id, score }) => ({ id, score }));
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
