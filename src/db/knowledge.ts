/**
 * The FAQ in D1, the runtime source of truth (seeded from `knowledge/`, edited by admins later).
 * Each isolate keeps the loaded knowledge and re-reads it only when the version row changes.
 */
import { makeKnowledge, type Knowledge } from '../faq/knowledge';
import { Contact, FaqEntry, OutOfScope, type Contacts } from '../faq/schema';

let cached: Knowledge | undefined;

export function selectKnowledgeVersion(db: D1Database): D1PreparedStatement {
  return db.prepare(`SELECT value FROM knowledge_meta WHERE key = 'version'`);
}

/**
 * The current knowledge. Pass the version when it was already read (in a batch) to skip the
 * version query; the entries are read only when the version changed.
 */
export async function loadKnowledge(db: D1Database, knownVersion?: string): Promise<Knowledge> {
  const version = knownVersion ?? (await selectKnowledgeVersion(db).first<{ value: string }>())?.value;
  if (cached && version && cached.version === version) return cached;
  const [entries, contacts, outside] = await db.batch<{ data: string; key?: string }>([
    db.prepare(`SELECT data FROM faq_entries WHERE status = 'active' ORDER BY id`),
    db.prepare(`SELECT key, data FROM faq_contacts ORDER BY key`),
    db.prepare(`SELECT value AS data FROM knowledge_meta WHERE key = 'out-of-scope'`),
  ]);
  const knowledge = makeKnowledge(
    entries.results.map((row) => FaqEntry.parse(JSON.parse(row.data))),
    Object.fromEntries(contacts.results.map((row) => [row.key!, Contact.parse(JSON.parse(row.data))])) as Contacts,
    version,
    outside.results[0] ? OutOfScope.parse(JSON.parse(outside.results[0].data)) : undefined,
  );
  cached = knowledge;
  return knowledge;
}

/** A parameterised SQL statement as data, so it can be bound for D1 or written to a SQL file. */
export interface Query {
  sql: string;
  params: Array<string | number | null>;
}

/** Who loaded the knowledge, written as the note of the revisions a load creates. */
export type SeedNote = 'seeded' | 'imported';

export interface SeedOptions {
  now?: number;
  /** `seeded` (npm run db:setup, the default) or `imported` (PUT /api/knowledge). */
  note?: SeedNote;
}

/**
 * The queries that make D1 hold exactly this knowledge (idempotent): entries and contacts
 * upserted, entries no longer present archived, and the version row set. An entry's revision
 * (and a contact's) goes up only when its data or status changed, and each new entry revision
 * gets its `faq_revisions` row, so loading the same files twice adds no history.
 */
export function seedKnowledgeQueries(knowledge: Knowledge, options: SeedOptions | number = {}): Query[] {
  const { now = Date.now(), note = 'seeded' } = typeof options === 'number' ? { now: options } : options;
  const ids = knowledge.entries.map((entry) => entry.id);
  return [
    ...knowledge.entries.map((entry) => ({
      sql: `INSERT INTO faq_entries (id, category, data, status, revision, updated_at) VALUES (?1, ?2, ?3, 'active', 1, ?4)
            ON CONFLICT (id) DO UPDATE SET category = ?2, status = 'active',
              updated_at = CASE WHEN data = ?3 AND status = 'active' THEN updated_at ELSE ?4 END,
              revision = CASE WHEN data = ?3 AND status = 'active' THEN revision ELSE revision + 1 END, data = ?3`,
      params: [entry.id, entry.category, JSON.stringify(entry), now],
    })),
    {
      sql: `UPDATE faq_entries SET status = 'archived', revision = revision + 1, updated_at = ?2
            WHERE status = 'active' AND id NOT IN (SELECT value FROM json_each(?1))`,
      params: [JSON.stringify(ids), now],
    },
    // Every entry revision without its history row gets one (new and changed entries, and
    // entries from before revisions were kept); an unchanged entry already has its row.
    {
      sql: `INSERT INTO faq_revisions (entry_id, revision, status, data, staff_id, note, created_at)
            SELECT id, revision, status, data, NULL, ?1, ?2 FROM faq_entries WHERE true
            ON CONFLICT (entry_id, revision) DO NOTHING`,
      params: [note, now],
    },
    ...Object.entries(knowledge.contacts).map(([key, contact]) => ({
      sql: `INSERT INTO faq_contacts (key, data, updated_at, revision) VALUES (?1, ?2, ?3, 1)
            ON CONFLICT (key) DO UPDATE SET
              updated_at = CASE WHEN data = ?2 THEN updated_at ELSE ?3 END,
              revision = CASE WHEN data = ?2 THEN revision ELSE revision + 1 END, data = ?2`,
      params: [key, JSON.stringify(contact), now],
    })),
    knowledge.outOfScope
      ? {
          sql: `INSERT INTO knowledge_meta (key, value) VALUES ('out-of-scope', ?1) ON CONFLICT (key) DO UPDATE SET value = ?1`,
          params: [JSON.stringify(knowledge.outOfScope)],
        }
      : { sql: `DELETE FROM knowledge_meta WHERE key = 'out-of-scope'`, params: [] },
    {
      sql: `INSERT INTO knowledge_meta (key, value) VALUES ('version', ?1) ON CONFLICT (key) DO UPDATE SET value = ?1`,
      params: [knowledge.version],
    },
  ];
}

/**
 * A new knowledge version after an admin's change: unique rather than a fingerprint, so an
 * isolate can never mistake changed knowledge for what it cached (a seed writes the fingerprint).
 */
export function newKnowledgeVersion(now = Date.now()): string {
  const random = crypto.getRandomValues(new Uint32Array(1))[0].toString(16).padStart(8, '0');
  return `a${now.toString(36)}-${random}`;
}

/**
 * Writes a new knowledge version, so every isolate reloads on its next message. With
 * `ifChanged`, only when the statement just before it in the batch changed a row (`changes()`),
 * so a refused write (a stale revision) leaves the version alone.
 */
export function bumpKnowledgeVersion(db: D1Database, options: { ifChanged?: boolean; now?: number } = {}): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO knowledge_meta (key, value) SELECT 'version', ?1 WHERE ?2 = 0 OR changes() > 0
       ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    )
    .bind(newKnowledgeVersion(options.now), options.ifChanged ? 1 : 0);
}

export function prepareAll(db: D1Database, queries: Query[]): D1PreparedStatement[] {
  return queries.map((query) => db.prepare(query.sql).bind(...query.params));
}
