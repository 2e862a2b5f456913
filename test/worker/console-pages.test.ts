/** The console's page shell and its static files, in the Workers runtime. */
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker from '../../src/index';
import { CONSOLE_CSP } from '../../src/auth/middleware';
import { createSession, SESSION_COOKIE } from '../../src/auth/session';
import { createStaff } from '../../src/db/staff';

const ORIGIN = 'https://yorisoi.test';
let staffCounter = 0;

/** A GET as a browser's address bar sends it (pages are only redirected for navigations). */
async function get(path: string, cookie?: string): Promise<Response> {
  const ctx = createExecutionContext();
  const headers: Record<string, string> = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };
  if (cookie) headers.cookie = cookie;
  const response = await worker.fetch(new Request(`${ORIGIN}${path}`, { headers }), env, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

/** A staff member with a live session: the cookie a browser would send, and the session's CSRF token. */
async function signedIn(displayName = 'Console Tester'): Promise<{ cookie: string; csrfToken: string }> {
  const staff = await createStaff(env.DB, { login: `pages${++staffCounter}`, displayName, role: 'staff', passwordHash: 'unused' });
  const session = await createSession(env.DB, staff!.id);
  return { cookie: `${SESSION_COOKIE}=${session.token}`, csrfToken: session.csrfToken };
}

describe('the console page', () => {
  it('sends someone who is not signed in to the login page, to come back afterwards', async () => {
    const response = await get('/console');
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/console/login?next=%2Fconsole');
  });

  it('serves the shell with the strict CSP, the CSRF token and the client script', async () => {
    const { cookie, csrfToken } = await signedIn();
    const response = await get('/console', cookie);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('content-security-policy')).toBe(CONSOLE_CSP);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const html = await response.text();
    expect(html).toContain(`<meta name="csrf-token" content="${csrfToken}"/>`);
    expect(html).toContain('<script type="module" src="/console/static/console.js"></script>');
    expect(html).toContain('<link rel="stylesheet" href="/console/static/console.css"/>');
    // The logout form carries the token too.
    expect(html).toMatch(new RegExp(`<form method="post" action="/console/logout"[^>]*><input type="hidden" name="_csrf" value="${csrfToken}"/>`));
  });

  it('has nothing inline for the CSP to refuse: no script bodies, no style blocks or attributes, no handlers', async () => {
    const { cookie } = await signedIn();
    const html = await (await get('/console', cookie)).text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<script[^>]*>[^<]+<\/script>/);
    expect(html).not.toMatch(/<style|\sstyle=/);
    expect(html).not.toMatch(/\son[a-z]+=/i);
  });

  it('escapes the staff member\'s name in the page', async () => {
    const { cookie } = await signedIn('<img src=x onerror=alert(1)> & "Bo"');
    const html = await (await get('/console', cookie)).text();
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;Bo&quot;');
  });
});

describe('the console\'s static files', () => {
  it.each([
    ['/console/static/console.js', /^(text|application)\/javascript/],
    ['/console/static/lib/dom.js', /^(text|application)\/javascript/],
    ['/console/static/views/conversation.js', /^(text|application)\/javascript/],
    ['/console/static/console.css', /^text\/css/],
    ['/console/static/favicon.svg', /^image\/svg\+xml/],
  ])('serves %s with its content type and the security headers, without a login', async (path, type) => {
    const response = await get(path);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(type);
    expect(response.headers.get('content-security-policy')).toBe(CONSOLE_CSP);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await response.text()).length).toBeGreaterThan(100);
  });

  it('answers 404 for files that are not there and for anything but plain file names', async () => {
    for (const path of ['/console/static/missing.js', '/console/static/tsconfig.json', '/console/static/.assetsignore', '/console/static/lib//dom.js', '/console/static/console.js.map']) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      await response.body?.cancel();
    }
  });

  it('never lets a path climb out of the folder', async () => {
    for (const path of ['/console/static/%2e%2e/%2e%2e/wrangler.toml', '/console/static/..%2f..%2fwrangler.toml', '/console/static/%2e%2e%5c%2e%2e%5cwrangler.toml']) {
      const response = await get(path);
      expect(response.status, path).not.toBe(200);
      expect(await response.text()).not.toContain('compatibility_date');
    }
  });

  it('does not serve the assets folder outside /console/static/', async () => {
    const response = await get('/console.js');
    expect(response.status).toBe(404);
    await response.body?.cancel();
  });
});
