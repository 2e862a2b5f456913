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

/**
 * The queries that make D1 hold exactly this knowledge (idempotent): entries and contacts
 * upserted, entries no longer present archived, and the version row set.
 */
export function seedKnowledgeQueries(knowledge: Knowledge, now = Date.now()): Query[] {
  const ids = knowledge.entries.map((entry) => entry.id);
  return [
    ...knowledge.entries.map((entry) => ({
      sql: `INSERT INTO faq_entries (id, category, data, status, revision, updated_at) VALUES (?1, ?2, ?3, 'active', 1, ?4)
            ON CONFLICT (id) DO UPDATE SET category = ?2, status = 'active', updated_at = ?4,
              revision = CASE WHEN data = ?3 AND status = 'active' THEN revision ELSE revision + 1 END, data = ?3`,
      params: [entry.id, entry.category, JSON.stringify(entry), now],
    })),
    {
      sql: `UPDATE faq_entries SET status = 'archived', updated_at = ?2 WHERE status = 'active' AND id NOT IN (SELECT value FROM json_each(?1))`,
      params: [JSON.stringify(ids), now],
    },
    ...Object.entries(knowledge.contacts).map(([key, contact]) => ({
      sql: `INSERT INTO faq_contacts (key, data, updated_at) VALUES (?1, ?2, ?3) ON CONFLICT (key) DO UPDATE SET data = ?2, updated_at = ?3`,
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

export function prepareAll(db: D1Database, queries: Query[]): D1PreparedStatement[] {
  return queries.map((query) => db.prepare(query.sql).bind(...query.params));
}
