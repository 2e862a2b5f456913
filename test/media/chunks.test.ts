import { describe, expect, it } from 'vitest';
import { blobToBytes, concatBytes, readCapped, splitChunks } from '../../src/media/chunks';

const bytes = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 7) % 256);

function streamOf(...parts: Uint8Array[]): ReadableStream<Uint8Array> & { pulled: () => number } {
  let index = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (index < parts.length) controller.enqueue(parts[index++]);
      else controller.close();
    },
  });
  return Object.assign(stream, { pulled: () => index });
}

describe('splitChunks', () => {
  it('cuts bytes into pieces of at most the chunk size, the last one shorter', () => {
    const chunks = splitChunks(bytes(2500), 1000);
    expect(chunks.map((c) => c.byteLength)).toEqual([1000, 1000, 500]);
    expect(concatBytes(chunks)).toEqual(bytes(2500));
  });

  it('makes exactly full pieces when the size divides evenly, and none for no bytes', () => {
    expect(splitChunks(bytes(3000), 1000).map((c) => c.byteLength)).toEqual([1000, 1000, 1000]);
    expect(splitChunks(new Uint8Array(0), 1000)).toEqual([]);
  });

  it('gives each piece its own buffer, so a driver binding `.buffer` gets only that piece', () => {
    const [, second] = splitChunks(bytes(20), 8);
    expect(second.byteOffset).toBe(0);
    expect(second.buffer.byteLength).toBe(8);
    expect(new Uint8Array(second.buffer)).toEqual(bytes(20).slice(8, 16));
  });

  it('refuses a chunk size that is not a positive integer', () => {
    expect(() => splitChunks(bytes(4), 0)).toThrow(RangeError);
    expect(() => splitChunks(bytes(4), 1.5)).toThrow(RangeError);
  });
});

describe('readCapped', () => {
  it('reads a whole body up to the cap', async () => {
    const result = await readCapped(streamOf(bytes(10), bytes(5)), 15);
    expect(result).toEqual({ ok: true, bytes: concatBytes([bytes(10), bytes(5)]) });
  });

  it('stops reading as soon as the body passes the cap', async () => {
    const stream = streamOf(bytes(10), bytes(10), bytes(10), bytes(10));
    const result = await readCapped(stream, 15);
    expect(result).toEqual({ ok: false, reason: 'too_large', size: 20 });
    expect(stream.pulled()).toBeLessThan(4);
  });

  it('does not read at all when the declared length is over the cap', async () => {
    const stream = streamOf(bytes(10));
    expect(await readCapped(stream, 5, 25_000_000)).toEqual({ ok: false, reason: 'too_large', size: 25_000_000 });
    expect(stream.pulled()).toBe(0);
  });

  it('reads an absent body as no bytes', async () => {
    expect(await readCapped(null, 10)).toEqual({ ok: true, bytes: new Uint8Array(0) });
  });
});

describe('blobToBytes', () => {
  it('accepts what D1 returns for a BLOB: an ArrayBuffer, a view or an array of numbers', () => {
    expect(blobToBytes(Uint8Array.of(1, 2).buffer)).toEqual(Uint8Array.of(1, 2));
    expect(blobToBytes(new DataView(Uint8Array.of(0, 1, 2).buffer, 1))).toEqual(Uint8Array.of(1, 2));
    expect(blobToBytes([1, 2])).toEqual(Uint8Array.of(1, 2));
    expect(() => blobToBytes('12')).toThrow(TypeError);
  });
});
