/**
 * Login throttling in D1 (`login_attempts`): after 5 failed attempts for one login name, or
 * 20 from one address, within 15 minutes, further attempts are refused without looking at
 * the password, so guessing costs the attacker time rather than us CPU. A success clears the
 * name's failures; rows older than the window are pruned whenever a failure is recorded.
 */

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_LOGIN = 5;
export const MAX_FAILURES_PER_IP = 20;

/** The throttle key for a login name: the column compares case-insensitively, so must this. */
export function loginKey(login: string): string {
  return `login:${login.trim().toLowerCase()}`;
}

/**
 * The throttle key for an address. An IPv6 client usually holds a whole /64 and can move
 * within it at will, so IPv6 addresses count per /64.
 */
export function ipKey(ip: string | undefined): string {
  const address = ip?.trim().toLowerCase();
  if (!address) return 'ip:unknown';
  if (!address.includes(':')) return `ip:${address}`;
  const [head, tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = address.includes('::') && tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right] : left;
  return `ip:${groups.slice(0, 4).map((group) => group.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

/** Seconds until the attempt at `at` leaves the window (at least 1). */
export function retryAfterSeconds(at: number, now: number): number {
  return Math.max(1, Math.ceil((at + LOGIN_WINDOW_MS - now) / 1000));
}

export type ThrottleCheck = { ok: true } | { ok: false; scope: 'login' | 'ip'; retryAfterSeconds: number };

/**
 * Whether a login attempt may go ahead. For each key, the attempt `limit` places back from
 * the newest is the one that keeps the key blocked: once it leaves the window, fewer than
 * `limit` remain, so its time gives an exact Retry-After.
 */
export async function checkLoginThrottle(db: D1Database, attempt: { login: string; ip: string | undefined }, now = Date.now()): Promise<ThrottleCheck> {
  const since = now - LOGIN_WINDOW_MS;
  const nth = 'SELECT at FROM login_attempts WHERE key = ?1 AND at > ?2 ORDER BY at DESC LIMIT 1 OFFSET ?3';
  const [byLogin, byIp] = await db.batch<{ at: number }>([
    db.prepare(nth).bind(loginKey(attempt.login), since, MAX_FAILURES_PER_LOGIN - 1),
    db.prepare(nth).bind(ipKey(attempt.ip), since, MAX_FAILURES_PER_IP - 1),
  ]);
  const blockedLogin = byLogin.results[0]?.at;
  const blockedIp = byIp.results[0]?.at;
  if (blockedLogin === undefined && blockedIp === undefined) return { ok: true };
  const login = blockedLogin === undefined ? 0 : retryAfterSeconds(blockedLogin, now);
  const ip = blockedIp === undefined ? 0 : retryAfterSeconds(blockedIp, now);
  return login >= ip ? { ok: false, scope: 'login', retryAfterSeconds: login } : { ok: false, scope: 'ip', retryAfterSeconds: ip };
}

/** Records a failed attempt against the name and the address, and prunes what has aged out. */
export async function recordLoginFailure(db: D1Database, attempt: { login: string; ip: string | undefined }, now = Date.now()): Promise<void> {
  await db.batch([
    db.prepare('INSERT INTO login_attempts (key, at) VALUES (?1, ?3), (?2, ?3)').bind(loginKey(attempt.login), ipKey(attempt.ip), now),
    db.prepare('DELETE FROM login_attempts WHERE at <= ?1').bind(now - LOGIN_WINDOW_MS),
  ]);
}

/** A successful login forgets the name's failures (the address's stay: it may be guessing other names). */
export async function clearLoginFailures(db: D1Database, login: string): Promise<void> {
  await db.prepare('DELETE FROM login_attempts WHERE key = ?1').bind(loginKey(login)).run();
}
