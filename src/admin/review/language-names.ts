/** The residents' languages named for the admin pages (English UI), as the console names them (src/console/static/lib/format.js). */
import type { Language } from '../../i18n/languages';

export const LANGUAGE_NAMES: Record<Language, string> = {
  ja: 'Japanese',
  'ja-easy': 'Easy Japanese',
  en: 'English',
  'zh-Hans': 'Chinese (simplified)',
  'zh-Hant': 'Chinese (traditional)',
  ko: 'Korean',
  vi: 'Vietnamese',
  ne: 'Nepali',
  id: 'Indonesian',
  tl: 'Tagalog',
};

/** A language code as a name ("unknown" and codes from elsewhere as they are). */
export function languageName(code: string | null | undefined): string {
  if (!code || code === 'unknown') return 'Not known';
  return (LANGUAGE_NAMES as Record<string, string>)[code] ?? code;
}
