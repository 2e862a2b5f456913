import { pbkdf2Sync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkNewPassword, DUMMY_PASSWORD_HASH, hashPassword, needsRehash, parsePasswordHash, PBKDF2_ITERATIONS, verifyPassword } from '../../src/auth/password';

describe('hashPassword', () => {
  it('stores pbkdf2-sha256$100000$<16-byte salt>$<32-byte hash> in Base64', async () => {
    const stored = await hashPassword('correct horse battery');
    expect(stored).toMatch(/^pbkdf2-sha256\$100000\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
    expect(PBKDF2_ITERATIONS).toBe(100_000);
    const parsed = parsePasswordHash(stored)!;
    expect(parsed.salt).toHaveLength(16);
    expect(parsed.hash).toHaveLength(32);
  });

  it('derives exactly what PBKDF2-HMAC-SHA256 from Node gives for the same salt', async () => {
    const stored = await hashPassword('correct horse battery');
    const parsed = parsePasswordHash(stored)!;
    const expected = pbkdf2Sync('correct horse battery', parsed.salt, 100_000, 32, 'sha256');
    expect(Buffer.from(parsed.hash).equals(expected)).toBe(true);
  });

  it('salts every hash differently, so equal passwords do not look equal', async () => {
    const [a, b] = await Promise.all([hashPassword('same password!'), hashPassword('same password!')]);
    expect(a).not.toBe(b);
  });

  it('refuses empty passwords and passwords shorter than 10 characters', async () => {
    await expect(hashPassword('')).rejects.toThrow(/empty/);
    await expect(hashPassword('123456789')).rejects.toThrow(/at least 10/);
    expect(checkNewPassword('1234567890')).toEqual({ ok: true });
    // Ten characters, counted as characters: five emoji are ten UTF-16 units but too short.
    expect(checkNewPassword('🔑🔑🔑🔑🔑').ok).toBe(false);
    expect(checkNewPassword('x'.repeat(1025)).ok).toBe(false);
  });
});

describe('verifyPassword', () => {
  it('accepts the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('correct horse battery');
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
    expect(await verifyPassword('correct horse batterY', stored)).toBe(false);
    expect(await verifyPassword('correct horse battery ', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('reads the iteration count from the stored string, so it can be raised later', async () => {
    const old = await hashPassword('correct horse battery', 1_000);
    expect(old.split('$')[1]).toBe('1000');
    expect(parsePasswordHash(old)!.iterations).toBe(1_000);
    expect(await verifyPassword('correct horse battery', old)).toBe(true);
    expect(needsRehash(old)).toBe(true);
    expect(needsRehash(await hashPassword('correct horse battery'))).toBe(false);
    // The same salt and hash under another count is another password hash.
    expect(await verifyPassword('correct horse battery', old.replace('$1000$', '$1001$'))).toBe(false);
  });

  it('never matches a malformed or foreign stored value', async () => {
    const stored = await hashPassword('correct horse battery');
    const [, iterations, salt, hash] = stored.split('$');
    for (const broken of [
      '',
      'plaintext',
      `bcrypt$${iterations}$${salt}$${hash}`,
      `pbkdf2-sha256$0$${salt}$${hash}`,
      `pbkdf2-sha256$-5$${salt}$${hash}`,
      `pbkdf2-sha256$${iterations}$${salt}$${hash.slice(0, 20)}`,
      `pbkdf2-sha256$${iterations}$***$${hash}`,
      `${stored}$extra`,
    ]) {
      expect(await verifyPassword('correct horse battery', broken), broken).toBe(false);
    }
  });

  it('has a well-formed dummy hash that no password matches', async () => {
    expect(parsePasswordHash(DUMMY_PASSWORD_HASH)?.iterations).toBe(PBKDF2_ITERATIONS);
    expect(await verifyPassword('anything at all', DUMMY_PASSWORD_HASH)).toBe(false);
  });
});
