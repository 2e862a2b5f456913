/** Byte helpers the auth modules share: Base64, random tokens and a constant-time comparison. */

const encoder = new TextEncoder();

/** Standard Base64 (with padding), as stored in password hashes. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Decodes standard Base64; undefined for anything that is not. */
export function fromBase64(value: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(value) || value.length % 4 !== 0) return undefined;
  try {
    return Uint8Array.from(atob(value), (ch) => ch.charCodeAt(0));
  } catch {
    return undefined;
  }
}

/** URL- and cookie-safe Base64 without padding, for tokens. */
export function toBase64Url(bytes: Uint8Array): string {
  return toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** `size` random bytes from the platform's CSPRNG, as Base64url (32 bytes = 43 characters). */
export function randomToken(size = 32): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(size)));
}

/** SHA-256 of a string's UTF-8, as Base64url: what is stored in place of a session token. */
export async function sha256Base64Url(value: string): Promise<string> {
  return toBase64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(value))));
}

/**
 * True when the two byte arrays are equal, in time that depends only on their lengths, never
 * on where they first differ. workerd has `crypto.subtle.timingSafeEqual` but Node does not,
 * and this code runs in both (the `staff` tool hashes in Node).
 */
export function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  const length = Math.max(a.length, b.length);
  // A length difference makes the result false, but the loop still runs over every byte.
  let diff = a.length ^ b.length;
  for (let i = 0; i < length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

/** `timingSafeEqual` over the UTF-8 of two strings (tokens from cookies, headers and forms). */
export function timingSafeEqualText(a: string, b: string): boolean {
  return timingSafeEqual(encoder.encode(a), encoder.encode(b));
}
