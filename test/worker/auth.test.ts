import { env, SELF } from 'cloudflare:test';
import { Hono } from 'hono';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AppEnv } from '../../src/env';
import { CONSOLE_CSP, requireStaff, securityHeaders } from '../../src/auth/middleware';
import { hashPassword } from '../../src/auth/password';
import { authRoutes, LOGIN_ERRORS } from '../../src/auth/routes';
import { sha256Base64Url } from '../../src/auth/bytes';
import { createStaff, disableStaff, type StaffRole } from '../../src/db/staff';

// The console as src/index.ts wires it, with a few stand-in console routes behind the guard.
const app = new Hono<AppEnv>();
app.use('/console/*', securityHeaders());
app.route('/console', authRoutes);
app.use('/console/*', requireStaff());
app.get('/console', (c) => c.html(`<p>Hello ${c.get('staff').displayName}</p>`));
app.get('/console/conversations', (c) => c.text('queue'));
app.post('/console/api/notes', (c) => c.json({ ok: true, by: c.get('staff').login }));
app.post('/console/notes', async (c) => c.json({ ok: true, text: (await c.req.parseBody()).text }));
app.get('/console/settings', requireStaff({ role: 'admin' }), (c) => c.text('settings'));
app.get('/console/media/1', (c) => c.body('GIF89a', 200, { 'content-security-policy': "default-src 'none'; sandbox", 'cache-control': 'private, max-age=3600' }));
app.post('/console/api/settings', requireStaff({ role: 'admin' }), (c) => c.json({ ok: true }));

const ORIGIN = 'https://yorisoi.test';
const PASSWORD = 'correct horse battery';
let ipCounter = 0;
/** Each test signs in from its own address, so the per-address throttle of one does not touch another. */
const freshIp = () => `198.51.100.${++ipCounter}`;
let loginCounter = 0;

async function account(role: StaffRole = 'staff', login = `user${++loginCounter}`): Promise<{ id: number; login: string }> {
  const staff = await createStaff(env.DB, { login, displayName: `Name of ${login}`, role, passwordHash: await hashPassword(PASSWORD) });
  return { id: staff!.id, login };
}

function request(path: string, init: RequestInit & { cookie?: string } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (init.cookie) headers.set('cookie', init.cookie);
  return Promise.resolve(app.request(`${ORIGIN}${path}`, { ...init, headers }, env));
}

/** The Set-Cookie line for `name`, if the response sets it. */
function setCookie(response: Response, name: string): string | undefined {
  return response.headers.getAll('set-cookie').find((line) => line.startsWith(`${name}=`));
}

function cookieValue(response: Response, name: string): string | undefined {
  return setCookie(response, name)?.split(';')[0].slice(name.length + 1);
}

/** Opens the login page as a browser would: the double-submit cookie and the form's hidden token. */
async function loginForm(path = '/console/login'): Promise<{ cookie: string; token: string; html: string }> {
  const response = await request(path);
  expect(response.status).toBe(200);
  const html = await response.text();
  const token = html.match(/name="_csrf" value="([^"]+)"/)![1];
  return { cookie: `__Host-yorisoi_login_csrf=${cookieValue(response, '__Host-yorisoi_login_csrf')}`, token, html };
}

interface LoginOptions {
  ip?: string;
  origin?: string | null;
  next?: string;
  token?: string;
  cookie?: string;
}

async function login(name: string, password: string, options: LoginOptions = {}): Promise<Response> {
  const form = await loginForm();
  const body = new URLSearchParams({ _csrf: options.token ?? form.token, login: name, password });
  if (options.next) body.set('next', options.next);
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', 'cf-connecting-ip': options.ip ?? freshIp() };
  if (options.origin !== null) headers.origin = options.origin ?? ORIGIN;
  return request('/console/login', { method: 'POST', headers, body, cookie: options.cookie ?? form.cookie });
}

/** Signs in and returns the session cookie (as the browser would send it) and the CSRF token. */
async function signIn(name: string): Promise<{ cookie: string; token: string; csrf: string }> {
  const response = await login(name, PASSWORD);
  expect(response.status).toBe(303);
  const token = cookieValue(response, '__Host-yorisoi_session')!;
  const cookie = `__Host-yorisoi_session=${token}`;
  const me = await request('/console/api/me', { cookie });
  const { csrfToken } = await me.json<{ csrfToken: string }>();
  return { cookie, token, csrf: csrfToken };
}

describe('the login page', () => {
  it('is a form with a double-submit token, under the console’s security headers', async () => {
    const response = await request('/console/login');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; media-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    );
    expect(CONSOLE_CSP).toBe(response.headers.get('content-security-policy'));
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('same-origin');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const csrfCookie = setCookie(response, '__Host-yorisoi_login_csrf')!;
    expect(csrfCookie).toMatch(/; HttpOnly/);
    expect(csrfCookie).toMatch(/; Secure/);
    expect(csrfCookie).toMatch(/; SameSite=Strict/);
    const html = await response.text();
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('class="login-page"');
    expect(html).toContain('<form class="login-form" method="post" action="/console/login">');
    expect(html).toContain('href="/console/static/console.css"');
    expect(html).toContain(`value="${cookieValue(response, '__Host-yorisoi_login_csrf')}"`);
    expect(html).not.toMatch(/<script|style=/);
  });

  it('keeps the token a browser already holds, so two open login tabs both work', async () => {
    const first = await loginForm();
    const again = await request('/console/login', { cookie: first.cookie });
    expect(await again.text()).toContain(`name="_csrf" value="${first.token}"`);
    expect(cookieValue(again, '__Host-yorisoi_login_csrf')).toBe(first.token);
  });

  it('carries a safe next path into the form and drops a hostile one', async () => {
    expect((await loginForm('/console/login?next=%2Fconsole%2Fconversations%2F7')).html).toContain('name="next" value="/console/conversations/7"');
    expect((await loginForm('/console/login?next=%2F%2Fevil.example')).html).not.toContain('name="next"');
  });
});

describe('console security headers', () => {
  it('leave a stricter policy and a cache lifetime a handler chose in place, and add the rest', async () => {
    const { cookie } = await signIn((await account()).login);
    const response = await request('/console/media/1', { cookie });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(response.headers.get('cache-control')).toBe('private, max-age=3600');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
  });
});

describe('signing in', () => {
  it('sets an HttpOnly, Secure, SameSite=Strict __Host- session cookie and stores only its hash', async () => {
    const { login: name, id } = await account();
    const response = await login(name, PASSWORD);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/console');
    const line = setCookie(response, '__Host-yorisoi_session')!;
    expect(line).toMatch(/^__Host-yorisoi_session=[A-Za-z0-9_-]{43}; Max-Age=43200; Path=\/; HttpOnly; Secure; SameSite=Strict$/);
    // The login form's token is spent.
    expect(setCookie(response, '__Host-yorisoi_login_csrf')).toMatch(/Max-Age=0/);

    const token = cookieValue(response, '__Host-yorisoi_session')!;
    const rows = await env.DB.prepare('SELECT token_hash FROM staff_sessions WHERE staff_id = ?1').bind(id).all<{ token_hash: string }>();
    expect(rows.results).toEqual([{ token_hash: await sha256Base64Url(token) }]);

    const home = await request('/console', { cookie: `__Host-yorisoi_session=${token}` });
    expect(home.status).toBe(200);
    expect(await home.text()).toBe(`<p>Hello Name of ${name}</p>`);
  });

  it('goes on to a safe next path, and to /console instead of anywhere else', async () => {
    const { login: name } = await account();
    expect((await login(name, PASSWORD, { next: '/console/conversations/7?tab=notes' })).headers.get('location')).toBe('/console/conversations/7?tab=notes');
    for (const next of ['//evil.example', 'https://evil.example/console', '/\\evil.example', '/console/../webhook']) {
      expect((await login(name, PASSWORD, { next })).headers.get('location'), next).toBe('/console');
    }
  });

  it('refuses a wrong password or an unknown name with the same generic message, and no session', async () => {
    const { login: name } = await account();
    for (const [who, password] of [
      [name, 'wrong password!'],
      ['nobody-here', PASSWORD],
    ]) {
      const response = await login(who, password);
      expect(response.status).toBe(401);
      expect(setCookie(response, '__Host-yorisoi_session')).toBeUndefined();
      const html = await response.text();
      expect(html).toContain(`<p class="error" role="alert">${LOGIN_ERRORS.credentials}</p>`);
      expect(html).not.toMatch(/password is wrong|no such|unknown/i);
    }
  });

  it('renders a hostile login name escaped on the error page', async () => {
    const response = await login('<script>alert(1)</script>', 'whatever-password');
    expect(response.status).toBe(401);
    const html = await response.text();
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('value="&lt;script&gt;alert(1)&lt;/script&gt;"');
  });

  it('refuses a disabled account even with the right password', async () => {
    const { login: name } = await account();
    await disableStaff(env.DB, name);
    const response = await login(name, PASSWORD);
    expect(response.status).toBe(401);
    expect(await response.text()).toContain(LOGIN_ERRORS.credentials);
  });

  it('answers bad input with 400 and a clear message, never a 500', async () => {
    const { cookie, token } = await loginForm();
    const post = (body: BodyInit, type: string) =>
      request('/console/login', { method: 'POST', headers: { 'content-type': type, origin: ORIGIN, 'cf-connecting-ip': freshIp() }, body, cookie });
    const json = await post(JSON.stringify({ login: 'a', password: 'b' }), 'application/json');
    expect(json.status).toBe(400);
    expect(await json.text()).toContain(LOGIN_ERRORS.notForm);
    const missing = await post(new URLSearchParams({ _csrf: token, login: 'someone' }), 'application/x-www-form-urlencoded');
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain(LOGIN_ERRORS.missing);
    const long = await post(new URLSearchParams({ _csrf: token, login: 'x'.repeat(65), password: 'whatever-password' }), 'application/x-www-form-urlencoded');
    expect(long.status).toBe(400);
    expect(await long.text()).toContain(LOGIN_ERRORS.tooLong);
    const huge = await post(new URLSearchParams({ _csrf: token, login: 'x', password: 'y'.repeat(20_000) }), 'application/x-www-form-urlencoded');
    expect(huge.status).toBe(413);
  });
});

describe('the login form’s CSRF defence', () => {
  it('refuses a post without the double-submit cookie, with a token that does not match it, or from another origin', async () => {
    const { login: name } = await account();
    const form = await loginForm();
    const noCookie = await login(name, PASSWORD, { cookie: '' });
    const wrongToken = await login(name, PASSWORD, { token: form.token.replace(/^./, (ch) => (ch === 'A' ? 'B' : 'A')) });
    const otherOrigin = await login(name, PASSWORD, { origin: 'https://evil.example' });
    for (const response of [noCookie, wrongToken, otherOrigin]) {
      expect(response.status).toBe(403);
      expect(setCookie(response, '__Host-yorisoi_session')).toBeUndefined();
      expect(await response.text()).toContain(LOGIN_ERRORS.expired);
    }
    // A browser that sends no Origin but says the request is same-origin is fine.
    expect((await login(name, PASSWORD, { origin: null })).status).toBe(303);
  });
});

describe('login throttling', () => {
  it('answers the 6th attempt within 15 minutes with 429 and Retry-After, even with the right password', async () => {
    const { login: name } = await account();
    for (let i = 0; i < 5; i++) expect((await login(name, `wrong password ${i}`)).status).toBe(401);
    const response = await login(name, PASSWORD);
    expect(response.status).toBe(429);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(890);
    expect(Number(response.headers.get('retry-after'))).toBeLessThanOrEqual(900);
    expect(setCookie(response, '__Host-yorisoi_session')).toBeUndefined();
    expect(await response.text()).toContain('Too many failed sign-in attempts. Try again in 15 minutes.');
    // Once the failures are older than the window, the name can sign in again.
    await env.DB.prepare("UPDATE login_attempts SET at = at - 15 * 60 * 1000 WHERE key = 'login:' || ?1").bind(name).run();
    expect((await login(name, PASSWORD)).status).toBe(303);
  });

  it('forgets a name’s failures when it signs in', async () => {
    const { login: name } = await account();
    for (let i = 0; i < 4; i++) await login(name, 'wrong password!');
    expect((await login(name, PASSWORD)).status).toBe(303);
    for (let i = 0; i < 4; i++) await login(name, 'wrong password!');
    expect((await login(name, PASSWORD)).status).toBe(303);
  });

  it('blocks an address after 20 failures across any names', async () => {
    const ip = freshIp();
    for (let i = 0; i < 20; i++) expect((await login(`guess${i}`, 'wrong password!', { ip })).status).toBe(401);
    const { login: name } = await account();
    expect((await login(name, PASSWORD, { ip })).status).toBe(429);
    expect((await login(name, PASSWORD)).status).toBe(303);
  });

  it('prunes attempts older than the window when it records a failure', async () => {
    await env.DB.prepare("INSERT INTO login_attempts (key, at) VALUES ('login:ancient', ?1)").bind(Date.now() - 16 * 60 * 1000).run();
    await login('someone-else', 'wrong password!');
    const row = await env.DB.prepare("SELECT COUNT(*) AS n FROM login_attempts WHERE key = 'login:ancient'").first<{ n: number }>();
    expect(row!.n).toBe(0);
  });
});

describe('sessions', () => {
  it('send a signed-out page request to the login page, coming back afterwards, and an API request a 401', async () => {
    const page = await request('/console/conversations?status=open', { headers: { accept: 'text/html' } });
    expect(page.status).toBe(302);
    expect(page.headers.get('location')).toBe('/console/login?next=%2Fconsole%2Fconversations%3Fstatus%3Dopen');
    // A stylesheet or script is not a page: the login page would be no use to it.
    const stylesheet = await request('/console/static/console.css', { headers: { accept: 'text/css,*/*;q=0.1' } });
    expect(stylesheet.status).toBe(401);
    const api = await request('/console/api/me');
    expect(api.status).toBe(401);
    expect(await api.json()).toEqual({ error: 'sign in required' });
    expect(api.headers.get('cache-control')).toBe('no-store');
  });

  it('tell the client script who is signed in and the CSRF token', async () => {
    const { id, login: name } = await account('admin');
    const { cookie } = await signIn(name);
    const me = await request('/console/api/me', { cookie });
    const body = await me.json<Record<string, unknown>>();
    expect(body).toEqual({ id, login: name, displayName: `Name of ${name}`, role: 'admin', csrfToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
    const stored = await env.DB.prepare('SELECT csrf_token FROM staff_sessions WHERE staff_id = ?1').bind(id).first<{ csrf_token: string }>();
    expect(body.csrfToken).toBe(stored!.csrf_token);
  });

  it('end after 2 hours without a request, and the row goes', async () => {
    const { login: name, id } = await account();
    const { cookie } = await signIn(name);
    await env.DB.prepare('UPDATE staff_sessions SET last_seen_at = ?2 WHERE staff_id = ?1').bind(id, Date.now() - 2 * 3600_000 - 1000).run();
    const response = await request('/console/api/me', { cookie });
    expect(response.status).toBe(401);
    expect(setCookie(response, '__Host-yorisoi_session')).toMatch(/Max-Age=0/);
    const left = await env.DB.prepare('SELECT COUNT(*) AS n FROM staff_sessions WHERE staff_id = ?1').bind(id).first<{ n: number }>();
    expect(left!.n).toBe(0);
  });

  it('end 12 hours after sign-in however busy they were', async () => {
    const { login: name, id } = await account();
    const { cookie } = await signIn(name);
    await env.DB.prepare('UPDATE staff_sessions SET created_at = created_at - 43200000, expires_at = ?2, last_seen_at = ?3 WHERE staff_id = ?1')
      .bind(id, Date.now() - 1, Date.now() - 30_000)
      .run();
    const page = await request('/console', { cookie, headers: { accept: 'text/html' } });
    expect(page.status).toBe(302);
    expect(page.headers.get('location')).toBe('/console/login?next=%2Fconsole');
  });

  it('slide: a request moves last_seen_at, at most once a minute', async () => {
    const { login: name, id } = await account();
    const { cookie } = await signIn(name);
    const seen = () => env.DB.prepare('SELECT last_seen_at AS t FROM staff_sessions WHERE staff_id = ?1').bind(id).first<{ t: number }>();
    const recent = Date.now() - 30_000;
    await env.DB.prepare('UPDATE staff_sessions SET last_seen_at = ?2 WHERE staff_id = ?1').bind(id, recent).run();
    expect((await request('/console/api/me', { cookie })).status).toBe(200);
    expect((await seen())!.t).toBe(recent);
    const older = Date.now() - 90 * 60_000;
    await env.DB.prepare('UPDATE staff_sessions SET last_seen_at = ?2 WHERE staff_id = ?1').bind(id, older).run();
    expect((await request('/console/api/me', { cookie })).status).toBe(200);
    expect((await seen())!.t).toBeGreaterThan(Date.now() - 5_000);
  });

  it('stop working when the account is disabled', async () => {
    const { login: name, id } = await account();
    const { cookie } = await signIn(name);
    // The check refuses a disabled account even if its session row were still there.
    await env.DB.prepare('UPDATE staff SET disabled = 1 WHERE id = ?1').bind(id).run();
    expect((await request('/console/api/me', { cookie })).status).toBe(401);
    const other = await account();
    const second = await signIn(other.login);
    await disableStaff(env.DB, other.login);
    expect((await request('/console/api/me', { cookie: second.cookie })).status).toBe(401);
  });

  it('refuse a made-up token', async () => {
    expect((await request('/console/api/me', { cookie: `__Host-yorisoi_session=${'A'.repeat(43)}` })).status).toBe(401);
    expect((await request('/console/api/me', { cookie: '__Host-yorisoi_session=short' })).status).toBe(401);
  });
});

describe('logout', () => {
  it('needs the CSRF token, then deletes the session and clears the cookie', async () => {
    const { login: name, id } = await account();
    const { cookie, csrf } = await signIn(name);
    const forged = await request('/console/logout', { method: 'POST', cookie, headers: { origin: ORIGIN } });
    expect(forged.status).toBe(403);
    expect((await request('/console/api/me', { cookie })).status).toBe(200);

    const response = await request('/console/logout', {
      method: 'POST',
      cookie,
      headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf }),
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/console/login');
    expect(setCookie(response, '__Host-yorisoi_session')).toMatch(/^__Host-yorisoi_session=; Max-Age=0; Path=\/; HttpOnly; Secure; SameSite=Strict$/);
    const left = await env.DB.prepare('SELECT COUNT(*) AS n FROM staff_sessions WHERE staff_id = ?1').bind(id).first<{ n: number }>();
    expect(left!.n).toBe(0);
    // The old cookie is worth nothing now.
    expect((await request('/console/api/me', { cookie })).status).toBe(401);
  });
});

describe('CSRF on console requests that change state', () => {
  let session: { cookie: string; csrf: string };
  beforeAll(async () => {
    session = await signIn((await account()).login);
  });
  const post = (path: string, headers: Record<string, string>, body?: BodyInit) => request(path, { method: 'POST', cookie: session.cookie, headers, body });

  it('accepts the session’s token in x-csrf-token from this origin', async () => {
    const response = await post('/console/api/notes', { origin: ORIGIN, 'x-csrf-token': session.csrf });
    expect(response.status).toBe(200);
  });

  it('accepts the token as a _csrf form field, and the handler still reads the form', async () => {
    const response = await post('/console/notes', { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' }, new URLSearchParams({ _csrf: session.csrf, text: 'hello' }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, text: 'hello' });
  });

  it('refuses a missing or wrong token with 403', async () => {
    const missing = await post('/console/api/notes', { origin: ORIGIN });
    expect(missing.status).toBe(403);
    expect(await missing.json()).toEqual({ error: expect.stringMatching(/CSRF token is missing/) });
    const wrong = await post('/console/api/notes', { origin: ORIGIN, 'x-csrf-token': `${session.csrf.slice(0, -1)}x` });
    expect(wrong.status).toBe(403);
    expect(await wrong.json()).toEqual({ error: expect.stringMatching(/CSRF token is wrong/) });
  });

  it('refuses the right token from another origin, or from a cross-site fetch without Origin', async () => {
    const other = await post('/console/api/notes', { origin: 'https://evil.example', 'x-csrf-token': session.csrf });
    expect(other.status).toBe(403);
    expect(await other.json()).toEqual({ error: expect.stringMatching(/another site/) });
    const crossSite = await post('/console/api/notes', { 'sec-fetch-site': 'cross-site', 'x-csrf-token': session.csrf });
    expect(crossSite.status).toBe(403);
  });
});

describe('roles', () => {
  it('give a staff member 403 on admin routes and let an admin through', async () => {
    const staff = await signIn((await account('staff')).login);
    const admin = await signIn((await account('admin')).login);
    const page = await request('/console/settings', { cookie: staff.cookie, headers: { accept: 'text/html' } });
    expect(page.status).toBe(403);
    const api = await request('/console/api/settings', { method: 'POST', cookie: staff.cookie, headers: { origin: ORIGIN, 'x-csrf-token': staff.csrf } });
    expect(api.status).toBe(403);
    expect(await api.json()).toEqual({ error: 'this needs an administrator account' });
    expect((await request('/console/settings', { cookie: admin.cookie })).status).toBe(200);
    expect((await request('/console/api/settings', { method: 'POST', cookie: admin.cookie, headers: { origin: ORIGIN, 'x-csrf-token': admin.csrf } })).status).toBe(200);
  });

  it('send someone already signed in from the login page to where they were going', async () => {
    const { cookie } = await signIn((await account()).login);
    const response = await request('/console/login?next=%2Fconsole%2Fconversations', { cookie });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/console/conversations');
  });
});

describe('the Worker as src/index.ts wires it', () => {
  it('serves the login page under the console headers and signs in with the session cookie', async () => {
    const { login: name } = await account();
    const page = await SELF.fetch(`${ORIGIN}/console/login`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CONSOLE_CSP);
    const html = await page.text();
    const token = html.match(/name="_csrf" value="([^"]+)"/)![1];
    const response = await SELF.fetch(`${ORIGIN}/console/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: ORIGIN,
        'cf-connecting-ip': freshIp(),
        cookie: `__Host-yorisoi_login_csrf=${cookieValue(page, '__Host-yorisoi_login_csrf')}`,
      },
      body: new URLSearchParams({ _csrf: token, login: name, password: PASSWORD }),
    });
    expect(response.status).toBe(303);
    const cookie = `__Host-yorisoi_session=${cookieValue(response, '__Host-yorisoi_session')}`;
    const me = await SELF.fetch(`${ORIGIN}/console/api/me`, { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ login: name, role: 'staff' });
    expect((await SELF.fetch(`${ORIGIN}/console/api/me`)).status).toBe(401);
  });
});
