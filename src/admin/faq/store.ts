/**
 * The FAQ write path: every admin change to an entry is validated (schema and cross-checks),
 * guarded by the revision the admin started from, and written in ONE D1 batch with its
 * `faq_revisions` row, its audit row and a new knowledge version (so the bot uses it on its
 * next message). Expected failures come back as data: 400 with field issues, 404, or 409
 * with the entry as it is now (who changed it, when).
 */
import { auditIfChanged } from '../audit';
import { bumpKnowledgeVersion } from '../../db/knowledge';
import { FaqEntry, type Contacts } from '../../faq/schema';
import { isLanguage, type Language } from '../../i18n/languages';
import { checkEntry, type EntryCheckContext, type FieldIssue } from './validate';

export type EntryStatus = 'active' | 'archived';

/** A staff member as shown next to a change. */
export interface Editor {
  id: number;
  displayName: string;
}

/** An entry as stored now: its data, status, revision and the change that made it. */
export interface EntryRecord {
  entry: FaqEntry;
  status: EntryStatus;
  revision: number;
  updatedAt: number;
  /** Who made the current revision (null: loaded from `knowledge/`, or before history was kept). */
  updatedBy: Editor | null;
  /** The current revision's note: 'created', 'edited', 'restored r3', 'seeded', ... */
  note: string | null;
}

/** One saved version of an entry. */
export interface RevisionRecord {
  entryId: string;
  revision: number;
  status: EntryStatus;
  entry: FaqEntry;
  staff: Editor | null;
  note: string | null;
  createdAt: number;
}

export interface StoreFailure<Current = EntryRecord> {
  ok: false;
  status: 400 | 404 | 409;
  error: string;
  issues?: FieldIssue[];
  /** On 409: the record as it is now, with who changed it and when. */
  current?: Current;
}

export type EntryResult = { ok: true; record: EntryRecord; changed: boolean } | StoreFailure;

interface EntryRow {
  id: string;
  data: string;
  status: EntryStatus;
  revision: number;
  updated_at: number;
  note: string | null;
  staff_id: number | null;
  display_name: string | null;
}

const ENTRY_SELECT = `SELECT e.id, e.data, e.status, e.revision, e.updated_at, r.note, r.staff_id, s.display_name
  FROM faq_entries e
  LEFT JOIN faq_revisions r ON r.entry_id = e.id AND r.revision = e.revision
  LEFT JOIN staff s ON s.id = r.staff_id`;

function editor(id: number | null, name: string | null): Editor | null {
  return id === null ? null : { id, displayName: name ?? '' };
}

export function rowToEntryRecord(row: EntryRow): EntryRecord {
  return {
    entry: FaqEntry.parse(JSON.parse(row.data)),
    status: row.status,
    revision: row.revision,
    updatedAt: row.updated_at,
    updatedBy: editor(row.staff_id, row.display_name),
    note: row.note,
  };
}

/** One entry, whatever its status; undefined if there is none with this id. */
export async function readEntry(db: D1Database, id: string): Promise<EntryRecord | undefined> {
  const row = await db.prepare(`${ENTRY_SELECT} WHERE e.id = ?1`).bind(id).first<EntryRow>();
  return row ? rowToEntryRecord(row) : undefined;
}

/** Every entry (or those with one status), by id. */
export async function listEntries(db: D1Database, options: { status?: EntryStatus } = {}): Promise<EntryRecord[]> {
  const { results } = await db
    .prepare(`${ENTRY_SELECT} WHERE ?1 IS NULL OR e.status = ?1 ORDER BY e.id`)
    .bind(options.status ?? null)
    .all<EntryRow>();
  return results.map(rowToEntryRecord);
}

/** What an entry is checked against: the active entries' ids and every contact. */
export async function readCheckContext(db: D1Database): Promise<EntryCheckContext> {
  const [active, contacts] = await db.batch<{ id?: string; key?: string; data?: string }>([
    db.prepare(`SELECT id FROM faq_entries WHERE status = 'active'`),
    db.prepare(`SELECT key, data FROM faq_contacts`),
  ]);
  return {
    activeIds: new Set(active.results.map((row) => row.id!)),
    contacts: Object.fromEntries(contacts.results.map((row) => [row.key!, JSON.parse(row.data!)])) as Contacts,
  };
}

/** The shape of an entry in the audit log. */
function auditState(revision: number, status: EntryStatus, entry: FaqEntry) {
  return { revision, status, data: entry };
}

export interface EntryWrite {
  staffId: number | null;
  /** The entry as stored now; undefined to create it. */
  before: Pick<EntryRecord, 'entry' | 'status' | 'revision'> | undefined;
  entry: FaqEntry;
  status: EntryStatus;
  /** The revision note, e.g. 'edited'. */
  note: string;
  /** The audit action, e.g. 'faq.update'. */
  action: string;
  now: number;
}

/**
 * The statements of one entry change, in order: the guarded write (insert if new, else update
 * only at `before.revision`), the revision row and the audit row, each only if the statement
 * before it changed a row. Add `bumpKnowledgeVersion` after the last change of a batch.
 */
export function entryWriteStatements(db: D1Database, write: EntryWrite): D1PreparedStatement[] {
  const { before, entry, status, now } = write;
  const data = JSON.stringify(entry);
  const guarded = before
    ? db
        .prepare(
          `UPDATE faq_entries SET category = ?2, data = ?3, status = ?4, revision = revision + 1, updated_at = ?5
           WHERE id = ?1 AND revision = ?6`,
        )
        .bind(entry.id, entry.category, data, status, now, before.revision)
    : db
        .prepare(
          `INSERT INTO faq_entries (id, category, data, status, revision, updated_at)
           SELECT ?1, ?2, ?3, ?4, 1, ?5 WHERE NOT EXISTS (SELECT 1 FROM faq_entries WHERE id = ?1)`,
        )
        .bind(entry.id, entry.category, data, status, now);
  const revision = (before?.revision ?? 0) + 1;
  return [
    guarded,
    db
      .prepare(
        `INSERT INTO faq_revisions (entry_id, revision, status, data, staff_id, note, created_at)
         SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7 WHERE changes() > 0`,
      )
      .bind(entry.id, revision, status, data, write.staffId, write.note, now),
    auditIfChanged(
      db,
      {
        staffId: write.staffId,
        action: write.action,
        target: `faq:${entry.id}`,
        before: before ? auditState(before.revision, before.status, before.entry) : undefined,
        after: auditState(revision, status, entry),
      },
      now,
    ),
  ];
}

function conflict(current: EntryRecord, error?: string): StoreFailure {
  const who = current.updatedBy ? current.updatedBy.displayName : 'a knowledge load';
  return {
    ok: false,
    status: 409,
    error: error ?? `this entry was changed by ${who} since you opened it (now revision ${current.revision})`,
    current,
  };
}

const notFound = (id: string): StoreFailure => ({ ok: false, status: 404, error: `there is no FAQ entry "${id}"` });

/** Runs one entry change and reports a lost race as a conflict with what won it. */
async function commit(db: D1Database, write: EntryWrite): Promise<EntryResult> {
  const [guarded] = await db.batch([...entryWriteStatements(db, write), bumpKnowledgeVersion(db, { ifChanged: true, now: write.now })]);
  const current = await readEntry(db, write.entry.id);
  if (guarded.meta.changes === 0 || !current) {
    return current ? conflict(current, write.before ? undefined : `an entry "${write.entry.id}" already exists`) : notFound(write.entry.id);
  }
  return { ok: true, record: current, changed: true };
}

export interface SaveEntryOptions {
  staffId: number;
  /** The entry as the admin wrote it (validated here). */
  entry: unknown;
  /** The revision the admin started from; null to create a new entry. */
  expectedRevision: number | null;
  /** The revision note; 'created' or 'edited' by default. */
  note?: string;
  /** The audit action; 'faq.create' or 'faq.update' by default. */
  action?: string;
  now?: number;
}

/**
 * Creates or updates an entry. Refuses (409, with the entry as it is now) if it changed since
 * `expectedRevision`, or if a new entry's id is taken. Saving identical data changes nothing.
 */
export async function saveEntry(db: D1Database, options: SaveEntryOptions): Promise<EntryResult> {
  const now = options.now ?? Date.now();
  const checked = checkEntry(options.entry, await readCheckContext(db));
  if (!checked.ok) return { ok: false, status: 400, error: 'the entry has problems', issues: checked.issues };
  const entry = checked.value;
  const before = await readEntry(db, entry.id);
  if (options.expectedRevision === null) {
    if (before) return conflict(before, `an entry "${entry.id}" already exists`);
    return commit(db, { staffId: options.staffId, before, entry, status: 'active', note: options.note ?? 'created', action: options.action ?? 'faq.create', now });
  }
  if (!before) return notFound(entry.id);
  if (before.revision !== options.expectedRevision) return conflict(before);
  if (JSON.stringify(before.entry) === JSON.stringify(entry)) return { ok: true, record: before, changed: false };
  return commit(db, { staffId: options.staffId, before, entry, status: before.status, note: options.note ?? 'edited', action: options.action ?? 'faq.update', now });
}

export interface SetEntryStatusOptions {
  staffId: number;
  entryId: string;
  status: EntryStatus;
  expectedRevision: number;
  now?: number;
}

/** Archives an entry (the bot stops offering it at once) or brings it back. */
export async function setEntryStatus(db: D1Database, options: SetEntryStatusOptions): Promise<EntryResult> {
  const before = await readEntry(db, options.entryId);
  if (!before) return notFound(options.entryId);
  if (before.revision !== options.expectedRevision) return conflict(before);
  if (before.status === options.status) return { ok: true, record: before, changed: false };
  const archive = options.status === 'archived';
  return commit(db, {
    staffId: options.staffId,
    before,
    entry: before.entry,
    status: options.status,
    note: archive ? 'archived' : 'unarchived',
    action: archive ? 'faq.archive' : 'faq.unarchive',
    now: options.now ?? Date.now(),
  });
}

/** One entry's revisions, newest first; undefined if the entry does not exist. */
export async function entryHistory(db: D1Database, entryId: string): Promise<RevisionRecord[] | undefined> {
  const [exists, revisions] = await db.batch<Record<string, unknown>>([
    db.prepare('SELECT 1 AS found FROM faq_entries WHERE id = ?1').bind(entryId),
    db
      .prepare(
        `SELECT r.entry_id, r.revision, r.status, r.data, r.staff_id, s.display_name, r.note, r.created_at
         FROM faq_revisions r LEFT JOIN staff s ON s.id = r.staff_id
         WHERE r.entry_id = ?1 ORDER BY r.revision DESC`,
      )
      .bind(entryId),
  ]);
  if (!exists.results.length) return undefined;
  return (revisions.results as unknown as RevisionRow[]).map(rowToRevision);
}

interface RevisionRow {
  entry_id: string;
  revision: number;
  status: EntryStatus;
  data: string;
  staff_id: number | null;
  display_name: string | null;
  note: string | null;
  created_at: number;
}

function rowToRevision(row: RevisionRow): RevisionRecord {
  return {
    entryId: row.entry_id,
    revision: row.revision,
    status: row.status,
    // Old revisions are shown as they were saved, even if the schema has since grown stricter.
    entry: JSON.parse(row.data) as FaqEntry,
    staff: editor(row.staff_id, row.display_name),
    note: row.note,
    createdAt: row.created_at,
  };
}

/** One saved revision of an entry. */
export async function readRevision(db: D1Database, entryId: string, revision: number): Promise<RevisionRecord | undefined> {
  const row = await db
    .prepare(
      `SELECT r.entry_id, r.revision, r.status, r.data, r.staff_id, s.display_name, r.note, r.created_at
       FROM faq_revisions r LEFT JOIN staff s ON s.id = r.staff_id WHERE r.entry_id = ?1 AND r.revision = ?2`,
    )
    .bind(entryId, revision)
    .first<RevisionRow>();
  return row ? rowToRevision(row) : undefined;
}

export interface RestoreRevisionOptions {
  staffId: number;
  entryId: string;
  /** The revision whose data comes back. */
  revision: number;
  expectedRevision: number;
  now?: number;
}

/**
 * Makes an old revision's data current again, as a new revision ('restored r3'); the status
 * stays as it is. The old data must still pass today's checks (a related entry may be gone).
 */
export async function restoreRevision(db: D1Database, options: RestoreRevisionOptions): Promise<EntryResult> {
  const old = await readRevision(db, options.entryId, options.revision);
  if (!old) return { ok: false, status: 404, error: `entry "${options.entryId}" has no revision ${options.revision}` };
  const result = await saveEntry(db, {
    staffId: options.staffId,
    entry: old.entry,
    expectedRevision: options.expectedRevision,
    note: `restored r${options.revision}`,
    action: 'faq.restore',
    now: options.now,
  });
  if (!result.ok && result.status === 400) return { ...result, error: `revision ${options.revision} cannot be restored as it is: fix these first` };
  return result;
}

export interface AddQuestionVariantOptions {
  staffId: number;
  entryId: string;
  lang: Language;
  /** A resident's phrasing, added to the entry's questions in `lang`. */
  text: string;
  /** If given, refuse (409) when the entry changed since; if not, apply to the current revision. */
  expectedRevision?: number;
  now?: number;
}

/** Question variants are compared ignoring case, width and spacing. */
function sameQuestion(a: string, b: string): boolean {
  const key = (text: string) => text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
  return key(a) === key(b);
}

/**
 * Adds a question phrasing to an entry's language (the unanswered review's "add as a
 * variant"). A no-op (`changed: false`) if the entry already has it. Without
 * `expectedRevision` a concurrent edit is retried on the new revision, so nothing is lost.
 */
export async function addQuestionVariant(db: D1Database, options: AddQuestionVariantOptions): Promise<EntryResult> {
  const text = options.text.trim();
  if (!isLanguage(options.lang)) return { ok: false, status: 400, error: 'unknown language', issues: [{ path: 'lang', message: 'not a supported language' }] };
  if (!text) return { ok: false, status: 400, error: 'the question is empty', issues: [{ path: `texts.${options.lang}.questions`, message: 'the question is empty' }] };
  for (let attempt = 0; attempt < 3; attempt++) {
    const current = await readEntry(db, options.entryId);
    if (!current) return notFound(options.entryId);
    if (options.expectedRevision !== undefined && current.revision !== options.expectedRevision) return conflict(current);
    const questions = current.entry.texts[options.lang].questions;
    if (questions.some((question) => sameQuestion(question, text))) return { ok: true, record: current, changed: false };
    const entry = structuredClone(current.entry);
    entry.texts[options.lang].questions = [...questions, text];
    const result = await saveEntry(db, { staffId: options.staffId, entry, expectedRevision: current.revision, note: `question added (${options.lang})`, action: 'faq.question-add', now: options.now });
    if (result.ok || result.status !== 409 || options.expectedRevision !== undefined) return result;
  }
  return { ok: false, status: 409, error: 'the entry kept changing; try again' };
}
