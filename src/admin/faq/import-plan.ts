/**
 * What an import would do, computed before anything is written: entries added, changed,
 * archived or brought back (field by field), contacts added or changed, the out-of-scope
 * examples replaced. Every resulting entry is checked as the editor checks one. Pure: the
 * caller reads the current knowledge (the "base") and applies the plan in one batch.
 */
import { fingerprint } from '../../faq/knowledge';
import { Contact, FaqEntry, OutOfScope } from '../../faq/schema';
import { diffContacts, diffEntries, type FieldChange } from './diff';
import type { EntryStatus } from './store';
import { entryIssues, type FieldIssue } from './validate';
import { fieldIssues } from '../../http/zod-issues';

export interface BaseEntry {
  entry: FaqEntry;
  status: EntryStatus;
  revision: number;
}

export interface BaseContact {
  contact: Contact;
  revision: number;
}

/** The knowledge as it is now. `state` changes whenever any entry, contact or the examples change. */
export interface ImportBase {
  entries: BaseEntry[];
  contacts: Record<string, BaseContact>;
  outOfScope?: OutOfScope;
  state: string;
}

export interface ImportTarget {
  /**
   * `bundle`: the whole knowledge (the `knowledge/` format): listed entries become active,
   * active entries it does not list are archived. `language`: some entries' texts in one
   * language (a translator's CSV); statuses stay, nothing is archived.
   */
  mode: 'bundle' | 'language';
  entries: unknown[];
  /** Contacts to add or change; contacts not listed are kept (answers may use them). */
  contacts?: unknown;
  /** The out-of-scope examples; left as they are when absent. */
  outOfScope?: unknown;
}

export type EntryAction = 'add' | 'change' | 'archive' | 'unarchive';

export interface PlannedEntry {
  id: string;
  action: EntryAction;
  changes: FieldChange[];
  before?: BaseEntry;
  after: FaqEntry;
  status: EntryStatus;
}

export interface PlannedContact {
  key: string;
  action: 'add' | 'change';
  changes: FieldChange[];
  before?: BaseContact;
  after: Contact;
}

export interface ImportPlan {
  /** Names the base and the import together: apply refuses if either differs from the preview's. */
  fingerprint: string;
  entries: PlannedEntry[];
  contacts: PlannedContact[];
  outOfScope?: { before?: OutOfScope; after: OutOfScope };
  /** Entries the import lists that it would not change. */
  unchanged: number;
}

export type PlanResult = { ok: true; plan: ImportPlan } | { ok: false; issues: FieldIssue[] };

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The fingerprint of a base and an import: a preview's promise of exactly what apply will do. */
export function planFingerprint(base: ImportBase, target: ImportTarget): string {
  return `${fingerprint(base.state)}-${fingerprint(target)}`;
}

export function planImport(base: ImportBase, target: ImportTarget): PlanResult {
  const issues: FieldIssue[] = [];
  const entries: FaqEntry[] = [];
  const seen = new Set<string>();
  target.entries.forEach((raw, index) => {
    const rawId = (raw as { id?: unknown } | null)?.id;
    const at = typeof rawId === 'string' && rawId ? rawId : String(index);
    const parsed = FaqEntry.safeParse(raw);
    if (!parsed.success) return void issues.push(...fieldIssues(parsed.error, ['entries', at], 20));
    if (seen.has(parsed.data.id)) return void issues.push({ path: `entries.${at}.id`, message: `"${parsed.data.id}" appears twice` });
    seen.add(parsed.data.id);
    entries.push(parsed.data);
  });
  const contacts: Record<string, Contact> = {};
  if (target.contacts !== undefined) {
    if (!target.contacts || typeof target.contacts !== 'object' || Array.isArray(target.contacts)) {
      issues.push({ path: 'contacts', message: 'expected an object of contacts by key' });
    } else {
      for (const [key, raw] of Object.entries(target.contacts)) {
        const parsed = Contact.safeParse(raw);
        if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(key)) issues.push({ path: `contacts.${key}`, message: 'use lowercase kebab-case keys' });
        else if (!parsed.success) issues.push(...fieldIssues(parsed.error, ['contacts', key], 20));
        else contacts[key] = parsed.data;
      }
    }
  }
  let outOfScope: OutOfScope | undefined;
  if (target.outOfScope !== undefined) {
    const parsed = OutOfScope.safeParse(target.outOfScope);
    if (!parsed.success) issues.push(...fieldIssues(parsed.error, ['outOfScope'], 20));
    else outOfScope = parsed.data;
  }
  if (issues.length) return { ok: false, issues: issues.slice(0, 50) };

  const baseById = new Map(base.entries.map((item) => [item.entry.id, item]));
  const planned: PlannedEntry[] = [];
  let unchanged = 0;
  for (const entry of entries) {
    const before = baseById.get(entry.id);
    const status: EntryStatus = target.mode === 'bundle' ? 'active' : (before?.status ?? 'active');
    if (target.mode === 'language' && !before) {
      issues.push({ path: `entries.${entry.id}`, message: `there is no entry "${entry.id}"` });
      continue;
    }
    const changes = diffEntries(before?.entry, entry);
    if (before && !changes.length && before.status === status) {
      unchanged++;
      continue;
    }
    const action: EntryAction = !before ? 'add' : before.status !== status ? 'unarchive' : 'change';
    planned.push({ id: entry.id, action, changes, before, after: entry, status });
  }
  if (target.mode === 'bundle') {
    for (const item of base.entries) {
      if (item.status === 'active' && !seen.has(item.entry.id)) {
        planned.push({ id: item.entry.id, action: 'archive', changes: [], before: item, after: item.entry, status: 'archived' });
      }
    }
  }

  const plannedContacts: PlannedContact[] = [];
  for (const [key, contact] of Object.entries(contacts)) {
    const before = base.contacts[key];
    if (before && same(before.contact, contact)) continue;
    plannedContacts.push({ key, action: before ? 'change' : 'add', changes: diffContacts(before?.contact, contact), before, after: contact });
  }

  // The knowledge after the import, checked as a whole: an archived entry may still be
  // someone's related entry, a changed contact may lose a field an answer uses.
  const resultContacts = { ...Object.fromEntries(Object.entries(base.contacts).map(([key, item]) => [key, item.contact])), ...contacts };
  const result = new Map(base.entries.map((item) => [item.entry.id, { entry: item.entry, status: item.status }]));
  for (const item of planned) result.set(item.id, { entry: item.after, status: item.status });
  const activeIds = new Set([...result].filter(([, item]) => item.status === 'active').map(([id]) => id));
  const touched = new Set(planned.map((item) => item.id));
  const contactsChanged = plannedContacts.length > 0;
  for (const [id, item] of result) {
    if (item.status !== 'active' && !touched.has(id)) continue;
    if (!touched.has(id) && !contactsChanged && !planned.some((p) => p.action === 'archive' && item.entry.related.includes(p.id))) continue;
    for (const issue of entryIssues(item.entry, { activeIds, contacts: resultContacts })) issues.push({ path: `entries.${id}.${issue.path}`, message: `${id}: ${issue.message}` });
  }
  if (issues.length) return { ok: false, issues: issues.slice(0, 50) };

  const outOfScopeChange = outOfScope && !same(outOfScope, base.outOfScope) ? { before: base.outOfScope, after: outOfScope } : undefined;
  return {
    ok: true,
    plan: { fingerprint: planFingerprint(base, target), entries: planned, contacts: plannedContacts, outOfScope: outOfScopeChange, unchanged },
  };
}

/** True when applying the plan would change nothing. */
export function isEmptyPlan(plan: ImportPlan): boolean {
  return !plan.entries.length && !plan.contacts.length && !plan.outOfScope;
}
