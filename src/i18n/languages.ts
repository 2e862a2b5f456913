/**
 * The languages Yorisoi answers in. Adding one = an entry here, `locales/<code>.json`,
 * and the language's block in every `knowledge/entries/*.json`.
 */
export const LANGUAGES = ['ja', 'ja-easy', 'en', 'zh-Hans', 'zh-Hant', 'ko', 'vi', 'ne', 'id', 'tl'] as const;

export type Language = (typeof LANGUAGES)[number];

/** The language used when nothing better is known. */
export const DEFAULT_LANGUAGE: Language = 'en';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * Maps a LINE profile `language` (BCP 47-ish, e.g. "zh-TW", "zh-Hant", "pt-BR") to a
 * supported language, or undefined when we do not speak it.
 */
export function languageFromLineProfile(tag: string | undefined): Language | undefined {
  if (!tag) return undefined;
  const lower = tag.toLowerCase();
  if (lower.startsWith('zh')) {
    return /hant|tw|hk|mo/.test(lower) ? 'zh-Hant' : 'zh-Hans';
  }
  if (lower === 'fil' || lower.startsWith('fil-')) return 'tl';
  if (lower === 'in') return 'id';
  const base = lower.split('-')[0];
  return LANGUAGES.find((code) => code === base);
}

/** The BCP 47 tag Intl formats dates in for a language (easy Japanese reads dates as Japanese). */
export function intlLocale(lang: Language): string {
  return lang === 'ja-easy' ? 'ja' : lang === 'tl' ? 'fil' : lang;
}
