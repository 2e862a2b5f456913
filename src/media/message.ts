/**
 * Which incoming LINE messages carry media the bot can keep, read from the raw webhook
 * message (the parsed event drops `contentProvider`).
 * https://developers.line.biz/en/reference/messaging-api/#wh-image
 */
import { z } from 'zod';

export const MEDIA_KINDS = ['image', 'video', 'audio', 'file'] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

const MediaMessage = z.object({
  id: z.string().min(1),
  type: z.enum(MEDIA_KINDS),
  // Files have no provider: they are always on LINE's servers.
  contentProvider: z.object({ type: z.string() }).optional(),
  fileName: z.string().optional(),
  fileSize: z.number().int().nonnegative().optional(),
});

/** What `recordMediaMessage` needs from a LINE message, besides the stored message's id. */
export interface MediaMessageFields {
  lineMessageId: string;
  kind: MediaKind;
  fileName?: string;
  fileSize?: number;
  /** The sender's own server hosts it (`contentProvider.type` is `external`): never fetched. */
  external?: boolean;
}

/** The media fields of a webhook `message` object; undefined for text, stickers, locations. */
export function mediaFieldsOf(message: unknown): MediaMessageFields | undefined {
  const parsed = MediaMessage.safeParse(message);
  if (!parsed.success) return undefined;
  const { id, type, contentProvider, fileName, fileSize } = parsed.data;
  return {
    lineMessageId: id,
    kind: type,
    ...(fileName !== undefined ? { fileName } : {}),
    ...(fileSize !== undefined ? { fileSize } : {}),
    external: contentProvider?.type === 'external',
  };
}
