/**
 * Recognises an emergency happening now (fire, someone hurt or collapsed, the ground shaking),
 * so 110/119 and safety guidance come before anything else.
 */
import { phraseMatcher } from './phrase-matcher';

const EMERGENCY_PHRASES = [
  // English
  'fire', 'on fire', 'ambulance', 'bleeding', 'unconscious', 'not breathing', "can't breathe", 'cant breathe', 'collapsed', 'heart attack',
  'badly hurt', 'injured', 'accident', 'sos', 'emergency', 'shaking', 'earthquake now', 'ground is shaking', 'tsunami', 'flooding',
  'stroke', 'overdose', 'someone is attacking', 'being attacked', 'robbed',
  // Japanese
  '火事', '救急', '救急車', 'けが', '怪我', '血が', '意識がない', '息をしていない', '倒れ', '揺れ', 'ゆれ', '地震', '事故', '津波', '洪水',
  'kaji', 'kyukyusha', 'kyuukyuusha', 'jishin', 'tasukete',
  // Chinese
  '着火', '着火了', '火灾', '火災', '失火', '救护车', '救護車', '受伤', '受傷', '流血', '昏倒', '晕倒', '暈倒', '地震', '摇晃', '搖晃', '救命', '车祸', '車禍', '海啸', '海嘯',
  // Korean
  '불이', '화재', '구급차', '다쳤', '피가', '쓰러', '의식이', '지진', '흔들', '살려', '사고', '쓰나미',
  // Vietnamese (without diacritics after normalising)
  'chay nha', 'hoa hoan', 'dang chay', 'xe cap cuu', 'cap cuu', 'bi thuong', 'chay mau', 'ngat xiu', 'bat tinh', 'dong dat', 'rung lac', 'cuu voi', 'cuu toi', 'tai nan', 'song than',
  // Nepali
  'आगो', 'एम्बुलेन्स', 'घाइते', 'रगत', 'बेहोस', 'भूकम्प', 'भुइँचालो', 'हल्लिरहेको', 'बचाउ', 'दुर्घटना', 'aago', 'bhukampa', 'bhuichalo', 'ambulance bolau', 'bachau',
  // Indonesian
  'kebakaran', 'ambulans', 'terluka', 'luka parah', 'berdarah', 'pingsan', 'gempa', 'goyang', 'kecelakaan',
  // Tagalog
  'sunog', 'nasusunog', 'nasugatan', 'sugatan', 'duguan', 'nahimatay', 'lindol', 'lumilindol', 'yumayanig', 'saklolo', 'aksidente',
];

const matches = phraseMatcher(EMERGENCY_PHRASES);

/** True when the message reads like an emergency happening now. */
export function isEmergency(text: string): boolean {
  return matches(text);
}
