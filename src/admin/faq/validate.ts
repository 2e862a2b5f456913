/**
 * What an admin may save, beyond the FaqEntry/Contact schemas: related entries that exist,
 * contact placeholders that name a contact with that field, and answers that fit one LINE text
 * message once contacts are filled in. Pure: the caller passes the rest of the knowledge.
 */
import type { z } from 'zod';
import { fillContacts } from '../../faq/knowledge';
import { Contact, CONTACT_PLACEHOLDER, EntryId, FaqEntry, type Contacts } from '../../faq/schema';
import { LANGUAGES } from '../../i18n/languages';
import { MAX_TEXT_LENGTH } from '../../line/limits';
import { fieldIssues, type FieldIssue } from '../../http/zod-issues';

export type { FieldIssue } from '../../http/zod-issues';

/** The rest of the knowledge an entry is checked against. */
export interface EntryCheckContext {
  /** Entries residents can be offered (active), by id. */
  activeIds: ReadonlySet<string>;
  contacts: Contacts;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; issues: FieldIssue[] };

/** The bubble the bot sends for this entry in this language: title, blank line, answer with contacts. */
export function answerBubble(entry: Pick<FaqEntry, 'texts'>, lang: (typeof LANGUAGES)[number], contacts: Contacts): string {
  const text = entry.texts[lang];
  return `${text.title}\n\n${fillContacts(text.answer, contacts, lang)}`;
}

/** Placeholder problems in one answer: unknown contacts, or a contact without that field. */
export function placeholderIssues(answer: string, contacts: Contacts): string[] {
  const problems: string[] = [];
  for (const [placeholder, field, key] of answer.matchAll(CONTACT_PLACEHOLDER)) {
    const contact = contacts[key];
    if (!contact) problems.push(`${placeholder}: there is no contact "${key}"`);
    else if (contact[field as keyof Contact] === undefined) problems.push(`${placeholder}: the contact "${key}" has no ${field}`);
  }
  // Something that looks like a placeholder but is not one would reach residents as typed.
  for (const [candidate] of answer.matchAll(/\{\{[^}]*\}\}/g)) {
    if (!new RegExp(`^${CONTACT_PLACEHOLDER.source}$`).test(candidate)) problems.push(`${candidate}: not a contact placeholder (use {{phone:key}}, {{phoneAlt:key}}, {{url:key}}, {{hours:key}} or {{address:key}})`);
  }
  return problems;
}

/** Cross-checks of a schema-valid entry against the rest of the knowledge. */
export function entryIssues(entry: FaqEntry, context: EntryCheckContext): FieldIssue[] {
  const issues: FieldIssue[] = [];
  entry.related.forEach((id, index) => {
    if (id === entry.id) issues.push({ path: `related.${index}`, message: 'an entry cannot be related to itself' });
    else if (!context.activeIds.has(id)) issues.push({ path: `related.${index}`, message: `there is no active entry "${id}"` });
  });
  if (new Set(entry.related).size !== entry.related.length) issues.push({ path: 'related', message: 'the same entry is listed twice' });
  for (const lang of LANGUAGES) {
    const path = `texts.${lang}.answer`;
    for (const message of placeholderIssues(entry.texts[lang].answer, context.contacts)) issues.push({ path, message });
    const length = answerBubble(entry, lang, context.contacts).length;
    if (length > MAX_TEXT_LENGTH) issues.push({ path, message: `with the title and contacts filled in the message is ${length} characters; LINE allows ${MAX_TEXT_LENGTH}` });
  }
  return issues;
}

/** Parses and cross-checks an entry as an admin wrote it. */
export function checkEntry(input: unknown, context: EntryCheckContext): Checked<FaqEntry> {
  const parsed = FaqEntry.safeParse(input);
  if (!parsed.success) return { ok: false, issues: fieldIssues(parsed.error, [], 50) };
  const issues = entryIssues(parsed.data, context);
  return issues.length ? { ok: false, issues } : { ok: true, value: parsed.data };
}

/**
 * Parses a contact and checks that every answer using it still works: each placeholder's
 * field is still there, and each bubble still fits LINE's limit with the new values.
 */
export function checkContact(key: string, input: unknown, entries: FaqEntry[], contacts: Contacts): Checked<Contact> {
  const id = EntryId.safeParse(key);
  if (!id.success) return { ok: false, issues: fieldIssues(id.error, ['key'], 50) };
  const parsed = Contact.safeParse(input);
  if (!parsed.success) return { ok: false, issues: fieldIssues(parsed.error, [], 50) };
  const next = { ...contacts, [key]: parsed.data };
  const issues: FieldIssue[] = [];
  for (const entry of entries) {
    for (const lang of LANGUAGES) {
      const answer = entry.texts[lang].answer;
      if (!answer.includes(`:${key}}}`)) continue;
      for (const message of placeholderIssues(answer, next)) issues.push({ path: `usedBy.${entry.id}.${lang}`, message: `${entry.id} (${lang}): ${message}` });
      const length = answerBubble(entry, lang, next).length;
      if (length > MAX_TEXT_LENGTH) issues.push({ path: `usedBy.${entry.id}.${lang}`, message: `${entry.id} (${lang}) would be ${length} characters; LINE allows ${MAX_TEXT_LENGTH}` });
    }
  }
  return issues.length ? { ok: false, issues } : { ok: true, value: parsed.data };
}
