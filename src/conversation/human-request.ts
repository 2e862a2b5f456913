/**
 * Recognises a resident asking for a person instead of the bot, in every supported language
 * (and a few we do not answer in yet, so nobody is stuck with the bot).
 */
import { phraseMatcher } from './phrase-matcher';

const HUMAN_REQUEST_PHRASES = [
  // English
  'talk to * human', 'talk to * person', 'talk to * staff', 'talk to someone', 'talk with * person', 'talk with * staff',
  'speak to * human', 'speak to * person', 'speak to * staff', 'speak with * person', 'speak with * staff', 'speak to someone',
  'connect me to', 'put me through', 'transfer me', 'real person', 'actual human', 'actual person', 'a human', 'human please',
  'human agent', 'live agent', 'live chat', 'operator', 'not a bot', 'not the bot', 'talk to staff', 'contact staff', 'staff member please',
  'need a person', 'need a human', 'want a person', 'want a human', 'interpreter please',
  // Japanese (katakana is folded to hiragana by the normaliser; either spelling works here)
  '人と話', '人間と話', '人と相談', 'スタッフと', 'スタッフさん', 'スタッフに', '担当者', '相談員', 'オペレーター', '職員さんと', '職員と話',
  'つないで', '繋いで', 'ボットじゃなく', 'ぼっとじゃなく', '直接話', '有人', 'ひと と はなし', 'ひとと はなし', 'ひとと はなし', 'すたっふ と', 'にんげん と',
  'sutaffu', 'hito to hanashi', 'tantousha', 'tantosha', 'operetaa',
  // Chinese
  '人工', '真人', '工作人员', '工作人員', '客服', '跟人说', '跟人說', '和人说', '和人說', '不要机器人', '不要機器人', '不是机器人', '不是機器人',
  // Korean
  '상담원', '상담사', '직원이랑', '직원과', '직원분', '직원 연결', '사람이랑', '사람과', '사람하고', '사람한테', '사람 연결', '사람이 답',
  // Vietnamese (normalised without diacritics)
  'gap nhan vien', 'voi nhan vien', 'nhan vien tu van', 'gap truc tiep', 'nguoi that', 'gap nguoi', 'noi chuyen voi nguoi', 'noi chuyen truc tiep', 'tu van vien', 'nguoi tu van', 'khong phai bot', 'ket noi voi',
  // Nepali
  'मान्छेसँग', 'मान्छे सँग', 'मानिससँग', 'कर्मचारीसँग', 'कर्मचारी सँग', 'स्टाफ', 'व्यक्तिसँग', 'manche sanga', 'manchhe sanga', 'manxe sanga', 'manche sang', 'manis sanga', 'staff sanga', 'karmachari',
  // Indonesian
  'sama petugas', 'dengan petugas', 'ke petugas', 'sama staf', 'dengan staf', 'staf aja', 'orang asli', 'orang beneran', 'manusia', 'bicara dengan orang', 'ngobrol sama orang', 'bukan bot', 'operator', 'admin',
  // Tagalog
  'totoong tao', 'makausap * tao', 'makausap * staff', 'pakausap', 'kausapin', 'kausap * tao', 'hindi bot', 'tao po', 'staff po',
  // Portuguese, Spanish, Thai, Burmese
  'atendente', 'falar com uma pessoa', 'falar com alguem', 'hablar con una persona', 'hablar con alguien', 'persona real', 'agente',
  'เจ้าหน้าที่', 'คุยกับคน', 'ဝန်ထမ်း', 'လူနဲ့',
];

const matches = phraseMatcher(HUMAN_REQUEST_PHRASES);

/** True when the message asks to talk to a person. */
export function isHumanRequest(text: string): boolean {
  return matches(text);
}
