/**
 * Matches a message against phrase lists in many languages. Phrases are normalised like the
 * messages (see `normalizeText`); Latin-script phrases must match whole words, phrases in
 * scripts written without spaces match anywhere. A phrase may contain `*` for "any few words".
 */
import { normalizeText } from '../faq/normalize';

export type PhraseMatcher = (text: string) => boolean;

const LATIN = /^[a-z0-9\s*']+$/;

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Compiles phrase lists into one matcher over normalised text. */
export function phraseMatcher(phrases: readonly string[]): PhraseMatcher {
  const latin: string[] = [];
  const other: string[] = [];
  for (const phrase of phrases) {
    const parts = phrase.split('*').map((part) => normalizeText(part)).filter(Boolean);
    const isLatin = parts.every((part) => LATIN.test(part));
    // `*` lets a few words stand between the parts ("talk to a real person").
    const gap = isLatin ? '(?:\\s+\\S+){0,3}\\s+' : '.{0,12}?';
    const source = parts.map((part) => escape(part).replace(/\s+/g, '\\s+')).join(gap);
    (isLatin ? latin : other).push(source);
  }
  const patterns: RegExp[] = [];
  if (latin.length) patterns.push(new RegExp(`(?:^|\\s)(?:${latin.join('|')})(?=\\s|$)`));
  if (other.length) patterns.push(new RegExp(other.join('|')));
  return (text) => {
    const normalized = normalizeText(text);
    return patterns.some((pattern) => pattern.test(normalized));
  };
}
