/**
 * Serves stored media to staff (mounted behind the staff login). The bytes come from
 * residents, so they are treated as hostile: only image/video/audio types are shown inline,
 * everything else is a download, and every answer forbids sniffing, scripts and embedding.
 */
import { Hono, type Context } from 'hono';
import { readMedia, readMediaChunk } from '../db/media';
import type { AppEnv } from '../env';
import { blobToBytes, concatBytes } from './chunks';
import { DOWNLOAD_TYPE, essenceOf, isInline } from './content-type';
import { contentDisposition } from './disposition';

/** Headers on every stored-media answer. */
export const MEDIA_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  // Opened directly, a document gets no scripts, no plugins, no same-origin access.
  'content-security-policy': "default-src 'none'; sandbox",
  'cross-origin-resource-policy': 'same-origin',
  'cache-control': 'private, max-age=3600',
};

// Staff-facing ids are `messages.id`; more than 15 digits cannot be one.
const MESSAGE_ID = /^[0-9]{1,15}$/;

function messageIdOf(c: Context<AppEnv>): number | undefined {
  const raw = c.req.param('messageId') ?? '';
  return MESSAGE_ID.test(raw) ? Number(raw) : undefined;
}

function jsonError(c: Context<AppEnv>, status: 400 | 404 | 500, error: string): Response {
  c.header('x-content-type-options', 'nosniff');
  c.header('cache-control', 'no-store');
  return c.json({ error }, status);
}

export const mediaRoutes = new Hono<AppEnv>();

mediaRoutes.get('/:messageId/meta', async (c) => {
  const messageId = messageIdOf(c);
  if (messageId === undefined) return jsonError(c, 400, 'message id must be a number');
  const media = await readMedia(c.env.DB, messageId);
  if (!media) return jsonError(c, 404, 'no media for this message');
  // Status changes (pending → stored), so the console must not see a cached one.
  c.header('cache-control', 'no-store');
  return c.json({
    status: media.status,
    contentType: media.contentType ?? null,
    size: media.size ?? null,
    fileName: media.fileName ?? null,
    kind: media.kind,
    error: media.error ?? null,
  });
});

mediaRoutes.get('/:messageId', async (c) => {
  const messageId = messageIdOf(c);
  if (messageId === undefined) return jsonError(c, 400, 'message id must be a number');
  const media = await readMedia(c.env.DB, messageId);
  if (!media || media.status !== 'stored') return jsonError(c, 404, media ? `media not stored (${media.status})` : 'no media for this message');

  // One query per chunk: each stays under D1's row limit, whatever the item's total size.
  const parts: Uint8Array[] = [];
  for (let seq = 0; seq < media.chunks; seq++) {
    const data = await readMediaChunk(c.env.DB, messageId, seq);
    if (data === undefined || data === null) break;
    parts.push(blobToBytes(data));
  }
  const bytes = concatBytes(parts);
  if (bytes.byteLength !== (media.size ?? 0)) {
    console.error('stored media is incomplete', { messageId, expected: media.size, found: bytes.byteLength });
    return jsonError(c, 500, 'stored media is incomplete');
  }

  const inline = isInline(media.contentType);
  const fallbackName = `${media.kind}-${messageId}`;
  return new Response(bytes, {
    status: 200,
    headers: {
      ...MEDIA_SECURITY_HEADERS,
      'content-type': inline ? essenceOf(media.contentType!) : DOWNLOAD_TYPE,
      'content-disposition': contentDisposition(inline ? 'inline' : 'attachment', media.fileName, fallbackName),
      'content-length': String(bytes.byteLength),
    },
  });
});
