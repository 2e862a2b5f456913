/**
 * Accounts policy, pure: what a new account or a new password must look like (field by field),
 * which changes an administrator may make to an account, and the strong passwords the page
 * offers. No D1 here; src/admin/accounts/store.ts applies the decisions.
 */
import { z } from 'zod';
import { checkNewPassword } from '../../auth/password';
import { displayNameProblem, loginProblem, STAFF_ROLES, type Staff, type StaffRole } from '../../db/staff';

/** Field name to message, for a form or an API client to show beside each field. */
export type FieldErrors = Partial<Record<'login' | 'displayName' | 'role' | 'password', string>>;

export type Parsed<T> = { ok: true; value: T } | { ok: false; fields: FieldErrors };

function fieldErrors(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = (issue.path[0] ?? 'login') as keyof FieldErrors;
    fields[key] ??= issue.message;
  }
  return fields;
}

function problem(check: (value: string) => string | undefined) {
  return (value: string, ctx: z.RefinementCtx) => {
    const message = check(value);
    if (message) ctx.addIssue({ code: 'custom', message });
  };
}

const text = (name: string) => z.string({ error: `the ${name} is required` });

const Role = z.enum(STAFF_ROLES as [StaffRole, ...StaffRole[]], { error: `the role must be one of ${STAFF_ROLES.join(', ')}` });

function passwordProblems(password: string, login: string | undefined, ctx: z.RefinementCtx, path: string[] = []): void {
  const check = checkNewPassword(password);
  if (!check.ok) ctx.addIssue({ code: 'custom', path, message: check.message });
  else if (login !== undefined && password.toLowerCase() === login.toLowerCase()) ctx.addIssue({ code: 'custom', path, message: 'the password must not be the login name' });
}

/** A new account as the API takes it. No password (or an empty one) means "generate one". */
export const NewAccountInput = z
  .object({
    login: text('login name').trim().superRefine(problem(loginProblem)),
    displayName: text('display name').trim().superRefine(problem(displayNameProblem)),
    role: Role,
    password: z
      .string({ error: 'the password must be text' })
      .optional()
      .superRefine((password, ctx) => {
        if (password) passwordProblems(password, undefined, ctx);
      }),
  })
  // Runs only once every field is valid (zod skips object refinements after a field failed).
  .superRefine((account, ctx) => {
    if (account.password) passwordProblems(account.password, account.login, ctx, ['password']);
  });

export type NewAccount = z.output<typeof NewAccountInput>;

export function parseNewAccount(input: unknown): Parsed<NewAccount> {
  const parsed = NewAccountInput.safeParse(input ?? {});
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, fields: fieldErrors(parsed.error) };
}

export const RoleInput = z.object({ role: Role });

export function parseRole(input: unknown): Parsed<StaffRole> {
  const parsed = RoleInput.safeParse(input ?? {});
  return parsed.success ? { ok: true, value: parsed.data.role } : { ok: false, fields: fieldErrors(parsed.error) };
}

/** A reset: a typed password, or none (or an empty one) to generate one. */
export const PasswordInput = z.object({ password: z.string({ error: 'the password must be text' }).optional() });

/** A reset's password, checked against the account's login name; undefined means "generate one". */
export function parsePasswordReset(input: unknown, login: string): Parsed<string | undefined> {
  const parsed = PasswordInput.superRefine((body, ctx) => {
    if (body.password) passwordProblems(body.password, login, ctx, ['password']);
  }).safeParse(input ?? {});
  return parsed.success ? { ok: true, value: parsed.data.password || undefined } : { ok: false, fields: fieldErrors(parsed.error) };
}

export type AccountChange = { type: 'role'; role: StaffRole } | { type: 'disable' } | { type: 'enable' } | { type: 'password' };

export type ChangeRefusal = 'self_disable' | 'self_demote' | 'last_admin' | 'unchanged';

export type ChangeCheck = { ok: true } | { ok: false; reason: ChangeRefusal };

/**
 * Whether `actorId` may make `change` to `target`, given how many enabled admin accounts
 * there are now (the target included). Nobody locks themselves out, and the service always
 * keeps one enabled admin: without one, only the command line could make another.
 * `unchanged` is not an error for the caller to show, just nothing to do.
 */
export function checkAccountChange(actorId: number, target: Pick<Staff, 'id' | 'role' | 'disabled'>, change: AccountChange, activeAdmins: number): ChangeCheck {
  const removesAdmin = target.role === 'admin' && !target.disabled && (change.type === 'disable' || (change.type === 'role' && change.role !== 'admin'));
  switch (change.type) {
    case 'disable':
      if (target.disabled) return { ok: false, reason: 'unchanged' };
      if (target.id === actorId) return { ok: false, reason: 'self_disable' };
      break;
    case 'enable':
      if (!target.disabled) return { ok: false, reason: 'unchanged' };
      break;
    case 'role':
      if (target.role === change.role) return { ok: false, reason: 'unchanged' };
      if (target.id === actorId && change.role !== 'admin') return { ok: false, reason: 'self_demote' };
      break;
    case 'password':
      return { ok: true };
    default: {
      const never: never = change;
      throw new Error(`unknown change ${JSON.stringify(never)}`);
    }
  }
  if (removesAdmin && activeAdmins <= 1) return { ok: false, reason: 'last_admin' };
  return { ok: true };
}

/** What the admin is told when a change is refused; `name` is the account's display name. */
export function refusalMessage(reason: Exclude<ChangeRefusal, 'unchanged'>, name: string): string {
  switch (reason) {
    case 'self_disable':
      return 'You cannot disable your own account. Another administrator can.';
    case 'self_demote':
      return 'You cannot remove your own administrator role. Another administrator can.';
    case 'last_admin':
      return `${name} is the last active administrator. Make another account an administrator first, so that someone can still manage the service.`;
  }
}

/** The account as the audit log records it: never the password or its hash. */
export function accountSnapshot(account: Pick<Staff, 'login' | 'displayName' | 'role' | 'disabled'>) {
  return { login: account.login, displayName: account.displayName, role: account.role, disabled: account.disabled };
}

/** No 0/O, 1/l/I: the password is read off a screen and typed or dictated once. */
export const PASSWORD_ALPHABET = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const GENERATED_GROUPS = 4;
export const GENERATED_GROUP_LENGTH = 5;

/**
 * A strong random password, e.g. `h7Kqm-Xr2pA-9tWcz-Me4bN`: 20 characters from 57 (about 116
 * bits), in dashed groups to read off the screen. Rejection sampling keeps every character
 * equally likely (a plain `byte % 57` would favour the first few).
 */
export function generatePassword(random: (bytes: Uint8Array) => Uint8Array = (bytes) => crypto.getRandomValues(bytes)): string {
  const limit = 256 - (256 % PASSWORD_ALPHABET.length);
  const chars: string[] = [];
  while (chars.length < GENERATED_GROUPS * GENERATED_GROUP_LENGTH) {
    for (const byte of random(new Uint8Array(32))) {
      if (byte < limit && chars.length < GENERATED_GROUPS * GENERATED_GROUP_LENGTH) chars.push(PASSWORD_ALPHABET[byte % PASSWORD_ALPHABET.length]);
    }
  }
  const groups: string[] = [];
  for (let i = 0; i < chars.length; i += GENERATED_GROUP_LENGTH) groups.push(chars.slice(i, i + GENERATED_GROUP_LENGTH).join(''));
  return groups.join('-');
}
