import { describe, expect, it, vi } from 'vitest';
import { DisasterState, MAX_NOTICE_LENGTH, Notices, NORMAL_MODE, parseDisasterSetting, TEMPLATE_IDS } from '../../src/disaster/state';
import { templateNotices } from '../../src/disaster/templates';
import { LANGUAGES } from '../../src/i18n/languages';

/** The only addresses a notice may give: the vetted disaster facts (shared/knowledge-spec/facts.md). */
const ALLOWED_URLS = new Set(['https://portal.bousai.pref.kumamoto.jp/', 'https://www.web171.jp/', 'https://www.jma.go.jp/jma/kokusai/multi.html']);
/** Numbers a notice may give: emergency lines and NTT's disaster message dial. */
const ALLOWED_NUMBERS = new Set(['110', '119', '171']);

describe.each(TEMPLATE_IDS)('the %s template', (template) => {
  const notices = templateNotices(template);

  it('has a notice in every language that passes the admin form’s checks', () => {
    expect(Object.keys(notices).sort()).toEqual([...LANGUAGES].sort());
    expect(Notices.safeParse(notices).success).toBe(true);
    for (const lang of LANGUAGES) expect(notices[lang].length, lang).toBeLessThanOrEqual(MAX_NOTICE_LENGTH);
  });

  it.each(LANGUAGES)('in %s gives 119 and 110 first-hand', (lang) => {
    expect(notices[lang]).toMatch(/119/);
    expect(notices[lang]).toMatch(/110/);
  });

  it.each(LANGUAGES)('in %s gives only vetted addresses and numbers', (lang) => {
    for (const url of notices[lang].match(/https?:\/\/\S+/g) ?? []) expect(ALLOWED_URLS, url).toContain(url);
    const withoutUrls = notices[lang].replace(/https?:\/\/\S+/g, '');
    // Years (2016) and alert levels are not phone numbers; anything of three or more digits otherwise must be a known line.
    for (const number of withoutUrls.match(/(?<![\d])\d{3,}(?![\d])/g) ?? []) {
      if (number === '2016') continue;
      expect(ALLOWED_NUMBERS, number).toContain(number);
    }
  });

  it('is written in each language, not copied from English', () => {
    for (const lang of LANGUAGES) if (lang !== 'en') expect(notices[lang], lang).not.toBe(notices.en);
  });
});

describe('the stored state', () => {
  it('reads as normal mode when never set or unreadable', () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(parseDisasterSetting(undefined)).toEqual(NORMAL_MODE);
    expect(parseDisasterSetting('not json')).toEqual(NORMAL_MODE);
    expect(parseDisasterSetting('{"active":true}')).toEqual(NORMAL_MODE);
    expect(logged).toHaveBeenCalledTimes(2);
    logged.mockRestore();
  });

  it('round-trips an active state', () => {
    const state = { active: true, activation: 'x', template: 'typhoon', notices: templateNotices('typhoon'), since: 5, by: 2 } as const;
    expect(parseDisasterSetting(JSON.stringify(state))).toEqual(state);
    expect(DisasterState.safeParse({ ...state, notices: { ...state.notices, vi: '   ' } }).success).toBe(false);
  });
});
