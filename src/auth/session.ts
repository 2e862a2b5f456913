/**
 * Server-side staff sessions (`staff_sessions`). The cookie carries 32 random bytes; only
 * their SHA-256 is stored, so a copy of the table cannot be replayed as a login. A session
 * ends 12 hours after login, or after 2 hours without a request, or when its account is
 * disabled, or at logout (the row is deleted).
 */
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { rowToStaff, STAFF_COLUMNS, type StaffRole, type StaffRow } from '../db/staff';
import { randomToken, sha256Base64Url } from './bytes';

/** `__Host-`: the browser only accepts it Secure, for Path=/ and without Domain, so no subdomain can plant or overwrite it. */
export const SESSION_COOKIE = '__Host-yorisoi_session';
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
export const SESSION_IDLE_MS = 2 * 60 * 60 * 1000;
/** `last_seen_at` moves at most this often: every console request would otherwise be a D1 write. */
export const SESSION_TOUCH_MS = 60 * 1000;

/** Who is signed in, as handlers see it (`c.get('staff')`). */
export interface SessionStaff {
  id: number;
  login: string;
  displayName: string;
  role: StaffRole;
}

export interface Session {
  staff: SessionStaff;
  csrfToken: string;
  createdAt: number;
  expiresAt: number;
  lastSeenAt: number;
}

export type SessionProblem = 'missing' | 'unknown' | 'expired' | 'idle' | 'disabled';

/** Whether a stored session is still good at `now`, and whether its `last_seen_at` is due a write. */
export function checkSession(
  session: { expiresAt: number; lastSeenAt: number; disabled: boolean },
  now: number,
): { ok: true; touch: boolean } | { ok: false; reason: Exclude<SessionProblem, 'missing' | 'unknown'> } {
  if (session.disabled) return { ok: false, reason: 'disabled' };
  if (now >= session.expiresAt) return { ok: false, reason: 'expired' };
  if (now - session.lastSeenAt >= SESSION_IDLE_MS) return { ok: false, reason: 'idle' };
  return { ok: true, touch: now - session.lastSeenAt >= SESSION_TOUCH_MS };
}

/** Starts a session; returns the cookie's token (never stored) and the session's CSRF token. */
export async function createSession(db: D1Database, staffId: number, now = Date.now()): Promise<{ token: string; csrfToken: string; expiresAt: number }> {
  const token = randomToken(32);
  const csrfToken = randomToken(32);
  const expiresAt = now + SESSION_ABSOLUTE_MS;
  await db.batch([
    // Logins are rare, so they sweep out the sessions nobody will come back to.
    db.prepare('DELETE FROM staff_sessions WHERE expires_at <= ?1 OR last_seen_at <= ?2').bind(now, now - SESSION_IDLE_MS),
    db
      .prepare('INSERT INTO staff_sessions (token_hash, staff_id, csrf_token, created_at, expires_at, last_seen_at) VALUES (?1, ?2, ?3, ?4, ?5, ?4)')
      .bind(await sha256Base64Url(token), staffId, csrfToken, now, expiresAt),
  ]);
  return { token, csrfToken, expiresAt };
}

interface SessionJoinRow extends StaffRow {
  csrf_token: string;
  session_created_at: number;
  expires_at: number;
  last_seen_at: number;
}

/** The session a cookie token names, if it is still good; slides its idle window. */
export async function resolveSession(
  db: D1Database,
  token: string | undefined,
  now = Date.now(),
): Promise<{ ok: true; session: Session } | { ok: false; reason: SessionProblem }> {
  // A real token is 43 characters; anything else is not worth a query.
  if (!token || !/^[A-Za-z0-9_-]{43}$/.test(token)) return { ok: false, reason: token ? 'unknown' : 'missing' };
  const tokenHash = await sha256Base64Url(token);
  const columns = STAFF_COLUMNS.split(', ').map((column) => `staff.${column}`).join(', ');
  const row = await db
    .prepare(
      `SELECT ${columns}, s.csrf_token, s.created_at AS session_created_at, s.expires_at, s.last_seen_at
       FROM staff_sessions s JOIN staff ON staff.id = s.staff_id WHERE s.token_hash = ?1`,
    )
    .bind(tokenHash)
    .first<SessionJoinRow>();
  if (!row) return { ok: false, reason: 'unknown' };
  const staff = rowToStaff(row);
  const check = checkSession({ expiresAt: row.expires_at, lastSeenAt: row.last_seen_at, disabled: staff.disabled }, now);
  if (!check.ok) {
    await db.prepare('DELETE FROM staff_sessions WHERE token_hash = ?1').bind(tokenHash).run();
    return check;
  }
  if (check.touch) await db.prepare('UPDATE staff_sessions SET last_seen_at = ?2 WHERE token_hash = ?1').bind(tokenHash, now).run();
  return {
    ok: true,
    session: {
      staff: { id: staff.id, login: staff.login, displayName: staff.displayName, role: staff.role },
      csrfToken: row.csrf_token,
      createdAt: row.session_created_at,
      expiresAt: row.expires_at,
      lastSeenAt: check.touch ? now : row.last_seen_at,
    },
  };
}

/** Ends the session a cookie token names (logout). */
export async function deleteSession(db: D1Database, token: string | undefined): Promise<void> {
  if (!token) return;
  await db.prepare('DELETE FROM staff_sessions WHERE token_hash = ?1').bind(await sha256Base64Url(token)).run();
}

export function readSessionCookie(c: Context): string | undefined {
  return getCookie(c, SESSION_COOKIE);
}

/**
 * HttpOnly keeps it from page scripts, SameSite=Strict off cross-site requests. Secure works
 * on `wrangler dev` too: Chromium and Firefox keep Secure cookies set by http://127.0.0.1
 * and http://localhost, which they treat as secure contexts (checked with Chromium 156).
 */
export function setSessionCookie(c: Context, token: string, maxAgeMs = SESSION_ABSOLUTE_MS): void {
  setCookie(c, SESSION_COOKIE, token, { httpOnly: true, secure: true, sameSite: 'Strict', path: '/', maxAge: Math.floor(maxAgeMs / 1000) });
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { httpOnly: true, secure: true, sameSite: 'Strict', path: '/' });
}
