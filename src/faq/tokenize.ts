/**
 * Script-aware tokenisation for retrieval. Text without spaces (Japanese, Chinese, Thai,
 * Burmese) becomes character n-grams; Latin, Hangul and Devanagari words become word tokens
 * with light prefix stems and (Latin) word bigrams, so inflections and Vietnamese syllable
 * pairs still meet.
 */

/** A run of one writing system in a normalised text. */
type Script = 'latin' | 'cjk' | 'hangul' | 'devanagari' | 'thai' | 'myanmar' | 'other';

const SCRIPT_RANGES: Array<[Script, RegExp]> = [
  ['latin', /[a-z0-9\u00c0-\u024f]/],
  ['cjk', /[\u3040-\u309f\u30a0-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3005\u30fc]/],
  ['hangul', /[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]/],
  ['devanagari', /[\u0900-\u097f]/],
  ['thai', /[\u0e00-\u0e7f]/],
  ['myanmar', /[\u1000-\u109f]/],
];

/** Latin and Hangul words longer than this also index their prefix, a cheap multilingual stem. */
const STEM_LENGTH = 5;
const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;

function scriptOf(ch: string): Script {
  for (const [script, pattern] of SCRIPT_RANGES) if (pattern.test(ch)) return script;
  return ch === ' ' ? 'other' : 'other';
}

/** Splits a normalised text into runs of one script; spaces end a run. */
export function scriptRuns(text: string): Array<{ script: Script; text: string }> {
  const runs: Array<{ script: Script; text: string }> = [];
  let current: { script: Script; text: string } | undefined;
  for (const ch of text) {
    const script = ch === ' ' ? undefined : scriptOf(ch);
    if (!script || script === 'other') {
      current = undefined;
      continue;
    }
    if (current && current.script === script) current.text += ch;
    else {
      current = { script, text: ch };
      runs.push(current);
    }
  }
  return runs;
}

function ngrams(chars: string[], n: number, prefix: string, out: string[]): void {
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
    const chars = [...run.text];
    const grams: string[] = [];
    switch (run.script) {
      case 'latin': {
        const unit = ['w:' + run.text];
        if (chars.length > STEM_LENGTH) unit.push('s:' + chars.slice(0, STEM_LENGTH).join(''));
        units.push(unit);
        if (previousLatin) bonus.push(`b:${previousLatin}_${run.text}`);
        previousLatin = run.text;
        continue;
      }
      case 'cjk': {
        // Han characters carry meaning alone; a lone kana is mostly a particle.
        for (const ch of chars) if (HAN.test(ch)) grams.push('c:' + ch);
        ngrams(chars, 2, 'c:', grams);
        if (chars.length === 1 && !HAN.test(chars[0])) grams.push('c:' + chars[0]);
        break;
      }
      case 'hangul': {
        // Korean glues particles to the word (비자가, 비자를): syllable bigrams still meet.
        bonus.push('w:' + run.text);
        ngrams(chars, 2, 'c:', grams);
        if (chars.length === 1) grams.push('c:' + run.text);
        break;
      }
      case 'devanagari': {
        // Nepali attaches postpositions (मा, को, लाई) to the word; trigrams still meet.
        bonus.push('w:' + run.text);
        ngrams(chars, 3, 'c:', grams);
        if (chars.length < 3) grams.push('c:' + run.text);
        break;
      }
      case 'thai':
      case 'myanmar': {
        ngrams(chars, 2, 'c:', grams);
        ngrams(chars, 3, 'c:', grams);
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
  return [...tokens.units.flat(), ...tokens.bonus];
}
