/**
 * Admin: accounts and the audit log (issue 5, section 6). Pages at /accounts, /accounts/:id
 * and /audit work as plain forms (the script only adds confirmations and a copy button); the
 * JSON API is in ./api.ts. A new password is shown once, in the response to the form that
 * set it (pages are `no-store`); every other form redirects back (303) with a notice.
 */
import { Hono, type Context } from 'hono';
import { hashPassword } from '../../auth/password';
import type { AppEnv } from '../../env';
import { countActiveAdmins, type StaffActivity } from '../../db/staff';
import { listAudit } from '../audit';
import { accountsApi, auditPage, parseAuditQuery } from './api';
import { ACCOUNTS_PATH } from './paths';
import { generatePassword, parseNewAccount, parsePasswordReset, parseRole, type FieldErrors } from './policy';
import { duplicateLogin, NOT_FOUND, parseId, refusal, type Refused } from './respond';
import { accountTarget, changeAccount, createAccount, listAccounts, type AccountCommand } from './store';
import { AccountPage, type AccountPageProps } from './views/account-page';
import { AccountsPage, type NewAccountForm } from './views/accounts-page';
import { AuditPage } from './views/audit-page';
import type { Notice } from './views/parts';

export const accountsAdmin = new Hono<AppEnv>();

accountsAdmin.route('/', accountsApi);

type Ctx = Context<AppEnv>;

function page(c: Ctx, element: unknown, status: 200 | 400 | 404 | 409 = 200) {
  return c.html(`<!DOCTYPE html>${element}`, status);
}

/** The text fields of a posted form (files and repeated fields ignored). */
async function form(c: Ctx): Promise<Record<string, string>> {
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(await c.req.parseBody())) if (typeof value === 'string') fields[name] = value;
  return fields;
}

const TYPE_OR_GENERATE = 'type a password, or choose to generate one';

function passwordMode(fields: Record<string, string>): 'generate' | 'type' {
  return fields.passwordMode === 'type' ? 'type' : 'generate';
}

async function renderAccounts(c: Ctx, options: { notice?: Notice; form?: NewAccountForm; status?: 200 | 400 | 409 } = {}) {
  const accounts = await listAccounts(c.env.DB);
  return page(c, <AccountsPage staff={c.get('staff')} csrfToken={c.get('csrfToken')} accounts={accounts} notice={options.notice} form={options.form} />, options.status);
}

async function findAccount(c: Ctx, id: number): Promise<StaffActivity | undefined> {
  return (await listAccounts(c.env.DB)).find((account) => account.id === id);
}

async function renderAccount(c: Ctx, account: StaffActivity, options: Partial<AccountPageProps> & { status?: 200 | 400 | 409 } = {}) {
  const [history, activeAdmins] = await Promise.all([listAudit(c.env.DB, { target: accountTarget(account.id), limit: 30 }), countActiveAdmins(c.env.DB)]);
  const { status, ...rest } = options;
  return page(c, <AccountPage staff={c.get('staff')} csrfToken={c.get('csrfToken')} account={account} history={history} activeAdmins={activeAdmins} {...rest} />, status);
}

function notFound(c: Ctx) {
  return c.text(NOT_FOUND.error, 404);
}

/** What the notice after a redirect says; only these keys, so the address cannot put words on the page. */
const DONE: Record<string, (name: string) => string> = {
  created: (name) => `${name}'s account was created with the password you typed.`,
  role: (name) => `${name}'s role was changed.`,
  disable: (name) => `${name}'s account was disabled and every session of it ended.`,
  enable: (name) => `${name}'s account was re-enabled.`,
  unchanged: (name) => `Nothing to change: ${name}'s account was already like that.`,
};

accountsAdmin.get('/accounts', (c) => renderAccounts(c));

accountsAdmin.post('/accounts', async (c) => {
  const fields = await form(c);
  const mode = passwordMode(fields);
  const values = { login: fields.login ?? '', displayName: fields.displayName ?? '', role: fields.role === 'admin' ? 'admin' : 'staff', passwordMode: mode } as const;
  const parsed = parseNewAccount({ login: values.login, displayName: values.displayName, role: fields.role, password: mode === 'type' ? (fields.password ?? '') : undefined });
  const errors: FieldErrors = parsed.ok ? {} : { ...parsed.fields };
  if (mode === 'type' && !fields.password) errors.password ??= TYPE_OR_GENERATE;
  if (!parsed.ok || errors.password) return renderAccounts(c, { form: { ...values, errors }, status: 400 });

  const account = parsed.value;
  const generated = mode === 'generate' ? generatePassword() : undefined;
  const result = await createAccount(c.env.DB, c.get('staff').id, { ...account, passwordHash: await hashPassword(account.password || generated!) });
  if (!result.ok) {
    const refused = duplicateLogin(account.login);
    return renderAccounts(c, { form: { ...values, errors: { login: refused.error } }, status: 409 });
  }
  if (!generated) return c.redirect(`${ACCOUNTS_PATH}/${result.account.id}?done=created`, 303);
  const created = await findAccount(c, result.account.id);
  return renderAccount(c, created!, { newPassword: { password: generated, created: true } });
});

accountsAdmin.get('/accounts/:id{[0-9]+}', async (c) => {
  const id = parseId(c.req.param('id'));
  const account = id === undefined ? undefined : await findAccount(c, id);
  if (!account) return notFound(c);
  const done = DONE[c.req.query('done') ?? ''];
  return renderAccount(c, account, { notice: done ? { tone: 'ok', text: done(account.displayName) } : undefined });
});

accountsAdmin.post('/accounts/:id{[0-9]+}/:action{role|disable|enable|password}', async (c) => {
  const id = parseId(c.req.param('id'));
  const target = id === undefined ? undefined : await findAccount(c, id);
  if (!target) return notFound(c);
  const action = c.req.param('action') as 'role' | 'disable' | 'enable' | 'password';
  const fields = await form(c);
  let command: AccountCommand;
  let generated: string | undefined;
  if (action === 'role') {
    const role = parseRole(fields);
    if (!role.ok) return renderAccount(c, target, { notice: { tone: 'danger', text: role.fields.role ?? 'choose a role' }, status: 400 });
    command = { type: 'role', role: role.value };
  } else if (action === 'password') {
    const mode = passwordMode(fields);
    const password = parsePasswordReset({ password: mode === 'type' ? fields.password : undefined }, target.login);
    const error = !password.ok ? password.fields.password : mode === 'type' && !fields.password ? TYPE_OR_GENERATE : undefined;
    if (error) return renderAccount(c, target, { passwordError: error, passwordMode: mode, notice: { tone: 'danger', text: `The password was not reset: ${error}.` }, status: 400 });
    generated = mode === 'generate' ? generatePassword() : undefined;
    command = { type: 'password', passwordHash: await hashPassword((password.ok && password.value) || generated!) };
  } else {
    command = { type: action };
  }

  const result = await changeAccount(c.env.DB, c.get('staff').id, target.id, command);
  if (!result.ok) {
    const refused: Refused = refusal(result, target.displayName);
    if (refused.status === 404) return notFound(c);
    const current = (await findAccount(c, target.id)) ?? target;
    return renderAccount(c, current, { notice: { tone: 'danger', text: refused.error }, status: 409 });
  }
  if (action === 'password') {
    const current = (await findAccount(c, target.id)) ?? target;
    if (generated) return renderAccount(c, current, { newPassword: { password: generated, created: false } });
    return renderAccount(c, current, { notice: { tone: 'ok', text: `${current.displayName}'s password was set to the one you typed, and every session of the account ended.` } });
  }
  return c.redirect(`${ACCOUNTS_PATH}/${target.id}?done=${result.changed ? action : 'unchanged'}`, 303);
});

accountsAdmin.get('/audit', async (c) => {
  const query = parseAuditQuery(c.req.query()) ?? {};
  const [{ entries, next }, actions] = await Promise.all([
    auditPage(c.env.DB, query),
    c.env.DB.prepare('SELECT DISTINCT action FROM audit_log ORDER BY action LIMIT 200').all<{ action: string }>(),
  ]);
  const targetNames = new Map<string, string>();
  if (entries.some((entry) => entry.target?.startsWith('account:'))) {
    for (const account of await listAccounts(c.env.DB)) targetNames.set(accountTarget(account.id), `${account.displayName} (${account.login})`);
  }
  return page(
    c,
    <AuditPage
      staff={c.get('staff')}
      csrfToken={c.get('csrfToken')}
      entries={entries}
      filters={{ action: query.action, target: query.target }}
      next={next}
      paged={query.before !== undefined}
      actions={actions.results.map((row) => row.action)}
      targetNames={targetNames}
    />,
  );
});
