/**
 * Staff passwords: PBKDF2-SHA-256 through WebCrypto, stored as
 * `pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>`. The same module runs in the Worker
 * (login) and in Node (`npm run staff`), so both produce and accept the same strings.
 */
import { fromBase64, timingSafeEqual, toBase64 } from './bytes';

/** Workers' WebCrypto refuses PBKDF2 above 100,000 iterations, so this is also the ceiling there. */
export const PBKDF2_ITERATIONS = 100_000;
export const SALT_BYTES = 16;
export const HASH_BYTES = 32;
export const PASSWORD_MIN_LENGTH = 10;
/** A cap so that a login form cannot be used to make the Worker hash megabytes. */
export const PASSWORD_MAX_LENGTH = 1024;
const SCHEME = 'pbkdf2-sha256';

export type PasswordProblem = 'empty' | 'too_short' | 'too_long';

/** Whether a new password may be set; length counts characters (code points), not UTF-16 units. */
export function checkNewPassword(password: string): { ok: true } | { ok: false; reason: PasswordProblem; message: string } {
  const length = [...password].length;
  if (length === 0) return { ok: false, reason: 'empty', message: 'the password is empty' };
  if (length < PASSWORD_MIN_LENGTH) return { ok: false, reason: 'too_short', message: `the password must be at least ${PASSWORD_MIN_LENGTH} characters` };
  if (length > PASSWORD_MAX_LENGTH) return { ok: false, reason: 'too_long', message: `the password must be at most ${PASSWORD_MAX_LENGTH} characters` };
  return { ok: true };
}

async function pbkdf2(password: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, HASH_BYTES * 8);
  return new Uint8Array(bits);
}

/** Hashes a new password with a fresh random salt. Throws if `checkNewPassword` refuses it. */
export async function hashPassword(password: string, iterations = PBKDF2_ITERATIONS): Promise<string> {
  const check = checkNewPassword(password);
  if (!check.ok) throw new Error(check.message);
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const hash = await pbkdf2(password, salt, iterations);
  return `${SCHEME}$${iterations}$${toBase64(salt)}$${toBase64(hash)}`;
}

export interface ParsedPasswordHash {
  iterations: number;
  salt: Uint8Array<ArrayBuffer>;
  hash: Uint8Array<ArrayBuffer>;
}

/** Reads a stored hash; undefined if it is not one this module wrote. */
export function parsePasswordHash(stored: string): ParsedPasswordHash | undefined {
  const parts = stored.split('$');
  if (parts.length !== 4 || parts[0] !== SCHEME || !/^[1-9][0-9]{0,8}$/.test(parts[1])) return undefined;
  const salt = fromBase64(parts[2]);
  const hash = fromBase64(parts[3]);
  if (!salt || !hash || salt.length < SALT_BYTES || hash.length !== HASH_BYTES) return undefined;
  return { iterations: Number(parts[1]), salt, hash };
}

/**
 * True when `password` matches the stored hash. The iteration count comes from the stored
 * string, so raising PBKDF2_ITERATIONS later keeps old hashes working (see `needsRehash`).
 * A malformed stored value never matches.
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parsePasswordHash(stored);
  if (!parsed || password.length === 0 || [...password].length > PASSWORD_MAX_LENGTH) return false;
  const candidate = await pbkdf2(password, parsed.salt, parsed.iterations);
  return timingSafeEqual(candidate, parsed.hash);
}

/** True when a stored hash was made with other parameters than today's (re-hash it after a good login). */
export function needsRehash(stored: string): boolean {
  return parsePasswordHash(stored)?.iterations !== PBKDF2_ITERATIONS;
}

/**
 * A hash of no one's password, verified when the login name does not exist, so that an
 * unknown name takes as long as a wrong password and response times do not reveal who has
 * an account.
 */
export const DUMMY_PASSWORD_HASH = `${SCHEME}$${PBKDF2_ITERATIONS}$${'A'.repeat(22)}==$${'A'.repeat(43)}=`;
