/**
 * Webhook signature check: X-Line-Signature is Base64(HMAC-SHA256(channel secret, raw body)).
 * https://developers.line.biz/en/reference/messaging-api/#signature-validation
 */

const encoder = new TextEncoder();

function base64ToBytes(value: string): Uint8Array | undefined {
  try {
    const binary = atob(value);
    return Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
  } catch {
    return undefined;
  }
}

async function hmacKey(secret: string, usage: 'sign' | 'verify'): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [usage]);
}

/**
 * True when `signature` is the HMAC of `body` under `secret`. WebCrypto's `verify` compares
 * in constant time, so the check leaks nothing about how close a forgery came.
 */
export async function verifySignature(secret: string, body: ArrayBuffer | Uint8Array, signature: string | undefined): Promise<boolean> {
  if (!signature || !secret) return false;
  const expected = base64ToBytes(signature.trim());
  if (!expected || expected.length !== 32) return false;
  return crypto.subtle.verify('HMAC', await hmacKey(secret, 'verify'), expected, body);
}

/** Signs a body the way LINE does (for the emulator and tests). */
export async function signBody(secret: string, body: string | Uint8Array): Promise<string> {
  const bytes = typeof body === 'string' ? encoder.encode(body) : body;
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', await hmacKey(secret, 'sign'), bytes));
  return btoa(String.fromCharCode(...mac));
}
