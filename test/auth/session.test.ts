import { describe, expect, it } from 'vitest';
import { checkSession, SESSION_ABSOLUTE_MS, SESSION_IDLE_MS, SESSION_TOUCH_MS } from '../../src/auth/session';

const login = 1_800_000_000_000;
const fresh = { expiresAt: login + SESSION_ABSOLUTE_MS, lastSeenAt: login, disabled: false };

describe('checkSession', () => {
  it('lasts 12 hours at most and 2 hours without use', () => {
    expect(SESSION_ABSOLUTE_MS).toBe(12 * 3600_000);
    expect(SESSION_IDLE_MS).toBe(2 * 3600_000);
    expect(checkSession(fresh, login + SESSION_IDLE_MS - 1).ok).toBe(true);
    expect(checkSession(fresh, login + SESSION_IDLE_MS)).toEqual({ ok: false, reason: 'idle' });
    const busy = { ...fresh, lastSeenAt: login + SESSION_ABSOLUTE_MS - 60_000 };
    expect(checkSession(busy, login + SESSION_ABSOLUTE_MS - 1).ok).toBe(true);
    expect(checkSession(busy, login + SESSION_ABSOLUTE_MS)).toEqual({ ok: false, reason: 'expired' });
  });

  it('writes last_seen_at at most once a minute', () => {
    expect(checkSession(fresh, login + SESSION_TOUCH_MS - 1)).toEqual({ ok: true, touch: false });
    expect(checkSession(fresh, login + SESSION_TOUCH_MS)).toEqual({ ok: true, touch: true });
  });

  it('refuses a disabled account whatever the times say', () => {
    expect(checkSession({ ...fresh, disabled: true }, login)).toEqual({ ok: false, reason: 'disabled' });
  });
});
