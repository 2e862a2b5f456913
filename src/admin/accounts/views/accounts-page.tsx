/** /console/admin/accounts: every console account, and the form that makes a new one. */
import type { SessionStaff } from '../../../auth/session';
import { CSRF_FIELD } from '../../../auth/csrf';
import { PASSWORD_MIN_LENGTH } from '../../../auth/password';
import { DISPLAY_NAME_MAX_LENGTH, LOGIN_MAX_LENGTH, STAFF_ROLES, type StaffActivity, type StaffRole } from '../../../db/staff';
import { AdminLayout } from '../../views/layout';
import type { FieldErrors } from '../policy';
import { ACCOUNTS_PATH, AUDIT_PATH } from '../paths';
import { describedBy, Field, NoticeBox, RoleBadge, StatusBadge, Time, type Notice } from './parts';

export interface NewAccountForm {
  login: string;
  displayName: string;
  role: StaffRole;
  passwordMode: 'generate' | 'type';
  errors: FieldErrors;
}

export const EMPTY_NEW_ACCOUNT: NewAccountForm = { login: '', displayName: '', role: 'staff', passwordMode: 'generate', errors: {} };

export interface AccountsPageProps {
  staff: SessionStaff;
  csrfToken: string;
  accounts: StaffActivity[];
  notice?: Notice;
  form?: NewAccountForm;
}

export function AccountsPage({ staff, csrfToken, accounts, notice, form = EMPTY_NEW_ACCOUNT }: AccountsPageProps) {
  const admins = accounts.filter((account) => account.role === 'admin' && !account.disabled).length;
  const errors = form.errors;
  const errorCount = Object.keys(errors).length;
  return (
    <AdminLayout title="Accounts" section="accounts" staff={staff} csrfToken={csrfToken} scripts={['admin/accounts.js']}>
      <p class="admin-lead">
        Everyone who signs in to the console. Staff answer residents; administrators also edit the knowledge, switch disaster mode
        and manage these accounts. Every change here is written to the <a href={AUDIT_PATH}>audit log</a>.
      </p>
      <NoticeBox notice={notice} />
      <div class="table-wrap">
        <table class="admin-table is-stacked" id="accounts">
          <caption class="visually-hidden">Console accounts</caption>
          <thead>
            <tr>
              <th scope="col">Account</th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
              <th scope="col">Created</th>
              <th scope="col">Last sign-in</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((account) => (
              <tr class={account.disabled ? 'is-muted' : undefined} data-account-id={String(account.id)}>
                <td data-label="Account">
                  <a class="cell-main" href={`${ACCOUNTS_PATH}/${account.id}`}>
                    {account.displayName}
                  </a>
                  {account.id === staff.id && <span class="tag">you</span>}
                  <span class="cell-sub mono">{account.login}</span>
                </td>
                <td data-label="Role">
                  <RoleBadge role={account.role} />
                </td>
                <td data-label="Status">
                  <StatusBadge disabled={account.disabled} />
                </td>
                <td data-label="Created">
                  <Time at={account.createdAt} />
                </td>
                <td data-label="Last sign-in">
                  <Time at={account.lastSignInAt} />
                  {account.activeSessions > 0 && <span class="cell-sub">{account.activeSessions === 1 ? 'signed in now' : `signed in now (${account.activeSessions} sessions)`}</span>}
                </td>
                <td class="actions">
                  <a class="button small" href={`${ACCOUNTS_PATH}/${account.id}`} aria-label={`Manage ${account.displayName}`}>
                    Manage
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="hint">
        {`${accounts.length} accounts, ${admins} active administrator${admins === 1 ? '' : 's'}. `}
        Last sign-in is known while the session is kept (up to 12 hours).
      </p>

      <section class="admin-card" aria-labelledby="new-account-title" id="new-account">
        <h2 class="admin-card-title" id="new-account-title">
          New account
        </h2>
        <form method="post" action={ACCOUNTS_PATH} class="admin-form" novalidate>
          <input type="hidden" name={CSRF_FIELD} value={csrfToken} />
          <div class="form-errors" role={errorCount ? 'alert' : undefined}>
            {errorCount > 0 && `The account was not created: ${errorCount === 1 ? 'one field needs' : `${errorCount} fields need`} attention.`}
          </div>
          <div class="field-row">
            <Field id="new-login" label="Login name" error={errors.login} hint="Letters, digits, . _ @ -; not case-sensitive.">
              <input
                id="new-login"
                name="login"
                value={form.login}
                maxlength={LOGIN_MAX_LENGTH}
                autocomplete="off"
                autocapitalize="none"
                spellcheck={false}
                required
                {...describedBy('new-login', errors.login, true)}
              />
            </Field>
            <Field id="new-name" label="Display name" error={errors.displayName} hint="Shown to colleagues in the console.">
              <input id="new-name" name="displayName" value={form.displayName} maxlength={DISPLAY_NAME_MAX_LENGTH} autocomplete="off" required {...describedBy('new-name', errors.displayName, true)} />
            </Field>
            <Field id="new-role" label="Role" error={errors.role}>
              <select id="new-role" name="role" {...describedBy('new-role', errors.role)}>
                {STAFF_ROLES.map((role) => (
                  <option value={role} selected={role === form.role}>
                    {role === 'admin' ? 'Administrator' : 'Staff'}
                  </option>
                ))}
              </select>
            </Field>
          </div>
          <PasswordChoice idPrefix="new" mode={form.passwordMode} error={errors.password} />
          <div class="form-actions">
            <button type="submit" class="button primary">
              Create account
            </button>
          </div>
        </form>
      </section>
    </AdminLayout>
  );
}

/** "Generate a strong password" or "type one": the typed field is hidden by the script while generating. */
export function PasswordChoice({ idPrefix, mode, error }: { idPrefix: string; mode: 'generate' | 'type'; error?: string }) {
  const id = `${idPrefix}-password`;
  return (
    <fieldset class="field password-choice" data-password-choice>
      <legend>Password</legend>
      <div class="check">
        <input type="radio" id={`${id}-generate`} name="passwordMode" value="generate" checked={mode === 'generate'} />
        <label for={`${id}-generate`}>Generate a strong password (shown once, after saving)</label>
      </div>
      <div class="check">
        <input type="radio" id={`${id}-type`} name="passwordMode" value="type" checked={mode === 'type'} />
        <label for={`${id}-type`}>Type one</label>
      </div>
      <Field id={id} label="New password" error={error} hint={`At least ${PASSWORD_MIN_LENGTH} characters. Give it to the person in private; they cannot change it themselves yet.`} class="password-typed">
        <input id={id} name="password" type="password" autocomplete="new-password" minlength={PASSWORD_MIN_LENGTH} {...describedBy(id, error, true)} />
      </Field>
    </fieldset>
  );
}
