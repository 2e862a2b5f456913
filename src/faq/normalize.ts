/**
 * Text normalisation shared by the index and the queries, so both sides meet in one form:
 * NFKC (full-width/half-width), lower case, katakana folded to hiragana, Latin diacritics
 * removed (Vietnamese is often typed without them), punctuation to spaces.
 */

const KATAKANA = /[\u30a1-\u30f6]/g;
const LATIN_WITH_MARKS = /([a-z])[\u0300-\u036f]+/g;
const PUNCTUATION = /[\p{P}\p{S}\s]+/gu;

/** `normalizeText` before the final trim. */
function normalizeUntrimmed(text: string): string {
  return (
    text
      .normalize('NFKC')
      .toLowerCase()
      // Katakana and hiragana spellings of the same word (ゴミ / ごみ) must meet.
      .replace(KATAKANA, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0x60))
      // Only marks that follow a Latin letter: Devanagari and Thai vowel signs are letters there.
      .normalize('NFD')
      .replace(LATIN_WITH_MARKS, '$1')
      .normalize('NFC')
      .replace(/đ/g, 'd')
      .replace(PUNCTUATION, ' ')
  );
}

/** Folds a message or an FAQ text into the form the index is built on. */
export function normalizeText(text: string): string {
  return normalizeUntrimmed(text).trim();
}

/** Fold-table value of a character whose normalisation depends on its neighbours (or is several characters). */
const CONTEXTUAL = 0xffff;
/** Fold-table value not computed yet. */
const UNKNOWN = 0;
/**
 * What each UTF-16 unit becomes on its own (see `PER_CHARACTER`), filled on first sight: computing
 * it takes a few microseconds, and a knowledge base uses a few hundred distinct characters
 * outside the large ranges that fold to themselves.
 */
const FOLDS = new Uint16Array(0x10000);

/**
 * Ranges where a character's normalisation is its own affair: under NFKC no character in them
 * combines with, or (but for the virama) is reordered against, another character of these
 * ranges, so normalising it alone is the same as normalising it inside a text made of them. Combining marks, conjoining
 * jamo, half-width kana, compatibility ideographs, surrogates and the scripts not listed here
 * take the full path.
 */
const PER_CHARACTER: Array<[number, number]> = [
  [0x0000, 0x024f], // ASCII, Latin-1, Latin Extended-A/B (Vietnamese, Tagalog, Spanish...)
  [0x0900, 0x097f], // Devanagari, less the marks below
  [0x1e00, 0x1eff], // Latin Extended Additional (Vietnamese)
  [0x2000, 0x206f], // general punctuation
  [0x3000, 0x303f], // CJK punctuation, less the tone marks below
  [0x30a0, 0x30a0], // katakana double hyphen
  [0x30fb, 0x30fb], // katakana middle dot
  [0xff01, 0xff5e], // full-width ASCII
];
/**
 * Marks in those ranges that compose with or reorder against a neighbour: Devanagari nukta
 * (न + ़ = ऩ), the Devanagari letters NFC keeps decomposed (क़), stress signs, CJK tone marks.
 */
const CONTEXTUAL_CHARACTERS: Array<[number, number]> = [
  [0x093c, 0x093c],
  [0x0951, 0x0954],
  [0x0958, 0x095f],
  [0x302a, 0x302f],
];
/**
 * Letters that NFKC, lower-casing and diacritic removal leave as they are (katakana is then
 * shifted to hiragana): checked by range, without calling `normalizeText`, because a CJK
 * knowledge base uses thousands of them.
 */
const UNCHANGED: Array<[number, number]> = [
  [0x4e00, 0x9fff], // CJK Unified Ideographs
  [0xac00, 0xd7a3], // Hangul syllables
  [0x3041, 0x3096], // hiragana
  [0x30a1, 0x30fa], // katakana
  [0x309d, 0x309e], // hiragana iteration marks
  [0x30fc, 0x30fe], // prolonged sound mark, katakana iteration marks
  [0x3400, 0x4dbf], // CJK Extension A
];

/** The one combining mark left in those ranges (ccc 9): it composes with nothing, but see `normalizeForIndex`. */
const VIRAMA = 0x094d;

function inRanges(code: number, ranges: Array<[number, number]>): boolean {
  for (const range of ranges) if (code >= range[0] && code <= range[1]) return true;
  return false;
}

function computeFold(code: number): number {
  if (inRanges(code, UNCHANGED)) return code >= 0x30a1 && code <= 0x30f6 ? code - 0x60 : code;
  if (!inRanges(code, PER_CHARACTER) || inRanges(code, CONTEXTUAL_CHARACTERS)) return CONTEXTUAL;
  const folded = normalizeUntrimmed(String.fromCharCode(code));
  // One character in, one out (or a space): "ǆ" -> "dz" or "ŀ" -> "l " take the full path.
  if (folded.length !== 1 || folded.charCodeAt(0) === UNKNOWN || folded.charCodeAt(0) === CONTEXTUAL) return CONTEXTUAL;
  return folded.charCodeAt(0);
}

const ASCII = /^[\x00-\x7f]*$/;

/** Folded units of one text, reused between calls (texts are short; it grows when one is not). */
let buffer = new Uint16Array(256);

/**
 * The same as `normalizeText`, faster, for building the index over thousands of texts, except
 * that runs of spaces are neither collapsed nor trimmed (the tokeniser does not care). A text
 * is folded a character at a time when every character allows it (see `PER_CHARACTER`), and
 * normalised in full otherwise.
 */
export function normalizeForIndex(text: string): string {
  // Most knowledge text is ASCII, where lower case is all there is to do: a native call is
  // quicker than any loop while the JIT is still cold.
  if (ASCII.test(text)) return text.toLowerCase();
  if (text.length > buffer.length) buffer = new Uint16Array(text.length * 2);
  let changed = false;
  let virama = false;
  let accented = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let folded = FOLDS[code];
    if (folded === UNKNOWN) FOLDS[code] = folded = computeFold(code);
    if (folded === CONTEXTUAL) return normalizeText(text);
    if (folded !== code) changed = true;
    if (code === VIRAMA) virama = true;
    else if (code >= 0x80 && (code <= 0x24f || (code >= 0x1e00 && code <= 0x1eff))) accented = true;
    buffer[i] = folded;
  }
  // NFD moves a virama before the accent of a Latin letter just ahead of it ("à्"), which
  // then is no longer stripped: rare enough to leave to the full path.
  if (virama && accented) return normalizeText(text);
  return changed ? fromCharCodes(buffer, text.length) : text;
}

/** A string from the first `length` units of a buffer, in chunks that stay within argument limits. */
function fromCharCodes(units: Uint16Array, length: number): string {
  const CHUNK = 4096;
  if (length <= CHUNK) return String.fromCharCode.apply(null, units.subarray(0, length) as unknown as number[]);
  let out = '';
  for (let i = 0; i < length; i += CHUNK) out += String.fromCharCode.apply(null, units.subarray(i, Math.min(length, i + CHUNK)) as unknown as number[]);
  return out;
}
