/** Small, valid FAQ data for the FAQ editor's pure modules. */
import type { Contacts, FaqEntry } from '../../src/faq/schema';
import { LANGUAGES } from '../../src/i18n/languages';

export function makeEntry(id: string, answer = (lang: string) => `Answer in ${lang}: call {{phone:plaza}}.`): FaqEntry {
  return {
    id,
    category: 'life',
    urgent: false,
    related: [],
    sources: [{ title: 'City guide', url: 'https://www.city.kumamoto.jp/' }],
    reviewed: '2026-01-15',
    texts: Object.fromEntries(
      LANGUAGES.map((lang) => [
        lang,
        { title: `${id} (${lang})`, questions: [1, 2, 3, 4, 5].map((n) => `${id} question ${n} ${lang}`), keywords: [`${id}-${lang}`], answer: answer(lang) },
      ]),
    ) as FaqEntry['texts'],
  };
}

export const contacts: Contacts = {
  plaza: {
    phone: '096-359-2121',
    hours: Object.fromEntries(LANGUAGES.map((lang) => [lang, `9:00-17:00 (${lang})`])) as NonNullable<Contacts[string]['hours']>,
    sources: [{ title: 'Plaza' }],
    reviewed: '2026-01-01',
  },
};
