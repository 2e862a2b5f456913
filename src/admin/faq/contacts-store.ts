/**
 * Contacts (phone numbers, hours, addresses, URLs with their sources): the one place answers
 * take them from. Same write path as entries: checked (including every answer that uses the
 * contact), guarded by `faq_contacts.revision`, audited, and a new knowledge version, in one batch.
 */
import { bumpKnowledgeVersion } from '../../db/knowledge';
import { Contact, FaqEntry } from '../../faq/schema';
import { auditIfChanged } from '../audit';
import type { Editor, StoreFailure } from './store';
import { checkContact } from './validate';

export interface ContactRecord {
  key: string;
  contact: Contact;
  revision: number;
  updatedAt: number;
  /** Who last changed it through the admin (from the audit log); null if loaded from files. */
  updatedBy: Editor | null;
  /** Active entries whose answers use it. */
  usedBy: string[];
}

export type ContactResult = { ok: true; record: ContactRecord; changed: boolean } | StoreFailure<ContactRecord>;

interface ContactRow {
  key: string;
  data: string;
  revision: number;
  updated_at: number;
  staff_id: number | null;
  display_name: string | null;
}

const CONTACT_SELECT = `SELECT c.key, c.data, c.revision, c.updated_at, a.staff_id, s.display_name
  FROM faq_contacts c
  LEFT JOIN audit_log a ON a.id = (SELECT MAX(id) FROM audit_log WHERE target = 'contact:' || c.key)
  LEFT JOIN staff s ON s.id = a.staff_id`;

async function activeEntries(db: D1Database): Promise<FaqEntry[]> {
  const { results } = await db.prepare(`SELECT data FROM faq_entries WHERE status = 'active' ORDER BY id`).all<{ data: string }>();
  return results.map((row) => JSON.parse(row.data) as FaqEntry);
}

function usedBy(key: string, entries: FaqEntry[]): string[] {
  const marker = `:${key}}}`;
  return entries.filter((entry) => Object.values(entry.texts).some((text) => text.answer.includes(marker))).map((entry) => entry.id);
}

function toRecord(row: ContactRow, entries: FaqEntry[]): ContactRecord {
  return {
    key: row.key,
    contact: JSON.parse(row.data) as Contact,
    revision: row.revision,
    updatedAt: row.updated_at,
    updatedBy: row.staff_id === null ? null : { id: row.staff_id, displayName: row.display_name ?? '' },
    usedBy: usedBy(row.key, entries),
  };
}

/** Every contact, by key, with the entries that use it. */
export async function listContacts(db: D1Database): Promise<ContactRecord[]> {
  const [{ results }, entries] = await Promise.all([db.prepare(`${CONTACT_SELECT} ORDER BY c.key`).all<ContactRow>(), activeEntries(db)]);
  return results.map((row) => toRecord(row, entries));
}

export async function readContact(db: D1Database, key: string): Promise<ContactRecord | undefined> {
  const [row, entries] = await Promise.all([db.prepare(`${CONTACT_SELECT} WHERE c.key = ?1`).bind(key).first<ContactRow>(), activeEntries(db)]);
  return row ? toRecord(row, entries) : undefined;
}

export interface SaveContactOptions {
  staffId: number;
  key: string;
  contact: unknown;
  /** The revision the admin started from; null to add a new contact. */
  expectedRevision: number | null;
  now?: number;
}

function conflict(current: ContactRecord, error?: string): StoreFailure<ContactRecord> {
  const who = current.updatedBy ? current.updatedBy.displayName : 'a knowledge load';
  return { ok: false, status: 409, error: error ?? `this contact was changed by ${who} since you opened it (now revision ${current.revision})`, current };
}

/** Adds or changes a contact; every answer that uses it must still work with the new values. */
export async function saveContact(db: D1Database, options: SaveContactOptions): Promise<ContactResult> {
  const now = options.now ?? Date.now();
  const [before, entries, { results: all }] = await Promise.all([
    readContact(db, options.key),
    activeEntries(db),
    db.prepare('SELECT key, data FROM faq_contacts').all<{ key: string; data: string }>(),
  ]);
  const contacts = Object.fromEntries(all.map((row) => [row.key, JSON.parse(row.data)]));
  const checked = checkContact(options.key, options.contact, entries, contacts);
  if (!checked.ok) return { ok: false, status: 400, error: 'the contact has problems', issues: checked.issues };
  if (options.expectedRevision === null) {
    if (before) return conflict(before, `a contact "${options.key}" already exists`);
  } else {
    if (!before) return { ok: false, status: 404, error: `there is no contact "${options.key}"` };
    if (before.revision !== options.expectedRevision) return conflict(before);
    if (JSON.stringify(before.contact) === JSON.stringify(checked.value)) return { ok: true, record: before, changed: false };
  }
  const data = JSON.stringify(checked.value);
  const guarded = before
    ? db.prepare('UPDATE faq_contacts SET data = ?2, revision = revision + 1, updated_at = ?3 WHERE key = ?1 AND revision = ?4').bind(options.key, data, now, before.revision)
    : db
        .prepare('INSERT INTO faq_contacts (key, data, revision, updated_at) SELECT ?1, ?2, 1, ?3 WHERE NOT EXISTS (SELECT 1 FROM faq_contacts WHERE key = ?1)')
        .bind(options.key, data, now);
  const revision = (before?.revision ?? 0) + 1;
  const [result] = await db.batch([
    guarded,
    auditIfChanged(
      db,
      {
        staffId: options.staffId,
        action: before ? 'faq.contact.update' : 'faq.contact.create',
        target: `contact:${options.key}`,
        before: before ? { revision: before.revision, data: before.contact } : undefined,
        after: { revision, data: checked.value },
      },
      now,
    ),
    bumpKnowledgeVersion(db, { ifChanged: true, now }),
  ]);
  const current = await readContact(db, options.key);
  if (result.meta.changes === 0 || !current) {
    if (!current) return { ok: false, status: 404, error: `there is no contact "${options.key}"` };
    return conflict(current, before ? undefined : `a contact "${options.key}" already exists`);
  }
  return { ok: true, record: current, changed: true };
}
