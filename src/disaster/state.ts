/**
 * Disaster mode's state, as stored in the `settings` table under the key `disaster`: off, or on
 * with a template and the notice in every language. Read by every turn (in its one read batch)
 * and by the admin page; written only by the admin switch (src/admin/disaster/routes.tsx).
 */
import { z } from 'zod';
import { LANGUAGES, type Language } from '../i18n/languages';

/** The settings key the state is stored under. */
export const DISASTER_SETTING_KEY = 'disaster';

export const TEMPLATE_IDS = ['earthquake', 'heavy-rain', 'typhoon', 'custom'] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];

/**
 * A notice's length in UTF-16 units. It opens every reply, so it must stay short enough that the
 * answer after it is still read; well within LINE's 5000 per text message.
 */
export const MAX_NOTICE_LENGTH = 1000;

const NoticeText = z
  .string()
  .trim()
  .min(1, 'write the notice in this language')
  .max(MAX_NOTICE_LENGTH, `keep the notice within ${MAX_NOTICE_LENGTH} characters`);

/** The notice in all ten languages: none may be missing, a resident must never get another language's. */
export const Notices = z.strictObject(
  Object.fromEntries(LANGUAGES.map((lang) => [lang, NoticeText])) as { [K in Language]: typeof NoticeText },
);
export type Notices = z.infer<typeof Notices>;

export const ActiveDisaster = z.strictObject({
  active: z.literal(true),
  /** Random per activation: tells two activations (and two racing switches) apart. */
  activation: z.string().min(1),
  template: z.enum(TEMPLATE_IDS),
  notices: Notices,
  /** When it was switched on (or the notice last changed), and by whom. */
  since: z.number().int(),
  by: z.number().int().nullable(),
  /** When this activation's notice was broadcast (at most once per activation). */
  broadcastAt: z.number().int().optional(),
});
export type ActiveDisaster = z.infer<typeof ActiveDisaster>;

export const InactiveDisaster = z.strictObject({
  active: z.literal(false),
  /** When it was last switched off, and by whom (absent if it never was on). */
  since: z.number().int().optional(),
  by: z.number().int().nullable().optional(),
});
export type InactiveDisaster = z.infer<typeof InactiveDisaster>;

export const DisasterState = z.discriminatedUnion('active', [ActiveDisaster, InactiveDisaster]);
export type DisasterState = z.infer<typeof DisasterState>;

export const NORMAL_MODE: InactiveDisaster = { active: false };

/**
 * The state from the setting's stored JSON (undefined: never set). A value that does not parse
 * is logged and read as normal mode: a broken setting must not stop the bot answering.
 */
export function parseDisasterSetting(value: string | null | undefined): DisasterState {
  if (value === null || value === undefined) return NORMAL_MODE;
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    console.error('disaster setting is not JSON; normal mode');
    return NORMAL_MODE;
  }
  const parsed = DisasterState.safeParse(json);
  if (parsed.success) return parsed.data;
  console.error('disaster setting is invalid; normal mode', parsed.error.issues);
  return NORMAL_MODE;
}

/** The notice a resident gets, in their language; undefined in normal mode. */
export function noticeFor(state: DisasterState, lang: Language): string | undefined {
  return state.active ? state.notices[lang] : undefined;
}
