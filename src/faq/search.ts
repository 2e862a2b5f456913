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

interface Posting {
  doc: number;
  tf: number;
}

export interface SearchIndex {
  docs: Array<{ id: string; lang?: string; length: number }>;
  postings: Map<string, Posting[]>;
  idf: Map<string, number>;
  unknownIdf: number;
  avgLength: number;
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

/** Builds the index for a set of documents; documents sharing an `id` form one entry. */
export function buildIndex(documents: SearchDocument[]): SearchIndex {
  const postings = new Map<string, Posting[]>();
  const docs: SearchIndex['docs'] = [];
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
  // IDF counts entries, not documents: a word in every Indonesian document ("di", "ada") is
  // as uninformative as a word in every document, though only a tenth of documents are Indonesian.
  const entryCount = new Set(docs.map((doc) => doc.id)).size;
  const idf = new Map<string, number>();
  for (const [token, list] of postings) {
    const entries = new Set(list.map((posting) => docs[posting.doc].id)).size;
    idf.set(token, idfOf(entryCount, entries) * tokenWeight(token));
  }

  // Typo tolerance only where typos happen: Latin-script words, bucketed by first letter
  // so one lookup scans a few hundred words, not the whole vocabulary.
  const buckets = new Map<string, string[]>();
  for (const token of postings.keys()) {
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
  return {
    docs,
    postings,
    idf,
    unknownIdf: idfOf(entryCount, 1) * UNKNOWN_WEIGHT_FACTOR,
    avgLength: docs.length ? totalLength / docs.length : 1,
    fuzzy,
    fuzzyCache: new Map(),
  };
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

/**
 * Ranks entries for a query. Ranking is BM25 (best document per entry); the reported score is
 * the share of the query's IDF weight the entry covers, damped when BM25 evidence is thin.
 */
export function search(index: SearchIndex, query: string, options: SearchOptions = {}): SearchResult[] {
  const { units, bonus } = tokenize(normalizeText(query));
  if (!units.length || !index.docs.length) return [];

  const bm25 = new Float64Array(index.docs.length);
  const covered = new Float64Array(index.docs.length);
  let totalWeight = 0;

  const addToken = (token: string, factor: number, unitWeight: number, seen: Set<number>) => {
    const list = index.postings.get(token);
    if (!list) return;
    const idf = index.idf.get(token)! * factor;
    for (const { doc, tf } of list) {
      const norm = tf + K1 * (1 - B + (B * index.docs[doc].length) / index.avgLength);
      bm25[doc] += (idf * (tf * (K1 + 1))) / norm;
      if (!seen.has(doc)) {
        seen.add(doc);
        covered[doc] += unitWeight * factor;
      }
    }
  };

  const seenUnits = new Set<string>();
  for (const unit of units) {
    const key = unit.join('|');
    if (seenUnits.has(key)) continue;
    seenUnits.add(key);
    let known = unit.filter((token) => index.postings.has(token));
    if (!known.length) known = withRomaji(unit).filter((token) => index.postings.has(token));
    let alternatives = known.map((token) => ({ token, factor: 1 }));
    if (!known.length && unit[0].startsWith('w:')) alternatives = corrections(index, unit[0].slice(2));
    const weight = alternatives.length
      ? Math.max(...alternatives.map((a) => index.idf.get(a.token)!))
      : index.unknownIdf * tokenWeight(unit[0]);
    totalWeight += weight;
    const seen = new Set<number>();
    for (const { token, factor } of alternatives) addToken(token, factor, weight, seen);
  }
  for (const token of new Set(bonus)) addToken(token, 1, 0, new Set());

  const best = new Map<string, { bm25: number; coverage: number }>();
  for (let doc = 0; doc < index.docs.length; doc++) {
    if (bm25[doc] <= 0) continue;
    const id = index.docs[doc].id;
    const coverage = Math.min(1, covered[doc] / totalWeight);
    const current = best.get(id);
    if (!current || bm25[doc] > current.bm25) best.set(id, { bm25: bm25[doc], coverage });
  }
  const ranked = [...best.entries()].sort((a, b) => b[1].bm25 - a[1].bm25);
  const top = ranked[0]?.[1].bm25 ?? 1;
  return ranked.slice(0, options.limit ?? 5).map(([id, { bm25: raw, coverage }]) => ({
    id,
    score: round(coverage * (0.5 + 0.5 * (raw / top))),
  }));
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
