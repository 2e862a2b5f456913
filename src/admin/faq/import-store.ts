/**
 * Import and export against D1: the export bundle (the `knowledge/` format), the current
 * knowledge as an import base, and applying a previewed plan all-or-nothing in one batch.
 */
import { bumpKnowledgeVersion } from '../../db/knowledge';
import { makeKnowledge } from '../../faq/knowledge';
import type { Contact, Contacts, FaqEntry, OutOfScope } from '../../faq/schema';
import { isEmptyPlan, planImport, type ImportBase, type ImportPlan, type ImportTarget } from './import-plan';
import { auditIfChanged } from '../audit';
import { entryWriteStatements, type EntryStatus, type StoreFailure } from './store';

/** The bundle `tools/knowledge-files.ts` reads from `knowledge/`: active entries by id, contacts by key. */
export interface KnowledgeBundle {
  entries: FaqEntry[];
  contacts: Contacts;
  outOfScope?: OutOfScope;
}

/**
 * One string naming the state of every entry (id, revision, status), every contact (key,
 * revision) and the out-of-scope examples. Read with the base, and checked again as the first
 * statement of the apply batch.
 */
const STATE_SQL = `SELECT
  IFNULL((SELECT group_concat(id || ':' || revision || ':' || status, ',') FROM (SELECT id, revision, status FROM faq_entries ORDER BY id)), '')
  || '|' || IFNULL((SELECT group_concat(key || ':' || revision, ',') FROM (SELECT key, revision FROM faq_contacts ORDER BY key)), '')
  || '|' || IFNULL((SELECT value FROM knowledge_meta WHERE key = 'out-of-scope'), '') AS state`;

/** The knowledge as it is now, for planning an import. */
export async function readImportBase(db: D1Database): Promise<ImportBase> {
  const [state, entries, contacts, outside] = await db.batch<Record<string, unknown>>([
    db.prepare(STATE_SQL),
    db.prepare('SELECT data, status, revision FROM faq_entries ORDER BY id'),
    db.prepare('SELECT key, data, revision FROM faq_contacts ORDER BY key'),
    db.prepare(`SELECT value FROM knowledge_meta WHERE key = 'out-of-scope'`),
  ]);
  const outOfScope = outside.results[0] as { value: string } | undefined;
  return {
    state: String((state.results[0] as { state: string }).state),
    entries: (entries.results as Array<{ data: string; status: EntryStatus; revision: number }>).map((row) => ({
      entry: JSON.parse(row.data) as FaqEntry,
      status: row.status,
      revision: row.revision,
    })),
    contacts: Object.fromEntries(
      (contacts.results as Array<{ key: string; data: string; revision: number }>).map((row) => [row.key, { contact: JSON.parse(row.data) as Contact, revision: row.revision }]),
    ),
    outOfScope: outOfScope ? (JSON.parse(outOfScope.value) as OutOfScope) : undefined,
  };
}

/** The whole knowledge in the `knowledge/` format: export then import changes nothing. */
export async function exportBundle(db: D1Database): Promise<KnowledgeBundle> {
  const base = await readImportBase(db);
  // makeKnowledge sorts entries and contacts exactly as the file loader does.
  const knowledge = makeKnowledge(
    base.entries.filter((item) => item.status === 'active').map((item) => item.entry),
    Object.fromEntries(Object.entries(base.contacts).map(([key, item]) => [key, item.contact])),
    '',
    base.outOfScope,
  );
  return { entries: knowledge.entries, contacts: knowledge.contacts, ...(knowledge.outOfScope ? { outOfScope: knowledge.outOfScope } : {}) };
}

export type PreviewResult = { ok: true; plan: ImportPlan } | StoreFailure<never>;

/** What importing would change; nothing is written. */
export async function previewImport(db: D1Database, target: ImportTarget): Promise<PreviewResult> {
  const planned = planImport(await readImportBase(db), target);
  if (!planned.ok) return { ok: false, status: 400, error: 'the import has problems; nothing was changed', issues: planned.issues };
  return planned;
}

export interface ApplyImportOptions {
  staffId: number;
  target: ImportTarget;
  /** The preview's fingerprint: the import is refused if the knowledge or the file changed since. */
  fingerprint: string;
  /** Written as each revision's note, e.g. 'imported' or 'imported (vi CSV)'. */
  note: string;
  now?: number;
}

export type ApplyResult = { ok: true; plan: ImportPlan; applied: boolean } | StoreFailure<never>;

const STALE = 'the knowledge or the file changed since the preview; preview the import again';

/**
 * Applies an import exactly as previewed, in one D1 batch: every entry, revision, contact,
 * audit row and the new version, or none of them. The batch opens with a guard that fails
 * (and so rolls the whole batch back) if anything changed after the plan was read.
 */
export async function applyImport(db: D1Database, options: ApplyImportOptions): Promise<ApplyResult> {
  const now = options.now ?? Date.now();
  const base = await readImportBase(db);
  const planned = planImport(base, options.target);
  if (!planned.ok) return { ok: false, status: 400, error: 'the import has problems; nothing was changed', issues: planned.issues };
  const { plan } = planned;
  if (plan.fingerprint !== options.fingerprint) return { ok: false, status: 409, error: STALE };
  if (isEmptyPlan(plan)) return { ok: true, plan, applied: false };

  const statements: D1PreparedStatement[] = [
    // D1 has no way to abort a batch on a condition, so the guard breaks a NOT NULL
    // constraint when the state differs: the statement fails and the batch is rolled back.
    db
      .prepare(
        `INSERT INTO faq_revisions (entry_id, revision, status, data, created_at)
         SELECT NULL, 0, 'active', '', 0 WHERE (${STATE_SQL}) IS NOT ?1`,
      )
      .bind(base.state),
  ];
  for (const item of plan.entries) {
    statements.push(
      ...entryWriteStatements(db, {
        staffId: options.staffId,
        before: item.before,
        entry: item.after,
        status: item.status,
        note: item.action === 'archive' ? `${options.note}: archived` : options.note,
        action: `faq.import.${item.action}`,
        now,
      }),
    );
  }
  for (const item of plan.contacts) {
    const data = JSON.stringify(item.after);
    statements.push(
      item.before
        ? db.prepare('UPDATE faq_contacts SET data = ?2, revision = revision + 1, updated_at = ?3 WHERE key = ?1 AND revision = ?4').bind(item.key, data, now, item.before.revision)
        : db.prepare('INSERT INTO faq_contacts (key, data, revision, updated_at) VALUES (?1, ?2, 1, ?3)').bind(item.key, data, now),
      auditIfChanged(
        db,
        {
          staffId: options.staffId,
          action: `faq.import.contact-${item.action}`,
          target: `contact:${item.key}`,
          before: item.before ? { revision: item.before.revision, data: item.before.contact } : undefined,
          after: { revision: (item.before?.revision ?? 0) + 1, data: item.after },
        },
        now,
      ),
    );
  }
  if (plan.outOfScope) {
    statements.push(
      db.prepare(`INSERT INTO knowledge_meta (key, value) VALUES ('out-of-scope', ?1) ON CONFLICT (key) DO UPDATE SET value = ?1`).bind(JSON.stringify(plan.outOfScope.after)),
      auditIfChanged(db, { staffId: options.staffId, action: 'faq.import.out-of-scope', target: 'faq:@out-of-scope', before: plan.outOfScope.before ?? null, after: plan.outOfScope.after }, now),
    );
  }
  statements.push(
    bumpKnowledgeVersion(db, { now }),
    auditIfChanged(
      db,
      {
        staffId: options.staffId,
        action: 'faq.import',
        target: 'faq:*',
        after: {
          note: options.note,
          entries: plan.entries.map((item) => ({ id: item.id, action: item.action })),
          contacts: plan.contacts.map((item) => ({ key: item.key, action: item.action })),
          outOfScope: Boolean(plan.outOfScope),
        },
      },
      now,
    ),
  );
  try {
    await db.batch(statements);
  } catch (error) {
    if (String(error).includes('NOT NULL constraint failed: faq_revisions.entry_id')) return { ok: false, status: 409, error: STALE };
    throw error;
  }
  return { ok: true, plan, applied: true };
}
