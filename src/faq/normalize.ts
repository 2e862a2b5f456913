/**
 * Text normalisation shared by the index and the queries, so both sides meet in one form:
 * NFKC (full-width/half-width), lower case, katakana folded to hiragana, Latin diacritics
 * removed (Vietnamese is often typed without them), punctuation to spaces.
 */

const KATAKANA = /[\u30a1-\u30f6]/g;
const LATIN_WITH_MARKS = /([a-z])[\u0300-\u036f]+/g;
const PUNCTUATION = /[\p{P}\p{S}\s]+/gu;

/** Folds a message or an FAQ text into the form the index is built on. */
export function normalizeText(text: string): string {
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
      .trim()
  );
}
