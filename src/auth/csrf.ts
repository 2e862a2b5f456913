/**
 * Cross-site request forgery defence for the console. A state-changing request must come
 * from a page of this origin (Origin / Sec-Fetch-Site) and carry the session's CSRF token
 * (`x-csrf-token` header or `_csrf` form field). The login form, which has no session yet,
 * carries a double-submit token instead: the same random value in a short-lived `__Host-`
 * cookie and in the form.
 */
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { randomToken, timingSafeEqualText } from './bytes';

export const CSRF_HEADER = 'x-csrf-token';
export const CSRF_FIELD = '_csrf';
/** `__Host-` so that no subdomain can plant a value of its choosing (the classic double-submit weakness). */
export const LOGIN_CSRF_COOKIE = '__Host-yorisoi_login_csrf';
export const LOGIN_CSRF_MAX_AGE_S = 60 * 60;

export type CsrfProblem = 'cross_origin' | 'cross_site' | 'missing_token' | 'wrong_token';
export type CsrfCheck = { ok: true } | { ok: false; reason: CsrfProblem };

/** The messages a refused request gets; they say what to do, not how the check works inside. */
export const CSRF_MESSAGES: Record<CsrfProblem, string> = {
  cross_origin: 'request refused: it came from another site (Origin does not match)',
  cross_site: 'request refused: it came from another site (Sec-Fetch-Site)',
  missing_token: 'request refused: the CSRF token is missing; reload the page and try again',
  wrong_token: 'request refused: the CSRF token is wrong or expired; reload the page and try again',
};

/** GET, HEAD and OPTIONS change nothing, so they need no token. */
export function isSafeMethod(method: string): boolean {
  return method === 'GET' || method === 'HEAD' || method === 'OPTIONS';
}

/**
 * The origin half of the check, pure: an Origin header, when present, must be the request's
 * own origin (the string "null", sent by sandboxed frames and some redirects, is not). Without
 * one (older browsers, some same-origin requests), Sec-Fetch-Site must be `same-origin` or
 * absent: a browser that sends it but no Origin still tells us where the request came from.
 */
export function checkOrigin(requestUrl: string, origin: string | undefined, secFetchSite: string | undefined): CsrfCheck {
  if (origin !== undefined) return origin === new URL(requestUrl).origin ? { ok: true } : { ok: false, reason: 'cross_origin' };
  if (secFetchSite === undefined || secFetchSite === 'same-origin') return { ok: true };
  return { ok: false, reason: 'cross_site' };
}

/** The token half, pure: both present and equal, compared in constant time. */
export function checkToken(expected: string | undefined, given: string | undefined): CsrfCheck {
  if (!given) return { ok: false, reason: 'missing_token' };
  if (!expected || !timingSafeEqualText(expected, given)) return { ok: false, reason: 'wrong_token' };
  return { ok: true };
}

function isForm(c: Context): boolean {
  const type = c.req.header('content-type')?.toLowerCase() ?? '';
  return type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data');
}

/**
 * The token a request carries: the header, else the form field. Hono caches the parsed form,
 * so the handler can still call `c.req.parseBody()` afterwards.
 */
export async function readCsrfToken(c: Context): Promise<string | undefined> {
  const header = c.req.header(CSRF_HEADER);
  if (header) return header;
  if (!isForm(c)) return undefined;
  try {
    const field = (await c.req.parseBody())[CSRF_FIELD];
    return typeof field === 'string' ? field : undefined;
  } catch {
    return undefined;
  }
}

/** Both halves for a request, against the token `expected` (the session's, or the login cookie's). */
export async function checkCsrf(c: Context, expected: string | undefined): Promise<CsrfCheck> {
  const origin = checkOrigin(c.req.url, c.req.header('origin'), c.req.header('sec-fetch-site'));
  if (!origin.ok) return origin;
  return checkToken(expected, await readCsrfToken(c));
}

/**
 * The login form's token, set as the double-submit cookie (the page puts it in the form). A
 * browser that already holds one keeps it, so two open login tabs do not invalidate each other.
 */
export function issueLoginCsrf(c: Context): string {
  const held = readLoginCsrf(c);
  const token = held && /^[A-Za-z0-9_-]{43}$/.test(held) ? held : randomToken(32);
  setCookie(c, LOGIN_CSRF_COOKIE, token, { httpOnly: true, secure: true, sameSite: 'Strict', path: '/', maxAge: LOGIN_CSRF_MAX_AGE_S });
  return token;
}

export function readLoginCsrf(c: Context): string | undefined {
  return getCookie(c, LOGIN_CSRF_COOKIE);
}

export function clearLoginCsrf(c: Context): void {
  deleteCookie(c, LOGIN_CSRF_COOKIE, { httpOnly: true, secure: true, sameSite: 'Strict', path: '/' });
}
