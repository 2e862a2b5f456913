import { describe, expect, it } from 'vitest';
import { checkOrigin, checkToken, isSafeMethod } from '../../src/auth/csrf';

const url = 'https://yorisoi.example/console/api/conversations/1/reply';

describe('checkOrigin', () => {
  it('accepts an Origin equal to the request’s own origin', () => {
    expect(checkOrigin(url, 'https://yorisoi.example', 'same-origin')).toEqual({ ok: true });
    expect(checkOrigin('http://127.0.0.1:8787/console/logout', 'http://127.0.0.1:8787', undefined)).toEqual({ ok: true });
  });

  it('refuses another scheme, host, port, the "null" origin, or a subdomain', () => {
    for (const origin of ['http://yorisoi.example', 'https://evil.example', 'https://yorisoi.example:8443', 'null', 'https://a.yorisoi.example', '']) {
      expect(checkOrigin(url, origin, 'same-origin'), origin).toEqual({ ok: false, reason: 'cross_origin' });
    }
  });

  it('without an Origin, accepts Sec-Fetch-Site same-origin or no Sec-Fetch-Site, and refuses the rest', () => {
    expect(checkOrigin(url, undefined, undefined)).toEqual({ ok: true });
    expect(checkOrigin(url, undefined, 'same-origin')).toEqual({ ok: true });
    for (const site of ['same-site', 'cross-site', 'none']) {
      expect(checkOrigin(url, undefined, site), site).toEqual({ ok: false, reason: 'cross_site' });
    }
  });
});

describe('checkToken', () => {
  it('needs the token, and exactly the expected one', () => {
    expect(checkToken('abc123', 'abc123')).toEqual({ ok: true });
    expect(checkToken('abc123', undefined)).toEqual({ ok: false, reason: 'missing_token' });
    expect(checkToken('abc123', '')).toEqual({ ok: false, reason: 'missing_token' });
    expect(checkToken('abc123', 'abc124')).toEqual({ ok: false, reason: 'wrong_token' });
    expect(checkToken('abc123', 'abc1234')).toEqual({ ok: false, reason: 'wrong_token' });
  });

  it('never accepts when there is nothing to compare with (no cookie, no session token)', () => {
    expect(checkToken(undefined, 'anything')).toEqual({ ok: false, reason: 'wrong_token' });
    expect(checkToken('', '')).toEqual({ ok: false, reason: 'missing_token' });
  });
});

describe('isSafeMethod', () => {
  it('treats only GET, HEAD and OPTIONS as changing nothing', () => {
    expect(['GET', 'HEAD', 'OPTIONS'].every(isSafeMethod)).toBe(true);
    expect(['POST', 'PUT', 'PATCH', 'DELETE'].some(isSafeMethod)).toBe(false);
  });
});
