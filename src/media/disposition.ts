/**
 * Content-Disposition for stored media (RFC 6266 with the RFC 8187 `filename*` form). The name
 * is the resident's: quotes, backslashes, CR/LF and other control characters, path separators
 * and bidi overrides (which can disguise `exe.jpg` as `gpj.exe`) never reach the header.
 */

const MAX_NAME_LENGTH = 150;

// C0/C1 controls, DEL, path separators, quotes, backslash; bidi and zero-width formatting marks.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f"\\/\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** The resident's file name made harmless; undefined when nothing usable is left. */
export function safeFileName(name: string | null | undefined): string | undefined {
  if (!name) return undefined;
  const cleaned = name.normalize('NFC').replace(UNSAFE, '').trim();
  // Leading dots would make a hidden file (or `..`) on the staff member's machine.
  const trimmed = [...cleaned.replace(/^\.+/, '')].slice(0, MAX_NAME_LENGTH).join('').trim();
  return trimmed || undefined;
}

/** RFC 8187 value characters: what encodeURIComponent leaves, minus ' ( ) * which it keeps. */
function encodeExtValue(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * `attachment` or `inline`, with an ASCII `filename` for old clients (non-ASCII becomes `_`)
 * and the exact name as UTF-8 in `filename*`.
 */
export function contentDisposition(type: 'inline' | 'attachment', fileName: string | undefined, fallbackName: string): string {
  const name = safeFileName(fileName) ?? safeFileName(fallbackName) ?? 'download';
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/[%;]/g, '_');
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encodeExtValue(name)}`;
}
