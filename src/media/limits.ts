/** How much of a resident's media is kept, how it is cut up, and how failed downloads are retried. */

/** Larger media is not downloaded (status `too_large`): D1 is not a file store. */
export const MEDIA_MAX_BYTES = 20 * 1024 * 1024;
/** One `media_chunks` row; D1 refuses values over 2,000,000 bytes. */
export const MEDIA_CHUNK_BYTES = 1_000_000;
/** Downloads tried per media item, the first one included. */
export const MEDIA_MAX_ATTEMPTS = 5;
/** A `pending` item this old was never fetched (its background task was lost). */
export const MEDIA_PENDING_GRACE_MS = 30_000;
/**
 * When attempt n + 2 is due after a failure, counted from the message's arrival: 1 min, 5 min,
 * 30 min, 2 h. Measured from arrival (not from the last attempt) so no extra column is needed.
 */
export const MEDIA_RETRY_AFTER_MS = [60_000, 300_000, 1_800_000, 7_200_000] as const;
