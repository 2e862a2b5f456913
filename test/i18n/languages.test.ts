import { describe, expect, it } from 'vitest';
import { languageFromLineProfile } from '../../src/i18n/languages';

describe('languageFromLineProfile', () => {
  it.each([
    ['ja', 'ja'],
    ['en', 'en'],
    ['en-US', 'en'],
    ['zh-Hans', 'zh-Hans'],
    ['zh-CN', 'zh-Hans'],
    ['zh-TW', 'zh-Hant'],
    ['zh-Hant', 'zh-Hant'],
    ['zh-HK', 'zh-Hant'],
    ['ko', 'ko'],
    ['vi', 'vi'],
    ['ne', 'ne'],
    ['id', 'id'],
    ['in', 'id'],
    ['tl', 'tl'],
    ['fil', 'tl'],
  ])('maps the LINE language %s to %s', (tag, lang) => {
    expect(languageFromLineProfile(tag)).toBe(lang);
  });

  it('returns nothing for a language the bot does not speak yet, or none', () => {
    expect(languageFromLineProfile('th')).toBeUndefined();
    expect(languageFromLineProfile('pt-BR')).toBeUndefined();
    expect(languageFromLineProfile(undefined)).toBeUndefined();
  });
});
