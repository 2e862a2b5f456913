import { describe, expect, it } from 'vitest';
import { romajiToHiragana, romajiVariants, romajiWordToHiragana } from '../../src/faq/romaji';

describe('romajiWordToHiragana', () => {
  const words: Array<[string, string, string]> = [
    // [why, romaji, hiragana]
    ['gojuon', 'aiueo', 'あいうえお'],
    ['gojuon', 'kakikukeko', 'かきくけこ'],
    ['gojuon', 'sashisuseso', 'さしすせそ'],
    ['gojuon', 'tachitsuteto', 'たちつてと'],
    ['gojuon', 'naninuneno', 'なにぬねの'],
    ['gojuon', 'hahifuheho', 'はひふへほ'],
    ['gojuon', 'mamimumemo', 'まみむめも'],
    ['gojuon', 'yayuyo', 'やゆよ'],
    ['gojuon', 'rarirurero', 'らりるれろ'],
    ['gojuon', 'wawo', 'わを'],
    ['dakuten', 'gagigugego', 'がぎぐげご'],
    ['dakuten', 'zajizuzezo', 'ざじずぜぞ'],
    ['dakuten', 'dadidudedo', 'だぢづでど'],
    ['dakuten', 'babibubebo', 'ばびぶべぼ'],
    ['handakuten', 'papipupepo', 'ぱぴぷぺぽ'],
    ['kunrei', 'sitihuzitu', 'しちふじつ'],
    ['youon', 'kyakyukyo', 'きゃきゅきょ'],
    ['youon', 'shashusho', 'しゃしゅしょ'],
    ['youon kunrei', 'syasyusyo', 'しゃしゅしょ'],
    ['youon', 'chachucho', 'ちゃちゅちょ'],
    ['youon kunrei', 'tyatyutyo', 'ちゃちゅちょ'],
    ['youon', 'jajujo', 'じゃじゅじょ'],
    ['youon kunrei', 'zyazyuzyo', 'じゃじゅじょ'],
    ['youon casual', 'jyajyujyo', 'じゃじゅじょ'],
    ['youon', 'nyanyunyo', 'にゃにゅにょ'],
    ['youon', 'ryuugaku', 'りゅうがく'],
    ['youon', 'byouin', 'びょういん'],
    ['youon', 'happyou', 'はっぴょう'],
    ['youon', 'gyuunyuu', 'ぎゅうにゅう'],
    ['small tsu', 'kitte', 'きって'],
    ['small tsu', 'gakkou', 'がっこう'],
    ['small tsu', 'zasshi', 'ざっし'],
    ['small tsu', 'ippai', 'いっぱい'],
    ['small tsu Hepburn tch', 'matcha', 'まっちゃ'],
    ['small tsu casual cch', 'maccha', 'まっちゃ'],
    ['small tsu loanword', 'baggu', 'ばっぐ'],
    ['n before consonant', 'kenkou', 'けんこう'],
    ['n at the end', 'hon', 'ほん'],
    ['n before a vowel needs an apostrophe', "kin'en", 'きんえん'],
    ['n before y needs an apostrophe', "kin'yuu", 'きんゆう'],
    ['nn is one n', 'honn', 'ほん'],
    ['nn before a vowel keeps the na', 'minna', 'みんな'],
    ['nn before a vowel keeps the ni', 'konnichiwa', 'こんにちわ'],
    ['nn before y', 'tennyuu', 'てんにゅう'],
    ['Hepburn m before b', 'shimbun', 'しんぶん'],
    ['Hepburn m before p', 'tempura', 'てんぷら'],
    ['doubled long vowel', 'kaado', 'かあど'],
    ['doubled long vowel', 'juusho', 'じゅうしょ'],
    ['ou long vowel', 'koushin', 'こうしん'],
    ['oo long vowel', 'oosaka', 'おおさか'],
    ['wo', 'wo', 'を'],
    ['macron', 'kōshin', 'こうしん'],
    ['macron', 'jūsho', 'じゅうしょ'],
    ['macron', 'kādo', 'かあど'],
    ['circumflex', 'kôshin', 'こうしん'],
    ['combining macron', 'ko\u0304shin', 'こうしん'],
    ['hyphen inside a word', 'zairyu-kaado', 'ざいりゅかあど'],
    ['hyphen ends a syllabic n', 'shin-an', 'しんあん'],
    ['f and v in loanwords', 'fairu', 'ふぁいる'],
    ['English that happens to be romaji', 'visa', 'ゔぃさ'],
    ['capitals are folded', 'Gomi', 'ごみ'],
  ];
  it.each(words)('converts %s: %s', (_why, romaji, hiragana) => {
    expect(romajiWordToHiragana(romaji)).toBe(hiragana);
  });

  it.each(['strength', 'christmas', 'xyz', 'hello', 'qatar', 'kk', 'ky', '119', 'đổ', "don't", '', '-'])(
    'rejects %j, which is not romaji',
    (word) => {
      expect(romajiWordToHiragana(word)).toBeUndefined();
    },
  );
});

describe('romajiToHiragana', () => {
  const sentences: Array<[string, string]> = [
    ['zairyu kaado nakushita', 'ざいりゅ かあど なくした'],
    ['gomi no dashikata ga wakaranai', 'ごみ の だしかた が わからない'],
    ['tennyuu todoke wa doko', 'てんにゅう とどけ わ どこ'],
    ['byouin ni ikitai', 'びょういん に いきたい'],
  ];
  it.each(sentences)('converts %j', (text, hiragana) => {
    expect(romajiToHiragana(text)).toBe(hiragana);
  });

  it('drops the words that are not romaji', () => {
    expect(romajiToHiragana('my residence card nakushita')).toBe('なくした');
  });

  it('returns an empty string when no word parses', () => {
    expect(romajiToHiragana('strength christmas')).toBe('');
    expect(romajiToHiragana('   ')).toBe('');
  });
});

describe('romajiVariants', () => {
  it('adds the long-mark spelling katakana loanwords fold to', () => {
    expect(romajiVariants('kaado')).toEqual(['かあど', 'かーど']);
  });

  it('also writes う after an o-syllable as ー for ō spellings', () => {
    expect(romajiVariants('kōhī')).toEqual(['こうひい', 'こうひー', 'こーひー']);
  });

  it('returns the hiragana alone when there is no long vowel', () => {
    expect(romajiVariants('gomi')).toEqual(['ごみ']);
  });

  it('returns no variants for a word that is not romaji', () => {
    expect(romajiVariants('strength')).toEqual([]);
  });

  it('never returns more than four, all distinct', () => {
    for (const word of ['kaado', 'koohii', 'kōhī', 'juusho', 'meeru', 'toukyou']) {
      const variants = romajiVariants(word);
      expect(variants.length).toBeLessThanOrEqual(4);
      expect(new Set(variants).size).toBe(variants.length);
    }
  });
});
