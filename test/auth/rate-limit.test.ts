import { describe, expect, it } from 'vitest';
import { ipKey, LOGIN_WINDOW_MS, loginKey, retryAfterSeconds } from '../../src/auth/rate-limit';

describe('throttle keys', () => {
  it('counts a login name case-insensitively, as the staff table compares it', () => {
    expect(loginKey(' Admin ')).toBe(loginKey('admin'));
  });

  it('counts IPv4 addresses one by one and IPv6 addresses per /64', () => {
    expect(ipKey('203.0.113.7')).toBe('ip:203.0.113.7');
    expect(ipKey('203.0.113.8')).not.toBe(ipKey('203.0.113.7'));
    expect(ipKey('2001:db8:0:1:aaaa:bbbb:cccc:dddd')).toBe('ip:2001:db8:0:1::/64');
    expect(ipKey('2001:0db8:0000:0001::1')).toBe('ip:2001:db8:0:1::/64');
    expect(ipKey('2001:db8::1')).toBe('ip:2001:db8:0:0::/64');
    expect(ipKey('2001:db8:0:2::1')).not.toBe(ipKey('2001:db8:0:1::1'));
    expect(ipKey(undefined)).toBe('ip:unknown');
  });
});

describe('retryAfterSeconds', () => {
  it('is the time until the blocking attempt leaves the 15-minute window, at least a second', () => {
    const now = 1_800_000_000_000;
    expect(retryAfterSeconds(now, now)).toBe(900);
    expect(retryAfterSeconds(now - 60_000, now)).toBe(840);
    expect(retryAfterSeconds(now - LOGIN_WINDOW_MS + 1, now)).toBe(1);
    expect(retryAfterSeconds(now - LOGIN_WINDOW_MS, now)).toBe(1);
  });
});
