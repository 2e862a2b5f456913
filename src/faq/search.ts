/**
 * FAQ retrieval: BM25 over script-aware tokens (see `tokenize`), with fuse.js as the
 * typo-tolerant fallback for Latin-script words the index has never seen. Pure: built once
 * per knowledge version into flat typed arrays (every token numbered, every phrasing kept as
 * the numbers of its tokens), and queried in well under a millisecond.
 */
import Fuse from 'fuse.js';
import { normalizeForIndex, normalizeText } from './normalize';
import { romajiVariants } from './romaji';
import { Spans, tokenize, tokenSpans, Vocabulary } from './tokenize';

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
/** Shorter romaji words are mostly particles (wa, no, ga) that carry no meaning. */
const ROMAJI_MIN_LENGTH = 3;
/** How much the entry as a whole counts against its best single phrasing in the score. */
const ENTRY_SHARE = 0.5;
/** Entries whose single phrasings are examined (the best by BM25); the rest keep a low score. */
const PHRASE_CANDIDATES = 12;

/** Every token numbered (its slot); a slot's postings are `[start[slot], end[slot])` of `docs`/`tfs`. */
interface Postings {
  vocabulary: Vocabulary;
  idf: Float64Array;
  start: Int32Array;
  end: Int32Array;
  docs: Int32Array;
  tfs: Float32Array;
}

/**
 * Each document's phrasings (title, each question, each keyword; its fields) as the token
 * slots of each, in order: document `d` has fields `[docFields[d], docFields[d + 1])`, and field `f`
 * the slots `[fieldStart[f], fieldStart[f + 1])` of `tokens`.
 */
interface Phrasings {
  docFields: Int32Array;
  fieldStart: Int32Array;
  tokens: Int32Array;
}

/** Per-query working arrays, kept with the index so a query allocates (and clears) only what it touches. */
interface Scratch {
  /** Per document: BM25, query weight covered, the unit that last covered it; the documents touched. */
  bm25: Float64Array;
  covered: Float64Array;
  coveredBy: Int32Array;
  touched: number[];
  /**
   * Per entry: the query that last saw it (a stamp), its best document and that document's
   * BM25, where it was first seen, its best-phrasing coverage and its score; the entries seen.
   */
  entrySeen: Int32Array;
  entryDoc: Int32Array;
  entryBm25: Float64Array;
  entryOrder: Int32Array;
  entryPhrase: Float64Array;
  entryScore: Float64Array;
  entries: Int32Array;
  /** Per slot: the query that last used it as an alternative, and its first alternative. */
  slotSeen: Int32Array;
  slotFirst: Int32Array;
  query: number;
}

export interface SearchIndex {
  documents: SearchDocument[];
  /** The entry number of each document, and each entry's id. */
  entryOf: Int32Array;
  entryIds: string[];
  /** BM25 length normalisation of each document: K1 × (1 − B + B × length / average length). */
  norms: Float64Array;
  postings: Postings;
  phrasings: Phrasings;
  unknownIdf: number;
  /** Latin words of the vocabulary by first letter, for typo correction: built on first use. */
  buckets?: Map<string, string[]>;
  fuzzy: Map<string, Fuse<string>>;
  fuzzyCache: Map<string, Array<{ slot: number; factor: number }>>;
  scratch: Scratch;
}

const GRAM = 0x63; // c, as in "c:"
const WORD = 0x77; // w, as in "w:"

function isKana(code: number): boolean {
  return code >= 0x3040 && code <= 0x30ff;
}

function tokenWeight(token: string): number {
  if (token.charCodeAt(0) !== GRAM || token.charCodeAt(1) !== 0x3a || token.length === 2) return 1;
  for (let i = 2; i < token.length; i++) if (!isKana(token.charCodeAt(i))) return 1;
  return KANA_WEIGHT;
}

/** `tokenWeight` of the token in a slot, read from the vocabulary without making the string. */
function slotWeight(vocabulary: Vocabulary, slot: number): number {
  const length = vocabulary.lengthIfKind(slot, GRAM);
  if (length <= 2) return 1;
  for (let i = 2; i < length; i++) if (!isKana(vocabulary.charCodeAt(slot, i))) return 1;
  return KANA_WEIGHT;
}

function idfOf(total: number, df: number): number {
  return Math.log(1 + (total - df + 0.5) / (df + 0.5));
}

/** A growable typed array. */
class Growable<T extends Int32Array | Float32Array | Float64Array> {
  length = 0;
  constructor(public data: T) {}

  push(value: number): void {
    if (this.length === this.data.length) this.data = grow(this.data, this.length * 2);
    this.data[this.length++] = value;
  }
}

function grow<T extends Int32Array | Float32Array | Float64Array>(array: T, size: number, fill = 0): T {
  const bigger = new (array.constructor as new (size: number) => T)(size);
  bigger.set(array);
  if (fill) bigger.fill(fill, array.length);
  return bigger;
}

/**
 * Reads documents into a vocabulary, phrasings and postings. Small methods on purpose: the
 * index is built once per isolate, mostly before the JIT has optimised anything, and small
 * functions are optimised sooner than one large loop.
 */
class IndexBuilder {
  readonly vocabulary = new Vocabulary();
  // Per slot, stamped with the document being read, so nothing is cleared between documents.
  private capacity = 1024;
  private docSeen = new Int32Array(this.capacity).fill(-1);
  private docTf = new Float64Array(this.capacity);
  readonly fieldStart = new Growable(new Int32Array(1024));
  readonly fieldTokens = new Growable(new Int32Array(4096));
  /** The current document's slots, in the order they first occur in it. */
  private readonly docSlots = new Growable(new Int32Array(256));
  /** Postings document by document: document `d`'s are `[postingStart[d], postingStart[d + 1])`. */
  readonly postingStart = new Growable(new Int32Array(1024));
  readonly postingSlot = new Growable(new Int32Array(4096));
  readonly postingTf = new Growable(new Float32Array(4096));
  private readonly units = new Spans();
  private readonly bonus = new Spans();

  /** Reads document number `doc`; returns its length. */
  addDocument(doc: number, document: SearchDocument): number {
    const fields = document.fields;
    for (let field = 0; field < fields.length; field++) this.addField(doc, fields[field].text, fields[field].weight);
    return this.endDocument();
  }

  /** Reads a field of document `doc` into its phrasing and the document's term frequencies. */
  private addField(doc: number, text: string, weight: number): void {
    this.fieldStart.push(this.fieldTokens.length);
    const folded = normalizeForIndex(text);
    const { units, bonus } = this;
    units.count = 0;
    bonus.count = 0;
    tokenSpans(folded, units, bonus);
    for (let span = 0; span < units.count; span++) this.addToken(this.vocabulary.add(folded, units, span), doc, weight);
    for (let span = 0; span < bonus.count; span++) this.addToken(this.vocabulary.add(folded, bonus, span), doc, weight);
  }

  private addToken(slot: number, doc: number, weight: number): void {
    if (slot === this.capacity) this.growSlots();
    if (this.docSeen[slot] !== doc) {
      this.docSeen[slot] = doc;
      this.docTf[slot] = 0;
      this.docSlots.push(slot);
    }
    // Added once per occurrence, as a sum of weights (not a product), whatever the weights.
    this.docTf[slot] += weight;
    // A phrasing may list a slot twice ("visa" twice in one question): coverage does not mind.
    this.fieldTokens.push(slot);
  }

  private growSlots(): void {
    this.capacity *= 2;
    this.docSeen = grow(this.docSeen, this.capacity, -1);
    this.docTf = grow(this.docTf, this.capacity);
  }

  /** Ends a document: its postings, in the order its tokens first occurred; returns its length. */
  private endDocument(): number {
    const { docSlots, docTf } = this;
    this.postingStart.push(this.postingSlot.length);
    let length = 0;
    for (let k = 0; k < docSlots.length; k++) {
      const slot = docSlots.data[k];
      // Summed in single precision, as lengths are kept.
      length = Math.fround(length + docTf[slot]);
      this.postingSlot.push(slot);
      this.postingTf.push(docTf[slot]);
    }
    docSlots.length = 0;
    return length;
  }
}

/** Each document's entry number, and each entry's id (documents sharing an `id` form one entry). */
function numberEntries(documents: SearchDocument[]): { entryOf: Int32Array; entryIds: string[] } {
  const entryNumbers = new Map<string, number>();
  const entryIds: string[] = [];
  const entryOf = new Int32Array(documents.length);
  for (let doc = 0; doc < documents.length; doc++) {
    let entry = entryNumbers.get(documents[doc].id);
    if (entry === undefined) {
      entryNumbers.set(documents[doc].id, (entry = entryIds.length));
      entryIds.push(documents[doc].id);
    }
    entryOf[doc] = entry;
  }
  return { entryOf, entryIds };
}

/** The builder's postings grouped by slot, documents in order: a counting sort. */
function groupPostings(builder: IndexBuilder, slotCount: number, docCount: number): Omit<Postings, 'vocabulary' | 'idf'> {
  const { postingStart, postingSlot, postingTf } = builder;
  const start = new Int32Array(slotCount);
  const end = new Int32Array(slotCount);
  countPostings(postingSlot.data, postingSlot.length, end);
  startPostings(slotCount, start, end);
  const docs = new Int32Array(postingSlot.length);
  const tfs = new Float32Array(postingSlot.length);
  placePostings(postingStart.data, postingSlot.data, postingTf.data, docCount, end, docs, tfs);
  return { start, end, docs, tfs };
}

function countPostings(slots: Int32Array, count: number, counts: Int32Array): void {
  for (let k = 0; k < count; k++) counts[slots[k]]++;
}

/** Where each slot's postings will start, and (in `end`, until they are placed) where the next one goes. */
function startPostings(slotCount: number, start: Int32Array, end: Int32Array): void {
  for (let slot = 0, offset = 0; slot < slotCount; slot++) {
    start[slot] = offset;
    offset += end[slot];
    end[slot] = start[slot];
  }
}

function placePostings(postingStart: Int32Array, slots: Int32Array, tf: Float32Array, docCount: number, end: Int32Array, docs: Int32Array, tfs: Float32Array): void {
  for (let doc = 0; doc < docCount; doc++) {
    for (let k = postingStart[doc]; k < postingStart[doc + 1]; k++) {
      const at = end[slots[k]]++;
      docs[at] = doc;
      tfs[at] = tf[k];
    }
  }
}

/**
 * IDF of every slot. It counts entries, not documents: a word in every Indonesian document
 * ("di", "ada") is as uninformative as a word in every document, though only a tenth of
 * documents are Indonesian.
 */
function idfs(postings: Omit<Postings, 'vocabulary' | 'idf'>, vocabulary: Vocabulary, entryOf: Int32Array, entryCount: number): Float64Array {
  const { start, end, docs } = postings;
  const slotCount = vocabulary.size;
  // Distinct entries per token without allocating a set per token: stamp each entry once.
  const stamp = new Int32Array(entryCount).fill(-1);
  const idf = new Float64Array(slotCount);
  for (let slot = 0; slot < slotCount; slot++) {
    let containing = 0;
    for (let k = start[slot]; k < end[slot]; k++) {
      const entry = entryOf[docs[k]];
      if (stamp[entry] !== slot) {
        stamp[entry] = slot;
        containing++;
      }
    }
    idf[slot] = idfOf(entryCount, containing) * slotWeight(vocabulary, slot);
  }
  return idf;
}

/** BM25 length normalisation of each document. */
function lengthNorms(lengths: Float32Array, totalLength: number): Float64Array {
  const avgLength = lengths.length ? totalLength / lengths.length : 1;
  const norms = new Float64Array(lengths.length);
  for (let doc = 0; doc < lengths.length; doc++) norms[doc] = K1 * (1 - B + (B * lengths[doc]) / avgLength);
  return norms;
}

function emptyScratch(docCount: number, entryCount: number, slotCount: number): Scratch {
  return {
    bm25: new Float64Array(docCount),
    covered: new Float64Array(docCount),
    coveredBy: new Int32Array(docCount).fill(-1),
    touched: [],
    entrySeen: new Int32Array(entryCount),
    entryDoc: new Int32Array(entryCount),
    entryBm25: new Float64Array(entryCount),
    entryOrder: new Int32Array(entryCount),
    entryPhrase: new Float64Array(entryCount),
    entryScore: new Float64Array(entryCount),
    entries: new Int32Array(entryCount),
    slotSeen: new Int32Array(slotCount),
    slotFirst: new Int32Array(slotCount),
    query: 0,
  };
}

/**
 * Builds the index for a set of documents; documents sharing an `id` form one entry. Each step
 * is a function of its own: the JIT optimises them apart, and a step reached for the first time
 * does not throw away the optimised code of the loop before it.
 */
export function buildIndex(documents: SearchDocument[]): SearchIndex {
  const builder = new IndexBuilder();
  const docFields = new Int32Array(documents.length + 1);
  const lengths = new Float32Array(documents.length);
  let totalLength = 0;
  for (let doc = 0; doc < documents.length; doc++) {
    docFields[doc] = builder.fieldStart.length;
    lengths[doc] = builder.addDocument(doc, documents[doc]);
    totalLength += lengths[doc];
  }
  docFields[documents.length] = builder.fieldStart.length;
  const { vocabulary, fieldStart, fieldTokens } = builder;
  fieldStart.push(fieldTokens.length);
  builder.postingStart.push(builder.postingSlot.length);

  const grouped = groupPostings(builder, vocabulary.size, documents.length);
  const { entryOf, entryIds } = numberEntries(documents);
  const idf = idfs(grouped, vocabulary, entryOf, entryIds.length);
  return {
    documents,
    entryOf,
    entryIds,
    norms: lengthNorms(lengths, totalLength),
    postings: { vocabulary, idf, ...grouped },
    phrasings: { docFields, fieldStart: fieldStart.data.slice(0, fieldStart.length), tokens: fieldTokens.data.slice(0, fieldTokens.length) },
    unknownIdf: idfOf(entryIds.length, 1),
    fuzzy: new Map(),
    fuzzyCache: new Map(),
    scratch: emptyScratch(documents.length, entryIds.length, vocabulary.size),
  };
}

/**
 * Typo tolerance only where typos happen: Latin-script words, bucketed by first letter so one
 * lookup scans a few hundred words, not the whole vocabulary. Each bucket's Fuse instance is
 * built on first use: most queries never need one.
 */
function fuzzyBucket(index: SearchIndex, letter: string): Fuse<string> | undefined {
  if (!index.buckets) {
    index.buckets = new Map();
    const vocabulary = index.postings.vocabulary;
    for (let slot = 0; slot < vocabulary.size; slot++) {
      // Words ("w:") that start with a-z, read without making a string for every token.
      const length = vocabulary.lengthIfKind(slot, WORD);
      const first = length > 2 ? vocabulary.charCodeAt(slot, 2) : 0;
      if (first < 0x61 || first > 0x7a || length - 2 < FUZZY_MIN_LENGTH - 1) continue;
      const word = vocabulary.token(slot).slice(2);
      let bucket = index.buckets.get(word[0]);
      if (!bucket) index.buckets.set(word[0], (bucket = []));
      bucket.push(word);
    }
  }
  let fuse = index.fuzzy.get(letter);
  const words = index.buckets.get(letter);
  if (!fuse && words) {
    fuse = new Fuse(words, { includeScore: true, threshold: FUZZY_THRESHOLD, ignoreLocation: true });
    index.fuzzy.set(letter, fuse);
  }
  return fuse;
}

/** Known words close to an unknown Latin word, with how much to trust each. */
function corrections(index: SearchIndex, word: string): Array<{ slot: number; factor: number }> {
  const cached = index.fuzzyCache.get(word);
  if (cached) return cached;
  const fuse = word.length >= FUZZY_MIN_LENGTH ? fuzzyBucket(index, word[0]) : undefined;
  const found = (fuse?.search(word, { limit: 2 }) ?? [])
    .filter((hit) => (hit.score ?? 1) <= FUZZY_THRESHOLD)
    .map((hit) => ({ slot: index.postings.vocabulary.get('w:' + hit.item)!, factor: 1 - (hit.score ?? 1) }));
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

/** A query unit after expansion: the slots that may match it, each with a trust factor, and its weight. */
interface ExpandedUnit {
  alternatives: Array<{ slot: number; factor: number }>;
  weight: number;
}

function expand(index: SearchIndex, units: string[][]): ExpandedUnit[] {
  const { vocabulary, idf } = index.postings;
  const known = (tokens: string[]) => {
    const found: Array<{ slot: number; factor: number }> = [];
    for (const token of tokens) {
      const slot = vocabulary.get(token);
      if (slot !== undefined) found.push({ slot, factor: 1 });
    }
    return found;
  };
  const expanded: ExpandedUnit[] = [];
  const seen = new Set<string>();
  for (const unit of units) {
    const key = unit.join('|');
    if (seen.has(key)) continue;
    seen.add(key);
    let alternatives = known(unit);
    if (!alternatives.length) alternatives = known(withRomaji(unit));
    if (!alternatives.length && unit[0].startsWith('w:')) alternatives = corrections(index, unit[0].slice(2));
    // A word never seen weighs like a rare word: an unknown content word ("passport", "ramen")
    // is a strong sign the question is about something the FAQ does not cover.
    const weight = alternatives.length ? Math.max(...alternatives.map((a) => idf[a.slot])) : index.unknownIdf * tokenWeight(unit[0]);
    expanded.push({ alternatives, weight });
  }
  return expanded;
}

/**
 * The query weight covered by the document's best single phrasing. `altUnit`/`altFactor`/`altNext`
 * list the query's alternatives; `scratch.slotFirst` gives a slot's first one (when `slotSeen`
 * is this query).
 */
function bestPhraseCoverage(index: SearchIndex, doc: number, units: ExpandedUnit[], alternatives: Alternatives, factors: Float64Array): number {
  const { docFields, fieldStart, tokens } = index.phrasings;
  const { slotSeen, slotFirst, query } = index.scratch;
  let best = 0;
  for (let field = docFields[doc]; field < docFields[doc + 1]; field++) {
    factors.fill(0);
    for (let k = fieldStart[field]; k < fieldStart[field + 1]; k++) {
      const slot = tokens[k];
      if (slotSeen[slot] !== query) continue;
      for (let a = slotFirst[slot]; a >= 0; a = alternatives.next[a]) {
        if (alternatives.factor[a] > factors[alternatives.unit[a]]) factors[alternatives.unit[a]] = alternatives.factor[a];
      }
    }
    let covered = 0;
    for (let unit = 0; unit < units.length; unit++) covered += units[unit].weight * factors[unit];
    if (covered > best) best = covered;
  }
  return best;
}

/** The query's alternatives, flat, chained per slot. */
interface Alternatives {
  unit: number[];
  factor: number[];
  next: number[];
}

/** Whether entry `a` ranks before entry `b`: higher first, then the entry seen first. */
type Before = (a: number, b: number) => boolean;

/** The `k` best of the first `count` items by `before`, in order (a small sorted buffer: k is a handful). */
function best(items: Int32Array, count: number, k: number, before: Before): number[] {
  if (k <= 0) return [];
  if (k >= count) return Array.from(items.subarray(0, count)).sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
  const top: number[] = [];
  for (let i = 0; i < count; i++) {
    const item = items[i];
    if (top.length === k && !before(item, top[k - 1])) continue;
    let at = top.length === k ? k - 1 : top.length;
    while (at > 0 && before(item, top[at - 1])) {
      top[at] = top[at - 1];
      at--;
    }
    top[at] = item;
  }
  return top;
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

  const scratch = index.scratch;
  const { bm25, covered, coveredBy, touched, entrySeen, entryDoc, entryBm25, entryOrder, entryPhrase, entryScore, entries, slotSeen, slotFirst } = scratch;
  // Clear what the previous query touched (here rather than at its end, so that a query that
  // threw leaves nothing behind).
  for (const doc of touched) {
    bm25[doc] = 0;
    covered[doc] = 0;
    coveredBy[doc] = -1;
  }
  touched.length = 0;
  if (scratch.query === 0x7fffffff) {
    entrySeen.fill(0);
    slotSeen.fill(0);
    scratch.query = 0;
  }
  const stamp = ++scratch.query;

  const { idf, start, end, docs, tfs } = index.postings;
  const norms = index.norms;
  // A unit counts once per document, whichever of its alternatives matched: `coveredBy` holds
  // the unit that last covered each document.
  const add = (slot: number, factor: number, unitWeight: number, unit: number) => {
    const weight = idf[slot] * factor;
    for (let i = start[slot]; i < end[slot]; i++) {
      const doc = docs[i];
      const tf = tfs[i];
      if (bm25[doc] === 0) touched.push(doc);
      bm25[doc] += (weight * (tf * (K1 + 1))) / (tf + norms[doc]);
      if (unit >= 0 && coveredBy[doc] !== unit) {
        coveredBy[doc] = unit;
        covered[doc] += unitWeight * factor;
      }
    }
  };
  const alternatives: Alternatives = { unit: [], factor: [], next: [] };
  expanded.forEach((unit, number) => {
    for (const { slot, factor } of unit.alternatives) {
      add(slot, factor, unit.weight, number);
      alternatives.unit.push(number);
      alternatives.factor.push(factor);
      alternatives.next.push(slotSeen[slot] === stamp ? slotFirst[slot] : -1);
      slotSeen[slot] = stamp;
      slotFirst[slot] = alternatives.unit.length - 1;
    }
  });
  for (const token of new Set(bonus)) {
    const slot = index.postings.vocabulary.get(token);
    if (slot !== undefined) add(slot, 1, 0, -1);
  }

  // The best document (language) of each entry, entries in the order first seen.
  let entryCount = 0;
  for (const doc of touched) {
    const entry = index.entryOf[doc];
    if (entrySeen[entry] !== stamp) {
      entrySeen[entry] = stamp;
      entryOrder[entry] = entryCount;
      entries[entryCount++] = entry;
      entryDoc[entry] = doc;
      entryBm25[entry] = bm25[doc];
      entryPhrase[entry] = 0;
    } else if (bm25[doc] > entryBm25[entry]) {
      entryDoc[entry] = doc;
      entryBm25[entry] = bm25[doc];
    }
  }
  if (!entryCount) return [];
  // Ties go to the entry seen first, as in a stable sort of them.
  const byBm25: Before = (a, b) => entryBm25[a] > entryBm25[b] || (entryBm25[a] === entryBm25[b] && entryOrder[a] < entryOrder[b]);

  // Phrasings are examined for the leading candidates only; the rest cannot reach the top.
  const candidates = best(entries, entryCount, PHRASE_CANDIDATES, byBm25);
  const top = entryBm25[candidates[0]];
  const factors = new Float64Array(expanded.length);
  for (const entry of candidates) entryPhrase[entry] = bestPhraseCoverage(index, entryDoc[entry], expanded, alternatives, factors) / total;
  for (let i = 0; i < entryCount; i++) {
    const entry = entries[i];
    const whole = covered[entryDoc[entry]] / total;
    const coverage = Math.min(1, ENTRY_SHARE * whole + (1 - ENTRY_SHARE) * entryPhrase[entry]);
    entryScore[entry] = round(coverage * (0.5 + 0.5 * (entryBm25[entry] / top)));
  }
  const byScore: Before = (a, b) => entryScore[a] > entryScore[b] || (entryScore[a] === entryScore[b] && byBm25(a, b));
  return best(entries, entryCount, options.limit ?? 5, byScore).map((entry) => ({ id: index.entryIds[entry], score: entryScore[entry] }));
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
