/**
 * The knowledge base as the bot uses it: validated entries and contacts, their search
 * documents, a version fingerprint, and answers with contact placeholders filled in.
 */
import type { Language } from '../i18n/languages';
import { CONTACT_PLACEHOLDER, OUT_OF_SCOPE_ID, type Contacts, type FaqEntry, type OutOfScope } from './schema';
import { buildIndex, type SearchDocument, type SearchIndex } from './search';
import { disasterEntryIds } from '../disaster/tie-break';

export interface Knowledge {
  entries: FaqEntry[];
  contacts: Contacts;
  /** Examples of what the FAQ does not cover (see `OutOfScope`). */
  outOfScope?: OutOfScope;
  /** Changes whenever any entry or contact changes; the search index is rebuilt on change. */
  version: string;
}

/** How much each field counts in retrieval: titles and keywords are dense, questions are many. */
const FIELD_WEIGHTS = { title: 2, keywords: 1.5, questions: 1 } as const;

/** One search document per entry and language, plus the out-of-scope examples per language. */
export function documentsFromEntries(entries: FaqEntry[], outOfScope?: OutOfScope): SearchDocument[] {
  const outside = Object.entries(outOfScope?.texts ?? {}).map(([lang, text]) => ({
    id: OUT_OF_SCOPE_ID,
    lang,
    fields: [
      ...text.keywords.map((keyword) => ({ text: keyword, weight: FIELD_WEIGHTS.keywords })),
      ...text.questions.map((question) => ({ text: question, weight: FIELD_WEIGHTS.questions })),
    ],
  }));
  return [...outside, ...entries.flatMap((entry) =>
    Object.entries(entry.texts).map(([lang, text]) => ({
      id: entry.id,
      lang,
      fields: [
        { text: text.title, weight: FIELD_WEIGHTS.title },
        ...text.keywords.map((keyword) => ({ text: keyword, weight: FIELD_WEIGHTS.keywords })),
        ...text.questions.map((question) => ({ text: question, weight: FIELD_WEIGHTS.questions })),
      ],
    })),
  )];
}

/** A short, stable fingerprint (FNV-1a, 32 bit) of any JSON-serialisable value. */
export function fingerprint(value: unknown): string {
  const text = JSON.stringify(value);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/** Assembles a knowledge base; its version is computed unless a stored one is given. */
export function makeKnowledge(entries: FaqEntry[], contacts: Contacts, version?: string, outOfScope?: OutOfScope): Knowledge {
  const sorted = [...entries].sort((a, b) => a.id.localeCompare(b.id));
  const sortedContacts = Object.fromEntries(Object.entries(contacts).sort(([a], [b]) => a.localeCompare(b)));
  return { entries: sorted, contacts: sortedContacts, outOfScope, version: version ?? fingerprint([sorted, sortedContacts, outOfScope ?? null]) };
}

export interface KnowledgeIndex {
  index: SearchIndex;
  byId: Map<string, FaqEntry>;
  /** Life-saving entries, which win in an emergency. */
  urgentIds: ReadonlySet<string>;
  /** The entries that win close calls in disaster mode (src/disaster/tie-break.ts). */
  disasterIds: ReadonlySet<string>;
}

let cached: (KnowledgeIndex & { version: string }) | undefined;

/** The search index and lookups for this knowledge version, built once per isolate and on each change. */
export function indexFor(knowledge: Knowledge): KnowledgeIndex {
  if (cached?.version !== knowledge.version) {
    cached = {
      version: knowledge.version,
      index: buildIndex(documentsFromEntries(knowledge.entries, knowledge.outOfScope)),
      byId: new Map(knowledge.entries.map((entry) => [entry.id, entry])),
      urgentIds: new Set(knowledge.entries.filter((entry) => entry.urgent).map((entry) => entry.id)),
      disasterIds: disasterEntryIds(knowledge.entries),
    };
  }
  return cached;
}

/** Replaces `{{field:key}}` placeholders with the contact's value in the given language. */
export function fillContacts(text: string, contacts: Contacts, lang: Language): string {
  return text.replace(CONTACT_PLACEHOLDER, (placeholder, field: string, key: string) => {
    const contact = contacts[key];
    const value = contact?.[field as keyof typeof contact];
    if (typeof value === 'string') return value;
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      return (value as Record<string, string>)[lang] ?? (value as Record<string, string>).en ?? placeholder;
    }
    // A missing contact is caught by the knowledge tests; never show a raw placeholder.
    return '';
  });
}
