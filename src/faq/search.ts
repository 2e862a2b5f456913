/**
 * FAQ retrieval: BM25 over script-aware tokens (see `tokenize`), with fuse.js as the
 * typo-tolerant fallback for Latin-script words the index has never seen. Pure: built once
 * per knowledge version, compact (typed-array postings), and queried in well under a millisecond.
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
/** Kana-only n-grams are mostly particles and verb endings: they count, but for less. */
const KANA_WEIGHT = 0.5;
const KANA_ONLY = /^c:[\u3040-\u30ff]+$/;
/** Shorter romaji words are mostly particles (wa, no, ga) that carry no meaning. */
const ROMAJI_MIN_LENGTH = 3;
/** How much the entry as a whole counts against its best single phrasing in the score. */
const ENTRY_SHARE = 0.5;
/** Entries whose single phrasings are examined (the best by BM25); the rest keep a low score. */
const PHRASE_CANDIDATES = 12;
/** Phrasings tokenised and kept between queries (they are re-tokenised when evicted). */
const PHRASE_CACHE_LIMIT = 20_000;

/** All postings in two flat typed arrays; a token's postings are `[start[slot], end[slot])`. */
interface Postings {
  slots: Map<string, number>;
  start: Int32Array;
  end: Int32Array;
  docs: Int32Array;
  tfs: Float32Array;
}

export interface SearchIndex {
  documents: SearchDocument[];
  ids: string[];
  lengths: Float32Array;
  avgLength: number;
  postings: Postings;
  idf: Map<string, number>;
  unknownIdf: number;
  buckets: Map<string, string[]>;
  fuzzy: Map<string, Fuse<string>>;
  fuzzyCache: Map<string, Array<{ token: string; factor: number }>>;
  phraseCache: Map<number, Array<Set<string>>>;
}

function tokenWeight(token: string): number {
  return KANA_ONLY.test(token) ? KANA_WEIGHT : 1;
}

function idfOf(total: number, df: number): number {
  return Math.log(1 + (total - df + 0.5) / (df + 0.5));
}

/** Builds the index for a set of documents; documents sharing an `id` form one entry. */
export function buildIndex(documents: SearchDocument[]): SearchIndex {
  const lists = new Map<string, { docs: number[]; tfs: number[] }>();
  const lengths = new Float32Array(documents.length);
  let totalLength = 0;
  documents.forEach((document, doc) => {
    const tf = new Map<string, number>();
    for (const field of document.fields) {
      for (const token of allTokens(tokenize(normalizeText(field.text)))) tf.set(token, (tf.get(token) ?? 0) + field.weight);
    }
    for (const [token, count] of tf) {
      let list = lists.get(token);
      if (!list) lists.set(token, (list = { docs: [], tfs: [] }));
      list.docs.push(doc);
      list.tfs.push(count);
      lengths[doc] += count;
    }
    totalLength += lengths[doc];
  });

  // IDF counts entries, not documents: a word in every Indonesian document ("di", "ada") is
  // as uninformative as a word in every document, though only a tenth of documents are Indonesian.
  const ids = documents.map((document) => document.id);
  const entryNumbers = new Map<string, number>();
  const entryOf = Int32Array.from(ids, (id) => entryNumbers.get(id) ?? (entryNumbers.set(id, entryNumbers.size), entryNumbers.size - 1));
  const entryCount = entryNumbers.size;
  // Distinct entries per token without allocating a set per token: stamp each entry once.
  const stamp = new Int32Array(entryCount).fill(-1);
  let total = 0;
  for (const list of lists.values()) total += list.docs.length;
  // One pair of typed arrays for all postings: a typed array per token costs more than its data.
  const postings: Postings = {
    slots: new Map(),
    start: new Int32Array(lists.size),
    end: new Int32Array(lists.size),
    docs: new Int32Array(total),
    tfs: new Float32Array(total),
  };
  const idf = new Map<string, number>();
  let slot = 0;
  let offset = 0;
  for (const [token, list] of lists) {
    postings.slots.set(token, slot);
    postings.start[slot] = offset;
    let containing = 0;
    for (let i = 0; i < list.docs.length; i++) {
      const doc = list.docs[i];
      postings.docs[offset] = doc;
      postings.tfs[offset++] = list.tfs[i];
      if (stamp[entryOf[doc]] !== slot) {
        stamp[entryOf[doc]] = slot;
        containing++;
      }
    }
    postings.end[slot++] = offset;
    idf.set(token, idfOf(entryCount, containing) * tokenWeight(token));
  }

  // Typo tolerance only where typos happen: Latin-script words, bucketed by first letter so
  // one lookup scans a few hundred words, not the whole vocabulary. Each bucket's Fuse instance
  // is built on first use: most queries never need one.
  const buckets = new Map<string, string[]>();
  for (const token of postings.slots.keys()) {
    if (!token.startsWith('w:') || !/^[a-z]/.test(token[2]) || token.length - 2 < FUZZY_MIN_LENGTH - 1) continue;
    const word = token.slice(2);
    let bucket = buckets.get(word[0]);
    if (!bucket) buckets.set(word[0], (bucket = []));
    bucket.push(word);
  }
  return {
    documents,
    ids,
    lengths,
    avgLength: documents.length ? totalLength / documents.length : 1,
    postings,
    idf,
    unknownIdf: idfOf(entryCount, 1),
    buckets,
    fuzzy: new Map(),
    fuzzyCache: new Map(),
    phraseCache: new Map(),
  };
}

function fuzzyBucket(index: SearchIndex, letter: string): Fuse<string> | undefined {
  let fuse = index.fuzzy.get(letter);
  const words = index.buckets.get(letter);
  if (!fuse && words) {
    fuse = new Fuse(words, { includeScore: true, threshold: FUZZY_THRESHOLD, ignoreLocation: true });
    index.fuzzy.set(letter, fuse);
  }
  return fuse;
}

/** Known words close to an unknown Latin word, with how much to trust each. */
function corrections(index: SearchIndex, word: string): Array<{ token: string; factor: number }> {
  const cached = index.fuzzyCache.get(word);
  if (cached) return cached;
  const fuse = word.length >= FUZZY_MIN_LENGTH ? fuzzyBucket(index, word[0]) : undefined;
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
    // A word never seen weighs like a rare word: an unknown content word ("passport", "ramen")
    // is a strong sign the question is about something the FAQ does not cover.
    const weight = alternatives.length ? Math.max(...alternatives.map((a) => index.idf.get(a.token)!)) : index.unknownIdf * tokenWeight(unit[0]);
    expanded.push({ alternatives, weight });
  }
  return expanded;
}

/** The token sets of one document's phrasings (title, each question, each keyword). */
function phrasesOf(index: SearchIndex, doc: number): Array<Set<string>> {
  let phrases = index.phraseCache.get(doc);
  if (!phrases) {
    phrases = index.documents[doc].fields.map((field) => new Set(allTokens(tokenize(normalizeText(field.text)))));
    if (index.phraseCache.size >= PHRASE_CACHE_LIMIT) index.phraseCache.clear();
    index.phraseCache.set(doc, phrases);
  }
  return phrases;
}

/** The query weight covered by the document's best single phrasing. */
function bestPhraseCoverage(index: SearchIndex, doc: number, units: ExpandedUnit[]): number {
  let best = 0;
  for (const phrase of phrasesOf(index, doc)) {
    let covered = 0;
    for (const unit of units) {
      let factor = 0;
      for (const alternative of unit.alternatives) if (alternative.factor > factor && phrase.has(alternative.token)) factor = alternative.factor;
      covered += unit.weight * factor;
    }
    if (covered > best) best = covered;
  }
  return best;
}

/**
 * Ranks entries for a query. The score is calibrated to [0,1]: the share of the query's IDF
 * weight that is covered, averaged over the entry's document as a whole (the query's words may
 * be spread over several phrasings) and its best single phrasing (a long entry cannot look
 * relevant just because its many questions together hold every word), and damped when the
 * entry's BM25 evidence is thin next to the best entry's.
 */
export function search(index: SearchIndex, query: string, options: SearchOptions = {}): SearchResult[] {
  const { units, bonus } = tokenize(normalizeText(query));
  if (!units.length || !index.documents.length) return [];
  const expanded = expand(index, units);
  const total = expanded.reduce((sum, unit) => sum + unit.weight, 0);

  const bm25 = new Float64Array(index.documents.length);
  const covered = new Float64Array(index.documents.length);
  // Which unit last covered each document: a unit counts once per document, whichever of its
  // alternatives matched (a typed-array stamp; a Set per unit is slow on long postings).
  const coveredBy = new Int32Array(index.documents.length).fill(-1);
  const touched: number[] = [];
  const add = (token: string, factor: number, unitWeight: number, unit: number) => {
    const slot = index.postings.slots.get(token);
    if (slot === undefined) return;
    const idf = index.idf.get(token)! * factor;
    const { docs, tfs } = index.postings;
    for (let i = index.postings.start[slot]; i < index.postings.end[slot]; i++) {
      const doc = docs[i];
      const tf = tfs[i];
      if (bm25[doc] === 0) touched.push(doc);
      bm25[doc] += (idf * (tf * (K1 + 1))) / (tf + K1 * (1 - B + (B * index.lengths[doc]) / index.avgLength));
      if (unit >= 0 && coveredBy[doc] !== unit) {
        coveredBy[doc] = unit;
        covered[doc] += unitWeight * factor;
      }
    }
  };
  expanded.forEach((unit, number) => {
    for (const { token, factor } of unit.alternatives) add(token, factor, unit.weight, number);
  });
  for (const token of new Set(bonus)) add(token, 1, 0, -1);

  // The best document (language) of each entry.
  const best = new Map<string, { doc: number; bm25: number }>();
  for (const doc of touched) {
    const current = best.get(index.ids[doc]);
    if (!current || bm25[doc] > current.bm25) best.set(index.ids[doc], { doc, bm25: bm25[doc] });
  }
  const hits = [...best.entries()].sort((a, b) => b[1].bm25 - a[1].bm25);
  const top = hits[0]?.[1].bm25 ?? 1;
  return hits
    .map(([id, { doc, bm25: raw }], rank) => {
      const whole = covered[doc] / total;
      // Phrasings are examined for the leading candidates only; the rest cannot reach the top.
      const phrase = rank < PHRASE_CANDIDATES ? bestPhraseCoverage(index, doc, expanded) / total : 0;
      const coverage = Math.min(1, ENTRY_SHARE * whole + (1 - ENTRY_SHARE) * phrase);
      return { id, raw, score: round(coverage * (0.5 + 0.5 * (raw / top))) };
    })
    .sort((a, b) => b.score - a.score || b.raw - a.raw)
    .slice(0, options.limit ?? 5)
    .map(({ id, score }) => ({ id, score }));
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
