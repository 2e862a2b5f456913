/**
 * Placeholder bytes for media the emulated user "sends", served back by
 * GET /v2/bot/message/{messageId}/content (https://developers.line.biz/en/reference/messaging-api/#get-content).
 */
import type { MediaContent } from './emulator-state';

/** Media message types whose content the bot can download. */
export type MediaKind = 'image' | 'video' | 'audio' | 'file';

// A 16x16 solid LINE-green PNG: real image bytes, so image decoders in the bot do not choke.
const TINY_PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAIAAACQkWg2AAAAFklEQVR42mNgOx5KEmIY1TCqYfhqAADeBSIQwoj4hgAAAABJRU5ErkJggg==';

/** The generated image, for the chat page and tests. */
export const TINY_PNG: Uint8Array = Uint8Array.from(atob(TINY_PNG_BASE64), (ch) => ch.charCodeAt(0));

// Only an ISO-BMFF `ftyp` header: enough for content-type sniffing, not for playback.
function ftyp(brand: string): Uint8Array {
  return new Uint8Array([0, 0, 0, 16, ...new TextEncoder().encode(`ftyp${brand}\0\0\0\0`)]);
}

/** Creates the content stored for a media message of the given kind. */
export function createMediaContent(kind: MediaKind): MediaContent {
  switch (kind) {
    case 'image':
      return { contentType: 'image/png', bytes: TINY_PNG };
    case 'video':
      return { contentType: 'video/mp4', bytes: ftyp('mp42') };
    case 'audio':
      return { contentType: 'audio/x-m4a', bytes: ftyp('M4A ') };
    case 'file':
      return { contentType: 'text/plain; charset=utf-8', bytes: new TextEncoder().encode('A sample file sent from the LINE emulator.\n') };
  }
}
