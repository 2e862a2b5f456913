/** /console/admin/accounts/:id: one account, its role, access and password, and its history. */
import type { SessionStaff } from '../../../auth/session';
import { CSRF_FIELD } from '../../../auth/csrf';
import { STAFF_ROLES, type StaffActivity } from '../../../db/staff';
import type { AuditEntry } from '../../audit';
import { AdminLayout } from '../../views/layout';
import { ACCOUNTS_PATH, AUDIT_PATH } from '../paths';
import { accountTarget } from '../store';
import { PasswordChoice } from './accounts-page';
import { ActionName, DiffTable, NoticeBox, RoleBadge, SecretOnce, StatusBadge, Time, type Notice } from './parts';

export interface AccountPageProps {
  staff: SessionStaff;
  csrfToken: string;
  account: StaffActivity;
  history: AuditEntry[];
  /** Enabled admin accounts, this one included. */
  activeAdmins: number;
  notice?: Notice;
  /** A password just set, to show this once. */
  newPassword?: { password: string; created: boolean };
  passwordError?: string;
  passwordMode?: 'generate' | 'type';
}

export function AccountPage(props: AccountPageProps) {
  const { staff, csrfToken, account, history, activeAdmins, notice, newPassword } = props;
  const self = account.id === staff.id;
  const lastAdmin = account.role === 'admin' && !account.disabled && activeAdmins <= 1;
  const base = `${ACCOUNTS_PATH}/${account.id}`;
  return (
    <AdminLayout title={account.displayName} section="accounts" staff={staff} csrfToken={csrfToken} scripts={['admin/accounts.js']}>
      <p class="admin-lead">
        <a href={ACCOUNTS_PATH}>← All accounts</a>
      </p>
      {newPassword && (
        <SecretOnce title={newPassword.created ? `Account created. ${account.displayName}'s password:` : `New password for ${account.displayName}:`} password={newPassword.password}>
          <p>
            It is shown only now. Give it to {account.displayName} in person or by another safe way; the login name is{' '}
            <code class="mono">{account.login}</code>.
          </p>
        </SecretOnce>
      )}
      <NoticeBox notice={notice} />
      <div class="admin-columns">
        <div class="stack">
          <section class="admin-card" aria-labelledby="facts-title">
            <h2 class="admin-card-title" id="facts-title">
              Account
            </h2>
            <dl class="facts">
              <dt>Login name</dt>
              <dd class="mono">{account.login}</dd>
              <dt>Role</dt>
              <dd>
                <RoleBadge role={account.role} />
              </dd>
              <dt>Status</dt>
              <dd>
                <StatusBadge disabled={account.disabled} />
              </dd>
              <dt>Created</dt>
              <dd>
                <Time at={account.createdAt} />
              </dd>
              <dt>Last changed</dt>
              <dd>
                <Time at={account.updatedAt} />
              </dd>
              <dt>Last sign-in</dt>
              <dd>
                <Time at={account.lastSignInAt} />
              </dd>
              <dt>Signed in now</dt>
              <dd>{account.activeSessions === 0 ? 'no' : account.activeSessions === 1 ? 'yes, one session' : `yes, ${account.activeSessions} sessions`}</dd>
            </dl>
          </section>

          <section class="admin-card" aria-labelledby="role-title">
            <h2 class="admin-card-title" id="role-title">
              Role
            </h2>
            <form method="post" action={`${base}/role`} class="admin-form" data-confirm={`Change ${account.displayName}'s role?`}>
              <input type="hidden" name={CSRF_FIELD} value={csrfToken} />
              <div class="field">
                <label for="role">Role</label>
                <select id="role" name="role" disabled={self || lastAdmin} aria-describedby="role-hint">
                  {STAFF_ROLES.map((role) => (
                    <option value={role} selected={role === account.role}>
                      {role === 'admin' ? 'Administrator' : 'Staff'}
                    </option>
                  ))}
                </select>
                <p class="field-hint" id="role-hint">
                  {self
                    ? 'You cannot change your own role. Another administrator can.'
                    : lastAdmin
                      ? 'The last active administrator keeps the role: make another account an administrator first.'
                      : 'Takes effect on their next click; they stay signed in.'}
                </p>
              </div>
              <div class="form-actions">
                <button type="submit" class="button" disabled={self || lastAdmin}>
                  Change role
                </button>
              </div>
            </form>
          </section>

          <section class="admin-card" aria-labelledby="access-title">
            <h2 class="admin-card-title" id="access-title">
              Access
            </h2>
            {account.disabled ? (
              <form method="post" action={`${base}/enable`} class="admin-form">
                <input type="hidden" name={CSRF_FIELD} value={csrfToken} />
                <p class="field-hint">Disabled: {account.displayName} cannot sign in. Re-enabling lets them sign in with their password.</p>
                <div class="form-actions">
                  <button type="submit" class="button primary">
                    Re-enable account
                  </button>
                </div>
              </form>
            ) : (
              <form method="post" action={`${base}/disable`} class="admin-form" data-confirm={`Disable ${account.displayName}? They are signed out at once and cannot sign in again until re-enabled.`}>
                <input type="hidden" name={CSRF_FIELD} value={csrfToken} />
                <p class="field-hint">
                  {self
                    ? 'You cannot disable your own account. Another administrator can.'
                    : lastAdmin
                      ? 'The last active administrator cannot be disabled.'
                      : 'Disabling signs them out everywhere at once. Their conversations and history stay.'}
                </p>
                <div class="form-actions">
                  <button type="submit" class="button danger" disabled={self || lastAdmin}>
                    Disable account
                  </button>
                </div>
              </form>
            )}
          </section>

          <section class="admin-card" aria-labelledby="password-title">
            <h2 class="admin-card-title" id="password-title">
              Reset password
            </h2>
            <form
              method="post"
              action={`${base}/password`}
              class="admin-form"
              novalidate
              data-confirm={self ? 'Reset your own password? You will be signed out and must sign in with the new one.' : `Reset ${account.displayName}'s password? They are signed out everywhere.`}
            >
              <input type="hidden" name={CSRF_FIELD} value={csrfToken} />
              <p class="field-hint">The old password stops working and every session of this account ends.</p>
              <PasswordChoice idPrefix="reset" mode={props.passwordMode ?? 'generate'} error={props.passwordError} />
              <div class="form-actions">
                <button type="submit" class="button">
                  Reset password
                </button>
              </div>
            </form>
          </section>
        </div>

        <section class="admin-card" aria-labelledby="history-title">
          <h2 class="admin-card-title" id="history-title">
            History
          </h2>
          {history.length === 0 ? (
            <p class="empty">Nothing recorded yet (accounts made with the staff command are not in the log).</p>
          ) : (
            <ol class="timeline">
              {history.map((entry) => (
                <li>
                  <p class="timeline-head">
                    <ActionName action={entry.action} />
                    <span class="cell-sub">
                      <Time at={entry.createdAt} /> · {entry.staff ? entry.staff.displayName : 'system'}
                    </span>
                  </p>
                  <DiffTable before={entry.before} after={entry.after} />
                </li>
              ))}
            </ol>
          )}
          <p class="hint">
            <a href={`${AUDIT_PATH}?target=${encodeURIComponent(accountTarget(account.id))}`}>This account in the audit log</a>
          </p>
        </section>
      </div>
    </AdminLayout>
  );
}
