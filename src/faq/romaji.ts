/**
 * Romanised Japanese (Hepburn, kunrei and the casual spellings residents type on LINE) to
 * hiragana, so a query like "gomi no dashikata" can meet the Japanese FAQ text. Pure and
 * allocation-light: one trie built at load, one left-to-right pass per word, no regex.
 */

/** Syllables ending in a vowel, in every spelling we accept. `n` is handled by the parser. */
const SYLLABLES: Record<string, string> = {
  a: 'あ', i: 'い', u: 'う', e: 'え', o: 'お',
  ka: 'か', ki: 'き', ku: 'く', ke: 'け', ko: 'こ', kya: 'きゃ', kyu: 'きゅ', kyo: 'きょ',
  ga: 'が', gi: 'ぎ', gu: 'ぐ', ge: 'げ', go: 'ご', gya: 'ぎゃ', gyu: 'ぎゅ', gyo: 'ぎょ',
  sa: 'さ', si: 'し', shi: 'し', su: 'す', se: 'せ', so: 'そ',
  sha: 'しゃ', shu: 'しゅ', sho: 'しょ', she: 'しぇ', sya: 'しゃ', syu: 'しゅ', syo: 'しょ',
  za: 'ざ', zi: 'じ', zu: 'ず', ze: 'ぜ', zo: 'ぞ', zya: 'じゃ', zyu: 'じゅ', zyo: 'じょ',
  ja: 'じゃ', ji: 'じ', ju: 'じゅ', je: 'じぇ', jo: 'じょ', jya: 'じゃ', jyu: 'じゅ', jyo: 'じょ',
  ta: 'た', ti: 'ち', tu: 'つ', tsu: 'つ', te: 'て', to: 'と', tya: 'ちゃ', tyu: 'ちゅ', tyo: 'ちょ',
  chi: 'ち', cha: 'ちゃ', chu: 'ちゅ', che: 'ちぇ', cho: 'ちょ', cya: 'ちゃ', cyu: 'ちゅ', cyo: 'ちょ',
  thi: 'てぃ', dhi: 'でぃ',
  da: 'だ', di: 'ぢ', du: 'づ', dzu: 'づ', de: 'で', do: 'ど', dya: 'ぢゃ', dyu: 'ぢゅ', dyo: 'ぢょ',
  na: 'な', ni: 'に', nu: 'ぬ', ne: 'ね', no: 'の', nya: 'にゃ', nyu: 'にゅ', nyo: 'にょ',
  ha: 'は', hi: 'ひ', hu: 'ふ', fu: 'ふ', he: 'へ', ho: 'ほ', hya: 'ひゃ', hyu: 'ひゅ', hyo: 'ひょ',
  fa: 'ふぁ', fi: 'ふぃ', fe: 'ふぇ', fo: 'ふぉ', fyu: 'ふゅ',
  ba: 'ば', bi: 'び', bu: 'ぶ', be: 'べ', bo: 'ぼ', bya: 'びゃ', byu: 'びゅ', byo: 'びょ',
  pa: 'ぱ', pi: 'ぴ', pu: 'ぷ', pe: 'ぺ', po: 'ぽ', pya: 'ぴゃ', pyu: 'ぴゅ', pyo: 'ぴょ',
  ma: 'ま', mi: 'み', mu: 'む', me: 'め', mo: 'も', mya: 'みゃ', myu: 'みゅ', myo: 'みょ',
  ya: 'や', yu: 'ゆ', ye: 'いぇ', yo: 'よ',
  ra: 'ら', ri: 'り', ru: 'る', re: 'れ', ro: 'ろ', rya: 'りゃ', ryu: 'りゅ', ryo: 'りょ',
  wa: 'わ', wi: 'うぃ', we: 'うぇ', wo: 'を',
  va: 'ゔぁ', vi: 'ゔぃ', vu: 'ゔ', ve: 'ゔぇ', vo: 'ゔぉ',
};

/**
 * Consonants that double into a small tsu. Loanwords double voiced ones too (baggu, beddo,
 * bajji); n, m, w, y, r are left out because "nn"/"mm" mean ん and "www" is laughter.
 */
const SOKUON_CONSONANTS = 'kgsztdcbpfhjv';
/** Hepburn writes ん as m before these (shimbun, tempura, sammai). */
const M_AS_N_BEFORE = 'bpm';
const VOWELS = 'aiueo';
/** Separators a resident may type inside a word; they also end a syllabic n (kin'en, shin-an). */
const WORD_JOINERS = "'-";
/** Enough for the variants `romajiVariants` makes (plain, same-vowel ー, also おう ー). */
const MAX_VARIANTS = 4;
const LONG_MARK = 'ー';

/** Macron and circumflex vowels; ō is おう as in kōshin, the usual reading. */
const LONG_VOWELS: Record<string, string> = {
  ā: 'aa', â: 'aa', ī: 'ii', î: 'ii', ū: 'uu', û: 'uu', ē: 'ee', ê: 'ee', ō: 'ou', ô: 'ou',
};
const COMBINING_MACRON = '\u0304';
const COMBINING_CIRCUMFLEX = '\u0302';
const WHITESPACE = /\s+/;

interface TrieNode {
  kana?: string;
  next: Map<string, TrieNode>;
}

const TRIE: TrieNode = buildTrie(SYLLABLES);

function buildTrie(table: Record<string, string>): TrieNode {
  const root: TrieNode = { next: new Map() };
  for (const [romaji, kana] of Object.entries(table)) {
    let node = root;
    for (const ch of romaji) {
      let child = node.next.get(ch);
      if (!child) node.next.set(ch, (child = { next: new Map() }));
      node = child;
    }
    node.kana = kana;
  }
  return root;
}

/** Plain hiragana and the long-mark spellings katakana loanwords fold to. */
interface Parsed {
  plain: string;
  /** A vowel repeating the previous syllable's vowel written ー (かあど -> かーど). */
  sameVowelLong: string;
  /** As above, and う after an o-syllable too (こうひい -> こーひー), for ō and "ou" spellings. */
  anyLong: string;
}

/** Expands macrons and circumflexes to doubled vowels; undefined for any other non-ASCII letter. */
function expandLongVowels(word: string): string | undefined {
  let out = '';
  for (const ch of word) {
    if (ch.charCodeAt(0) < 0x80) out += ch;
    else if (ch in LONG_VOWELS) out += LONG_VOWELS[ch];
    else if (ch === COMBINING_MACRON || ch === COMBINING_CIRCUMFLEX) {
      const previous = out[out.length - 1];
      if (previous === undefined || !VOWELS.includes(previous)) return undefined;
      out += previous === 'o' ? 'u' : previous;
    } else return undefined;
  }
  return out;
}

function parse(rawWord: string): Parsed | undefined {
  let word = rawWord.toLowerCase();
  for (let i = 0; i < word.length; i++) {
    if (word.charCodeAt(i) >= 0x80) {
      const expanded = expandLongVowels(word);
      if (expanded === undefined) return undefined;
      word = expanded;
      break;
    }
  }

  let plain = '';
  let sameVowelLong = '';
  let anyLong = '';
  let previousVowel = '';
  let syllables = 0;
  let i = 0;
  while (i < word.length) {
    const ch = word[i];
    const next = word[i + 1];

    if (WORD_JOINERS.includes(ch)) {
      previousVowel = '';
      i++;
      continue;
    }

    // Syllabic n: before a consonant, a joiner or the end; "nn" is one ん unless a vowel follows
    // (minna, konnichiwa keep their な/に).
    if (ch === 'n' && (next === undefined || !(VOWELS.includes(next) || next === 'y'))) {
      const afterNext = word[i + 2];
      const doubled = next === 'n' && (afterNext === undefined || !(VOWELS.includes(afterNext) || afterNext === 'y'));
      const apostrophe = next === "'";
      plain += 'ん';
      sameVowelLong += 'ん';
      anyLong += 'ん';
      previousVowel = '';
      syllables++;
      i += doubled || apostrophe ? 2 : 1;
      continue;
    }
    if (ch === 'm' && next !== undefined && M_AS_N_BEFORE.includes(next)) {
      plain += 'ん';
      sameVowelLong += 'ん';
      anyLong += 'ん';
      previousVowel = '';
      syllables++;
      i++;
      continue;
    }

    // Small tsu: a doubled consonant (kk, ss, pp, cch) or Hepburn's tch.
    if (next !== undefined && ((ch === next && SOKUON_CONSONANTS.includes(ch)) || (ch === 't' && next === 'c' && word[i + 2] === 'h'))) {
      plain += 'っ';
      sameVowelLong += 'っ';
      anyLong += 'っ';
      previousVowel = '';
      i++;
      continue;
    }

    // Longest match in the syllable trie.
    let node: TrieNode | undefined = TRIE;
    let kana: string | undefined;
    let length = 0;
    for (let j = i; j < word.length; j++) {
      node = node.next.get(word[j]);
      if (!node) break;
      if (node.kana !== undefined) {
        kana = node.kana;
        length = j - i + 1;
      }
    }
    if (kana === undefined) return undefined;

    const vowel = word[i + length - 1];
    plain += kana;
    if (length === 1 && vowel === previousVowel) {
      sameVowelLong += LONG_MARK;
      anyLong += LONG_MARK;
    } else {
      sameVowelLong += kana;
      anyLong += length === 1 && vowel === 'u' && previousVowel === 'o' ? LONG_MARK : kana;
      previousVowel = vowel;
    }
    syllables++;
    i += length;
  }
  // A word of joiners and small tsu alone ("-", "kk") is not Japanese.
  return syllables > 0 && !plain.endsWith('っ') ? { plain, sameVowelLong, anyLong } : undefined;
}

/**
 * Hiragana for a romaji word, or undefined when the word does not parse as romaji
 * (e.g. English "visa" parses, "strength" does not).
 */
export function romajiWordToHiragana(word: string): string | undefined {
  return parse(word)?.plain;
}

/**
 * Converts every word of a lower-case Latin text that parses as romaji; other words are
 * dropped. Words stay separated by one space, so the tokeniser does not make bigrams across a
 * word that was dropped. Returns '' if none parse.
 */
export function romajiToHiragana(text: string): string {
  let out = '';
  for (const word of text.split(WHITESPACE)) {
    if (word === '') continue;
    const kana = parse(word)?.plain;
    if (kana !== undefined) out = out === '' ? kana : out + ' ' + kana;
  }
  return out;
}

/**
 * Spellings of a romaji word to search with: the hiragana first, then the forms where a long
 * vowel is written ー as katakana loanwords fold to (kaado -> かあど, かーど; kōhī -> こうひい,
 * こうひー, こーひー). Deduplicated, at most four; empty when the word does not parse.
 */
export function romajiVariants(word: string): string[] {
  const parsed = parse(word);
  if (!parsed) return [];
  const variants = [parsed.plain];
  for (const variant of [parsed.sameVowelLong, parsed.anyLong]) {
    if (!variants.includes(variant) && variants.length < MAX_VARIANTS) variants.push(variant);
  }
  return variants;
}
