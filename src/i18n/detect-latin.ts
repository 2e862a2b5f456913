/**
 * Scores Latin-script text for the languages residents type in Latin letters: English,
 * Vietnamese (often without diacritics), Indonesian, Tagalog, romaji Japanese, romanised
 * Nepali, Portuguese and Spanish. Part of `detect.ts`.
 *
 * Evidence is weighted function words and very common words (looked up without diacritics,
 * since many residents type without them), a few two-word phrases, word-shape hints
 * (Tagalog mag-/nag-, Indonesian -nya/-kan, Nepali -cha, Japanese -masu) and letters that
 * only one language uses (Vietnamese ơ ư đ ạ..., Portuguese ã õ ç, Spanish ñ ¿ ¡).
 * English content words weigh little (0.5): residents mix them into every language.
 */

/** Languages scored on Latin text; ja and ne here mean romaji and romanised Nepali. */
export const LATIN_LANGUAGES = ['en', 'vi', 'id', 'tl', 'ja', 'ne', 'pt', 'es'] as const;
export type LatinLanguage = (typeof LATIN_LANGUAGES)[number];

/** Words by weight: 3 = nearly decisive, 2 = typical, 1 = shared with another language, 0.5 = a hint. */
type Lexicon = Partial<Record<3 | 2 | 1 | 0.5, string>>;

const LEXICONS: Record<LatinLanguage, Lexicon> = {
  en: {
    3: "the what where how why which who is are was were there this that with have has does did want need please should would could your you they them their anyone someone anything something about know been will don't dont i'm i've i'll it's can't cant won't isn't doesn't didn't we our and for from of any some just also because but still already here whats wheres hows",
    2: 'i my me it if or not in on do an am going tell much many more other hello hi yes sorry thank thanks get got find lost help speak near nearest',
    1: 'to a at be so no can may up out all by as go english pls',
    // Everyday nouns of the domain: enough to say "English" when nothing else speaks, too
    // light to outvote the function words of a resident who mixes them into Tagalog or Nepali.
    0.5: 'day time week month trash garbage pickup hospital doctor school job money house apartment rent insurance pension office bank tax police earthquake typhoon shelter problem question best weather tomorrow today',
  },
  vi: {
    3: 'toi khong dc duoc cua nhung nguoi nhieu roi chua nao gi dau muon phai nen biet giup viec tien tieng chong nuoc truong benh vien giay cac neu voi vay xong ngay thang khi luc nhe minh ong duong thu tuc nhan lai',
    2: 'co va thi den cho sao oi nha bi hoi lam nhat anh em ban mk vs ve xin mot het dang gio moi hay mat bao ntn cty ck vk',
    1: 'ko la ma de di tu can vi tai cam chi nam con o ai j da se',
    0.5: 'a k the cha ma may hai',
  },
  id: {
    3: 'saya aku gue gw kamu anda gak nggak ngga enggak tidak tdk bagaimana gimana gmn dimana dmn bisa mau ingin pengen mana apakah sudah udah belum blm harus boleh tolong terima makasih yang yg dan dengan dgn untuk utk buat ini itu ada apa dong sih kok deh aja saja juga jg tapi kalau kalo karena krn berapa kapan siapa kenapa mengapa orang dari punya perlu mohon bayar uang kerja rumah sakit besok sekarang nanti bulan tahun pakai pake cara nih tuh banget bgt akan bikin minta dapat dapet tau tahu lupa hilang sampai sampe bukan masih atau sebelum setelah terus kena kalian mereka',
    2: 'ke ga ya lagi jadi kak bang mas mbak pak bu baru hari tempat kantor daftar surat',
    1: 'di kami kita anak sama apa',
  },
  tl: {
    3: 'ang ng mga po opo yung yun paano pano saan asan nasaan kailan bakit magkano ilan pwede puwede pede hindi wala walang meron mayroon kailangan kelangan gusto dito doon dyan diyan lang naman kasi nang kahit talaga salamat ito iyan iyon nasa sila nila niya nya nyo ninyo kayo tayo natin namin amin akin ako ikaw siya sya din rin anong sino nga daw raw sana kapag dahil tapos tsaka ulit pala gagawin gawin ginawa alam dapat bang paki ayaw bawal libre libreng bayad tulong ngayon bukas kahapon lahat bago trabaho pera bahay asawa ganun ganito ganyan maganda malaki maliit marami mahal masakit kumain punta pumunta umuwi uwi balik bumili tumawag tanong hanap kumuha bigay galing sige',
    2: 'sa ba ano kung pag mag nag ko san',
    1: 'ka mo na si ni kay at para pero may pa oo ay kami lagi anak',
    0.5: 'kita eh baka',
  },
  ja: {
    3: 'desu desuka masu masuka kudasai onegai onegaishimasu arimasu arimasuka imasu imasuka dekimasu dekimasuka shitai sumimasen doko nani itsu dou doushitara dousureba sureba shitara ikura wakaranai wakarimasen oshiete deshou desho kedo keredo node dake hoshii naku nakushita arigatou arigato gozaimasu daijoubu daijobu hitsuyou hitsuyo koto mono toki dare nanji donna dono kono sono kore sore watashi boku anata tetsuzuki sugu mou mada chotto yoroshiku shite shimasu shimashita dekiru wo',
    2: 'wa ii aru iru suru kara',
    1: 'ga ni mo de no ka made nai',
    0.5: 'to ne yo ano kita',
  },
  ne: {
    3: 'cha chha xa chaina chhaina xaina hoina lai garna garne garnu garnus garera gareko garyo garchu garchha kaha kahaa kasari kasto kati kina paryo parcha parchha parxa huncha hunchha hunxa hudaina hola bhayo bhaye bhane bhanera malai mero hamro tapai tapaiko timi timro tyo pani sanga thaha chahiyo chahincha chaincha sakincha sakchu milcha dinus dinuhos gardinus ramro dherai aba ani manche manchhe dhanyabad dhanyawad namaste hajur sathi kaam paisa ghar aaja bholi hijo ahile samma bhitra lagyo gayo aayo jane auna lina chu chau thiyo kura kun',
    2: 'ho ke yo bata din',
    1: 'ma ko k le ra nai hai',
    0.5: 'ta ni lagi',
  },
  pt: {
    3: 'voce vc obrigado obrigada onde quero preciso posso tenho estou meu minha meus minhas seu uma pra com muito tambem isso eu ele ela eles elas fazer faco trabalho filho filhos filha escola dinheiro hoje amanha agora ainda entao bom boa vou vai sou tudo essa esse depois sem pelo pela nosso nossa ajuda tem pode podem quando quanto qual alguem fala falar portugues',
    2: 'nao um em da dos das ao os mais sua fica ne',
    1: 'o e na do sim que como para porque aqui ja',
    0.5: 'no dia nada mas',
  },
  es: {
    3: 'los del estoy soy una donde cuando cuanto cual puedo puede quiero necesito tengo tiene hacer hola gracias ayuda hijo hija trabajo escuela dinero muy tambien ahora hoy manana nuestro nuestra mucho alguien ella ellos usted ustedes bien quiere habla hablar pido hago mis espanol',
    2: 'el y en es con sin por hay un mi',
    1: 'que como para pero aqui su lo la se si algo mas',
    0.5: 'no me te le ya nada esta',
  },
};

/** Two-word phrases, spaced as typed after diacritics are removed. */
const PHRASES: ReadonlyArray<readonly [string, LatinLanguage, number]> = [
  ['o dau', 'vi', 3],
  ['lam sao', 'vi', 3],
  ['the nao', 'vi', 3],
  ['bao nhieu', 'vi', 3],
  ['cam on', 'vi', 3],
  ['xin chao', 'vi', 3],
  ['di mana', 'id', 2],
  ['terima kasih', 'id', 2],
  ['k garne', 'ne', 2],
  ['ke garne', 'ne', 2],
  ['ano ang', 'tl', 1],
  ['por favor', 'es', 2],
  ['thank you', 'en', 1],
];

/**
 * Words whose accents tell Spanish from Portuguese (día / dia, más / mais, também / también),
 * for residents who do type them. Counted on top of the folded lexicon entry.
 */
const ACCENTED: Record<'pt' | 'es', string> = {
  es: 'qué cómo dónde cuándo cuánto cuál día más sí también aquí japonés español perdí',
  pt: 'você não é são já até só lá aí também três mês ônibus',
};
const ACCENTED_WORD_WEIGHT = 2;
const ACCENTED_WORDS = new Map<string, 'pt' | 'es'>();
for (const lang of ['pt', 'es'] as const) {
  for (const word of ACCENTED[lang].split(' ')) ACCENTED_WORDS.set(word, lang);
}

/**
 * Domain words every language borrows (place names, Japanese paperwork words, "visa"): they
 * say nothing about the resident's language and must not tip the balance.
 */
const DOMAIN_WORDS = new Set(
  'kumamoto kumamotoshi visa biza zairyu zairyuu zairyucard card kaado mynumber hellowork japan nihon nippon japon japao nepal vietnam philippines indonesia brasil brazil line'.split(' '),
);
const DOMAIN_PHRASES = new Set(['my number', 'hello work', 'city hall', 'zairyu card']);

/** Greetings and thanks: they show politeness, not which language to answer in. */
const COURTESY_WORDS = new Set(
  "thank thanks you thx ty tq hello hi hey ok okay oke okey yes no sorry bye please pls good morning salamat po opo sige terima kasih makasih cam on xin chao a ah dhanyabad dhanyawad namaste arigatou arigato gozaimasu sumimasen gracias obrigado obrigada hola ola".split(' '),
);

/** Vietnamese-only letters (horn, breve, stroke, dot-below and hook-above tones, ĩ ũ). */
const VIETNAMESE_LETTERS = /[ăđơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹĩũ]/g;
/** Circumflex vowels: Vietnamese (không) and Portuguese (você, português) alike. */
const CIRCUMFLEX = /[âêô]/g;
const PORTUGUESE_LETTERS = /[ãõç]/g;
const SPANISH_MARKS = /[ñ¿¡]/g;
const SPANISH_SUFFIX = /ción\b/g;

const VIETNAMESE_LETTER_WEIGHT = 3;
const VIETNAMESE_LETTER_CAP = 15;
const CIRCUMFLEX_WEIGHT = 0.4;
const PORTUGUESE_LETTER_WEIGHT = 2;
const SPANISH_MARK_WEIGHT = 2.5;
const MARK_CAP = 8;

/** One Vietnamese syllable written without diacritics (onset, 1-3 vowels, coda). */
const VI_SYLLABLE = /^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}(?:ng|nh|ch|[cmnpt])?$/;
/** Vietnamese texting shorthand (được, không, gì, mình, với, như thế nào...): no vowel, still Vietnamese. */
const VI_ABBREVIATIONS = new Set(['dc', 'dk', 'k', 'j', 'mk', 'vs', 'ntn', 'bn', 'cty', 'ck', 'vk', 'hs', 'ng']);
/** Syllable shapes that are typical of Vietnamese and rare in the other languages. */
const VI_TYPICAL = /^(?:ngh|nh|kh|qu)|uo[cintg]|ie[cmnptu]|uye|oai|uong|ong$|ung$|anh$|inh$|ach$|ich$/;
const VI_TYPICAL_WEIGHT = 0.5;

/**
 * A word that splits into Japanese syllables (Hepburn or kunrei): consonant(s) + vowel,
 * syllabic n, a doubled consonant for small tsu, m before b/p.
 */
const ROMAJI_WORD =
  /^(?:(?:ky|gy|sh|sy|ch|ty|cy|ny|hy|by|py|my|ry|jy|zy|dy|ts|[kgsztdnhbpmrjfwyv])?[aiueo]|n|m(?=[bp])|([kgstpcdbfhjmrz])(?=\1)|t(?=ch))+$/;
const JA_ENDING = /(?:masu|masen|mashita|mashou|desu|deshita|shita|itai|etai|tara|teru|tte|reba|nai|kute)$/;
const JA_ENDING_MIN_LENGTH = 5;
const JA_ENDING_WEIGHT = 1.5;

const NE_ENDING = /(?:cha|chha|xa|chu|chau|nus|nuhos)$/;
const NE_PAST_ENDING = /[^aeiou]yo$/;
/** Infinitives and verbal nouns: garna, garne, jane, herne, falne (a vowel before n is not one). */
const NE_INFINITIVE = /[^aeioun]n[ae]$/;
const NE_ASPIRATE_START = /^(?:bh|dh|jh)|chh/;
const NE_ENDING_WEIGHT = 1;
const NE_HINT_WEIGHT = 0.6;

const TL_AFFIX = /^(?:mag|nag|pag|ipa|naka|maka|pina|nagpa|magpa|mang|nang|ika)[a-z]{2,}/;
const TL_NG_START = /^(?:ng[a-z]|mg)/;
const TL_REDUPLICATION = /^([bcdghklmnprstwy][aeiou])\1/;
const TL_INFIX = /^[bcdghklmnpstwy](?:um|in)[aeiou]/;
const TL_HINT_WEIGHT = 0.6;

const ID_SUFFIX = /[a-z]{3,}(?:nya|kan|lah|kah)$/;
const ID_PREFIX = /^(?:meng|meny|mem|men|peng|pem|pen|ber|ter|ke)[a-z]{3,}/;
const ID_SUFFIX_WEIGHT = 1;
const ID_PREFIX_WEIGHT = 0.4;

const EN_SUFFIX = /[a-z]{3,}(?:ing|tion|ly)$|n't$|'s$/;
const EN_SUFFIX_WEIGHT = 0.4;

/** Below this fraction of romaji-shaped words the text is not Japanese, whatever its particles. */
const ROMAJI_SHAPE_FLOOR = 0.5;
const ROMAJI_SHAPE_FULL = 0.85;
const ROMAJI_WORD_WEIGHT = 0.3;
/** Diacritic-free Vietnamese is monosyllabic: most of its words must fit one syllable. */
const VI_SHAPE_FLOOR = 0.35;
const VI_SHAPE_FULL = 0.8;

/** Scale of the evidence curve: a lead of this size over the runner-up gives about two thirds of full confidence. */
const EVIDENCE_SCALE = 3;
/** Scale of the length curve, in informative words. */
const LENGTH_SCALE = 1.5;
/** A top score below this is no signal. */
const MIN_SCORE = 1;
const COURTESY_CONFIDENCE_CAP = 0.4;

const LANG_COUNT = LATIN_LANGUAGES.length;
const LANG_INDEX = Object.fromEntries(LATIN_LANGUAGES.map((lang, i) => [lang, i])) as Record<LatinLanguage, number>;

/** word -> weight per language (indexed like LATIN_LANGUAGES), built once at module load. */
const WEIGHTS = new Map<string, Float64Array>();
function addWeight(key: string, lang: LatinLanguage, weight: number): void {
  let row = WEIGHTS.get(key);
  if (!row) {
    row = new Float64Array(LANG_COUNT);
    WEIGHTS.set(key, row);
  }
  row[LANG_INDEX[lang]] = Math.max(row[LANG_INDEX[lang]], weight);
}
for (const lang of LATIN_LANGUAGES) {
  for (const [weight, words] of Object.entries(LEXICONS[lang])) {
    for (const word of words.split(' ')) addWeight(word, lang, Number(weight));
  }
}
for (const [phrase, lang, weight] of PHRASES) addWeight(phrase, lang, weight);

/** What the Latin scorer concludes; `detect.ts` turns it into a `Detection`. */
export interface LatinVerdict {
  lang: LatinLanguage | undefined;
  confidence: number;
  /** Words that carried any evidence; the caller weighs them against other scripts. */
  informativeWords: number;
}

/** A word as typed (lower case) and folded without diacritics (đ -> d) for the lexicons. */
interface LatinWord {
  typed: string;
  folded: string;
}

function fold(word: string): string {
  return word.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd');
}

/** Splits into words, hyphens joining ("i-convert"), and drops the domain words. */
function tokenize(text: string): LatinWord[] {
  const typed =
    text
      .toLowerCase()
      .replace(/\u2019/g, "'")
      .replace(/(\p{Script=Latin})-(?=\p{Script=Latin})/gu, '$1')
      .match(/\p{Script=Latin}+(?:'\p{Script=Latin}+)?/gu) ?? [];
  const words: LatinWord[] = [];
  for (let i = 0; i < typed.length; i++) {
    const folded = fold(typed[i]);
    // Latin letters beyond the languages we score (ß, ø, ł) carry no evidence here.
    if (!/^[a-z']+$/.test(folded)) continue;
    if (i + 1 < typed.length && DOMAIN_PHRASES.has(`${folded} ${fold(typed[i + 1])}`)) {
      i++;
      continue;
    }
    if (!DOMAIN_WORDS.has(folded)) words.push({ typed: typed[i], folded });
  }
  return words;
}

function countMatches(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}

function ramp(value: number, floor: number, full: number): number {
  return Math.min(1, Math.max(0, (value - floor) / (full - floor)));
}

/** Scores a Latin-script text; `text` should already be NFKC-normalised. */
export function detectLatin(text: string): LatinVerdict {
  const lower = text.toLowerCase();
  const tokens = tokenize(text);
  const words = tokens.map((token) => token.folded);
  const scores = new Float64Array(LANG_COUNT);
  let informative = 0;
  let courtesyOnly = true;
  let romajiShaped = 0;
  let viShaped = 0;

  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    const before = scores.reduce((sum, s) => sum + s, 0);
    const row = WEIGHTS.get(word);
    if (row) for (let l = 0; l < LANG_COUNT; l++) scores[l] += row[l];
    const accented = tokens[i].typed !== word ? ACCENTED_WORDS.get(tokens[i].typed) : undefined;
    if (accented) scores[LANG_INDEX[accented]] += ACCENTED_WORD_WEIGHT;
    if (i > 0) {
      const phrase = WEIGHTS.get(`${words[i - 1]} ${word}`);
      if (phrase) for (let l = 0; l < LANG_COUNT; l++) scores[l] += phrase[l];
    }
    addShapeHints(word, scores);
    if (ROMAJI_WORD.test(word)) romajiShaped++;
    if (VI_SYLLABLE.test(word) || VI_ABBREVIATIONS.has(word)) {
      viShaped++;
      if (VI_TYPICAL.test(word)) scores[LANG_INDEX.vi] += VI_TYPICAL_WEIGHT;
    }
    if (scores.reduce((sum, s) => sum + s, 0) > before) {
      informative++;
      if (!COURTESY_WORDS.has(word)) courtesyOnly = false;
    }
  }
  if (words.length > 0 && scores[LANG_INDEX.ja] > 0) {
    // Once a particle or ending says "maybe Japanese", every word that parses as romaji agrees.
    scores[LANG_INDEX.ja] += romajiShaped * ROMAJI_WORD_WEIGHT;
    scores[LANG_INDEX.ja] *= ramp(romajiShaped / words.length, ROMAJI_SHAPE_FLOOR, ROMAJI_SHAPE_FULL);
  }

  const viLetters = countMatches(lower, VIETNAMESE_LETTERS);
  if (viLetters === 0 && words.length > 0) {
    scores[LANG_INDEX.vi] *= ramp(viShaped / words.length, VI_SHAPE_FLOOR, VI_SHAPE_FULL);
  }
  scores[LANG_INDEX.vi] += Math.min(VIETNAMESE_LETTER_CAP, viLetters * VIETNAMESE_LETTER_WEIGHT);
  const circumflexes = countMatches(lower, CIRCUMFLEX) * CIRCUMFLEX_WEIGHT;
  scores[LANG_INDEX.vi] += circumflexes;
  scores[LANG_INDEX.pt] += circumflexes;
  scores[LANG_INDEX.pt] += Math.min(MARK_CAP, countMatches(lower, PORTUGUESE_LETTERS) * PORTUGUESE_LETTER_WEIGHT);
  scores[LANG_INDEX.es] += Math.min(
    MARK_CAP,
    (countMatches(lower, SPANISH_MARKS) + countMatches(lower, SPANISH_SUFFIX)) * SPANISH_MARK_WEIGHT,
  );

  let top = 0;
  let second = 0;
  let best = -1;
  for (let l = 0; l < LANG_COUNT; l++) {
    if (scores[l] > top) {
      second = top;
      top = scores[l];
      best = l;
    } else if (scores[l] > second) {
      second = scores[l];
    }
  }
  if (best < 0 || top < MIN_SCORE || top === second) {
    return { lang: undefined, confidence: 0, informativeWords: informative };
  }
  // The lead over the runner-up, not the top score alone: a shared word like "do" (en/pt)
  // should cost a little, not halve the confidence.
  const evidence = 1 - Math.exp(-(top - second) / EVIDENCE_SCALE);
  // Uninformative words (nouns, names) still make a sentence more than a one-word reply.
  const length = 1 - Math.exp(-Math.max((informative + words.length) / 2, 1) / LENGTH_SCALE);
  let confidence = evidence * length;
  if (courtesyOnly) confidence = Math.min(confidence, COURTESY_CONFIDENCE_CAP);
  return { lang: LATIN_LANGUAGES[best], confidence, informativeWords: informative };
}

function addShapeHints(word: string, scores: Float64Array): void {
  if (word.length >= JA_ENDING_MIN_LENGTH && JA_ENDING.test(word)) scores[LANG_INDEX.ja] += JA_ENDING_WEIGHT;
  if (word.length >= 4) {
    if (NE_ENDING.test(word)) scores[LANG_INDEX.ne] += NE_ENDING_WEIGHT;
    if (NE_PAST_ENDING.test(word) || NE_INFINITIVE.test(word)) scores[LANG_INDEX.ne] += NE_HINT_WEIGHT;
  }
  if (NE_ASPIRATE_START.test(word)) scores[LANG_INDEX.ne] += NE_HINT_WEIGHT;
  if (TL_AFFIX.test(word) || TL_NG_START.test(word) || TL_REDUPLICATION.test(word) || TL_INFIX.test(word)) {
    scores[LANG_INDEX.tl] += TL_HINT_WEIGHT;
  }
  if (ID_SUFFIX.test(word)) scores[LANG_INDEX.id] += ID_SUFFIX_WEIGHT;
  if (ID_PREFIX.test(word)) scores[LANG_INDEX.id] += ID_PREFIX_WEIGHT;
  if (EN_SUFFIX.test(word)) scores[LANG_INDEX.en] += EN_SUFFIX_WEIGHT;
}
