import { describe, it, expect } from 'vitest';
import { HAN_SETS } from '../../src/i18n/detect-han';
import {
  chooseReplyLanguage,
  detectLanguage,
  SWITCH_MIN_CONFIDENCE,
  type DetectedLanguage,
  type Detection,
} from '../../src/i18n/detect';

/** Messages as residents type them: casual, short, often without diacritics or mixed with English. */
const CASES: ReadonlyArray<readonly [string, DetectedLanguage]> = [
  // English
  ['where do i pay my national health insurance', 'en'],
  ['hi, my landlord wont give back my deposit. what can i do?', 'en'],
  ['is the ward office open on saturday', 'en'],
  ['got a letter from city hall, dont understand it', 'en'],
  ['need a doctor who speaks english pls', 'en'],
  // Japanese, including kanji-only notes
  ['ゴミの出し方を教えてください', 'ja'],
  ['子どもが熱を出しました。夜でも開いている病院はありますか', 'ja'],
  ['ビザの更新って何が必要？', 'ja'],
  ['在留資格変更', 'ja'],
  ['国民健康保険証再発行', 'ja'],
  ['住所変更届', 'ja'],
  // Easy Japanese: kana words with spaces
  ['ごみ いつ だす', 'ja-easy'],
  ['びょういん に いきたい です', 'ja-easy'],
  ['アパート を かりたい です。 どう しますか', 'ja-easy'],
  ['やくしょ は なんじ に あきますか', 'ja-easy'],
  // Romaji
  ['byouin wa doko desu ka', 'ja'],
  ['zeikin no harai kata wo oshiete kudasai', 'ja'],
  ['nihongo wakarimasen, eigo de onegaishimasu', 'ja'],
  ['kodomo ga netsu dashita, dou sureba ii', 'ja'],
  // Simplified and traditional Chinese
  ['我想问一下垃圾怎么扔', 'zh-Hans'],
  ['在留卡丢了怎么办', 'zh-Hans'],
  ['签证续签需要什么材料', 'zh-Hans'],
  ['我想問一下垃圾要怎麼丟', 'zh-Hant'],
  ['小孩發燒了，晚上哪裡有醫院', 'zh-Hant'],
  ['請問區役所幾點關門', 'zh-Hant'],
  // Korean
  ['쓰레기는 언제 버려요?', 'ko'],
  ['재류카드를 잃어버렸어요 어떻게 해야 하나요', 'ko'],
  ['visa 갱신 어떻게 해요', 'ko'],
  // Vietnamese, with and without diacritics
  ['cho em hỏi đổ rác ngày nào ạ', 'vi'],
  ['em bị mất thẻ ngoại kiều thì phải làm sao', 'vi'],
  ['cho em hoi do rac ngay nao a', 'vi'],
  ['toi muon gia han visa thi can giay to gi', 'vi'],
  ['dong thue o dau dc ko a', 'vi'],
  ['k biet dang ky o dau', 'vi'],
  // Nepali, in Devanagari and romanised
  ['फोहोर कहिले फाल्ने?', 'ne'],
  ['मेरो रेसिडेन्स कार्ड हरायो, के गर्ने?', 'ne'],
  ['malai aspatal jana parcha, kaha jane?', 'ne'],
  ['mero card haraayo k garne hola', 'ne'],
  ['visa renew garna kati din lagcha', 'ne'],
  // Indonesian
  ['buang sampah hari apa ya', 'id'],
  ['kartu zairyu saya hilang, harus gimana?', 'id'],
  ['gw ga ngerti surat dari kantor kota', 'id'],
  ['min, mau tanya dong', 'id'],
  // Tagalog
  ['kailan po ang tapon ng basura', 'tl'],
  ['nawala yung zairyu card ko, ano gagawin ko', 'tl'],
  ['paano magbayad ng tax dito', 'tl'],
  ['nilalagnat anak ko, san pwede dalhin', 'tl'],
  // Recognised but not answered in
  ['ทิ้งขยะวันไหนครับ', 'th'],
  ['ဆေးရုံဘယ်မှာရှိလဲ', 'my'],
  ['perdi meu cartão de residente, o que faço?', 'pt'],
  ['alguém fala português aqui', 'pt'],
  ['¿qué día sacan la basura?', 'es'],
  ['necesito un médico que hable español', 'es'],
];

describe('detectLanguage', () => {
  it.each(CASES)('detects %j as %s', (text, lang) => {
    expect(detectLanguage(text).lang).toBe(lang);
  });

  it('marks romaji and romanised Nepali as romanized, and nothing else', () => {
    expect(detectLanguage('byouin wa doko desu ka').romanized).toBe(true);
    expect(detectLanguage('kaha jane ho, malai thaha chaina').romanized).toBe(true);
    expect(detectLanguage('where is the hospital').romanized).toBe(false);
    expect(detectLanguage('कहाँ जाने?').romanized).toBe(false);
  });

  it.each(['😀😀', '12345', '090-1234-5678', '?', '!!', 'ok', 'lol', '', '   '])(
    'finds no language in %j',
    (text) => {
      expect(detectLanguage(text)).toEqual({ lang: undefined, confidence: 0, romanized: false });
    },
  );

  it('does not let domain words decide the language', () => {
    for (const text of ['kumamoto', 'visa', 'my number', 'zairyu card', 'hello work']) {
      expect(detectLanguage(text).lang).toBeUndefined();
    }
  });

  it('is sure of a clear sentence and unsure of a one-word reply', () => {
    expect(detectLanguage('where can i renew my residence card').confidence).toBeGreaterThan(0.8);
    expect(detectLanguage('thanks').confidence).toBeLessThan(SWITCH_MIN_CONFIDENCE);
    expect(detectLanguage('ビザ').confidence).toBeLessThan(SWITCH_MIN_CONFIDENCE);
  });

  it('keeps greetings and thanks below the switching confidence in every script', () => {
    for (const text of ['thank you', 'salamat po', 'terima kasih', 'cảm ơn', 'ありがとうございます', '감사합니다', '谢谢']) {
      expect(detectLanguage(text).confidence).toBeLessThan(SWITCH_MIN_CONFIDENCE);
    }
  });

  it('lets English take over a sentence with one Japanese word in it', () => {
    expect(detectLanguage('how do i get a 住民票 for my new address').lang).toBe('en');
  });

  it('reads casual Japanese with spaces between phrases as Japanese, not easy Japanese', () => {
    expect(detectLanguage('めっちゃ揺れた こわすぎ 外に出たほうがいいのかな').lang).toBe('ja');
  });
});

describe('Han character sets', () => {
  it('do not overlap, so one character never counts for two languages', () => {
    const simplified = new Set(HAN_SETS.SIMPLIFIED_ONLY);
    const traditional = new Set(HAN_SETS.TRADITIONAL_ONLY);
    const japanese = new Set(HAN_SETS.JAPANESE_ONLY);
    for (const ch of traditional) expect(simplified.has(ch)).toBe(false);
    for (const ch of japanese) {
      expect(simplified.has(ch)).toBe(false);
      expect(traditional.has(ch)).toBe(false);
    }
  });
});

describe('chooseReplyLanguage', () => {
  const detect = (text: string): Detection => detectLanguage(text);

  it('keeps the current language for a short "ok" or "thanks"', () => {
    expect(chooseReplyLanguage(detect('ok'), 'vi')).toBe('vi');
    expect(chooseReplyLanguage(detect('thanks'), 'vi')).toBe('vi');
    expect(chooseReplyLanguage(detect('salamat po'), 'en')).toBe('en');
    expect(chooseReplyLanguage(detect('ありがとうございます'), 'en')).toBe('en');
  });

  it('switches on a clear sentence in another supported language', () => {
    expect(chooseReplyLanguage(detect('toi muon gia han visa thi can giay to gi'), 'en')).toBe('vi');
    expect(chooseReplyLanguage(detect('where can i renew my residence card'), 'vi')).toBe('en');
    expect(chooseReplyLanguage(detect('재류카드를 잃어버렸어요 어떻게 해야 하나요'), 'en')).toBe('ko');
    expect(chooseReplyLanguage(detect('小孩發燒了，晚上哪裡有醫院'), 'zh-Hans')).toBe('zh-Hant');
    expect(chooseReplyLanguage(detect('malai aspatal jana parcha, kaha jane?'), 'en')).toBe('ne');
  });

  it('keeps the current language for Thai, Myanmar, Portuguese and Spanish', () => {
    expect(chooseReplyLanguage(detect('ทิ้งขยะวันไหนครับ'), 'en')).toBe('en');
    expect(chooseReplyLanguage(detect('ဆေးရုံဘယ်မှာရှိလဲ'), 'ja')).toBe('ja');
    expect(chooseReplyLanguage(detect('perdi meu cartão de residente, o que faço?'), 'en')).toBe('en');
    expect(chooseReplyLanguage(detect('¿qué día sacan la basura?'), 'tl')).toBe('tl');
  });

  it('keeps the current language when there is no signal', () => {
    expect(chooseReplyLanguage(detect('👍'), 'id')).toBe('id');
  });

  it('keeps easy Japanese for Japanese whose style is unclear', () => {
    expect(chooseReplyLanguage(detect('はい、わかりました'), 'ja-easy')).toBe('ja-easy');
    expect(chooseReplyLanguage(detect('マイナンバーカード'), 'ja-easy')).toBe('ja-easy');
  });

  it('moves between Japanese and easy Japanese only on a clear style', () => {
    expect(chooseReplyLanguage(detect('ゴミの出し方を教えてください'), 'ja-easy')).toBe('ja');
    expect(chooseReplyLanguage(detect('びょういん に いきたい です'), 'ja')).toBe('ja-easy');
  });

  it('answers romaji in easy Japanese, and keeps either Japanese already in use', () => {
    expect(chooseReplyLanguage(detect('byouin wa doko desu ka'), 'en')).toBe('ja-easy');
    expect(chooseReplyLanguage(detect('byouin wa doko desu ka'), 'ja')).toBe('ja');
  });
});
