/**
 * The FAQ list's search and filters, pure: text in any language, category, status,
 * translation gaps, and entries not reviewed for N months.
 */
import type { FaqEntry } from '../../faq/schema';
import { LANGUAGES, type Language } from '../../i18n/languages';
import type { EntryStatus } from './store';

/**
 * Languages whose translation is missing: the schema makes every language present, so an
 * entry written before its translation is done carries a copy of another language there. A
 * language whose answer is the same as the English or Japanese answer counts as untranslated
 * (titles may rightly be shared: "Tsunami", "Kumamoto City International Center").
 */
export function translationGaps(entry: FaqEntry): Language[] {
  const gaps: Language[] = [];
  for (const lang of LANGUAGES) {
    const text = entry.texts[lang];
    if (!text || !text.title.trim() || !text.answer.trim()) {
      gaps.push(lang);
      continue;
    }
    // Easy Japanese copied from Japanese is a missing rewrite too.
    const copied = (['en', 'ja'] as const).some((source) => source !== lang && entry.texts[source]?.answer === text.answer);
    if (copied) gaps.push(lang);
  }
  return gaps;
}

/** True if `reviewed` (YYYY-MM-DD) is more than `months` calendar months before `today`. */
export function reviewedLongAgo(reviewed: string, months: number, today: Date): boolean {
  const limit = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - months, today.getUTCDate()));
  return reviewed < limit.toISOString().slice(0, 10);
}

/** Lower case, full-width folded, spaces collapsed: how search text is compared. */
export function foldText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

export interface ListFilter {
  q?: string;
  /** Search only this language's texts (and show gaps in it). */
  lang?: Language;
  category?: string;
  status?: EntryStatus | 'all';
  /** Only entries with a missing translation: in `lang` if given, else in any language. */
  missing?: boolean;
  /** Only entries whose review date is older than this many months. */
  staleMonths?: number;
}

export interface ListItem {
  entry: FaqEntry;
  status: EntryStatus;
}

/**
 * The entries matching a filter, best text matches first (id or title before questions and
 * keywords, before the answer), then by id.
 */
export function filterEntries<T extends ListItem>(items: T[], filter: ListFilter, today = new Date()): T[] {
  const q = foldText(filter.q ?? '');
  const langs = filter.lang ? [filter.lang] : LANGUAGES;
  const status = filter.status ?? 'active';
  const scored: Array<{ item: T; score: number }> = [];
  for (const item of items) {
    const { entry } = item;
    if (status !== 'all' && item.status !== status) continue;
    if (filter.category && entry.category !== filter.category) continue;
    if (filter.staleMonths !== undefined && !reviewedLongAgo(entry.reviewed, filter.staleMonths, today)) continue;
    if (filter.missing) {
      const gaps = translationGaps(entry);
      if (filter.lang ? !gaps.includes(filter.lang) : !gaps.length) continue;
    }
    let score = 1;
    if (q) {
      const texts = langs.map((lang) => entry.texts[lang]).filter(Boolean);
      if (entry.id.includes(q) || texts.some((text) => foldText(text.title).includes(q))) score = 3;
      else if (texts.some((text) => [...text.questions, ...text.keywords].some((value) => foldText(value).includes(q)))) score = 2;
      else if (texts.some((text) => foldText(text.answer).includes(q))) score = 1;
      else continue;
    }
    scored.push({ item, score });
  }
  return scored.sort((a, b) => b.score - a.score || a.item.entry.id.localeCompare(b.item.entry.id)).map((s) => s.item);
}
