import { describe, expect, it } from 'vitest';
import {
  accountSnapshot,
  checkAccountChange,
  generatePassword,
  GENERATED_GROUP_LENGTH,
  GENERATED_GROUPS,
  parseNewAccount,
  parsePasswordReset,
  parseRole,
  PASSWORD_ALPHABET,
  refusalMessage,
} from '../../src/admin/accounts/policy';

const admin = (id: number, disabled = false) => ({ id, role: 'admin' as const, disabled });
const staff = (id: number, disabled = false) => ({ id, role: 'staff' as const, disabled });

describe('a new account', () => {
  it('accepts a login, a trimmed display name, a role and no password (generate one)', () => {
    expect(parseNewAccount({ login: 'tanaka.k', displayName: '  Tanaka Ken ', role: 'staff' })).toEqual({
      ok: true,
      value: { login: 'tanaka.k', displayName: 'Tanaka Ken', role: 'staff' },
    });
  });

  it('accepts a typed password of at least ten characters', () => {
    const parsed = parseNewAccount({ login: 'sato', displayName: 'Sato', role: 'admin', password: 'ten chars!' });
    expect(parsed).toMatchObject({ ok: true, value: { password: 'ten chars!' } });
  });

  it('names every field that is wrong, each with its own message', () => {
    const parsed = parseNewAccount({ login: '-bad login', displayName: 'two\nlines', role: 'owner', password: 'short' });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(Object.keys(parsed.fields).sort()).toEqual(['displayName', 'login', 'password', 'role']);
    expect(parsed.fields.login).toMatch(/login name must be 1-64 letters/);
    expect(parsed.fields.displayName).toMatch(/one line/);
    expect(parsed.fields.role).toMatch(/staff, admin/);
    expect(parsed.fields.password).toMatch(/at least 10 characters/);
  });

  it('says which fields are missing', () => {
    const parsed = parseNewAccount({});
    expect(parsed).toMatchObject({ ok: false, fields: { login: expect.stringMatching(/required/), displayName: expect.stringMatching(/required/), role: expect.any(String) } });
  });

  it('refuses a password that is the login name, whatever its case', () => {
    expect(parseNewAccount({ login: 'longlogin-name', displayName: 'L', role: 'staff', password: 'LongLogin-Name' })).toMatchObject({
      ok: false,
      fields: { password: 'the password must not be the login name' },
    });
  });

  it('refuses names longer than the limits and a display name of spaces', () => {
    expect(parseNewAccount({ login: 'a'.repeat(65), displayName: 'x', role: 'staff' })).toMatchObject({ ok: false, fields: { login: expect.any(String) } });
    expect(parseNewAccount({ login: 'a', displayName: 'x'.repeat(101), role: 'staff' })).toMatchObject({ ok: false, fields: { displayName: expect.any(String) } });
    expect(parseNewAccount({ login: 'a', displayName: '   ', role: 'staff' })).toMatchObject({ ok: false, fields: { displayName: expect.any(String) } });
  });

  it('takes a hostile display name as text (it is escaped where shown)', () => {
    expect(parseNewAccount({ login: 'x', displayName: '<script>alert(1)</script>', role: 'staff' })).toMatchObject({ ok: true });
  });
});

describe('a role and a password reset', () => {
  it('accepts only the two roles', () => {
    expect(parseRole({ role: 'admin' })).toEqual({ ok: true, value: 'admin' });
    expect(parseRole({ role: 'root' })).toMatchObject({ ok: false, fields: { role: expect.any(String) } });
    expect(parseRole(undefined)).toMatchObject({ ok: false, fields: { role: expect.any(String) } });
  });

  it('generates when no password is given, checks a typed one', () => {
    expect(parsePasswordReset({}, 'sato')).toEqual({ ok: true, value: undefined });
    expect(parsePasswordReset({ password: '' }, 'sato')).toEqual({ ok: true, value: undefined });
    expect(parsePasswordReset({ password: 'a fine long one' }, 'sato')).toEqual({ ok: true, value: 'a fine long one' });
    expect(parsePasswordReset({ password: 'short' }, 'sato')).toMatchObject({ ok: false, fields: { password: expect.stringMatching(/at least 10/) } });
    expect(parsePasswordReset({ password: 'SATO.SUZUKI' }, 'sato.suzuki')).toMatchObject({ ok: false, fields: { password: expect.stringMatching(/login name/) } });
    expect(parsePasswordReset({ password: 42 }, 'sato')).toMatchObject({ ok: false, fields: { password: expect.any(String) } });
  });
});

describe('which account changes an admin may make', () => {
  it('lets an admin disable, re-enable, promote and demote someone else', () => {
    expect(checkAccountChange(1, staff(2), { type: 'disable' }, 1)).toEqual({ ok: true });
    expect(checkAccountChange(1, staff(2, true), { type: 'enable' }, 1)).toEqual({ ok: true });
    expect(checkAccountChange(1, staff(2), { type: 'role', role: 'admin' }, 1)).toEqual({ ok: true });
    expect(checkAccountChange(1, admin(2), { type: 'role', role: 'staff' }, 2)).toEqual({ ok: true });
    expect(checkAccountChange(1, admin(2), { type: 'disable' }, 2)).toEqual({ ok: true });
  });

  it('refuses to let admins disable or demote themselves', () => {
    expect(checkAccountChange(1, admin(1), { type: 'disable' }, 5)).toEqual({ ok: false, reason: 'self_disable' });
    expect(checkAccountChange(1, admin(1), { type: 'role', role: 'staff' }, 5)).toEqual({ ok: false, reason: 'self_demote' });
  });

  it('keeps the last active admin: no disabling, no demoting', () => {
    expect(checkAccountChange(1, admin(2), { type: 'disable' }, 1)).toEqual({ ok: false, reason: 'last_admin' });
    expect(checkAccountChange(1, admin(2), { type: 'role', role: 'staff' }, 1)).toEqual({ ok: false, reason: 'last_admin' });
  });

  it('does not count a disabled admin as the last one', () => {
    expect(checkAccountChange(1, admin(2, true), { type: 'role', role: 'staff' }, 1)).toEqual({ ok: true });
  });

  it('lets anyone have a password reset, themselves included', () => {
    expect(checkAccountChange(1, admin(1), { type: 'password' }, 1)).toEqual({ ok: true });
    expect(checkAccountChange(1, staff(2, true), { type: 'password' }, 1)).toEqual({ ok: true });
  });

  it('calls a change to the state it already has "unchanged"', () => {
    expect(checkAccountChange(1, staff(2, true), { type: 'disable' }, 1)).toEqual({ ok: false, reason: 'unchanged' });
    expect(checkAccountChange(1, staff(2), { type: 'enable' }, 1)).toEqual({ ok: false, reason: 'unchanged' });
    expect(checkAccountChange(1, admin(1), { type: 'role', role: 'admin' }, 1)).toEqual({ ok: false, reason: 'unchanged' });
  });

  it('explains each refusal in a sentence with the account name', () => {
    expect(refusalMessage('last_admin', 'Sato')).toMatch(/^Sato is the last active administrator/);
    expect(refusalMessage('self_disable', 'Sato')).toMatch(/your own account/);
    expect(refusalMessage('self_demote', 'Sato')).toMatch(/your own administrator role/);
  });

  it('records an account in the audit log without anything secret', () => {
    const snapshot = accountSnapshot({ login: 'a', displayName: 'A', role: 'staff', disabled: false, passwordHash: 'pbkdf2...' } as never);
    expect(snapshot).toEqual({ login: 'a', displayName: 'A', role: 'staff', disabled: false });
  });
});

describe('generated passwords', () => {
  it('are four dashed groups of five unambiguous characters', () => {
    const password = generatePassword();
    expect(password).toMatch(new RegExp(`^[${PASSWORD_ALPHABET}]{${GENERATED_GROUP_LENGTH}}(?:-[${PASSWORD_ALPHABET}]{${GENERATED_GROUP_LENGTH}}){${GENERATED_GROUPS - 1}}$`));
    expect(PASSWORD_ALPHABET).not.toMatch(/[0O1lI]/);
    expect(new Set(PASSWORD_ALPHABET).size).toBe(PASSWORD_ALPHABET.length);
  });

  it('carry over 100 bits and differ every time', () => {
    expect(GENERATED_GROUPS * GENERATED_GROUP_LENGTH * Math.log2(PASSWORD_ALPHABET.length)).toBeGreaterThan(100);
    const seen = new Set(Array.from({ length: 200 }, () => generatePassword()));
    expect(seen.size).toBe(200);
  });

  it('skip the random bytes that would make some characters likelier', () => {
    const limit = 256 - (256 % PASSWORD_ALPHABET.length);
    // Every byte at or over the limit is dropped; the ones under it map in order.
    const bytes = [limit, 255, 0, 1, ...Array.from({ length: 40 }, (_, i) => i + 2)];
    let offset = 0;
    const password = generatePassword((buffer) => {
      for (let i = 0; i < buffer.length; i++) buffer[i] = bytes[offset++ % bytes.length];
      return buffer;
    });
    expect(password.replace(/-/g, '')).toBe(PASSWORD_ALPHABET.slice(0, 20));
  });
});
