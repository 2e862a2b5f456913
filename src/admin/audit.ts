/** The audit log: every admin action, who did it, when, and the state before and after. */

export interface AuditRecord {
  /** Null for changes no signed-in admin made (seeding). */
  staffId: number | null;
  /** Dotted verb, e.g. `faq.update`, `disaster.on`, `account.disable`. */
  action: string;
  /** What it acted on, e.g. `faq:garbage`, `account:3`. */
  target?: string;
  before?: unknown;
  after?: unknown;
}

const AUDIT_COLUMNS = 'staff_id, action, target, before, after, created_at';

function bindRecord(statement: D1PreparedStatement, record: AuditRecord, now: number): D1PreparedStatement {
  return statement.bind(
    record.staffId,
    record.action,
    record.target ?? null,
    record.before === undefined ? null : JSON.stringify(record.before),
    record.after === undefined ? null : JSON.stringify(record.after),
    now,
  );
}

/** The audit row as a statement, to run in the same batch as the change it records. */
export function audit(db: D1Database, record: AuditRecord, now = Date.now()): D1PreparedStatement {
  return bindRecord(db.prepare(`INSERT INTO audit_log (${AUDIT_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6)`), record, now);
}

/**
 * The audit row, inserted only when the statement just before it in the batch changed a row
 * (changes(): in the same transaction), so a refused or no-op change leaves no trace.
 */
export function auditIfChanged(db: D1Database, record: AuditRecord, now = Date.now()): D1PreparedStatement {
  return bindRecord(db.prepare(`INSERT INTO audit_log (${AUDIT_COLUMNS}) SELECT ?1, ?2, ?3, ?4, ?5, ?6 WHERE changes() > 0`), record, now);
}

export interface AuditEntry {
  id: number;
  staff: { id: number; displayName: string } | null;
  action: string;
  target: string | null;
  before: unknown;
  after: unknown;
  createdAt: number;
}

/** The newest entries first, optionally for one target or one action prefix. */
export async function listAudit(db: D1Database, options: { target?: string; action?: string; before?: number; limit?: number } = {}): Promise<AuditEntry[]> {
  const { results } = await db
    .prepare(
      `SELECT a.id, a.staff_id, s.display_name, a.action, a.target, a.before, a.after, a.created_at
       FROM audit_log a LEFT JOIN staff s ON s.id = a.staff_id
       WHERE (?1 IS NULL OR a.target = ?1) AND (?2 IS NULL OR a.action LIKE ?2 || '%') AND (?3 IS NULL OR a.id < ?3)
       ORDER BY a.id DESC LIMIT ?4`,
    )
    .bind(options.target ?? null, options.action ?? null, options.before ?? null, options.limit ?? 100)
    .all<{ id: number; staff_id: number | null; display_name: string | null; action: string; target: string | null; before: string | null; after: string | null; created_at: number }>();
  return results.map((row) => ({
    id: row.id,
    staff: row.staff_id === null ? null : { id: row.staff_id, displayName: row.display_name ?? '' },
    action: row.action,
    target: row.target,
    before: row.before === null ? null : JSON.parse(row.before),
    after: row.after === null ? null : JSON.parse(row.after),
    createdAt: row.created_at,
  }));
}
