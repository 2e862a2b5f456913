import { describe, expect, it } from 'vitest';
import { fromBase64, randomToken, sha256Base64Url, timingSafeEqual, timingSafeEqualText, toBase64 } from '../../src/auth/bytes';

const bytes = (...values: number[]) => new Uint8Array(values);

describe('timingSafeEqual', () => {
  it('is true only for the same bytes', () => {
    expect(timingSafeEqual(bytes(1, 2, 3), bytes(1, 2, 3))).toBe(true);
    expect(timingSafeEqual(bytes(), bytes())).toBe(true);
    expect(timingSafeEqual(bytes(1, 2, 3), bytes(1, 2, 4))).toBe(false);
    expect(timingSafeEqual(bytes(9, 2, 3), bytes(1, 2, 3))).toBe(false);
  });

  it('is false for different lengths, even when one is a prefix of the other or padded with zeros', () => {
    expect(timingSafeEqual(bytes(1, 2), bytes(1, 2, 3))).toBe(false);
    expect(timingSafeEqual(bytes(1, 2, 0), bytes(1, 2))).toBe(false);
    expect(timingSafeEqual(bytes(), bytes(0))).toBe(false);
  });

  it('compares strings by their UTF-8', () => {
    expect(timingSafeEqualText('token-é', 'token-é')).toBe(true);
    expect(timingSafeEqualText('token-é', 'token-e')).toBe(false);
    expect(timingSafeEqualText('', 'x')).toBe(false);
  });
});

describe('tokens and Base64', () => {
  it('makes 43-character Base64url tokens from 32 random bytes, never the same twice', () => {
    const tokens = new Set(Array.from({ length: 100 }, () => randomToken()));
    expect(tokens.size).toBe(100);
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('round-trips Base64 and refuses what is not Base64', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(fromBase64(toBase64(all))).toEqual(all);
    expect(fromBase64('not base64!')).toBeUndefined();
    expect(fromBase64('abc')).toBeUndefined();
  });

  it('hashes a token with SHA-256 (the known digest of "abc")', async () => {
    expect(await sha256Base64Url('abc')).toBe('ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0');
  });
});
