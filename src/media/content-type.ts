/**
 * What a stored media type may be served as. The bytes are the resident's (or an attacker's),
 * so only types a browser cannot run as a document are ever served inline.
 */

/** Types served inline (images, video, audio); anything else is downloaded. */
export const INLINE_TYPES: ReadonlySet<string> = new Set([
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
  'video/mp4',
  'audio/mp4',
  'audio/x-m4a',
  'audio/mpeg',
  'audio/aac',
]);

export const DOWNLOAD_TYPE = 'application/octet-stream';

// RFC 6838 restricted-name characters; one token/token pair, at most 127 characters each.
const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/;
const CHARSET = /^[a-z0-9][a-z0-9._:+-]{0,39}$/;

/**
 * Reduces a Content-Type header to `type/subtype`, keeping only a plain `charset` parameter;
 * undefined when it is missing or malformed. Lower-cased, so comparisons are exact.
 */
export function sanitizeContentType(header: string | null | undefined): string | undefined {
  if (!header) return undefined;
  const [essence, ...params] = header.split(';');
  const type = essence.trim().toLowerCase();
  if (!MEDIA_TYPE.test(type)) return undefined;
  for (const param of params) {
    const eq = param.indexOf('=');
    if (eq < 0 || param.slice(0, eq).trim().toLowerCase() !== 'charset') continue;
    const charset = param.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1').toLowerCase();
    if (CHARSET.test(charset)) return `${type}; charset=${charset}`;
  }
  return type;
}

/** The type without parameters (`text/plain; charset=utf-8` → `text/plain`). */
export function essenceOf(contentType: string): string {
  return contentType.split(';')[0].trim().toLowerCase();
}

/** Whether a stored type may be shown in the browser rather than downloaded. */
export function isInline(contentType: string | undefined): boolean {
  return contentType !== undefined && INLINE_TYPES.has(essenceOf(contentType));
}
