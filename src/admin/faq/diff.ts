/**
 * Field-level differences between two versions of an entry (or a contact): which language,
 * which field, before and after, and for lists which items came or went. Pure; used by the
 * history page, the conflict view and the import preview.
 */
import type { Contact, FaqEntry } from '../../faq/schema';
import { LANGUAGES, type Language } from '../../i18n/languages';

export interface FieldChange {
  /** Where the field is, as in validation issues: `category`, `texts.vi.answer`, `hours.en`. */
  path: string;
  /** The language of a per-language field; null for shared fields. */
  lang: Language | null;
  field: string;
  /** undefined: the field was not there. */
  before: unknown;
  after: unknown;
  /** For lists of strings (questions, keywords, related): items added and removed. */
  added?: string[];
  removed?: string[];
}

const ENTRY_FIELDS = ['category', 'urgent', 'related', 'sources', 'reviewed'] as const;
const TEXT_FIELDS = ['title', 'questions', 'keywords', 'answer'] as const;
const CONTACT_FIELDS = ['phone', 'phoneAlt', 'url', 'hours', 'address', 'sources', 'reviewed'] as const;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

const isStringList = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string');

function change(path: string, lang: Language | null, field: string, before: unknown, after: unknown): FieldChange {
  const result: FieldChange = { path, lang, field, before, after };
  if ((isStringList(before) || before === undefined) && (isStringList(after) || after === undefined) && (before || after)) {
    const was = new Set(before ?? []);
    const now = new Set(after ?? []);
    result.added = [...now].filter((item) => !was.has(item));
    result.removed = [...was].filter((item) => !now.has(item));
  }
  return result;
}

/** What differs between two versions of an entry; `undefined` stands for "no entry" (created, or compared with nothing). */
export function diffEntries(before: FaqEntry | undefined, after: FaqEntry | undefined): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of ENTRY_FIELDS) {
    const a = before?.[field];
    const b = after?.[field];
    if (!same(a, b)) changes.push(change(field, null, field, a, b));
  }
  for (const lang of LANGUAGES) {
    for (const field of TEXT_FIELDS) {
      const a = before?.texts?.[lang]?.[field];
      const b = after?.texts?.[lang]?.[field];
      if (!same(a, b)) changes.push(change(`texts.${lang}.${field}`, lang, field, a, b));
    }
  }
  return changes;
}

/** What differs between two versions of a contact; localised hours and addresses per language. */
export function diffContacts(before: Contact | undefined, after: Contact | undefined): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of CONTACT_FIELDS) {
    const a = before?.[field];
    const b = after?.[field];
    if (same(a, b)) continue;
    if ((field === 'hours' || field === 'address') && (a || b)) {
      for (const lang of LANGUAGES) {
        const x = (a as Record<string, string> | undefined)?.[lang];
        const y = (b as Record<string, string> | undefined)?.[lang];
        if (x !== y) changes.push(change(`${field}.${lang}`, lang, field, x, y));
      }
    } else {
      changes.push(change(field, null, field, a, b));
    }
  }
  return changes;
}

/** The languages touched by a set of changes (null: only shared fields). */
export function changedLanguages(changes: FieldChange[]): Language[] {
  return LANGUAGES.filter((lang) => changes.some((c) => c.lang === lang));
}
