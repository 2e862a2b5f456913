import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signBody, verifySignature } from '../../src/line/signature';

const secret = 'test-secret';
const body = JSON.stringify({ destination: 'U0', events: [] });
const encoded = new TextEncoder().encode(body);

describe('verifySignature', () => {
  it('accepts the Base64 HMAC-SHA256 of the raw body, as LINE computes it', async () => {
    const expected = createHmac('sha256', secret).update(body).digest('base64');
    expect(await signBody(secret, body)).toBe(expected);
    expect(await verifySignature(secret, encoded, expected)).toBe(true);
  });

  it('rejects a wrong, truncated, garbled or missing signature', async () => {
    const good = await signBody(secret, body);
    expect(await verifySignature('other-secret', encoded, good)).toBe(false);
    expect(await verifySignature(secret, new TextEncoder().encode(body + ' '), good)).toBe(false);
    expect(await verifySignature(secret, encoded, good.slice(0, 20))).toBe(false);
    expect(await verifySignature(secret, encoded, '***not base64***')).toBe(false);
    expect(await verifySignature(secret, encoded, undefined)).toBe(false);
  });
});
