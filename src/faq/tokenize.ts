/**
 * Script-aware tokenisation for retrieval. Text without spaces (Japanese, Chinese, Thai,
 * Burmese) becomes character n-grams; Latin, Hangul and Devanagari words become word tokens
 * with light prefix stems and (Latin) word bigrams, so inflections and Vietnamese syllable
 * pairs still meet.
 */

/** A run of one writing system in a normalised text. */
type Script = 'latin' | 'cjk' | 'hangul' | 'devanagari' | 'thai' | 'myanmar' | 'other';

/** Code point ranges of each script, checked in order (a hot loop: plain comparisons, no regex). */
const SCRIPT_RANGES: Array<[Script, Array<[number, number]>]> = [
  ['latin', [[0x61, 0x7a], [0x30, 0x39], [0xc0, 0x24f]]],
  ['cjk', [[0x3040, 0x30ff], [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xf900, 0xfaff], [0x3005, 0x3005]]],
  ['hangul', [[0xac00, 0xd7af], [0x1100, 0x11ff], [0x3130, 0x318f]]],
  ['devanagari', [[0x0900, 0x097f]]],
  ['thai', [[0x0e00, 0x0e7f]]],
  ['myanmar', [[0x1000, 0x109f]]],
];

/** Latin and Hangul words longer than this also index their prefix, a cheap multilingual stem. */
const STEM_LENGTH = 5;
const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;

function scriptOf(ch: string): Script {
  const code = ch.codePointAt(0)!;
  for (const [script, ranges] of SCRIPT_RANGES) {
    for (const [low, high] of ranges) if (code >= low && code <= high) return script;
  }
  return 'other';
}

/** Splits a normalised text into runs of one script; spaces end a run. */
export function scriptRuns(text: string): Array<{ script: Script; text: string }> {
  const runs: Array<{ script: Script; text: string }> = [];
  let start = 0;
  let script: Script = 'other';
  // Index-based, one substring per run: this runs over every text of the knowledge at build time.
  for (let i = 0; i < text.length; ) {
    const code = text.codePointAt(i)!;
    const width = code > 0xffff ? 2 : 1;
    const next = code === 0x20 ? 'other' : scriptOf(String.fromCodePoint(code));
    if (next !== script) {
      if (script !== 'other') runs.push({ script, text: text.slice(start, i) });
      script = next;
      start = i;
    }
    i += width;
  }
  if (script !== 'other') runs.push({ script, text: text.slice(start) });
  return runs;
}

/** Character n-grams of a run; plain slices when the run has no surrogate pairs (the usual case). */
function ngrams(text: string, n: number, prefix: string, out: string[]): void {
  if (!/[\ud800-\udfff]/.test(text)) {
    for (let i = 0; i + n <= text.length; i++) out.push(prefix + text.slice(i, i + n));
    return;
  }
  const chars = [...text];
  for (let i = 0; i + n <= chars.length; i++) out.push(prefix + chars.slice(i, i + n).join(''));
}

/** One meaningful piece of a query: matched when any alternative (word, stem) is in a document. */
export type QueryUnit = string[];

/** Tokens of a text in two parts: units that carry meaning, and bonus tokens that only sharpen ranking. */
export interface Tokens {
  units: QueryUnit[];
  bonus: string[];
}

/**
 * Tokens of a normalised text (see `normalizeText`). Tokens carry a prefix telling their
 * kind (`w:` word, `s:` stem, `b:` word bigram, `c:` character n-gram) so they never collide.
 */
export function tokenize(normalized: string): Tokens {
  const units: QueryUnit[] = [];
  const bonus: string[] = [];
  let previousLatin: string | undefined;
  for (const run of scriptRuns(normalized)) {
    const text = run.text;
    const grams: string[] = [];
    switch (run.script) {
      case 'latin': {
        // Latin runs (a-z, digits, Latin-1 and Extended-A/B) have no surrogate pairs.
        const unit = ['w:' + text];
        if (text.length > STEM_LENGTH) unit.push('s:' + text.slice(0, STEM_LENGTH));
        units.push(unit);
        if (previousLatin) bonus.push(`b:${previousLatin}_${run.text}`);
        previousLatin = run.text;
        continue;
      }
      case 'cjk': {
        // Han characters carry meaning alone; a lone kana is mostly a particle.
        for (const ch of text) if (HAN.test(ch)) grams.push('c:' + ch);
        ngrams(text, 2, 'c:', grams);
        if (text.length === 1 && !HAN.test(text)) grams.push('c:' + text);
        break;
      }
      case 'hangul': {
        // Korean glues particles to the word (비자가, 비자를): syllable bigrams still meet.
        bonus.push('w:' + run.text);
        ngrams(text, 2, 'c:', grams);
        if (text.length === 1) grams.push('c:' + text);
        break;
      }
      case 'devanagari': {
        // Nepali attaches postpositions (मा, को, लाई) to the word; trigrams still meet.
        bonus.push('w:' + run.text);
        ngrams(text, 3, 'c:', grams);
        if (text.length < 3) grams.push('c:' + text);
        break;
      }
      case 'thai':
      case 'myanmar': {
        ngrams(text, 2, 'c:', grams);
        ngrams(text, 3, 'c:', grams);
        break;
      }
    }
    for (const gram of grams) units.push([gram]);
    previousLatin = undefined;
  }
  return { units, bonus };
}

/** Every token of a text, for indexing a document. */
export function allTokens(tokens: Tokens): string[] {
  const all: string[] = [];
  for (const unit of tokens.units) for (const token of unit) all.push(token);
  for (const token of tokens.bonus) all.push(token);
  return all;
}
