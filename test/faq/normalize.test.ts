import { describe, expect, it } from 'vitest';
import { normalizeForIndex, normalizeText } from '../../src/faq/normalize';
import { tokenize } from '../../src/faq/tokenize';
import { loadKnowledgeFiles } from '../../tools/knowledge-files';

/**
 * The texts whose tokens differ (what the index cares about: `normalizeForIndex` may leave
 * punctuation where `normalizeText` puts a space).
 */
const differing = (texts: string[]) =>
  texts.filter((text) => {
    const folded = normalizeForIndex(text);
    const normalized = normalizeText(text);
    // Equal once punctuation and spaces are collapsed: the same tokens, without tokenising.
    if (folded.replace(/[\p{P}\p{S}\s]+/gu, ' ').trim() === normalized) return false;
    return JSON.stringify(tokenize(folded)) !== JSON.stringify(tokenize(normalized));
  });

describe('normalizeForIndex', () => {
  it('gives the tokens normalizeText gives on every text of the knowledge', () => {
    const knowledge = loadKnowledgeFiles();
    const texts = knowledge.entries.flatMap((entry) => Object.values(entry.texts).flatMap((text) => [text.title, ...text.questions, ...text.keywords]));
    expect(differing(texts)).toEqual([]);
  });

  it('gives the same tokens for every UTF-16 unit, alone and between letters', () => {
    const texts = Array.from({ length: 0x10000 }, (_, code) => String.fromCharCode(code)).map((ch) => `a${ch}b ${ch}${ch} あ${ch}`);
    expect(differing(texts)).toEqual([]);
  }, 30_000);

  it('leaves to the full path what depends on the neighbours', () => {
    const texts = [
      'ｶﾞｲｺｸｼﾞﾝ ﾄｳﾛｸ', // half-width kana with a separate voiced mark
      'ka\u3099 か\u3099', // combining voiced mark
      'e\u0301 Việt Nam \u1ec7', // combining acute, precomposed Vietnamese
      'न\u093c क़लम', // Devanagari nukta, and a letter NFC keeps decomposed
      'à\u094d é्क', // a virama after an accented Latin letter is reordered by NFD
      'ǆemal ŀa ﬁle', // one character that becomes two
      '\u1100\u1161\u11a8 ㄱㅏ', // conjoining and compatibility jamo
      'a😀b \ud800x', // a surrogate pair and a lone surrogate
      'ΟΔΟΣ ΟΔΟΣΣ', // final sigma
      'ทำ ม้าน้ำ', // Thai with sara am and tone marks
    ];
    expect(differing(texts)).toEqual([]);
  });

  it('is what normalizeText gives, but for spaces and ASCII punctuation', () => {
    expect(normalizeForIndex('Gia hạn thẻ cư trú ở đâu?')).toBe('gia han the cu tru o dau ');
    expect(normalizeForIndex('ＶＩＳＡ　ゴミ・粗大ゴミ')).toBe('visa ごみ 粗大ごみ');
    expect(normalizeForIndex('How do I renew my visa?')).toBe('how do i renew my visa?');
  });
});
