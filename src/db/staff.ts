/** Staff accounts: the people who sign in to the console (`staff` table, docs/data-schema.md). */

export type StaffRole = 'staff' | 'admin';
export const STAFF_ROLES: readonly StaffRole[] = ['staff', 'admin'];

/** Login names are compared case-insensitively (the column is COLLATE NOCASE). */
export const LOGIN_MAX_LENGTH = 64;
export const DISPLAY_NAME_MAX_LENGTH = 100;
const LOGIN_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._@-]*$/;
// Control characters and line breaks have no place in a name shown in every console page.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

export interface Staff {
  id: number;
  login: string;
  displayName: string;
  role: StaffRole;
  disabled: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface StaffRow {
  id: number;
  login: string;
  display_name: string;
  role: StaffRole;
  disabled: number;
  created_at: number;
  updated_at: number;
}

/** The columns `rowToStaff` reads (never the password hash). */
export const STAFF_COLUMNS = 'id, login, display_name, role, disabled, created_at, updated_at';

export function rowToStaff(row: StaffRow): Staff {
  return {
    id: row.id,
    login: row.login,
    displayName: row.display_name,
    role: row.role,
    disabled: row.disabled === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function isStaffRole(value: unknown): value is StaffRole {
  return STAFF_ROLES.includes(value as StaffRole);
}

export interface NewStaff {
  login: string;
  displayName: string;
  role: StaffRole;
  passwordHash: string;
}

/** What is wrong with a login name, or undefined if nothing. */
export function loginProblem(login: string): string | undefined {
  if (!LOGIN_PATTERN.test(login) || login.length > LOGIN_MAX_LENGTH) {
    return `the login name must be 1-${LOGIN_MAX_LENGTH} letters, digits, '.', '_', '@' or '-', starting with a letter or digit`;
  }
  return undefined;
}

/** What is wrong with a display name (checked trimmed, as it is stored), or undefined if nothing. */
export function displayNameProblem(displayName: string): string | undefined {
  const name = displayName.trim();
  if (name.length === 0 || name.length > DISPLAY_NAME_MAX_LENGTH || CONTROL.test(name)) {
    return `the display name must be 1-${DISPLAY_NAME_MAX_LENGTH} characters on one line`;
  }
  return undefined;
}

export function roleProblem(role: string): string | undefined {
  return isStaffRole(role) ? undefined : `the role must be one of ${STAFF_ROLES.join(', ')}`;
}

/** What is wrong with a new account's login name and display name, or undefined if nothing. */
export function checkNewStaff(account: { login: string; displayName: string; role: string }): string | undefined {
  return loginProblem(account.login) ?? displayNameProblem(account.displayName) ?? roleProblem(account.role);
}

/**
 * Inserts an account; the statement does nothing if the login is taken (the tool seeding
 * local accounts relies on that). Validate with `checkNewStaff` first.
 */
export function insertStaff(db: D1Database, account: NewStaff, now = Date.now()): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO staff (login, display_name, role, password_hash, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)
       ON CONFLICT (login) DO NOTHING RETURNING ${STAFF_COLUMNS}`,
    )
    .bind(account.login, account.displayName.trim(), account.role, account.passwordHash, now);
}

/** Creates an account; undefined if the login name is taken (case-insensitively). */
export async function createStaff(db: D1Database, account: NewStaff, now = Date.now()): Promise<Staff | undefined> {
  const row = await insertStaff(db, account, now).first<StaffRow>();
  return row ? rowToStaff(row) : undefined;
}

/** The account and its password hash, for a login attempt. */
export async function findStaffCredentials(db: D1Database, login: string): Promise<{ staff: Staff; passwordHash: string } | undefined> {
  const row = await db.prepare(`SELECT ${STAFF_COLUMNS}, password_hash FROM staff WHERE login = ?1`).bind(login).first<StaffRow & { password_hash: string }>();
  return row ? { staff: rowToStaff(row), passwordHash: row.password_hash } : undefined;
}

export async function findStaffByLogin(db: D1Database, login: string): Promise<Staff | undefined> {
  const row = await db.prepare(`SELECT ${STAFF_COLUMNS} FROM staff WHERE login = ?1`).bind(login).first<StaffRow>();
  return row ? rowToStaff(row) : undefined;
}

export async function findStaffById(db: D1Database, id: number): Promise<Staff | undefined> {
  const row = await db.prepare(`SELECT ${STAFF_COLUMNS} FROM staff WHERE id = ?1`).bind(id).first<StaffRow>();
  return row ? rowToStaff(row) : undefined;
}

/** Every account, enabled ones first, then by login name. */
export async function listStaff(db: D1Database): Promise<Staff[]> {
  const { results } = await db.prepare(`SELECT ${STAFF_COLUMNS} FROM staff ORDER BY disabled, login`).all<StaffRow>();
  return results.map(rowToStaff);
}

/** The accounts that can take conversations (not disabled), by display name: the console's assign list. */
export async function listActiveStaff(db: D1Database): Promise<Staff[]> {
  const { results } = await db.prepare(`SELECT ${STAFF_COLUMNS} FROM staff WHERE disabled = 0 ORDER BY display_name`).all<StaffRow>();
  return results.map(rowToStaff);
}

/** Replaces an account's password hash (a reset, or a re-hash with today's parameters). */
export async function setPasswordHash(db: D1Database, id: number, passwordHash: string, now = Date.now()): Promise<void> {
  await db.prepare('UPDATE staff SET password_hash = ?2, updated_at = ?3 WHERE id = ?1').bind(id, passwordHash, now).run();
}

/** Sets a new password and signs the account out everywhere. False if there is no such login. */
export async function resetPassword(db: D1Database, login: string, passwordHash: string, now = Date.now()): Promise<boolean> {
  const [updated] = await db.batch([
    db.prepare('UPDATE staff SET password_hash = ?2, updated_at = ?3 WHERE login = ?1').bind(login, passwordHash, now),
    db.prepare('DELETE FROM staff_sessions WHERE staff_id IN (SELECT id FROM staff WHERE login = ?1)').bind(login),
  ]);
  return (updated.meta.changes ?? 0) > 0;
}

/**
 * Disables an account and ends its sessions at once (the session check refuses disabled
 * accounts too; deleting the rows just leaves nothing behind). False if there is no such login.
 */
export async function disableStaff(db: D1Database, login: string, now = Date.now()): Promise<boolean> {
  const [updated] = await db.batch([
    db.prepare('UPDATE staff SET disabled = 1, updated_at = ?2 WHERE login = ?1').bind(login, now),
    db.prepare('DELETE FROM staff_sessions WHERE staff_id IN (SELECT id FROM staff WHERE login = ?1)').bind(login),
  ]);
  return (updated.meta.changes ?? 0) > 0;
}

/** An account with what its sessions tell about it (the accounts page). */
export interface StaffActivity extends Staff {
  /** The newest sign-in whose session row still exists (expired rows are swept at sign-in), else null. */
  lastSignInAt: number | null;
  /** The newest request of any kept session (moved at most once a minute), else null. */
  lastSeenAt: number | null;
  /** Sessions that are still good at `now`. */
  activeSessions: number;
}

/**
 * Every account with its session activity, enabled ones first, then by login name. `idleMs` is
 * the session idle limit (SESSION_IDLE_MS of src/auth/session.ts, which imports this module).
 */
export async function listStaffWithActivity(db: D1Database, idleMs: number, now = Date.now()): Promise<StaffActivity[]> {
  const { results } = await db
    .prepare(
      `SELECT ${STAFF_COLUMNS},
         (SELECT MAX(created_at) FROM staff_sessions s WHERE s.staff_id = staff.id) AS last_sign_in_at,
         (SELECT MAX(last_seen_at) FROM staff_sessions s WHERE s.staff_id = staff.id) AS last_seen_at,
         (SELECT COUNT(*) FROM staff_sessions s WHERE s.staff_id = staff.id AND s.expires_at > ?1 AND s.last_seen_at > ?2) AS active_sessions
       FROM staff ORDER BY disabled, login`,
    )
    .bind(now, now - idleMs)
    .all<StaffRow & { last_sign_in_at: number | null; last_seen_at: number | null; active_sessions: number }>();
  return results.map((row) => ({
    ...rowToStaff(row),
    lastSignInAt: row.last_sign_in_at,
    lastSeenAt: row.last_seen_at,
    activeSessions: row.disabled === 1 ? 0 : row.active_sessions,
  }));
}

/** How many enabled admin accounts there are. */
export async function countActiveAdmins(db: D1Database): Promise<number> {
  const row = await db.prepare(`SELECT COUNT(*) AS n FROM staff WHERE role = 'admin' AND disabled = 0`).first<{ n: number }>();
  return row?.n ?? 0;
}
