import { describe, expect, it } from 'vitest';
import { normalizeText } from '../../src/faq/normalize';
import { buildIndex, search, type SearchDocument } from '../../src/faq/search';
import { tokenize } from '../../src/faq/tokenize';

const docs: SearchDocument[] = [
  { id: 'garbage', lang: 'ja', fields: [{ text: 'ごみの出し方', weight: 2 }, { text: 'ゴミはいつ出す？', weight: 1 }] },
  { id: 'garbage', lang: 'en', fields: [{ text: 'How to put out garbage', weight: 2 }, { text: 'which day is trash collected', weight: 1 }] },
  { id: 'garbage', lang: 'vi', fields: [{ text: 'Cách đổ rác', weight: 2 }, { text: 'đổ rác ngày nào', weight: 1 }] },
  { id: 'residence-renewal', lang: 'en', fields: [{ text: 'Extending the period of stay', weight: 2 }, { text: 'my visa expires next month', weight: 1 }, { text: 'renew visa', weight: 1 }] },
  { id: 'residence-renewal', lang: 'vi', fields: [{ text: 'Gia hạn tư cách lưu trú', weight: 2 }, { text: 'gia hạn visa ở đâu', weight: 1 }] },
  { id: 'residence-renewal', lang: 'zh-Hans', fields: [{ text: '在留期间更新', weight: 2 }, { text: '签证快到期了怎么续签', weight: 1 }] },
  { id: 'ambulance-119', lang: 'en', fields: [{ text: 'Calling an ambulance', weight: 2 }, { text: 'how do i call an ambulance', weight: 1 }] },
  { id: 'ambulance-119', lang: 'ko', fields: [{ text: '구급차 부르기', weight: 2 }, { text: '구급차를 부르고 싶어요', weight: 1 }] },
];
const index = buildIndex(docs);

describe('normalizeText', () => {
  it('folds full-width forms, case, katakana and Latin diacritics', () => {
    expect(normalizeText('ＶＩＳＡ　ゴミ')).toBe('visa ごみ');
    expect(normalizeText('Gia hạn thẻ cư trú ở đâu?')).toBe('gia han the cu tru o dau');
    expect(normalizeText('Đổi địa chỉ')).toBe('doi dia chi');
  });

  it('keeps Devanagari vowel signs, which are letters there', () => {
    expect(normalizeText('भिसा नवीकरण')).toBe('भिसा नवीकरण');
  });
});

describe('tokenize', () => {
  it('turns unspaced Japanese and Chinese into character n-grams', () => {
    const { units } = tokenize(normalizeText('在留カード'));
    expect(units.flat()).toEqual(expect.arrayContaining(['c:在', 'c:在留', 'c:留か', 'c:かー']));
  });

  it('gives long Latin words a prefix stem so inflections meet', () => {
    const { units } = tokenize('renewal');
    expect(units).toEqual([['w:renewal', 's:renew']]);
  });

  it('pairs Latin words as bonus bigrams (Vietnamese syllables)', () => {
    expect(tokenize('gia han').bonus).toEqual(['b:gia_han']);
  });
});

describe('search', () => {
  it('finds an entry from Vietnamese typed without diacritics', () => {
    expect(search(index, 'gia han visa o dau')[0].id).toBe('residence-renewal');
  });

  it('finds an entry from easy Japanese with spaces and katakana/hiragana mixed', () => {
    expect(search(index, 'ごみ いつ だす')[0].id).toBe('garbage');
  });

  it('finds an entry from Chinese and Korean, which have no spaces or glue particles', () => {
    expect(search(index, '签证到期了')[0].id).toBe('residence-renewal');
    expect(search(index, '구급차 어떻게 불러요')[0].id).toBe('ambulance-119');
  });

  it('reads romaji as Japanese when the word is not otherwise known', () => {
    expect(search(index, 'gomi itsu dasu no')[0].id).toBe('garbage');
  });

  it('tolerates a typo in a Latin word through fuse.js', () => {
    expect(search(index, 'ambulanse')[0].id).toBe('ambulance-119');
  });

  it('scores in [0,1], higher when more of the query is covered', () => {
    const full = search(index, 'my visa expires next month')[0];
    const partial = search(index, 'visa for my cat and the weather tomorrow')[0];
    expect(full.score).toBeGreaterThan(partial.score);
    for (const result of [full, partial]) {
      expect(result.score).toBeGreaterThanOrEqual(0);
      expect(result.score).toBeLessThanOrEqual(1);
    }
  });

  it('returns nothing for text with no known token, and for empty text', () => {
    expect(search(index, 'zzzz qqqq')).toEqual([]);
    expect(search(index, '   ')).toEqual([]);
  });
});
