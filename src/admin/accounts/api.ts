/**
 * The accounts and audit JSON API, under /console/admin (admins only, CSRF-checked like every
 * console write): /accounts/api and /audit/api. Errors are `{ error }`, with `fields` (one
 * message per field) on a 400 and `reason` on a 409.
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { hashPassword } from '../../auth/password';
import type { AppEnv } from '../../env';
import { findStaffById } from '../../db/staff';
import { listAudit } from '../audit';
import { generatePassword, parseNewAccount, parsePasswordReset, parseRole, type FieldErrors } from './policy';
import { NOT_FOUND, duplicateLogin, parseId, refusal, type Refused } from './respond';
import { accountTarget, changeAccount, createAccount, listAccounts, type AccountCommand } from './store';

export const accountsApi = new Hono<AppEnv>();

const AUDIT_PAGE_MAX = 200;
export const AUDIT_PAGE_DEFAULT = 50;

function refuse(c: Context<AppEnv>, refused: Refused) {
  return c.json({ error: refused.error, reason: refused.reason }, refused.status);
}

function invalid(c: Context<AppEnv>, fields: FieldErrors) {
  return c.json({ error: 'some fields need attention', fields }, 400);
}

/** The JSON body, `{}` when there is none; undefined when it is not JSON. */
async function body(c: Context<AppEnv>): Promise<unknown> {
  const raw = await c.req.text();
  if (raw.trim() === '') return {};
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

const NOT_JSON = { error: 'the body must be JSON' };

accountsApi.get('/accounts/api', async (c) => {
  const accounts = await listAccounts(c.env.DB);
  return c.json({ accounts, activeAdmins: accounts.filter((a) => a.role === 'admin' && !a.disabled).length, me: c.get('staff').id });
});

accountsApi.post('/accounts/api', async (c) => {
  const input = await body(c);
  if (input === undefined) return c.json(NOT_JSON, 400);
  const parsed = parseNewAccount(input);
  if (!parsed.ok) return invalid(c, parsed.fields);
  const generated = parsed.value.password ? undefined : generatePassword();
  const passwordHash = await hashPassword(parsed.value.password || generated!);
  const result = await createAccount(c.env.DB, c.get('staff').id, { ...parsed.value, passwordHash });
  if (!result.ok) {
    const refused = duplicateLogin(parsed.value.login);
    return c.json({ error: refused.error, reason: refused.reason, fields: { login: refused.error } }, 409);
  }
  // The generated password is in this one response and nowhere else.
  return c.json({ account: result.account, ...(generated ? { password: generated } : {}) }, 201);
});

accountsApi.get('/accounts/api/:id', async (c) => {
  const id = parseId(c.req.param('id'));
  const account = id === undefined ? undefined : (await listAccounts(c.env.DB)).find((a) => a.id === id);
  if (!account) return refuse(c, NOT_FOUND);
  const history = await listAudit(c.env.DB, { target: accountTarget(account.id), limit: 50 });
  return c.json({ account, history });
});

accountsApi.post('/accounts/api/:id/:action{role|disable|enable|password}', async (c) => {
  const id = parseId(c.req.param('id'));
  if (id === undefined) return refuse(c, NOT_FOUND);
  const input = await body(c);
  if (input === undefined) return c.json(NOT_JSON, 400);
  const action = c.req.param('action') as 'role' | 'disable' | 'enable' | 'password';
  let command: AccountCommand;
  let generated: string | undefined;
  if (action === 'role') {
    const role = parseRole(input);
    if (!role.ok) return invalid(c, role.fields);
    command = { type: 'role', role: role.value };
  } else if (action === 'password') {
    const target = await findStaffById(c.env.DB, id);
    if (!target) return refuse(c, NOT_FOUND);
    const password = parsePasswordReset(input, target.login);
    if (!password.ok) return invalid(c, password.fields);
    generated = password.value ? undefined : generatePassword();
    command = { type: 'password', passwordHash: await hashPassword(password.value ?? generated!) };
  } else {
    command = { type: action };
  }
  const result = await changeAccount(c.env.DB, c.get('staff').id, id, command);
  if (!result.ok) return refuse(c, refusal(result));
  return c.json({ account: result.account, changed: result.changed, ...(generated ? { password: generated } : {}) });
});

const AuditQuery = z.object({
  action: z.string().trim().max(100).optional(),
  target: z.string().trim().max(200).optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(AUDIT_PAGE_MAX).optional(),
});

export type AuditQuery = z.output<typeof AuditQuery>;

/** The audit filters from a query string (empty ones dropped); undefined if one is malformed. */
export function parseAuditQuery(query: Record<string, string>): AuditQuery | undefined {
  const parsed = AuditQuery.safeParse(Object.fromEntries(Object.entries(query).filter(([, value]) => value.trim() !== '')));
  if (!parsed.success) return undefined;
  return { ...parsed.data, action: parsed.data.action || undefined, target: parsed.data.target || undefined };
}

/** One page of the log and the cursor to the next (older) page, or null at the end. */
export async function auditPage(db: D1Database, query: AuditQuery) {
  const limit = query.limit ?? AUDIT_PAGE_DEFAULT;
  const rows = await listAudit(db, { action: query.action, target: query.target, before: query.before, limit: limit + 1 });
  const entries = rows.slice(0, limit);
  return { entries, next: rows.length > limit ? entries[entries.length - 1].id : null };
}

accountsApi.get('/audit/api', async (c) => {
  const query = parseAuditQuery(c.req.query());
  if (!query) return c.json({ error: 'action and target are text; before and limit (1-200) are whole numbers' }, 400);
  return c.json(await auditPage(c.env.DB, query));
});
