/**
 * Guesses the language of a resident's message, and from it the language to reply in.
 * Pure and dependency-free, for short, casual, misspelt LINE messages: about 10 µs for a short
 * message and 25 µs on average over the dev set (Node, one core).
 *
 * Scripts decide first (kana -> Japanese, Hangul -> Korean, Devanagari -> Nepali, Thai,
 * Myanmar; Han alone -> Chinese or kanji-only Japanese, see `detect-han.ts`); Latin text is
 * scored word by word (`detect-latin.ts`). Easy Japanese is told from Japanese by its style:
 * kana words separated by spaces ("びょういん に いきたい です").
 */
import { classifyHan } from './detect-han';
import { detectLatin, type LatinVerdict } from './detect-latin';
import { isLanguage, type Language } from './languages';

/** Languages we can recognise; th, my, pt and es are recognised but not answered in. */
export type DetectedLanguage = Language | 'th' | 'my' | 'pt' | 'es';

/** A guess at a message's language. */
export interface Detection {
  /** undefined when the text carries no usable signal (emoji only, numbers, "ok", "?"). */
  lang: DetectedLanguage | undefined;
  /**
   * 0..1: how sure; short or mixed text is low. For Japanese it also says how clear the
   * style (plain or easy Japanese) is: all-kana text without spaces stays below the style bar.
   */
  confidence: number;
  /** true for Latin-script Japanese (romaji) or Nepali. */
  romanized: boolean;
}

/** Below this, a detection does not change the reply language. */
export const SWITCH_MIN_CONFIDENCE = 0.6;
/** Switching between Japanese and easy Japanese needs a clear style, not just Japanese. */
export const STYLE_SWITCH_MIN_CONFIDENCE = 0.8;

/** Characters for which a script reaches about two thirds of full confidence. */
const CJK_LENGTH_SCALE = 4;
/** Alphabetic scripts spend several characters per word, so they need more of them. */
const ALPHABETIC_LENGTH_SCALE = 10;
/** Kana share of the Japanese characters at or above which a Han-heavy text is Japanese anyway. */
const MIN_KANA_SHARE = 0.1;
/** Kanji share at or below which spaced Japanese still reads as easy Japanese. */
const EASY_MAX_KANJI_SHARE = 0.25;
/** Kanji share from which unspaced Japanese is clearly the ordinary style. */
const PLAIN_MIN_KANJI_SHARE = 0.12;
/** Style certainty when Japanese shows neither spaced words nor kanji ("ありがとうございます"). */
const UNCLEAR_STYLE_CAP = 0.7;
/** Word spaces from which spacing is a style rather than a pause between two sentences. */
const CLEAR_EASY_SPACES = 2;
/** Average characters per space-separated chunk up to which spacing reads as word spacing. */
const EASY_MAX_AVERAGE_WORD = 5;
/** A particle standing alone between spaces is the mark of word-spaced easy Japanese. */
const STANDALONE_PARTICLES = new Set([
  'は', 'が', 'を', 'に', 'で', 'の', 'も', 'と', 'へ', 'か', 'です', 'ですか', 'ます', 'ますか',
]);
/** Latin words count this much against script words before Latin text takes over. */
const LATIN_TAKEOVER_RATIO = 2;
const COURTESY_CONFIDENCE_CAP = 0.4;

/** Whole messages that are only a greeting or thanks: politeness, not a language choice. */
const COURTESY_PHRASES = new Set([
  'ありがとう',
  'ありがとうございます',
  'ありがとうございました',
  'すみません',
  'こんにちは',
  'はい',
  'いいえ',
  'おはようございます',
  '감사합니다',
  '고맙습니다',
  '안녕하세요',
  '네',
  '谢谢',
  '謝謝',
  '你好',
  '好的',
  'धन्यवाद',
  'नमस्ते',
  'ขอบคุณ',
  'ขอบคุณครับ',
  'ขอบคุณค่ะ',
  'สวัสดี',
  'สวัสดีครับ',
  'สวัสดีค่ะ',
]);

interface ScriptCounts {
  hiragana: number;
  katakana: number;
  han: number;
  hangul: number;
  devanagari: number;
  thai: number;
  myanmar: number;
  latin: number;
  /** Spaces between two Japanese characters: the word spacing of easy Japanese. */
  japaneseSpaces: number;
}

type Script = 'japanese' | 'han' | 'hangul' | 'devanagari' | 'thai' | 'myanmar' | 'latin' | 'other';

function scriptOf(code: number): Script {
  if (code < 0x80) return (code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a ? 'latin' : 'other';
  if (code >= 0x3040 && code <= 0x30ff) return 'japanese';
  // 々 (kanji repeat mark) is Japanese-only; ー sits inside the katakana block already.
  if (code === 0x3005) return 'japanese';
  if ((code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf) || (code >= 0xf900 && code <= 0xfaff)) {
    return 'han';
  }
  if ((code >= 0xac00 && code <= 0xd7af) || (code >= 0x1100 && code <= 0x11ff) || (code >= 0x3130 && code <= 0x318f)) {
    return 'hangul';
  }
  if (code >= 0x0900 && code <= 0x097f) return 'devanagari';
  if (code >= 0x0e00 && code <= 0x0e7f) return 'thai';
  if ((code >= 0x1000 && code <= 0x109f) || (code >= 0xa9e0 && code <= 0xa9ff) || (code >= 0xaa60 && code <= 0xaa7f)) {
    return 'myanmar';
  }
  if ((code >= 0xc0 && code <= 0x24f && code !== 0xd7 && code !== 0xf7) || (code >= 0x1e00 && code <= 0x1eff)) {
    return 'latin';
  }
  if (code >= 0x20000 && code <= 0x3134f) return 'han';
  return 'other';
}

function countScripts(text: string): ScriptCounts {
  const counts: ScriptCounts = {
    hiragana: 0,
    katakana: 0,
    han: 0,
    hangul: 0,
    devanagari: 0,
    thai: 0,
    myanmar: 0,
    latin: 0,
    japaneseSpaces: 0,
  };
  let previous: Script = 'other';
  let spaceAfterJapanese = false;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code === 0x20 || code === 0x3000) {
      spaceAfterJapanese = previous === 'japanese' || previous === 'han';
      continue;
    }
    const script = scriptOf(code);
    switch (script) {
      case 'japanese':
        if (code >= 0x30a0) counts.katakana++;
        else counts.hiragana++;
        break;
      case 'han':
        counts.han++;
        break;
      case 'other':
        break;
      default:
        counts[script]++;
    }
    if (spaceAfterJapanese && (script === 'japanese' || script === 'han')) counts.japaneseSpaces++;
    spaceAfterJapanese = false;
    previous = script;
  }
  return counts;
}

/** Confidence from the amount of text: 0 for none, approaching 1 as it grows. */
function lengthConfidence(units: number, scale: number): number {
  return 1 - Math.exp(-units / scale);
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/**
 * Easy Japanese puts a space between words, particles included ("びょういん に いきたい です");
 * casual Japanese may put spaces between phrases ("めっちゃ揺れてる こわい 外に出たい"), which
 * makes long chunks and no particle standing alone.
 */
function looksWordSpaced(text: string, counts: ScriptCounts, total: number): boolean {
  if (counts.japaneseSpaces < 1) return false;
  if (total / (counts.japaneseSpaces + 1) <= EASY_MAX_AVERAGE_WORD) return true;
  return text.split(/[\s\u3000]+/).some((word) => STANDALONE_PARTICLES.has(word.replace(/[\p{P}\p{S}]+/gu, '')));
}

function detectJapanese(text: string, counts: ScriptCounts): Detection {
  const kana = counts.hiragana + counts.katakana;
  const total = kana + counts.han;
  const kanjiShare = counts.han / total;
  const length = lengthConfidence(total, CJK_LENGTH_SCALE);
  if (kanjiShare <= EASY_MAX_KANJI_SHARE && looksWordSpaced(text, counts, total)) {
    // One space may just separate two sentences; two or more, between kana words, is a style.
    const style = counts.japaneseSpaces >= CLEAR_EASY_SPACES ? 1 - kanjiShare / 2 : UNCLEAR_STYLE_CAP;
    return { lang: 'ja-easy', confidence: length * style, romanized: false };
  }
  if (kanjiShare >= PLAIN_MIN_KANJI_SHARE) {
    return { lang: 'ja', confidence: length, romanized: false };
  }
  return { lang: 'ja', confidence: Math.min(length, UNCLEAR_STYLE_CAP), romanized: false };
}

function noSignal(): Detection {
  return { lang: undefined, confidence: 0, romanized: false };
}

/** Detects the language of a message without looking at anything but its text. */
export function detectLanguage(text: string): Detection {
  const normalized = text.normalize('NFKC');
  const counts = countScripts(normalized);
  const kana = counts.hiragana + counts.katakana;
  const cjk = kana + counts.han;
  const alphabetic = counts.devanagari + counts.thai + counts.myanmar;
  const scriptLetters = cjk + counts.hangul + alphabetic;

  if (scriptLetters === 0) {
    if (counts.latin === 0) return noSignal();
    return fromLatin(detectLatin(normalized));
  }

  let detection: Detection;
  let dominant: number;
  if (kana > 0 && kana >= MIN_KANA_SHARE * cjk && cjk >= counts.hangul && cjk >= alphabetic) {
    detection = detectJapanese(normalized, counts);
    dominant = cjk;
  } else if (counts.han >= counts.hangul && counts.han >= alphabetic) {
    const verdict = classifyHan(normalized);
    detection = {
      lang: verdict.lang,
      confidence: verdict.certainty * lengthConfidence(counts.han, CJK_LENGTH_SCALE),
      romanized: false,
    };
    dominant = counts.han;
  } else if (counts.hangul >= alphabetic) {
    detection = { lang: 'ko', confidence: lengthConfidence(counts.hangul, CJK_LENGTH_SCALE), romanized: false };
    dominant = counts.hangul;
  } else {
    const [lang, count] =
      counts.devanagari >= counts.thai && counts.devanagari >= counts.myanmar
        ? (['ne', counts.devanagari] as const)
        : counts.thai >= counts.myanmar
          ? (['th', counts.thai] as const)
          : (['my', counts.myanmar] as const);
    detection = { lang, confidence: lengthConfidence(count, ALPHABETIC_LENGTH_SCALE), romanized: false };
    dominant = count;
  }
  // Other scripts mixed in (Korean with a Chinese word) make the verdict less sure.
  detection.confidence *= dominant / scriptLetters;

  if (counts.latin > 0) {
    const latin = detectLatin(normalized);
    // Roughly one word per two CJK characters, per five letters of an alphabet.
    const scriptWords = (cjk + counts.hangul) / 2 + alphabetic / 5;
    if (latin.lang && latin.informativeWords > LATIN_TAKEOVER_RATIO * scriptWords) return fromLatin(latin);
    detection.confidence *= scriptWords / (scriptWords + latin.informativeWords / LATIN_TAKEOVER_RATIO);
  }
  if (COURTESY_PHRASES.has(normalized.replace(/[\p{P}\p{S}\p{Z}\s]+/gu, ''))) {
    detection.confidence = Math.min(detection.confidence, COURTESY_CONFIDENCE_CAP);
  }
  detection.confidence = round(detection.confidence);
  return detection;
}

function fromLatin(latin: LatinVerdict): Detection {
  if (!latin.lang) return noSignal();
  return {
    lang: latin.lang,
    confidence: round(latin.confidence),
    romanized: latin.lang === 'ja' || latin.lang === 'ne',
  };
}

const JAPANESE_STYLES: ReadonlySet<Language> = new Set(['ja', 'ja-easy']);

/**
 * The language to reply in: a clear detection of a supported language switches; short/ambiguous
 * text, or a detected language we do not support (th, my, pt, es), keeps `current`.
 * Japanese <-> easy Japanese: keep whichever of the two the resident uses now unless the text
 * is clearly the other style. Romaji from a non-Japanese conversation switches to easy
 * Japanese, since someone who types romaji is unlikely to read kanji comfortably.
 */
export function chooseReplyLanguage(detection: Detection, current: Language): Language {
  const { lang, confidence } = detection;
  if (!lang || !isLanguage(lang) || confidence < SWITCH_MIN_CONFIDENCE) return current;
  if (JAPANESE_STYLES.has(lang) && JAPANESE_STYLES.has(current)) {
    if (detection.romanized) return current;
    return confidence >= STYLE_SWITCH_MIN_CONFIDENCE ? lang : current;
  }
  if (lang === 'ja' && detection.romanized) return 'ja-easy';
  return lang;
}
