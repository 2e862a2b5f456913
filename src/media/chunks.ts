/** Reading media bytes under a size cap, and cutting them into rows D1 accepts. */

export type ReadResult = { ok: true; bytes: Uint8Array } | { ok: false; reason: 'too_large'; size: number };

/**
 * Reads a body, stopping as soon as it passes `maxBytes` (the rest is never downloaded).
 * `size` for a body that is too large is the declared length when known, else what was read.
 */
export async function readCapped(body: ReadableStream<Uint8Array> | null, maxBytes: number, declaredLength?: number): Promise<ReadResult> {
  if (declaredLength !== undefined && declaredLength > maxBytes) {
    await body?.cancel().catch(() => undefined);
    return { ok: false, reason: 'too_large', size: declaredLength };
  }
  if (!body) return { ok: true, bytes: new Uint8Array(0) };
  const parts: Uint8Array[] = [];
  let total = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return { ok: false, reason: 'too_large', size: Math.max(total, declaredLength ?? 0) };
    }
    parts.push(value);
  }
  return { ok: true, bytes: concatBytes(parts, total) };
}

/** Splits bytes into pieces of at most `chunkBytes`, each with its own buffer (safe to bind). */
export function splitChunks(bytes: Uint8Array, chunkBytes: number): Uint8Array[] {
  if (!Number.isInteger(chunkBytes) || chunkBytes < 1) throw new RangeError(`chunkBytes must be a positive integer, not ${chunkBytes}`);
  const chunks: Uint8Array[] = [];
  for (let offset = 0; offset < bytes.byteLength; offset += chunkBytes) chunks.push(bytes.slice(offset, offset + chunkBytes));
  return chunks;
}

/** Joins pieces back together. */
export function concatBytes(parts: Uint8Array[], total = parts.reduce((sum, part) => sum + part.byteLength, 0)): Uint8Array {
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.byteLength;
  }
  return bytes;
}

/** A BLOB as D1 hands it back (an ArrayBuffer, or an array of numbers in older runtimes). */
export function blobToBytes(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  if (Array.isArray(value)) return Uint8Array.from(value as number[]);
  throw new TypeError(`not a BLOB: ${typeof value}`);
}
