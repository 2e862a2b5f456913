import { z } from 'zod';
import { LANGUAGES } from '../i18n/languages';

/** Entry and intent ids: lowercase kebab-case, as in `shared/knowledge-spec/intents.tsv`. */
export const EntryId = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'use lowercase kebab-case');

export const CATEGORIES = [
  'consultation',
  'residence',
  'procedures',
  'health',
  'emergency',
  'pension-tax',
  'work',
  'family',
  'life',
  'disaster',
] as const;

export const Source = z.strictObject({
  title: z.string().min(1),
  url: z.url().optional(),
});

const IsoDate = z.iso.date();

/** One language's text for an entry. */
export const EntryText = z.strictObject({
  title: z.string().min(1).max(60),
  /** Questions written the way residents ask them. */
  questions: z.array(z.string().min(1)).min(5),
  /** Keywords, synonyms, loanwords and romanisations. */
  keywords: z.array(z.string().min(1)).min(1),
  /** Plain text; contacts are written as placeholders such as `{{phone:isa-info-center}}`. */
  answer: z.string().min(1).max(2000),
});

const textsShape = Object.fromEntries(LANGUAGES.map((lang) => [lang, EntryText])) as {
  [K in (typeof LANGUAGES)[number]]: typeof EntryText;
};

/** One FAQ entry: the shape of `knowledge/entries/<id>.json`, the D1 row and the admin API. */
export const FaqEntry = z.strictObject({
  id: EntryId,
  category: z.enum(CATEGORIES),
  /** Urgent entries put the life-saving step first and win ties in an emergency. */
  urgent: z.boolean().default(false),
  related: z.array(EntryId).max(4).default([]),
  sources: z.array(Source).min(1),
  reviewed: IsoDate,
  texts: z.strictObject(textsShape),
});

export type FaqEntry = z.infer<typeof FaqEntry>;
export type EntryText = z.infer<typeof EntryText>;

/** Per-language text, e.g. opening hours or an address. */
const Localized = z.strictObject(
  Object.fromEntries(LANGUAGES.map((lang) => [lang, z.string().min(1)])) as {
    [K in (typeof LANGUAGES)[number]]: z.ZodString;
  },
);

/** One contact in `knowledge/contacts.json`: the only place phone numbers, hours, addresses and URLs live. */
export const Contact = z.strictObject({
  phone: z.string().regex(/^(#?\d{3,4}|\d{2,5}(-\d{1,6}){1,2})$/).optional(),
  phoneAlt: z.string().regex(/^\d{2,5}(-\d{1,6}){1,2}$/).optional(),
  url: z.url().optional(),
  hours: Localized.optional(),
  address: Localized.optional(),
  sources: z.array(Source).min(1),
  reviewed: IsoDate,
});

export const Contacts = z.record(EntryId, Contact);

export type Contact = z.infer<typeof Contact>;
export type Contacts = z.infer<typeof Contacts>;

/** A phone number or URL written into an answer instead of a contact placeholder. */
export const RAW_CONTACT = /https?:\/\/|www\.|#\d{4}\b|\b0\d{1,4}-\d{1,4}-\d{3,4}\b|\b0\d{3}-\d{6}\b/;

/** Placeholder syntax used in answers: `{{field:key}}`. */
export const CONTACT_PLACEHOLDER = /\{\{(phone|phoneAlt|url|hours|address):([a-z0-9-]+)\}\}/g;

/** The id under which out-of-scope examples are searched: when it wins, the bot falls back honestly. */
export const OUT_OF_SCOPE_ID = '@out-of-scope';

/**
 * `knowledge/out-of-scope.json`: messages the FAQ does not cover (weather, restaurants,
 * passports...), searched like an entry so an off-topic question does not land on the
 * nearest FAQ entry. Never shown to residents.
 */
export const OutOfScope = z.strictObject({
  note: z.string(),
  texts: z.strictObject(
    Object.fromEntries(
      LANGUAGES.map((lang) => [lang, z.strictObject({ questions: z.array(z.string().min(1)).min(5), keywords: z.array(z.string().min(1)) })]),
    ) as { [K in (typeof LANGUAGES)[number]]: z.ZodObject<{ questions: z.ZodArray<z.ZodString>; keywords: z.ZodArray<z.ZodString> }> },
  ),
});
export type OutOfScope = z.infer<typeof OutOfScope>;
