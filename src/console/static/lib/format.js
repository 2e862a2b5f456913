// @ts-check
/** Words and numbers as staff read them: languages, waiting times, clock times, message kinds. */

/** The residents' languages (src/i18n/languages.ts), named for staff. */
export const LANGUAGE_NAMES = /** @type {Record<string, { name: string, short: string }>} */ ({
  ja: { name: 'Japanese', short: 'JA' },
  'ja-easy': { name: 'Easy Japanese', short: 'やさしい' },
  en: { name: 'English', short: 'EN' },
  'zh-Hans': { name: 'Chinese (simplified)', short: '简' },
  'zh-Hant': { name: 'Chinese (traditional)', short: '繁' },
  ko: { name: 'Korean', short: 'KO' },
  vi: { name: 'Vietnamese', short: 'VI' },
  ne: { name: 'Nepali', short: 'NE' },
  id: { name: 'Indonesian', short: 'ID' },
  tl: { name: 'Tagalog', short: 'TL' },
});

/** @param {string | null | undefined} code */
export function languageName(code) {
  return (code && LANGUAGE_NAMES[code]?.name) || (code ? code : 'Language not known yet');
}

/** @param {string | null | undefined} code */
export function languageShort(code) {
  return (code && LANGUAGE_NAMES[code]?.short) || (code ? code.toUpperCase() : '?');
}

/**
 * "3 min", "1 h 20 min", "2 days".
 * @param {number} ms
 */
export function duration(ms) {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 1) return 'under a minute';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return days === 1 ? '1 day' : `${days} days`;
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
const fullFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'medium' });

/**
 * A clock time today, else a date and time.
 * @param {number} at
 */
export function clock(at) {
  const date = new Date(at);
  return date.toDateString() === new Date().toDateString() ? timeFormat.format(date) : dateTimeFormat.format(date);
}

/** @param {number} at */
export function fullTime(at) {
  return fullFormat.format(new Date(at));
}

/** What a non-text message is, in a word. */
const KIND_NAMES = /** @type {Record<string, string>} */ ({
  image: 'Photo',
  video: 'Video',
  audio: 'Voice message',
  file: 'File',
  sticker: 'Sticker',
  location: 'Location',
  postback: 'Tapped a button',
  note: 'Private note',
});

/**
 * One line for the queue: who spoke last and what.
 * @param {{ text: string | null, kind: string, direction: string, sender: string } | null} last
 */
export function lastMessageLine(last) {
  if (!last) return 'No messages yet';
  const who = last.direction === 'incoming' ? '' : last.sender === 'staff' ? 'Staff: ' : 'Bot: ';
  const what = last.text ?? `[${KIND_NAMES[last.kind] ?? last.kind}]`;
  return `${who}${what.replace(/\s+/g, ' ').trim()}`;
}

/** @param {string} kind */
export function kindName(kind) {
  return KIND_NAMES[kind] ?? kind;
}

/** Why the chat was handed to staff (`handoff_reason`). */
export const HANDOFF_REASONS = /** @type {Record<string, string>} */ ({
  asked: 'asked for a person',
  tapped: 'tapped “Talk to staff”',
  fallbacks: 'the bot could not answer twice',
  emergency: 'possible emergency',
});

/**
 * A file size for people.
 * @param {number | null | undefined} bytes
 */
export function fileSize(bytes) {
  if (typeof bytes !== 'number' || !Number.isFinite(bytes)) return '';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
