import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../src/i18n/i18n';
import { LANGUAGES } from '../../src/i18n/languages';
import { MAX_ACTION_LABEL_LENGTH, MAX_TEXT_LENGTH } from '../../src/line/limits';

function flatten(value: unknown, prefix = ''): Record<string, string> {
  if (typeof value === 'string') return { [prefix]: value };
  return Object.entries(value as Record<string, unknown>).reduce<Record<string, string>>(
    (all, [key, inner]) => ({ ...all, ...flatten(inner, prefix ? `${prefix}.${key}` : key) }),
    {},
  );
}

const english = flatten(LOCALES.en);
const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('locales', () => {
  it('exist for every language', () => {
    expect(Object.keys(LOCALES).sort()).toEqual([...LANGUAGES].sort());
  });

  it.each(LANGUAGES)('%s has exactly the keys of English, none empty', (lang) => {
    const strings = flatten(LOCALES[lang]);
    expect(Object.keys(strings).sort()).toEqual(Object.keys(english).sort());
    for (const [key, text] of Object.entries(strings)) expect(text.trim(), key).not.toBe('');
  });

  it.each(LANGUAGES)('%s keeps every interpolation of English', (lang) => {
    const strings = flatten(LOCALES[lang]);
    for (const [key, text] of Object.entries(english)) expect(placeholders(strings[key]), key).toEqual(placeholders(text));
  });

  it.each(LANGUAGES)('%s fits LINE: button labels of at most 20 characters, texts within 5000 units', (lang) => {
    const strings = flatten(LOCALES[lang]);
    for (const [key, text] of Object.entries(strings)) {
      if (key.startsWith('quickReply.') || key === 'language.name') expect([...text].length, key).toBeLessThanOrEqual(MAX_ACTION_LABEL_LENGTH);
      expect(text.length, key).toBeLessThanOrEqual(MAX_TEXT_LENGTH);
    }
  });

  it.each(LANGUAGES)('%s gives the emergency numbers 110 and 119', (lang) => {
    expect(LOCALES[lang].emergency.notice).toMatch(/119/);
    expect(LOCALES[lang].emergency.notice).toMatch(/110/);
  });
});
