import { env } from 'cloudflare:test';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { readMedia, recordMediaMessage } from '../../src/db/media';
import { storeWebhookEvents } from '../../src/db/webhook-events';
import type { AppEnv } from '../../src/env';
import { LineClient, lineClientFromEnv } from '../../src/line/client';
import { parseEvent } from '../../src/line/events';
import { MEDIA_MAX_ATTEMPTS } from '../../src/media/limits';
import { mediaFieldsOf } from '../../src/media/message';
import { mediaRoutes } from '../../src/media/routes';
import { fetchAndStoreMedia, retryPendingMedia } from '../../src/media/store';
import { TINY_PNG } from '../../tools/line-emulator/media-content';
import { count, createUser, emulator, fault } from './helpers';

const app = new Hono<AppEnv>().route('/console/media', mediaRoutes);
const get = (path: string) => app.request(`/console/media/${path}`, {}, env);
const line = () => lineClientFromEnv(env);

/** A LINE that answers every content request with these bytes (for sizes and types the emulator does not make). */
function stubLine(bytes: Uint8Array, contentType: string): LineClient {
  return new LineClient({
    channelAccessToken: 'stub',
    apiBase: 'http://line.invalid',
    dataApiBase: 'http://line.invalid',
    fetch: async () => new Response(bytes.slice(), { headers: { 'content-type': contentType, 'content-length': String(bytes.byteLength) } }),
  });
}

function randomBytes(n: number): Uint8Array {
  const bytes = new Uint8Array(n);
  for (let offset = 0; offset < n; offset += 65_536) crypto.getRandomValues(bytes.subarray(offset, Math.min(n, offset + 65_536)));
  return bytes;
}

/**
 * The resident sends media in the emulated LINE app; the webhook event is stored as the
 * webhook stores it (without running the turn), and its media row recorded.
 */
async function incomingMedia(spec: Record<string, unknown> & { event: string }, now = Date.now()) {
  const userId = await createUser('en');
  const sent = await emulator<{ event: { webhookEventId: string; message: Record<string, unknown> } }>('/_emulator/send', { userId, ...spec });
  // Take the signed webhook the emulator built so no other test delivers it to the Worker.
  await emulator('/_test/webhooks');
  await storeWebhookEvents(env.DB, [parseEvent(sent.event)], now);
  const row = await env.DB.prepare('SELECT id FROM messages WHERE webhook_event_id = ?1').bind(sent.event.webhookEventId).first<{ id: number }>();
  const fields = mediaFieldsOf(sent.event.message)!;
  await recordMediaMessage(env.DB, { messageId: row!.id, ...fields }, now).run();
  return { messageId: row!.id, lineMessageId: fields.lineMessageId, message: sent.event.message };
}

/** -1 when both hold the same bytes, else the first offset where they differ. */
function firstDifference(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.byteLength, b.byteLength);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.byteLength === b.byteLength ? -1 : n;
}

async function chunkSizes(messageId: number): Promise<number[]> {
  const { results } = await env.DB.prepare('SELECT length(data) AS n FROM media_chunks WHERE message_id = ?1 ORDER BY seq').bind(messageId).all<{ n: number }>();
  return results.map((row) => row.n);
}

describe('keeping a resident’s media', () => {
  it('stores an image fetched from LINE’s content API and serves back exactly its bytes', async () => {
    const { messageId } = await incomingMedia({ event: 'image' });
    expect((await readMedia(env.DB, messageId))?.status).toBe('pending');

    const result = await fetchAndStoreMedia(env.DB, line(), messageId, { chunkBytes: 16 });
    expect(result).toEqual({ status: 'stored', size: TINY_PNG.byteLength, contentType: 'image/png', chunks: Math.ceil(TINY_PNG.byteLength / 16) });
    expect(await chunkSizes(messageId)).toEqual([...Array(Math.floor(TINY_PNG.byteLength / 16)).fill(16), TINY_PNG.byteLength % 16].filter(Boolean));

    const response = await get(String(messageId));
    expect(response.status).toBe(200);
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(TINY_PNG);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('content-disposition')).toBe(`inline; filename="image-${messageId}"; filename*=UTF-8''image-${messageId}`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(response.headers.get('cache-control')).toBe('private, max-age=3600');

    const meta = await get(`${messageId}/meta`);
    expect(await meta.json()).toEqual({ status: 'stored', contentType: 'image/png', size: TINY_PNG.byteLength, fileName: null, kind: 'image', error: null });
  });

  it('puts a payload larger than one chunk back together byte for byte', async () => {
    const { messageId } = await incomingMedia({ event: 'file', fileName: 'scan.pdf' });
    const payload = randomBytes(2_500);
    const result = await fetchAndStoreMedia(env.DB, stubLine(payload, 'application/pdf'), messageId, { chunkBytes: 1_000 });
    expect(result).toMatchObject({ status: 'stored', size: 2_500, chunks: 3 });
    expect(await chunkSizes(messageId)).toEqual([1_000, 1_000, 500]);

    const response = await get(String(messageId));
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(payload);
    expect(response.headers.get('content-type')).toBe('application/octet-stream');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="scan.pdf"; filename*=UTF-8''scan.pdf`);
  });

  it('keeps a few megabytes in full-size chunks under D1’s value limit', async () => {
    const { messageId } = await incomingMedia({ event: 'video' });
    const payload = randomBytes(2_500_000);
    expect(await fetchAndStoreMedia(env.DB, stubLine(payload, 'video/mp4'), messageId)).toMatchObject({ status: 'stored', chunks: 3 });
    expect(await chunkSizes(messageId)).toEqual([1_000_000, 1_000_000, 500_000]);
    const response = await get(String(messageId));
    expect(response.headers.get('content-length')).toBe('2500000');
    // Compared by hand: a deep equality over megabytes takes vitest many seconds.
    expect(firstDifference(new Uint8Array(await response.arrayBuffer()), payload)).toBe(-1);
  });

  it('never duplicates chunks when the fetch runs twice', async () => {
    const { messageId } = await incomingMedia({ event: 'image' });
    await fetchAndStoreMedia(env.DB, line(), messageId, { chunkBytes: 16 });
    expect(await fetchAndStoreMedia(env.DB, line(), messageId, { chunkBytes: 16 })).toEqual({ status: 'skipped', current: 'stored' });
    // Even forced to fetch again (as after a failed run), the chunks are replaced, not added.
    await env.DB.prepare(`UPDATE media SET status = 'failed' WHERE message_id = ?1`).bind(messageId).run();
    expect(await fetchAndStoreMedia(env.DB, line(), messageId, { chunkBytes: 32 })).toMatchObject({ status: 'stored' });
    expect(await count('media_chunks', 'message_id = ?1', messageId)).toBe(Math.ceil(TINY_PNG.byteLength / 32));
    expect(new Uint8Array(await (await get(String(messageId))).arrayBuffer())).toEqual(TINY_PNG);
    expect((await readMedia(env.DB, messageId))?.attempts).toBe(2);
  });

  it('records a file LINE has stopped serving (404) as failed, and the sweep fetches it later', async () => {
    const now = Date.now();
    const { messageId, lineMessageId } = await incomingMedia({ event: 'file', fileName: 'notice.txt' }, now);
    await fault(`/v2/bot/message/${lineMessageId}/content`, 404);

    const first = await fetchAndStoreMedia(env.DB, line(), messageId);
    expect(first).toMatchObject({ status: 'failed', attempts: 1 });
    const failed = await readMedia(env.DB, messageId);
    expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
    expect(failed?.error).toMatch(/404.*expired/);
    expect((await get(String(messageId))).status).toBe(404);

    // Not again at once: the first retry waits a minute.
    await retryPendingMedia(env.DB, line(), 50, { now: now + 5_000 });
    expect((await readMedia(env.DB, messageId))?.attempts).toBe(1);

    expect(await retryPendingMedia(env.DB, line(), 50, { now: now + 61_000 })).toBeGreaterThanOrEqual(1);
    expect(await readMedia(env.DB, messageId)).toMatchObject({ status: 'stored', attempts: 2, error: undefined, contentType: 'text/plain; charset=utf-8' });
    const response = await get(String(messageId));
    expect(await response.text()).toBe('A sample file sent from the LINE emulator.\n');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="notice.txt"; filename*=UTF-8''notice.txt`);
  });

  it('fetches a pending item whose first fetch never ran, once it is 30 s old', async () => {
    const now = Date.now();
    const { messageId } = await incomingMedia({ event: 'audio' }, now);
    await retryPendingMedia(env.DB, line(), 50, { now: now + 10_000 });
    expect((await readMedia(env.DB, messageId))?.status).toBe('pending');
    await retryPendingMedia(env.DB, line(), 50, { now: now + 31_000 });
    expect(await readMedia(env.DB, messageId)).toMatchObject({ status: 'stored', contentType: 'audio/x-m4a', attempts: 1 });
    expect((await get(String(messageId))).headers.get('content-type')).toBe('audio/x-m4a');
  });

  it(`gives up after ${MEDIA_MAX_ATTEMPTS} attempts`, async () => {
    const now = Date.now();
    const { messageId, lineMessageId } = await incomingMedia({ event: 'image' }, now);
    await fault(`/v2/bot/message/${lineMessageId}/content`, 500, MEDIA_MAX_ATTEMPTS);
    await fetchAndStoreMedia(env.DB, line(), messageId);
    for (let i = 0; i < MEDIA_MAX_ATTEMPTS + 1; i++) await retryPendingMedia(env.DB, line(), 50, { now: now + 3 * 3_600_000 });
    const media = await readMedia(env.DB, messageId);
    expect(media).toMatchObject({ status: 'failed', attempts: MEDIA_MAX_ATTEMPTS });
    expect(media?.error).toMatch(/^LINE answered 500/);
  });

  it('stops downloading at the size cap and keeps the size', async () => {
    const { messageId } = await incomingMedia({ event: 'video' });
    const result = await fetchAndStoreMedia(env.DB, stubLine(randomBytes(5_000), 'video/mp4'), messageId, { maxBytes: 4_096 });
    expect(result).toEqual({ status: 'too_large', size: 5_000 });
    expect(await readMedia(env.DB, messageId)).toMatchObject({ status: 'too_large', size: 5_000, chunks: 0 });
    expect((await get(String(messageId))).status).toBe(404);
  });

  it('does not fetch a file LINE says is over 20 MB, nor media hosted elsewhere', async () => {
    const { messageId: big } = await incomingMedia({ event: 'file' });
    await env.DB.prepare('DELETE FROM media WHERE message_id = ?1').bind(big).run();
    await recordMediaMessage(env.DB, { messageId: big, lineMessageId: 'x', kind: 'file', fileName: 'huge.zip', fileSize: 30_000_000 }).run();
    expect(await readMedia(env.DB, big)).toMatchObject({ status: 'too_large', size: 30_000_000, fileName: 'huge.zip' });

    const { messageId: external } = await incomingMedia({ event: 'image' });
    await env.DB.prepare('DELETE FROM media WHERE message_id = ?1').bind(external).run();
    await recordMediaMessage(env.DB, { messageId: external, lineMessageId: 'y', kind: 'image', external: true }).run();
    expect(await fetchAndStoreMedia(env.DB, line(), external)).toEqual({ status: 'skipped', current: 'external' });
    expect(await (await get(`${external}/meta`)).json()).toMatchObject({ status: 'external', kind: 'image' });
  });

  it('records the same message only once', async () => {
    const { messageId, lineMessageId } = await incomingMedia({ event: 'image' });
    await recordMediaMessage(env.DB, { messageId, lineMessageId, kind: 'image', external: true }).run();
    expect(await count('media', 'message_id = ?1', messageId)).toBe(1);
    expect((await readMedia(env.DB, messageId))?.status).toBe('pending');
  });
});

describe('serving stored media safely', () => {
  it('serves an HTML file as a download, never as a page', async () => {
    const { messageId } = await incomingMedia({ event: 'file', fileName: '"><script>.html' });
    const html = new TextEncoder().encode('<script>alert(document.cookie)</script>');
    await fetchAndStoreMedia(env.DB, stubLine(html, 'text/html; charset=utf-8'), messageId);
    expect((await readMedia(env.DB, messageId))?.contentType).toBe('text/html; charset=utf-8');

    const response = await get(String(messageId));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/octet-stream');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="><script>.html"; filename*=UTF-8''%3E%3Cscript%3E.html`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(html);
  });

  it('serves an SVG image as a download too (it can carry script)', async () => {
    const { messageId } = await incomingMedia({ event: 'image' });
    await fetchAndStoreMedia(env.DB, stubLine(new TextEncoder().encode('<svg onload="alert(1)"/>'), 'image/svg+xml'), messageId);
    const response = await get(String(messageId));
    expect(response.headers.get('content-type')).toBe('application/octet-stream');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="image-\d+"/);
  });

  it('stores a hostile content type as a plain one', async () => {
    const { messageId } = await incomingMedia({ event: 'image' });
    await fetchAndStoreMedia(env.DB, stubLine(TINY_PNG, 'image/png; charset=utf-8; x="<script>"'), messageId);
    expect((await readMedia(env.DB, messageId))?.contentType).toBe('image/png; charset=utf-8');
    expect((await get(String(messageId))).headers.get('content-type')).toBe('image/png');
  });

  it('answers 400 for an id that is not a number and 404 for unknown or unfetched media', async () => {
    const bad = await get('abc');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: 'message id must be a number' });
    expect((await get('abc/meta')).status).toBe(400);
    expect((await get('1e3')).status).toBe(400);

    const unknown = await get('999999999');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: 'no media for this message' });
    expect((await get('999999999/meta')).status).toBe(404);

    const { messageId } = await incomingMedia({ event: 'image' });
    const pending = await get(String(messageId));
    expect(pending.status).toBe(404);
    expect(await pending.json()).toEqual({ error: 'media not stored (pending)' });
    expect(await (await get(`${messageId}/meta`)).json()).toMatchObject({ status: 'pending', kind: 'image', contentType: null });
  });
});
