import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker from '../../src/index';
import { changeAccount } from '../../src/admin/accounts/store';
import { hashPassword } from '../../src/auth/password';
import { createSession } from '../../src/auth/session';
import type { StaffRole } from '../../src/db/staff';

const ORIGIN = 'http://admin.test';
let seq = 0;
let ip = 0;

interface CallOptions {
  method?: string;
  /** An object is sent as JSON; URLSearchParams as a form (with the `_csrf` field unless csrf is null). */
  body?: unknown;
  csrf?: string | null;
  origin?: string | null;
  accept?: string;
}

async function fetchWorker(path: string, init: RequestInit): Promise<Response> {
  const ctx = createExecutionContext();
  const response = await worker.fetch(new Request(`${ORIGIN}${path}`, init), env, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

/** An account row (password hash 'x' unless a password is given), without a session. */
async function makeAccount(role: StaffRole, displayName = `Person ${seq}`, password?: string): Promise<{ id: number; login: string }> {
  const login = `acct-${Date.now()}-${seq++}`;
  const row = await env.DB.prepare(
    `INSERT INTO staff (login, display_name, role, password_hash, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, 1, 1) RETURNING id`,
  )
    .bind(login, displayName, role, password ? await hashPassword(password) : 'x')
    .first<{ id: number }>();
  return { id: row!.id, login };
}

/** A real session row for an account, used through its cookie and CSRF token, as a browser would. */
async function sessionFor(id: number) {
  const session = await createSession(env.DB, id);
  const call = (path: string, init: CallOptions = {}) => {
    const method = init.method ?? (init.body === undefined ? 'GET' : 'POST');
    const headers: Record<string, string> = { cookie: `__Host-yorisoi_session=${session.token}`, accept: init.accept ?? 'application/json' };
    let body: string | undefined;
    if (method !== 'GET') {
      if (init.origin !== null) headers.origin = init.origin ?? ORIGIN;
      if (init.body instanceof URLSearchParams) {
        if (init.csrf !== null) init.body.set('_csrf', init.csrf ?? session.csrfToken);
        headers['content-type'] = 'application/x-www-form-urlencoded';
        body = init.body.toString();
      } else {
        if (init.csrf !== null) headers['x-csrf-token'] = init.csrf ?? session.csrfToken;
        if (init.body !== undefined) {
          headers['content-type'] = 'application/json';
          body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
        }
      }
    }
    return fetchWorker(path, { method, headers, body, redirect: 'manual' });
  };
  const page = (path: string, init: CallOptions = {}) => call(path, { accept: 'text/html', ...init });
  return { call, page, token: session.token };
}

async function signIn(role: StaffRole = 'admin', displayName?: string) {
  const account = await makeAccount(role, displayName);
  return { ...account, ...(await sessionFor(account.id)) };
}

/** Signs in through the real login form; the status tells whether the password works. */
async function loginWith(login: string, password: string): Promise<number> {
  const form = await fetchWorker('/console/login', { headers: { accept: 'text/html' } });
  const html = await form.text();
  const token = html.match(/name="_csrf" value="([^"]+)"/)![1];
  const cookie = form.headers.getAll('set-cookie').find((line) => line.startsWith('__Host-yorisoi_login_csrf='))!.split(';')[0];
  const response = await fetchWorker('/console/login', {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded', 'cf-connecting-ip': `203.0.113.${++ip}` },
    body: new URLSearchParams({ _csrf: token, login, password }).toString(),
  });
  return response.status;
}

interface AuditRow {
  staff_id: number;
  action: string;
  target: string;
  before: string | null;
  after: string | null;
}

async function auditRows(target: string): Promise<AuditRow[]> {
  const { results } = await env.DB.prepare('SELECT staff_id, action, target, before, after FROM audit_log WHERE target = ?1 ORDER BY id').bind(target).all<AuditRow>();
  return results;
}

const json = (response: Response) => response.json() as Promise<any>;

async function createViaApi(admin: Awaited<ReturnType<typeof signIn>>, body: Record<string, unknown>) {
  const response = await admin.call('/console/admin/accounts/api', { body });
  return { status: response.status, body: await json(response) };
}

describe('creating accounts', () => {
  it('creates a staff account with a generated password, shown once, that signs in', async () => {
    const admin = await signIn();
    const login = `new-${seq++}`;
    const { status, body } = await createViaApi(admin, { login, displayName: 'Kim Minji', role: 'staff' });
    expect(status).toBe(201);
    expect(body.account).toMatchObject({ login, displayName: 'Kim Minji', role: 'staff', disabled: false });
    expect(body.account).not.toHaveProperty('passwordHash');
    expect(body.password).toMatch(/^[\w]{5}(-[\w]{5}){3}$/);
    expect(await loginWith(login, body.password)).toBe(303);

    const stored = await env.DB.prepare('SELECT password_hash FROM staff WHERE id = ?1').bind(body.account.id).first<{ password_hash: string }>();
    expect(stored!.password_hash).toMatch(/^pbkdf2-sha256\$100000\$/);
    // The password is in that one response only: the account's page does not have it.
    const again = await json(await admin.call(`/console/admin/accounts/api/${body.account.id}`));
    expect(JSON.stringify(again)).not.toContain(body.password);
  });

  it('creates an admin with a typed password and does not echo it', async () => {
    const admin = await signIn();
    const login = `typed-${seq++}`;
    const { status, body } = await createViaApi(admin, { login, displayName: 'Ana Reyes', role: 'admin', password: 'typed password 1' });
    expect(status).toBe(201);
    expect(body).not.toHaveProperty('password');
    expect(body.account.role).toBe('admin');
    expect(await loginWith(login, 'typed password 1')).toBe(303);
  });

  it('refuses a login name that is taken, whatever its case, with 409', async () => {
    const admin = await signIn();
    const login = `Dup-${seq++}`;
    expect((await createViaApi(admin, { login, displayName: 'First', role: 'staff' })).status).toBe(201);
    const { status, body } = await createViaApi(admin, { login: login.toUpperCase(), displayName: 'Second', role: 'staff' });
    expect(status).toBe(409);
    expect(body).toMatchObject({ reason: 'duplicate_login', fields: { login: expect.stringMatching(/already taken/) } });
    const { n } = (await env.DB.prepare('SELECT COUNT(*) AS n FROM staff WHERE login = ?1').bind(login).first<{ n: number }>())!;
    expect(n).toBe(1);
    expect(await env.DB.prepare(`SELECT 1 FROM audit_log WHERE action = 'account.create' AND after LIKE '%"Second"%'`).first()).toBeNull();
  });

  it('answers 400 with a message for each field that is wrong', async () => {
    const admin = await signIn();
    const { status, body } = await createViaApi(admin, { login: 'has space', displayName: '', role: 'owner', password: 'short' });
    expect(status).toBe(400);
    expect(body.fields).toEqual({
      login: expect.stringMatching(/login name/),
      displayName: expect.stringMatching(/display name/),
      role: expect.stringMatching(/role/),
      password: expect.stringMatching(/at least 10/),
    });
    const notJson = await admin.call('/console/admin/accounts/api', { body: '{nope' });
    expect(notJson.status).toBe(400);
    expect(await json(notJson)).toEqual({ error: 'the body must be JSON' });
  });

  it('logs the creation with the new account and no password', async () => {
    const admin = await signIn();
    const { body } = await createViaApi(admin, { login: `logged-${seq++}`, displayName: 'Logged', role: 'staff', password: 'a secret 12345' });
    const rows = await auditRows(`account:${body.account.id}`);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ staff_id: admin.id, action: 'account.create', before: null });
    expect(JSON.parse(rows[0].after!)).toEqual({ login: body.account.login, displayName: 'Logged', role: 'staff', disabled: false });
    expect(JSON.stringify(rows)).not.toMatch(/a secret|pbkdf2/);
  });
});

describe('changing accounts', () => {
  it('disables an account and ends its sessions at once, then re-enables it', async () => {
    const admin = await signIn();
    const target = await makeAccount('staff', 'Nguyen Lan', 'her password 1');
    const session = await sessionFor(target.id);
    expect((await session.call('/console/api/me')).status).toBe(200);

    const disabled = await admin.call(`/console/admin/accounts/api/${target.id}/disable`, { method: 'POST' });
    expect(disabled.status).toBe(200);
    expect(await json(disabled)).toMatchObject({ account: { id: target.id, disabled: true }, changed: true });
    expect((await session.call('/console/api/me')).status).toBe(401);
    expect(await env.DB.prepare('SELECT 1 FROM staff_sessions WHERE staff_id = ?1').bind(target.id).first()).toBeNull();
    expect(await loginWith(target.login, 'her password 1')).toBe(401);

    // Disabling again changes nothing and logs nothing.
    expect(await json(await admin.call(`/console/admin/accounts/api/${target.id}/disable`, { method: 'POST' }))).toMatchObject({ changed: false });

    const enabled = await admin.call(`/console/admin/accounts/api/${target.id}/enable`, { method: 'POST' });
    expect(await json(enabled)).toMatchObject({ account: { disabled: false }, changed: true });
    expect(await loginWith(target.login, 'her password 1')).toBe(303);

    const rows = await auditRows(`account:${target.id}`);
    expect(rows.map((row) => row.action)).toEqual(['account.disable', 'account.enable']);
    expect(JSON.parse(rows[0].before!)).toMatchObject({ disabled: false, role: 'staff', displayName: 'Nguyen Lan' });
    expect(JSON.parse(rows[0].after!)).toMatchObject({ disabled: true });
    expect(JSON.parse(rows[1].after!)).toMatchObject({ disabled: false });
  });

  it('resets a password: the new one is shown once, the old one and every session stop working', async () => {
    const admin = await signIn();
    const target = await makeAccount('staff', 'Rai Sita', 'old password 1');
    const session = await sessionFor(target.id);
    const response = await admin.call(`/console/admin/accounts/api/${target.id}/password`, { method: 'POST' });
    expect(response.status).toBe(200);
    const body = await json(response);
    expect(body.password).toMatch(/^[\w]{5}(-[\w]{5}){3}$/);
    expect((await session.call('/console/api/me')).status).toBe(401);
    expect(await loginWith(target.login, 'old password 1')).toBe(401);
    expect(await loginWith(target.login, body.password)).toBe(303);

    const typed = await admin.call(`/console/admin/accounts/api/${target.id}/password`, { body: { password: 'typed new one 1' } });
    expect(await json(typed)).not.toHaveProperty('password');
    expect(await loginWith(target.login, 'typed new one 1')).toBe(303);

    const rows = await auditRows(`account:${target.id}`);
    expect(rows.map((row) => [row.action, row.before, row.after])).toEqual([
      ['account.password_reset', null, '{"password":"reset"}'],
      ['account.password_reset', null, '{"password":"reset"}'],
    ]);
    const hashes = (await env.DB.prepare('SELECT password_hash FROM staff WHERE id = ?1').bind(target.id).first<{ password_hash: string }>())!.password_hash;
    const everything = JSON.stringify(await env.DB.prepare('SELECT * FROM audit_log').all());
    for (const secret of [body.password, 'typed new one 1', hashes.split('$')[3], 'old password 1']) expect(everything).not.toContain(secret);
  });

  it('refuses a typed password that is too short with a field message', async () => {
    const admin = await signIn();
    const target = await makeAccount('staff');
    const response = await admin.call(`/console/admin/accounts/api/${target.id}/password`, { body: { password: 'short' } });
    expect(response.status).toBe(400);
    expect(await json(response)).toMatchObject({ fields: { password: expect.stringMatching(/at least 10/) } });
  });

  it('promotes and demotes; the role applies to the next request without signing out', async () => {
    const admin = await signIn();
    const target = await makeAccount('staff', 'Budi');
    const session = await sessionFor(target.id);
    expect((await session.call('/console/admin/accounts/api')).status).toBe(403);

    const promoted = await admin.call(`/console/admin/accounts/api/${target.id}/role`, { body: { role: 'admin' } });
    expect(await json(promoted)).toMatchObject({ account: { role: 'admin' }, changed: true });
    expect((await session.call('/console/admin/accounts/api')).status).toBe(200);

    await admin.call(`/console/admin/accounts/api/${target.id}/role`, { body: { role: 'staff' } });
    expect((await session.call('/console/admin/accounts/api')).status).toBe(403);
    expect((await session.call('/console/api/me')).status).toBe(200);

    const rows = await auditRows(`account:${target.id}`);
    expect(rows.map((row) => [row.action, JSON.parse(row.before!).role, JSON.parse(row.after!).role])).toEqual([
      ['account.role', 'staff', 'admin'],
      ['account.role', 'admin', 'staff'],
    ]);
    const bad = await admin.call(`/console/admin/accounts/api/${target.id}/role`, { body: { role: 'owner' } });
    expect(bad.status).toBe(400);
    expect(await json(bad)).toMatchObject({ fields: { role: expect.any(String) } });
  });

  it('answers 404 for an account that does not exist', async () => {
    const admin = await signIn();
    expect((await admin.call('/console/admin/accounts/api/99999999/disable', { method: 'POST' })).status).toBe(404);
    expect((await admin.call('/console/admin/accounts/api/99999999')).status).toBe(404);
    expect((await admin.page('/console/admin/accounts/99999999')).status).toBe(404);
  });
});

describe('safeguards', () => {
  it('refuses to let an admin disable or demote themselves (409), and logs nothing', async () => {
    const admin = await signIn();
    const disable = await admin.call(`/console/admin/accounts/api/${admin.id}/disable`, { method: 'POST' });
    expect(disable.status).toBe(409);
    expect(await json(disable)).toMatchObject({ reason: 'self_disable', error: expect.stringMatching(/your own account/) });
    const demote = await admin.call(`/console/admin/accounts/api/${admin.id}/role`, { body: { role: 'staff' } });
    expect(demote.status).toBe(409);
    expect(await json(demote)).toMatchObject({ reason: 'self_demote' });
    expect((await admin.call('/console/api/me')).status).toBe(200);
    expect(await auditRows(`account:${admin.id}`)).toEqual([]);
  });

  /** Runs `body` with `keep` as the only enabled admins, then puts the others back. */
  async function onlyAdmins(keep: number[], body: () => Promise<void>) {
    const others = (
      await env.DB.prepare(`SELECT id FROM staff WHERE role = 'admin' AND disabled = 0`).all<{ id: number }>()
    ).results.map((row) => row.id).filter((id) => !keep.includes(id));
    await env.DB.batch(others.map((id) => env.DB.prepare('UPDATE staff SET disabled = 1 WHERE id = ?1').bind(id)));
    try {
      await body();
    } finally {
      await env.DB.batch(others.map((id) => env.DB.prepare('UPDATE staff SET disabled = 0 WHERE id = ?1').bind(id)));
    }
  }

  it('keeps the last active admin: no disabling or demoting, with a clear message', async () => {
    const a = await makeAccount('admin', 'Admin A');
    const b = await makeAccount('admin', 'Admin B');
    await onlyAdmins([a.id, b.id], async () => {
      // A is disabled by someone else a moment before their own request reaches the write:
      // B is now the last active admin.
      await env.DB.prepare('UPDATE staff SET disabled = 1 WHERE id = ?1').bind(a.id).run();
      const disable = await changeAccount(env.DB, a.id, b.id, { type: 'disable' });
      expect(disable).toMatchObject({ ok: false, reason: 'last_admin' });
      const demote = await changeAccount(env.DB, a.id, b.id, { type: 'role', role: 'staff' });
      expect(demote).toMatchObject({ ok: false, reason: 'last_admin' });
      const still = await env.DB.prepare('SELECT role, disabled FROM staff WHERE id = ?1').bind(b.id).first();
      expect(still).toEqual({ role: 'admin', disabled: 0 });
      expect(await auditRows(`account:${b.id}`)).toEqual([]);
    });
  });

  it('leaves exactly one admin when the last two disable each other at the same moment', async () => {
    const a = await signIn('admin', 'Admin C');
    const b = await signIn('admin', 'Admin D');
    await onlyAdmins([a.id, b.id], async () => {
      const [first, second] = await Promise.all([
        a.call(`/console/admin/accounts/api/${b.id}/disable`, { method: 'POST' }),
        b.call(`/console/admin/accounts/api/${a.id}/disable`, { method: 'POST' }),
      ]);
      const statuses = [first.status, second.status].sort();
      expect(statuses[0]).toBe(200);
      // The loser either lost the race inside the write (409, last admin) or had already been signed out (401).
      expect([401, 409]).toContain(statuses[1]);
      if (statuses[1] === 409) expect(await json(first.status === 409 ? first : second)).toMatchObject({ reason: 'last_admin', error: expect.stringMatching(/last active administrator/) });
      const { n } = (await env.DB.prepare(`SELECT COUNT(*) AS n FROM staff WHERE id IN (?1, ?2) AND disabled = 0`).bind(a.id, b.id).first<{ n: number }>())!;
      expect(n).toBe(1);
      const logged = await env.DB.prepare(`SELECT COUNT(*) AS n FROM audit_log WHERE action = 'account.disable' AND target IN (?1, ?2)`).bind(`account:${a.id}`, `account:${b.id}`).first<{ n: number }>();
      expect(logged!.n).toBe(1);
    });
  });
});

describe('access to the admin pages', () => {
  const PAGES = ['/console/admin', '/console/admin/faq', '/console/admin/review', '/console/admin/disaster', '/console/admin/analytics', '/console/admin/accounts', '/console/admin/accounts/1', '/console/admin/audit'];
  const APIS = [
    '/console/admin/faq/api/entries',
    '/console/admin/review/api/groups',
    '/console/admin/disaster/api',
    '/console/admin/analytics/api/summary',
    '/console/admin/accounts/api',
    '/console/admin/accounts/api/1',
    '/console/admin/audit/api',
  ];

  it('gives a staff member 403 on every admin page and API, reading or writing', async () => {
    const staff = await signIn('staff');
    for (const path of PAGES) expect((await staff.page(path)).status, path).toBe(403);
    for (const path of APIS) expect((await staff.call(path)).status, path).toBe(403);
    for (const path of ['/console/admin/accounts/api', '/console/admin/accounts/api/1/disable', '/console/admin/faq/api/entries', '/console/admin/disaster/api/on']) {
      expect((await staff.call(path, { body: { login: 'sneaky', displayName: 'S', role: 'admin' } })).status, path).toBe(403);
    }
    for (const path of ['/console/admin/accounts', '/console/admin/accounts/1/disable']) {
      expect((await staff.page(path, { body: new URLSearchParams({ login: 'sneaky', displayName: 'S', role: 'admin' }) })).status, path).toBe(403);
    }
    expect(await env.DB.prepare(`SELECT 1 FROM staff WHERE login = 'sneaky'`).first()).toBeNull();
  });

  it('sends a visitor without a session to the login page, and an API call gets 401', async () => {
    for (const path of ['/console/admin/accounts', '/console/admin/audit?action=account.']) {
      const response = await fetchWorker(path, { headers: { accept: 'text/html' }, redirect: 'manual' });
      expect(response.status).toBe(302);
      expect(response.headers.get('location')).toBe(`/console/login?next=${encodeURIComponent(path)}`);
    }
    expect((await fetchWorker('/console/admin/accounts/api', { headers: { accept: 'application/json' } })).status).toBe(401);
    const post = await fetchWorker('/console/admin/accounts/api', { method: 'POST', headers: { 'content-type': 'application/json', origin: ORIGIN }, body: '{}' });
    expect(post.status).toBe(401);
  });

  it('needs the CSRF token and this origin for every change', async () => {
    const admin = await signIn();
    const target = await makeAccount('staff');
    const login = `csrf-${seq++}`;
    const attempts = [
      admin.call('/console/admin/accounts/api', { body: { login, displayName: 'C', role: 'staff' }, csrf: null }),
      admin.call('/console/admin/accounts/api', { body: { login, displayName: 'C', role: 'staff' }, csrf: 'wrong-token' }),
      admin.call('/console/admin/accounts/api', { body: { login, displayName: 'C', role: 'staff' }, origin: 'https://evil.example' }),
      admin.call(`/console/admin/accounts/api/${target.id}/disable`, { method: 'POST', csrf: null }),
      admin.page('/console/admin/accounts', { body: new URLSearchParams({ login, displayName: 'C', role: 'staff' }), csrf: null }),
      admin.page(`/console/admin/accounts/${target.id}/disable`, { body: new URLSearchParams(), origin: 'null' }),
    ];
    for (const response of await Promise.all(attempts)) expect(response.status).toBe(403);
    expect(await env.DB.prepare('SELECT 1 FROM staff WHERE login = ?1').bind(login).first()).toBeNull();
    expect(await env.DB.prepare('SELECT disabled FROM staff WHERE id = ?1').bind(target.id).first()).toEqual({ disabled: 0 });
  });
});

describe('the accounts pages', () => {
  it('lists accounts with role, status, creation and last sign-in, and the new-account form', async () => {
    const admin = await signIn('admin', 'Page Admin');
    const disabled = await makeAccount('staff', 'Gone Person');
    await env.DB.prepare('UPDATE staff SET disabled = 1 WHERE id = ?1').bind(disabled.id).run();
    const response = await admin.page('/console/admin/accounts');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await response.text();
    expect(html).toContain('<link rel="stylesheet" href="/console/static/admin/admin.css"/>');
    expect(html).toContain('src="/console/static/admin/accounts.js"');
    expect(html).toMatch(new RegExp(`data-account-id="${admin.id}"[\\s\\S]*?Page Admin[\\s\\S]*?you[\\s\\S]*?Administrator[\\s\\S]*?Active[\\s\\S]*?signed in now`));
    expect(html).toMatch(new RegExp(`data-account-id="${disabled.id}"[\\s\\S]*?Gone Person[\\s\\S]*?Disabled`));
    expect(html).toContain('action="/console/admin/accounts"');
    expect(html).not.toMatch(/pbkdf2/);

    const api = await json(await admin.call('/console/admin/accounts/api'));
    const me = api.accounts.find((a: any) => a.id === admin.id);
    expect(me).toMatchObject({ role: 'admin', disabled: false, activeSessions: 1, lastSignInAt: expect.any(Number), createdAt: 1 });
    expect(JSON.stringify(api)).not.toMatch(/password_?hash|pbkdf2/i);
  });

  it('creates an account from the form and shows the generated password once, not cached', async () => {
    const admin = await signIn();
    const login = `form-${seq++}`;
    const response = await admin.page('/console/admin/accounts', { body: new URLSearchParams({ login, displayName: 'Form Made', role: 'staff', passwordMode: 'generate' }) });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const html = await response.text();
    const password = html.match(/<code id="new-password">([^<]+)<\/code>/)![1];
    expect(await loginWith(login, password)).toBe(303);
    const id = (await env.DB.prepare('SELECT id FROM staff WHERE login = ?1').bind(login).first<{ id: number }>())!.id;
    expect(await (await admin.page(`/console/admin/accounts/${id}`)).text()).not.toContain(password);
  });

  it('creates with a typed password and redirects to the account with a notice', async () => {
    const admin = await signIn();
    const login = `form-typed-${seq++}`;
    const response = await admin.page('/console/admin/accounts', { body: new URLSearchParams({ login, displayName: 'Typed', role: 'admin', passwordMode: 'type', password: 'form typed pw 1' }) });
    expect(response.status).toBe(303);
    const location = response.headers.get('location')!;
    expect(location).toMatch(/^\/console\/admin\/accounts\/\d+\?done=created$/);
    expect(await (await admin.page(location)).text()).toContain('account was created with the password you typed');
  });

  it('shows the form again with field errors and the values typed (400), and a taken login (409)', async () => {
    const admin = await signIn();
    const response = await admin.page('/console/admin/accounts', { body: new URLSearchParams({ login: 'bad login', displayName: 'Keep Me', role: 'admin', passwordMode: 'type', password: '' }) });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('value="Keep Me"');
    expect(html).toMatch(/id="new-login"[^>]*aria-invalid="true"/);
    expect(html).toMatch(/id="new-login-error">the login name must be/);
    expect(html).toMatch(/id="new-password-error">type a password, or choose to generate one/);
    expect(html).toContain('2 fields need attention');

    const taken = await admin.page('/console/admin/accounts', { body: new URLSearchParams({ login: admin.login.toUpperCase(), displayName: 'X', role: 'staff' }) });
    expect(taken.status).toBe(409);
    expect(await taken.text()).toMatch(/id="new-login-error">the login name &quot;.*&quot; is already taken/);
  });

  it('disables, re-enables, changes the role and resets the password from the account page', async () => {
    const admin = await signIn();
    const target = await makeAccount('staff', 'Maria Santos');
    const base = `/console/admin/accounts/${target.id}`;

    const disable = await admin.page(`${base}/disable`, { body: new URLSearchParams() });
    expect(disable.status).toBe(303);
    expect(disable.headers.get('location')).toBe(`${base}?done=disable`);
    const after = await (await admin.page(disable.headers.get('location')!)).text();
    expect(after).toContain('account was disabled and every session of it ended');
    expect(after).toContain('Re-enable account');

    expect((await admin.page(`${base}/enable`, { body: new URLSearchParams() })).headers.get('location')).toBe(`${base}?done=enable`);
    expect((await admin.page(`${base}/role`, { body: new URLSearchParams({ role: 'admin' }) })).headers.get('location')).toBe(`${base}?done=role`);

    const reset = await admin.page(`${base}/password`, { body: new URLSearchParams({ passwordMode: 'generate' }) });
    expect(reset.status).toBe(200);
    expect(await reset.text()).toMatch(/New password for Maria Santos[\s\S]*<code id="new-password">[\w-]{23}<\/code>/);

    const short = await admin.page(`${base}/password`, { body: new URLSearchParams({ passwordMode: 'type', password: 'short' }) });
    expect(short.status).toBe(400);
    expect(await short.text()).toMatch(/id="reset-password-error">the password must be at least 10 characters/);

    const history = await (await admin.page(base)).text();
    for (const label of ['Disabled an account', 'Re-enabled an account', 'Changed a role', 'Reset a password']) expect(history).toContain(label);
  });

  it('explains a refused change on the page with 409', async () => {
    const admin = await signIn();
    const response = await admin.page(`/console/admin/accounts/${admin.id}/disable`, { body: new URLSearchParams() });
    expect(response.status).toBe(409);
    const html = await response.text();
    expect(html).toContain('You cannot disable your own account');
    expect(html).toContain('role="alert"');
  });

  it('shows hostile display names as text on the accounts, account and audit pages', async () => {
    const hostile = '<script>alert(1)</script>';
    const actorName = '<img src=x onerror=alert(2)>';
    const admin = await signIn('admin', actorName);
    const { body } = await createViaApi(admin, { login: `hostile-${seq++}`, displayName: hostile, role: 'staff' });
    await admin.call(`/console/admin/accounts/api/${body.account.id}/disable`, { method: 'POST' });
    const pages = [
      '/console/admin/accounts',
      `/console/admin/accounts/${body.account.id}`,
      `/console/admin/audit?target=${encodeURIComponent(`account:${body.account.id}`)}`,
      `/console/admin/audit?action=${encodeURIComponent('<b>x')}&target=${encodeURIComponent('"><script>alert(3)</script>')}`,
    ];
    for (const path of pages) {
      const html = await (await admin.page(path)).text();
      expect(html, path).not.toContain('<script>alert');
      expect(html, path).not.toContain('<img src=x');
      expect(html, path).not.toContain('<b>x');
    }
    const audit = await (await admin.page(pages[2])).text();
    expect(audit).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(audit).toContain('&lt;img src=x onerror=alert(2)&gt;');
  });
});

describe('the audit log', () => {
  it('filters by action prefix and target, newest first, with before and after', async () => {
    const admin = await signIn('admin', 'Auditor');
    const target = await makeAccount('staff', 'Audited');
    await admin.call(`/console/admin/accounts/api/${target.id}/role`, { body: { role: 'admin' } });
    await admin.call(`/console/admin/accounts/api/${target.id}/disable`, { method: 'POST' });
    const { entries, next } = await json(await admin.call(`/console/admin/audit/api?target=account:${target.id}`));
    expect(next).toBeNull();
    expect(entries.map((e: any) => e.action)).toEqual(['account.disable', 'account.role']);
    expect(entries[0]).toMatchObject({ staff: { id: admin.id, displayName: 'Auditor' }, target: `account:${target.id}`, before: { disabled: false }, after: { disabled: true } });

    const byPrefix = await json(await admin.call('/console/admin/audit/api?action=account.dis&limit=200'));
    expect(byPrefix.entries.length).toBeGreaterThan(0);
    expect(byPrefix.entries.every((e: any) => e.action === 'account.disable')).toBe(true);
    expect((await admin.call('/console/admin/audit/api?limit=0')).status).toBe(400);
    expect((await admin.call('/console/admin/audit/api?before=abc')).status).toBe(400);
  });

  it('pages through older entries with a cursor', async () => {
    const admin = await signIn();
    const target = await makeAccount('staff');
    for (let i = 0; i < 5; i++) await admin.call(`/console/admin/accounts/api/${target.id}/${i % 2 ? 'enable' : 'disable'}`, { method: 'POST' });
    const filter = `target=account:${target.id}`;
    const first = await json(await admin.call(`/console/admin/audit/api?${filter}&limit=2`));
    const second = await json(await admin.call(`/console/admin/audit/api?${filter}&limit=2&before=${first.next}`));
    const third = await json(await admin.call(`/console/admin/audit/api?${filter}&limit=2&before=${second.next}`));
    const ids = [...first.entries, ...second.entries, ...third.entries].map((e: any) => e.id);
    expect(ids).toHaveLength(5);
    expect([...ids].sort((x, y) => y - x)).toEqual(ids);
    expect(third.next).toBeNull();

    const page = await (await admin.page(`/console/admin/audit?${filter}&limit=2`)).text();
    expect(page).toContain(`href="/console/admin/audit?target=account%3A${target.id}&amp;before=${first.next}"`);
  });

  it('shows each entry with who, what, the target and a readable diff', async () => {
    const admin = await signIn('admin', 'Diff Admin');
    const target = await makeAccount('staff', 'Diff Target');
    await admin.call(`/console/admin/accounts/api/${target.id}/role`, { body: { role: 'admin' } });
    const html = await (await admin.page(`/console/admin/audit?action=account.role&target=account:${target.id}`)).text();
    expect(html).toContain('Changed a role');
    expect(html).toContain('Diff Admin');
    expect(html).toContain('Diff Target (');
    expect(html).toMatch(/<th scope="row" class="diff-key">role<\/th><td class="diff-before">staff<\/td><td class="diff-after">admin<\/td>/);
    expect(html).toContain('value="account.role"');
  });
});
