/**
 * UI strings from `locales/<lang>.json` through i18next. Every string a resident sees comes
 * from here or from `knowledge/`; easy Japanese falls back to Japanese, everything else to English.
 */
import i18next, { type TFunction } from 'i18next';
import en from '../../locales/en.json';
import id from '../../locales/id.json';
import ja from '../../locales/ja.json';
import jaEasy from '../../locales/ja-easy.json';
import ko from '../../locales/ko.json';
import ne from '../../locales/ne.json';
import tl from '../../locales/tl.json';
import vi from '../../locales/vi.json';
import zhHans from '../../locales/zh-Hans.json';
import zhHant from '../../locales/zh-Hant.json';
import { DEFAULT_LANGUAGE, type Language } from './languages';

/** Locale files by language; the locale tests check each has exactly the keys of `en`. */
export const LOCALES: Record<Language, typeof en> = {
  ja,
  'ja-easy': jaEasy,
  en,
  'zh-Hans': zhHans,
  'zh-Hant': zhHant,
  ko,
  vi,
  ne,
  id,
  tl,
};

const instance = i18next.createInstance();
void instance.init({
  resources: Object.fromEntries(Object.entries(LOCALES).map(([lang, strings]) => [lang, { translation: strings }])),
  lng: DEFAULT_LANGUAGE,
  fallbackLng: { 'ja-easy': ['ja', 'en'], default: ['en'] },
  // Resources are bundled, so initialisation is synchronous and per isolate.
  initAsync: false,
  // LINE text is plain text, not HTML: escaping would show "&amp;" to residents.
  interpolation: { escapeValue: false },
  returnNull: false,
});

/** A translator bound to one language. */
export function translator(lang: Language): TFunction {
  return instance.getFixedT(lang);
}
