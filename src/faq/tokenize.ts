/**
 * Script-aware tokenisation for retrieval. Text without spaces (Japanese, Chinese, Thai,
 * Burmese) becomes character n-grams; Latin, Hangul and Devanagari words become word tokens
 * with light prefix stems and (Latin) word bigrams, so inflections and Vietnamese syllable
 * pairs still meet. The `Vocabulary` numbers the tokens of an index.
 */

/** A run of one writing system in a normalised text. */
type Script = 'latin' | 'cjk' | 'hangul' | 'devanagari' | 'thai' | 'myanmar' | 'other';

/** Latin and Hangul words longer than this also index their prefix, a cheap multilingual stem. */
const STEM_LENGTH = 5;

/**
 * The script of a UTF-16 unit (a hot loop: plain comparisons). Nothing above the BMP belongs to
 * a script here, so a surrogate, like a space or a punctuation mark, ends a run.
 */
function scriptOf(code: number): Script {
  if (code < 0x80) return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) ? 'latin' : 'other';
  if (code >= 0xc0 && code <= 0x24f) return 'latin';
  if ((code >= 0x3040 && code <= 0x30ff) || (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf) || (code >= 0xf900 && code <= 0xfaff) || code === 0x3005) return 'cjk';
  if ((code >= 0xac00 && code <= 0xd7af) || (code >= 0x1100 && code <= 0x11ff) || (code >= 0x3130 && code <= 0x318f)) return 'hangul';
  if (code >= 0x0900 && code <= 0x097f) return 'devanagari';
  if (code >= 0x0e00 && code <= 0x0e7f) return 'thai';
  if (code >= 0x1000 && code <= 0x109f) return 'myanmar';
  return 'other';
}

function isHan(code: number): boolean {
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf) || (code >= 0xf900 && code <= 0xfaff);
}

/** One meaningful piece of a query: matched when any alternative (word, stem) is in a document. */
export type QueryUnit = string[];

/** Tokens of a text in two parts: units that carry meaning, and bonus tokens that only sharpen ranking. */
export interface Tokens {
  units: QueryUnit[];
  bonus: string[];
}

/** Token kinds, as the character codes of their prefix letters. */
const WORD = 0x77; // w
const STEM = 0x73; // s
const BIGRAM = 0x62; // b
const GRAM = 0x63; // c
const COLON = 0x3a;
const UNDERSCORE = 0x5f;

/**
 * Tokens as spans of a text, five numbers each: kind, start, end, and for a word bigram the
 * second word's start and end (-1 otherwise). The index builder reads tokens this way, so a
 * token already in the vocabulary costs no string.
 */
export class Spans {
  data = new Int32Array(5 * 64);
  count = 0;

  push(kind: number, start: number, end: number, start2 = -1, end2 = -1): void {
    if (5 * this.count === this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    const at = 5 * this.count++;
    this.data[at] = kind;
    this.data[at + 1] = start;
    this.data[at + 2] = end;
    this.data[at + 3] = start2;
    this.data[at + 4] = end2;
  }
}

/** Character n-grams of the run `[start, end)` (runs hold no surrogates: see `scriptOf`). */
function ngrams(start: number, end: number, n: number, out: Spans): void {
  for (let i = start; i + n <= end; i++) out.push(GRAM, i, i + n);
}

/**
 * The tokens of a normalised text as spans: the units' tokens go to `units` and the bonus tokens
 * to `bonus`. Each unit is one span, but for a word's stem, which follows its word in the unit.
 */
export function tokenSpans(text: string, units: Spans, bonus: Spans): void {
  let previousStart = -1;
  let previousEnd = -1;
  let start = 0;
  let script: Script = 'other';
  for (let i = 0; i <= text.length; i++) {
    const next = i < text.length ? scriptOf(text.charCodeAt(i)) : 'other';
    if (next === script) continue;
    const length = i - start;
    switch (script) {
      case 'latin': {
        units.push(WORD, start, i);
        if (length > STEM_LENGTH) units.push(STEM, start, start + STEM_LENGTH);
        if (previousStart >= 0) bonus.push(BIGRAM, previousStart, previousEnd, start, i);
        previousStart = start;
        previousEnd = i;
        break;
      }
      case 'cjk': {
        // Han characters carry meaning alone; a lone kana is mostly a particle.
        for (let j = start; j < i; j++) if (isHan(text.charCodeAt(j))) units.push(GRAM, j, j + 1);
        ngrams(start, i, 2, units);
        if (length === 1 && !isHan(text.charCodeAt(start))) units.push(GRAM, start, i);
        break;
      }
      case 'hangul': {
        // Korean glues particles to the word (비자가, 비자를): syllable bigrams still meet.
        bonus.push(WORD, start, i);
        ngrams(start, i, 2, units);
        if (length === 1) units.push(GRAM, start, i);
        break;
      }
      case 'devanagari': {
        // Nepali attaches postpositions (मा, को, लाई) to the word; trigrams still meet.
        bonus.push(WORD, start, i);
        ngrams(start, i, 3, units);
        if (length < 3) units.push(GRAM, start, i);
        break;
      }
      case 'thai':
      case 'myanmar': {
        ngrams(start, i, 2, units);
        ngrams(start, i, 3, units);
        break;
      }
    }
    if (script !== 'latin' && script !== 'other') previousStart = -1;
    script = next;
    start = i;
  }
}

/** The token a span of `text` spells (see `Spans`). */
function spanToken(text: string, spans: Spans, span: number): string {
  const data = spans.data;
  const at = 5 * span;
  const token = String.fromCharCode(data[at], COLON) + text.slice(data[at + 1], data[at + 2]);
  return data[at + 3] < 0 ? token : token + '_' + text.slice(data[at + 3], data[at + 4]);
}

/**
 * Tokens of a normalised text (see `normalizeText`). Tokens carry a prefix telling their
 * kind (`w:` word, `s:` stem, `b:` word bigram, `c:` character n-gram) so they never collide.
 */
export function tokenize(normalized: string): Tokens {
  const spans = new Spans();
  const bonusSpans = new Spans();
  tokenSpans(normalized, spans, bonusSpans);
  const units: QueryUnit[] = [];
  for (let span = 0; span < spans.count; span++) {
    const token = spanToken(normalized, spans, span);
    if (spans.data[5 * span] === STEM) units[units.length - 1].push(token);
    else units.push([token]);
  }
  const bonus: string[] = [];
  for (let i = 0; i < bonusSpans.count; i++) bonus.push(spanToken(normalized, bonusSpans, i));
  return { units, bonus };
}

/** FNV-1a over UTF-16 units, then a final mix so that the low bits (the table position) vary. */
// As a signed 32-bit number, like every hash in between, so the JIT sees one kind of number.
const HASH_SEED = 0x811c9dc5 | 0;
const HASH_PRIME = 0x01000193;

function hashUnits(hash: number, text: string, start: number, end: number): number {
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), HASH_PRIME);
  return hash;
}

function mix(hash: number): number {
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  return hash;
}

/**
 * The tokens of an index, numbered in the order first added (their slots). An open-addressing
 * hash table over the tokens' characters, kept in one typed array and not as strings, so that a
 * span of a text is looked up, and a new token added, without making a string: building an
 * index allocates little for the garbage collector to clear.
 */
export class Vocabulary {
  /**
   * Two numbers per position: the token's hash and where its record starts in `records`, + 1
   * (0 where empty); at most half full.
   */
  private table = new Int32Array(2 * 2048);
  /**
   * One record per token, one after the other: its slot (two units), its length, its
   * characters. A lookup reads the table and then one record: two cache misses, not three.
   */
  private records = new Uint16Array(1 << 15);
  private recordsLength = 0;
  /** Where each slot's record starts. */
  private recordOf = new Int32Array(1024);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** The slot of a token, if the vocabulary has it. */
  get(token: string): number | undefined {
    const hash = mix(hashUnits(HASH_SEED, token, 0, token.length));
    const { table, records } = this;
    const mask = table.length / 2 - 1;
    for (let at = hash & mask; ; at = (at + 1) & mask) {
      const entry = table[2 * at + 1];
      if (entry === 0) return undefined;
      const record = entry - 1;
      if (table[2 * at] !== hash || records[record + 2] !== token.length) continue;
      let same = true;
      for (let i = 0; same && i < token.length; i++) same = records[record + 3 + i] === token.charCodeAt(i);
      if (same) return records[record] | (records[record + 1] << 16);
    }
  }

  /** The token in a slot. */
  token(slot: number): string {
    const record = this.recordOf[slot];
    return String.fromCharCode.apply(null, this.records.subarray(record + 3, record + 3 + this.records[record + 2]) as unknown as number[]);
  }

  /** Whether the token in a slot is of the kind given by its prefix letter's code, and then how long it is (0 otherwise). */
  lengthIfKind(slot: number, kind: number): number {
    const record = this.recordOf[slot];
    return this.records[record + 3] === kind ? this.records[record + 2] : 0;
  }

  /** The `i`-th character code of the token in a slot. */
  charCodeAt(slot: number, i: number): number {
    return this.records[this.recordOf[slot] + 3 + i];
  }

  /** The slot of the token that span `span` of `spans` spells in `text`, added if new. */
  add(text: string, spans: Spans, span: number): number {
    const data = spans.data;
    const at = 5 * span;
    const kind = data[at];
    const start = data[at + 1];
    const end = data[at + 2];
    const start2 = data[at + 3];
    const end2 = data[at + 4];
    let hash = hashUnits(Math.imul(Math.imul(HASH_SEED ^ kind, HASH_PRIME) ^ COLON, HASH_PRIME), text, start, end);
    if (start2 >= 0) hash = hashUnits(Math.imul(hash ^ UNDERSCORE, HASH_PRIME), text, start2, end2);
    hash = mix(hash);
    const length = 2 + end - start + (start2 >= 0 ? 1 + end2 - start2 : 0);
    const table = this.table;
    const records = this.records;
    const mask = table.length / 2 - 1;
    let position = hash & mask;
    for (; ; position = (position + 1) & mask) {
      const entry = table[2 * position + 1];
      if (entry === 0) break;
      if (table[2 * position] !== hash) continue;
      const record = entry - 1;
      if (records[record + 2] !== length || records[record + 3] !== kind) continue;
      let same = true;
      for (let i = start, j = record + 5; same && i < end; i++, j++) same = records[j] === text.charCodeAt(i);
      for (let i = start2, j = record + 6 + end - start; same && i < end2; i++, j++) same = records[j] === text.charCodeAt(i);
      if (same) return records[record] | (records[record + 1] << 16);
    }
    return this.insert(text, kind, start, end, start2, end2, length, hash, position);
  }

  private insert(text: string, kind: number, start: number, end: number, start2: number, end2: number, length: number, hash: number, position: number): number {
    const slot = this.count++;
    if (slot === this.recordOf.length) this.recordOf = grown(this.recordOf, 2 * slot);
    const record = this.recordsLength;
    this.recordOf[slot] = record;
    this.recordsLength += 3 + length;
    if (this.recordsLength > this.records.length) this.records = grown(this.records, 2 * this.recordsLength);
    const records = this.records;
    records[record] = slot & 0xffff;
    records[record + 1] = slot >>> 16;
    records[record + 2] = length;
    records[record + 3] = kind;
    records[record + 4] = COLON;
    let j = record + 5;
    for (let i = start; i < end; i++) records[j++] = text.charCodeAt(i);
    if (start2 >= 0) {
      records[j++] = UNDERSCORE;
      for (let i = start2; i < end2; i++) records[j++] = text.charCodeAt(i);
    }
    this.table[2 * position] = hash;
    this.table[2 * position + 1] = record + 1;
    if (4 * this.count > this.table.length) this.rehash();
    return slot;
  }

  private rehash(): void {
    const old = this.table;
    const table = new Int32Array(old.length * 2);
    const mask = table.length / 2 - 1;
    for (let position = 0; position < old.length; position += 2) {
      if (old[position + 1] === 0) continue;
      let at = old[position] & mask;
      while (table[2 * at + 1] !== 0) at = (at + 1) & mask;
      table[2 * at] = old[position];
      table[2 * at + 1] = old[position + 1];
    }
    this.table = table;
  }
}

function grown<T extends Int32Array | Uint16Array>(array: T, size: number): T {
  const bigger = new (array.constructor as new (size: number) => T)(size);
  bigger.set(array);
  return bigger;
}
