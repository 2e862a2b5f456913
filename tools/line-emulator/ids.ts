/**
 * Identifiers in the shapes LINE uses (https://developers.line.biz/en/docs/messaging-api/getting-user-ids/),
 * so code that checks formats behaves as it would against the real platform.
 */

const CROCKFORD_BASE32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function randomChars(alphabet: string, length: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  // The modulo bias for decimal alphabets does not matter for emulated IDs.
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

/** A user ID: "U" + 32 lowercase hex characters. */
export function newUserId(): string {
  return `U${randomChars('0123456789abcdef', 32)}`;
}

/** A group chat ID: "C" + 32 hex characters. */
export function newGroupId(): string {
  return `C${randomChars('0123456789abcdef', 32)}`;
}

/** A multi-person chat (room) ID: "R" + 32 hex characters. */
export function newRoomId(): string {
  return `R${randomChars('0123456789abcdef', 32)}`;
}

/** A message ID: a decimal string of 18 digits. */
export function newMessageId(): string {
  return `${randomChars('123456789', 1)}${randomChars('0123456789', 17)}`;
}

/** A reply token: 32 hex characters. */
export function newReplyToken(): string {
  return randomChars('0123456789abcdef', 32);
}

/** A quote token: an opaque base64url string. */
export function newQuoteToken(): string {
  return randomChars(BASE64URL, 64);
}

/** A request ID as sent in `x-line-request-id`. */
export function newRequestId(): string {
  return crypto.randomUUID();
}

/** A webhook event ID: a ULID (10 time characters + 16 random, Crockford base32). */
export function newWebhookEventId(nowMs: number): string {
  let time = '';
  let rest = Math.max(0, Math.floor(nowMs));
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD_BASE32[rest % 32] + time;
    rest = Math.floor(rest / 32);
  }
  return time + randomChars(CROCKFORD_BASE32, 16);
}
