/** How account results become HTTP statuses and messages, for the pages and the API alike. */
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { CreateResult, ChangeResult } from './store';
import { refusalMessage } from './policy';

export type Refused = { status: ContentfulStatusCode; error: string; reason: string };

/** Positive whole numbers only; anything else names no account. */
export function parseId(value: string | undefined): number | undefined {
  if (!value || !/^[1-9][0-9]{0,15}$/.test(value)) return undefined;
  const id = Number(value);
  return Number.isSafeInteger(id) ? id : undefined;
}

export const NOT_FOUND: Refused = { status: 404, error: 'there is no such account', reason: 'not_found' };

export function duplicateLogin(login: string): Refused {
  return { status: 409, error: `the login name "${login}" is already taken (login names are not case-sensitive)`, reason: 'duplicate_login' };
}

/** The refusal for a failed change: 404 for a missing account, otherwise 409 with a sentence for the admin. */
export function refusal(result: Extract<ChangeResult, { ok: false }> | Extract<CreateResult, { ok: false }>, name = 'This account'): Refused {
  switch (result.reason) {
    case 'not_found':
      return NOT_FOUND;
    case 'duplicate_login':
      return { status: 409, error: 'that login name is already taken', reason: 'duplicate_login' };
    case 'conflict':
      return { status: 409, error: 'The account changed while you were looking at it. Reload the page and try again.', reason: 'conflict' };
    case 'self_disable':
    case 'self_demote':
    case 'last_admin':
      return { status: 409, error: refusalMessage(result.reason, result.account?.displayName ?? name), reason: result.reason };
    default: {
      const never: never = result;
      throw new Error(`unknown refusal ${JSON.stringify(never)}`);
    }
  }
}
