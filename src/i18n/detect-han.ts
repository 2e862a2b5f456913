/**
 * Tells apart text written only in Han characters: simplified Chinese, traditional Chinese,
 * or Japanese written without kana ("在留資格変更", "国民健康保険"). Part of `detect.ts`.
 *
 * Chinese variants are told by characters that exist in only one of the two standards;
 * Japanese by its own simplified forms (shinjitai and kokuji, e.g. 続 証 険 駅 気 変 払 働),
 * which neither Chinese standard uses. Characters shared with Japanese (国 学 会 時 間 請...)
 * are deliberately left out of the Chinese sets so that kanji compounds do not count as Chinese.
 */

/** Simplified forms used neither in traditional Chinese nor in Japanese. */
const SIMPLIFIED_ONLY =
  '这们说对时个问题还没车长门见钱银电话语认识请谢让从办护么吗务处应该开关发现动过进远运边样点东乐书买卖习飞马鸟鱼龙间闻阅' +
  '价后给约经结续绍红级纸线练组细终织网罚险验签证费贵资质购货账负责败赔产业专丽严两为义乡亲亿仅仓众优伞伟传伤伦佣侣侦侧侨俩' +
  '债倾偿储儿兑兰兴养兽冈册军农冲决况冻净凉减几凤凭击则刚创删别剂剧劝劲劳势勋华协单卫厂厅历压县变叹听启吴员响园围图圆场坏块' +
  '坚坛坟坠垫墙壳备够头夹夺奋奖妇妈孙宁实审宪宫宽宾寻导尔尘尝层岁岗岛岭币师帐带帮庆库庙废异弃张弯弹强归录彻忆态怀总恶悬惊惯' +
  '愿戏战户执扩扫扬扰抚抢报拟拥拦择挂挤挥损换据摄摆摇敌无显晓暂术杀杂权杨极构枪柜标栏树桥检楼欢欧毕气汇汉汤沟泪泽洁测济浓涨' +
  '润渐满滚灵灾炼烟烦烧热爱爷犹环畅疗盐监盖盘码确础离种积穷竞笔粮紧纠纤纪纯纳纺绑绕绘络绝统继绩绪绿缓编缘缩罗职联聪肠肤肿胀' +
  '胜脏脑艺节苏范荐药获营蓝虑虽补袭观规视览觉订讨训议记讲许论设访评诉诊词译试诗诚询详误读课谁调谈贝贡财贤贩贪贯贴贷贸赛' +
  '赶趋跃转轮软轻载较辅辆输达迁违连迟选递遗邮邻释钟钢钥铁锁错键闭闯闷闹阀队阳阴阶际陆陈随隐难雾须顶项顺预领频颜额风饭饮饰' +
  '饱饿馆驾驻骗骑鲜鸡龄齿广';

/** Traditional forms used neither in simplified Chinese nor in Japanese. */
const TRADITIONAL_ONLY =
  '們這說對沒錢讓從辦麼嗎處應關發國邊樣點樂賣閱價會體續險驗簽證產專嚴兩鄉眾傳兒黨寫擊劑勸勞區醫單廠廳歷壓縣參雙變號聽啟圍圖' +
  '圓壞壯聲獎媽學寶實將屬歲帶幫廢彈歸當錄懷總戀惡戲戰戶擴擔擇據攝搖數斷舊顯雜權條來檢樓歡歐氣淚澤淺濟灣滿燈靈燒爐狀獨畫禮稱' +
  '稅經繪絕繼綠緣聯臟腦腳藝藥營裝觀覽覺觸譯讀轉輕輛辭遲遞鄰釋裡鐵隨隱靜雞齡齒龍鬧萬與為';

/** Japanese shinjitai and kokuji: forms that neither Chinese standard writes. */
const JAPANESE_ONLY =
  '続証険駅気変払県円様済帰発読売関図検験営労働込枠畑辺転伝価児齢鉄楽薬歯悪戸単拠収乗録帯覧壊処対応広沢桜黒歩毎緑経総縁恵従' +
  '譲騒巻拡掲勧観権歓軽塩栄蔵臓剤継実団囲弁両満戻専増効雑脳悩焼銭聴徳隠芸拝姉匂峠畳択駆訳釈歳扱窓仮糸獣縦奨浄剰戦滝遅庁弾' +
  '廃髪晩仏舗豊揺頼霊歴圏厳徴稲闘涙猟竜栃辻';

/**
 * 届 is the simplified form of 屆 as well as the Japanese one, but "届" (todoke, a filed notice)
 * is everywhere in Japanese paperwork and rare in Chinese, so it leans Japanese without deciding.
 */
const JAPANESE_LEANING = '届';

/**
 * Grammar characters frequent in Chinese sentences and rare in Japanese writing, with weights.
 * Characters that Japanese uses inside everyday compounds (了 in 完了, 就 in 就職, 不 in 不要,
 * 要 in 必要) get small weights; 在 is left out because of 在留 (residence status).
 */
const CHINESE_GRAMMAR: ReadonlyArray<readonly [string, number]> = [
  ['吗嗎呢么麼你们們这這哪怎啊呀嘛谁什咱啥', 3],
  ['的她吧没沒很吃您', 2],
  ['我是他把', 1.5],
  // Everyday Chinese words Japanese does not write: 找 (find), 丢/扔/掉 (throw, lose), 款 (payment).
  ['也想跟找丢扔掉拿款啦喔哦咋', 1],
  ['了就還不要去', 0.7],
  ['有到都和搬租房', 0.4],
];

const HAN_SIMPLIFIED = 1;
const HAN_TRADITIONAL = 2;
const HAN_JAPANESE = 3;
const HAN_JAPANESE_LEANING = 4;

/** Per-character class and Chinese-grammar weight, built once at module load. */
const HAN_CLASS = new Map<string, number>();
const GRAMMAR_WEIGHT = new Map<string, number>();
for (const ch of SIMPLIFIED_ONLY) HAN_CLASS.set(ch, HAN_SIMPLIFIED);
for (const ch of TRADITIONAL_ONLY) HAN_CLASS.set(ch, HAN_TRADITIONAL);
for (const ch of JAPANESE_ONLY) HAN_CLASS.set(ch, HAN_JAPANESE);
for (const ch of JAPANESE_LEANING) HAN_CLASS.set(ch, HAN_JAPANESE_LEANING);
for (const [chars, weight] of CHINESE_GRAMMAR) {
  for (const ch of chars) GRAMMAR_WEIGHT.set(ch, weight);
}

/** Exposed for the tests, which check that the three sets do not overlap. */
export const HAN_SETS = { SIMPLIFIED_ONLY, TRADITIONAL_ONLY, JAPANESE_ONLY } as const;

/** Evidence per Japanese-only character: one such form outweighs a couple of Chinese hints. */
const JAPANESE_FORM_WEIGHT = 2;
const JAPANESE_LEANING_WEIGHT = 1;
/** Han text with no signal either way is most often a Japanese noun ("住民票"); say so, weakly. */
const NEUTRAL_JAPANESE_CONFIDENCE = 0.35;
/** Chinese with no variant-specific character: simplified is likelier, but do not be sure. */
const UNKNOWN_VARIANT_FACTOR = 0.7;

/** The languages written in Han characters alone. */
export type HanLanguage = 'ja' | 'zh-Hans' | 'zh-Hant';

/** What the Han classifier concludes about a kana-less text. */
export interface HanVerdict {
  lang: HanLanguage;
  /** 0..1, before the caller scales it for length and mixed scripts. */
  certainty: number;
}

/** Classifies the Han characters of a text that has no kana. */
export function classifyHan(text: string): HanVerdict {
  let simplified = 0;
  let traditional = 0;
  let japanese = 0;
  let grammar = 0;
  for (const ch of text) {
    const cls = HAN_CLASS.get(ch);
    if (cls === HAN_SIMPLIFIED) simplified++;
    else if (cls === HAN_TRADITIONAL) traditional++;
    else if (cls === HAN_JAPANESE) japanese += JAPANESE_FORM_WEIGHT;
    else if (cls === HAN_JAPANESE_LEANING) japanese += JAPANESE_LEANING_WEIGHT;
    grammar += GRAMMAR_WEIGHT.get(ch) ?? 0;
  }
  const chinese = grammar + simplified + traditional;
  if (japanese > chinese) {
    return { lang: 'ja', certainty: japanese / (japanese + chinese) };
  }
  if (chinese === 0) return { lang: 'ja', certainty: NEUTRAL_JAPANESE_CONFIDENCE };

  const languageCertainty = chinese / (chinese + japanese);
  if (simplified === traditional) {
    return { lang: 'zh-Hans', certainty: languageCertainty * UNKNOWN_VARIANT_FACTOR };
  }
  const lang = simplified > traditional ? 'zh-Hans' : 'zh-Hant';
  const variantCertainty = Math.abs(simplified - traditional) / (simplified + traditional);
  return { lang, certainty: languageCertainty * Math.max(variantCertainty, UNKNOWN_VARIANT_FACTOR) };
}
