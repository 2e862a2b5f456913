/**
 * Downloads a resident's media through LINE's content API and keeps it in D1, in chunks, so
 * staff can still see it after LINE deletes it. Failures are recorded on the row (and retried
 * by the sweep), never thrown.
 * https://developers.line.biz/en/reference/messaging-api/#get-content
 */
import { claimMediaFetch, markMediaUnstored, mediaDueForRetry, readMedia, storeMediaStatements, type MediaStatus } from '../db/media';
import type { LineClient } from '../line/client';
import { readCapped, splitChunks } from './chunks';
import { DOWNLOAD_TYPE, sanitizeContentType } from './content-type';
import { MEDIA_CHUNK_BYTES, MEDIA_MAX_BYTES } from './limits';

export interface FetchMediaOptions {
  /** Bytes per `media_chunks` row (tests use small ones to exercise chunking). */
  chunkBytes?: number;
  maxBytes?: number;
  now?: number;
}

export type FetchMediaResult =
  | { status: 'stored'; size: number; contentType: string; chunks: number }
  | { status: 'failed'; error: string; attempts: number }
  | { status: 'too_large'; size: number }
  /** Nothing to do: already stored, hosted elsewhere, too large, or no such media. */
  | { status: 'skipped'; current: MediaStatus | 'missing' };

/**
 * Fetches and stores one message's media. Safe to run twice or concurrently: a stored item is
 * not fetched again, and each store replaces the chunks in one transaction.
 */
export async function fetchAndStoreMedia(db: D1Database, line: LineClient, messageId: number, options: FetchMediaOptions = {}): Promise<FetchMediaResult> {
  const claim = await claimMediaFetch(db, messageId);
  if (!claim) return { status: 'skipped', current: (await readMedia(db, messageId))?.status ?? 'missing' };

  const fail = async (error: string): Promise<FetchMediaResult> => {
    await markMediaUnstored(db, messageId, { status: 'failed', error }).run();
    return { status: 'failed', error, attempts: claim.attempts };
  };

  const response = await line.getContent(claim.lineMessageId);
  if (response.status !== 200) {
    const detail = (await response.text().catch(() => '')).slice(0, 200);
    return fail(contentError(response.status, detail));
  }

  let read;
  try {
    read = await readCapped(response.body, options.maxBytes ?? MEDIA_MAX_BYTES, declaredLength(response.headers.get('content-length')));
  } catch (error) {
    return fail(`the download broke off: ${String(error)}`);
  }
  if (!read.ok) {
    await markMediaUnstored(db, messageId, { status: 'too_large', size: read.size }).run();
    return { status: 'too_large', size: read.size };
  }

  const contentType = sanitizeContentType(response.headers.get('content-type')) ?? DOWNLOAD_TYPE;
  const chunks = splitChunks(read.bytes, options.chunkBytes ?? MEDIA_CHUNK_BYTES);
  try {
    await db.batch(storeMediaStatements(db, messageId, chunks, contentType, read.bytes.byteLength, options.now));
  } catch (error) {
    return fail(`storing failed: ${String(error)}`);
  }
  return { status: 'stored', size: read.bytes.byteLength, contentType, chunks: chunks.length };
}

/** Why a download failed, in words a staff member (and the logs) can use. */
function contentError(status: number, detail: string): string {
  switch (status) {
    case 404:
      return 'LINE no longer has this content (404): it expired, or the message was unsent';
    case 202:
      // LINE is still preparing a video or audio; a later attempt gets it.
      return 'LINE is still preparing this content (202)';
    case 599:
      return `network error reaching LINE: ${detail}`;
    default:
      return `LINE answered ${status}${detail ? `: ${detail}` : ''}`;
  }
}

function declaredLength(header: string | null): number | undefined {
  if (!header || !/^\d+$/.test(header)) return undefined;
  return Number(header);
}

/**
 * The sweep: fetches media whose first download was lost (`pending` over 30 s) or failed (with
 * attempts left, after a backoff), one at a time to keep memory low. Returns how many were stored.
 */
export async function retryPendingMedia(db: D1Database, line: LineClient, limit = 10, options: FetchMediaOptions = {}): Promise<number> {
  const due = await mediaDueForRetry(db, limit, options.now);
  let stored = 0;
  for (const messageId of due) {
    const result = await fetchAndStoreMedia(db, line, messageId, options);
    if (result.status === 'stored') stored++;
    else if (result.status === 'failed') console.warn('media fetch failed', { messageId, attempts: result.attempts, error: result.error });
  }
  return stored;
}
