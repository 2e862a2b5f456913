/**
 * Postback payloads of the bot's quick replies: short query strings (LINE allows 300 characters),
 * parsed with a schema because a postback arrives from outside like any other input.
 */
import { z } from 'zod';
import { LANGUAGES } from '../i18n/languages';
import { EntryId } from '../faq/schema';

export const PostbackAction = z.discriminatedUnion('a', [
  /** Choose the reply language. */
  z.object({ a: z.literal('lang'), l: z.enum(LANGUAGES) }),
  /** Show the language picker. */
  z.object({ a: z.literal('langs') }),
  /** A "did you mean" or related-entry choice. */
  z.object({ a: z.literal('pick'), e: EntryId }),
  /** Helpful (1) / not helpful (0) on an answer. */
  z.object({ a: z.literal('fb'), e: EntryId, v: z.enum(['0', '1']) }),
  /** Talk to staff. */
  z.object({ a: z.literal('staff') }),
  /** Never mind: withdraw the request for staff. */
  z.object({ a: z.literal('cancel') }),
  /** The rating after staff resolved a consultation: c = conversation id, v = 1 good / 0 not. */
  z.object({ a: z.literal('rate'), c: z.string().regex(/^\d{1,15}$/), v: z.enum(['0', '1']) }),
]);
export type PostbackAction = z.infer<typeof PostbackAction>;

export function encodePostback(action: PostbackAction): string {
  return new URLSearchParams(action as Record<string, string>).toString();
}

/** The action, or undefined for data the bot did not make (old buttons, tampering). */
export function decodePostback(data: string): PostbackAction | undefined {
  const parsed = PostbackAction.safeParse(Object.fromEntries(new URLSearchParams(data)));
  return parsed.success ? parsed.data : undefined;
}

