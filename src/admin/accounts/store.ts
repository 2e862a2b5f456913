/**
 * Account changes an administrator makes, each in one D1 batch with its audit row: the change
 * is an UPDATE guarded by the state the policy was checked against (and, when it would take
 * an admin away, by "another enabled admin remains"), and the audit row is written only if
 * that UPDATE changed the row. Two admins acting at once therefore cannot both pass the
 * last-admin check, and the log never records a change that did not happen.
 */
import { SESSION_IDLE_MS } from '../../auth/session';
import { countActiveAdmins, findStaffById, insertStaff, listStaffWithActivity, rowToStaff, STAFF_COLUMNS, type Staff, type StaffActivity, type StaffRow } from '../../db/staff';
import { auditIfChanged } from '../audit';
import { accountSnapshot, checkAccountChange, type AccountChange, type ChangeRefusal } from './policy';

/** The audit log's names for account actions (filter them with the prefix `account.`). */
export const ACCOUNT_ACTIONS = {
  create: 'account.create',
  role: 'account.role',
  disable: 'account.disable',
  enable: 'account.enable',
  password: 'account.password_reset',
} as const;

export function accountTarget(id: number): string {
  return `account:${id}`;
}

export function listAccounts(db: D1Database, now = Date.now()): Promise<StaffActivity[]> {
  return listStaffWithActivity(db, SESSION_IDLE_MS, now);
}

export type CreateResult = { ok: true; account: Staff } | { ok: false; reason: 'duplicate_login' };

/** Creates an account (fields already checked by parseNewAccount) and logs it; refuses a taken login, whatever its case. */
export async function createAccount(
  db: D1Database,
  actorId: number,
  account: { login: string; displayName: string; role: Staff['role']; passwordHash: string },
  now = Date.now(),
): Promise<CreateResult> {
  const after = accountSnapshot({ ...account, displayName: account.displayName.trim(), disabled: false });
  const [inserted] = await db.batch([
    insertStaff(db, account, now),
    db
      .prepare(
        `INSERT INTO audit_log (staff_id, action, target, before, after, created_at)
         SELECT ?1, ?2, 'account:' || id, NULL, ?3, ?4 FROM staff WHERE login = ?5 AND changes() = 1`,
      )
      .bind(actorId, ACCOUNT_ACTIONS.create, JSON.stringify(after), now, account.login),
  ]);
  const row = (inserted.results as StaffRow[])[0];
  return row ? { ok: true, account: rowToStaff(row) } : { ok: false, reason: 'duplicate_login' };
}

export type ChangeResult =
  | { ok: true; account: Staff; changed: boolean }
  | { ok: false; reason: 'not_found' | 'conflict' | Exclude<ChangeRefusal, 'unchanged'>; account?: Staff };

/** What an account change takes; a password change carries the new hash (never logged). */
export type AccountCommand = Exclude<AccountChange, { type: 'password' }> | { type: 'password'; passwordHash: string };

function changeStatements(db: D1Database, actorId: number, target: Staff, command: AccountCommand, now: number): D1PreparedStatement[] {
  const before = accountSnapshot(target);
  // The state the policy saw, and (for changes that take an admin away) that another enabled
  // admin remains and the actor is not acting on themselves: checked again inside the write.
  const seen = 'id = ?1 AND role = ?2 AND disabled = ?3';
  const keepsAnAdmin = `id != ?4 AND (role != 'admin' OR (SELECT COUNT(*) FROM staff o WHERE o.role = 'admin' AND o.disabled = 0 AND o.id != ?1) >= 1)`;
  const seenBinds = [target.id, target.role, target.disabled ? 1 : 0, actorId] as const;
  const name = accountTarget(target.id);
  switch (command.type) {
    case 'disable':
      return [
        db.prepare(`UPDATE staff SET disabled = 1, updated_at = ?5 WHERE ${seen} AND ${keepsAnAdmin} RETURNING ${STAFF_COLUMNS}`).bind(...seenBinds, now),
        auditIfChanged(db, { staffId: actorId, action: ACCOUNT_ACTIONS.disable, target: name, before, after: { ...before, disabled: true } }, now),
        // Also checked on every request; deleting the rows ends the sessions for good.
        db.prepare('DELETE FROM staff_sessions WHERE staff_id = ?1 AND (SELECT disabled FROM staff WHERE id = ?1) = 1').bind(target.id),
      ];
    case 'enable':
      return [
        db.prepare(`UPDATE staff SET disabled = 0, updated_at = ?4 WHERE ${seen} RETURNING ${STAFF_COLUMNS}`).bind(target.id, target.role, target.disabled ? 1 : 0, now),
        auditIfChanged(db, { staffId: actorId, action: ACCOUNT_ACTIONS.enable, target: name, before, after: { ...before, disabled: false } }, now),
      ];
    case 'role':
      return [
        db
          .prepare(`UPDATE staff SET role = ?6, updated_at = ?5 WHERE ${seen} AND (?6 = 'admin' OR (${keepsAnAdmin})) RETURNING ${STAFF_COLUMNS}`)
          .bind(...seenBinds, now, command.role),
        auditIfChanged(db, { staffId: actorId, action: ACCOUNT_ACTIONS.role, target: name, before, after: { ...before, role: command.role } }, now),
      ];
    case 'password':
      return [
        db.prepare(`UPDATE staff SET password_hash = ?2, updated_at = ?3 WHERE id = ?1 RETURNING ${STAFF_COLUMNS}`).bind(target.id, command.passwordHash, now),
        // "Reset", nothing more: neither the password nor its hash goes in the log.
        auditIfChanged(db, { staffId: actorId, action: ACCOUNT_ACTIONS.password, target: name, after: { password: 'reset' } }, now),
        db.prepare('DELETE FROM staff_sessions WHERE staff_id = ?1').bind(target.id),
      ];
    default: {
      const never: never = command;
      throw new Error(`unknown account command ${JSON.stringify(never)}`);
    }
  }
}

/**
 * Applies one change to account `targetId` on behalf of admin `actorId`: checked by the policy,
 * written with its audit row, and checked again inside the write (see the module comment).
 * Disabling and password resets end the account's sessions at once.
 */
export async function changeAccount(db: D1Database, actorId: number, targetId: number, command: AccountCommand, now = Date.now()): Promise<ChangeResult> {
  const target = await findStaffById(db, targetId);
  if (!target) return { ok: false, reason: 'not_found' };
  const check = checkAccountChange(actorId, target, command.type === 'password' ? { type: 'password' } : command, await countActiveAdmins(db));
  if (!check.ok) return check.reason === 'unchanged' ? { ok: true, account: target, changed: false } : { ok: false, reason: check.reason, account: target };

  const [updated] = await db.batch(changeStatements(db, actorId, target, command, now));
  const row = (updated.results as StaffRow[])[0];
  if (row) return { ok: true, account: rowToStaff(row), changed: true };

  // The guarded write changed nothing: someone else changed the account (or the admins) in
  // between. Say why with the state as it is now.
  const current = await findStaffById(db, targetId);
  if (!current) return { ok: false, reason: 'not_found' };
  const again = checkAccountChange(actorId, current, command.type === 'password' ? { type: 'password' } : command, await countActiveAdmins(db));
  if (!again.ok) return again.reason === 'unchanged' ? { ok: true, account: current, changed: false } : { ok: false, reason: again.reason, account: current };
  return { ok: false, reason: 'conflict', account: current };
}
