/**
 * Console middleware: `requireStaff()` lets signed-in staff through (and checks CSRF on
 * anything that changes state); `securityHeaders()` gives every console response a strict
 * Content-Security-Policy and friends.
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env';
import type { StaffRole } from '../db/staff';
import { checkCsrf, CSRF_MESSAGES, isSafeMethod } from './csrf';
import { CONSOLE_HOME } from './next-path';
import { clearSessionCookie, readSessionCookie, resolveSession, type SessionStaff } from './session';

export const LOGIN_PATH = `${CONSOLE_HOME}/login`;

/** The context variables `requireStaff` sets. */
export interface StaffVariables {
  staff: SessionStaff;
  /** The session's CSRF token, for pages to put in their forms. */
  csrfToken: string;
}

export interface RequireStaffOptions {
  /** `admin` routes refuse staff members with 403; `staff` (the default) admits both roles. */
  role?: StaffRole;
}

/** True for requests a script makes and that want JSON back, rather than a page to show. */
export function isApiRequest(c: Context): boolean {
  return c.req.path.includes('/api/') || (c.req.header('accept') ?? '').includes('application/json');
}

/** An error in the form the caller can use: JSON `{ error }` for the API, a line of text for a person. */
export function refuse(c: Context, status: 401 | 403 | 429, message: string): Response {
  return isApiRequest(c) ? c.json({ error: message }, status) : c.text(message, status);
}

/**
 * Admits a request with a live session (and, for `role: 'admin'`, an admin's), sets
 * `c.get('staff')` and `c.get('csrfToken')`, and refuses a state-changing request without
 * the session's CSRF token from this origin. Without a session, a page request is sent to the
 * login page (coming back here afterwards) and anything else gets 401. Stacking it (a global
 * one plus an admin one on a route) costs one session look-up.
 */
export function requireStaff(options: RequireStaffOptions = {}): MiddlewareHandler<AppEnv> {
  const role = options.role ?? 'staff';
  return async function requireStaff(c, next) {
    if (!c.get('staff')) {
      const result = await resolveSession(c.env.DB, readSessionCookie(c));
      if (!result.ok) {
        // A cookie that names a dead session is dropped, so the browser stops sending it.
        if (result.reason !== 'missing') clearSessionCookie(c);
        // Only navigations are redirected: a stylesheet or image request answered with the
        // login page would be useless to the browser (and would issue a new login token).
        const wantsPage = (c.req.method === 'GET' || c.req.method === 'HEAD') && !isApiRequest(c) && (c.req.header('accept') ?? '').includes('text/html');
        if (!wantsPage) return refuse(c, 401, 'sign in required');
        const url = new URL(c.req.url);
        return c.redirect(`${LOGIN_PATH}?next=${encodeURIComponent(url.pathname + url.search)}`, 302);
      }
      if (!isSafeMethod(c.req.method)) {
        const csrf = await checkCsrf(c, result.session.csrfToken);
        if (!csrf.ok) return refuse(c, 403, CSRF_MESSAGES[csrf.reason]);
      }
      c.set('staff', result.session.staff);
      c.set('csrfToken', result.session.csrfToken);
    }
    if (role === 'admin' && c.get('staff').role !== 'admin') return refuse(c, 403, 'this needs an administrator account');
    await next();
  };
}

/** The console's Content-Security-Policy: nothing inline, nothing from elsewhere, no framing. */
export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

const SECURITY_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  // Not `no-referrer`: under it Chromium sends `Origin: null` on same-origin form posts and
  // fetches, which the CSRF origin check must refuse. `same-origin` still tells other sites nothing.
  'Referrer-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

/**
 * Security headers on every console response. Two are defaults a handler may replace:
 * Cache-Control is `no-store` unless the handler chose its own (static files may be cached;
 * pages and API answers hold personal data), and the CSP is CONSOLE_CSP unless the handler
 * set a stricter one (stored media is served `default-src 'none'; sandbox`).
 */
export function securityHeaders(): MiddlewareHandler<AppEnv> {
  return async function securityHeaders(c, next) {
    await next();
    let headers = c.res.headers;
    try {
      headers.set('X-Content-Type-Options', 'nosniff');
    } catch {
      // Responses passed through from fetch() (e.g. static assets) have immutable headers.
      c.res = new Response(c.res.body, c.res);
      headers = c.res.headers;
    }
    // A handler's own, stricter policy stands (stored media are served with `sandbox`).
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) if (!(name === 'Content-Security-Policy' && headers.has(name))) headers.set(name, value);
    if (!headers.has('Content-Security-Policy')) headers.set('Content-Security-Policy', CONSOLE_CSP);
    if (!headers.has('Cache-Control')) headers.set('Cache-Control', 'no-store');
    if (new URL(c.req.url).protocol === 'https:') headers.set('Strict-Transport-Security', 'max-age=31536000');
  };
}
