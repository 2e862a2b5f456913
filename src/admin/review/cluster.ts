/**
 * Groups questions by similar text, pure and deterministic. Each text is normalised and
 * tokenised exactly as the FAQ search does (src/faq/normalize.ts, src/faq/tokenize.ts), so
 * "Visa renewal?" and "visa RENEWAL" meet, Vietnamese with and without diacritics meet, and
 * texts in two languages meet where their words do ("ramen" in English, Indonesian, Tagalog).
 *
 * Two texts are joined when
 * - the weighted Jaccard index of their token sets reaches a threshold (paraphrases), or
 * - they share their top term: the most distinctive token of each (one the FAQ hardly uses,
 *   and of those the one most texts of the queue share). What the bot cannot answer is mostly
 *   a topic the FAQ lacks, named by a word it does not know: "best ramen in town" and
 *   "rekomendasi ramen enak" share little else.
 * Groups are the connected components of that relation (single link), so the grouping does
 * not depend on the order the texts come in.
 */
import { normalizeText } from '../../faq/normalize';
import type { SearchIndex } from '../../faq/search';
import { tokenize } from '../../faq/tokenize';

/** How much a token counts (e.g. its IDF in the FAQ, so "where" and "how" count for little). */
export type TermWeight = (term: string) => number;

export interface ClusterOptions<T> {
  /** Weighted Jaccard at or above which two texts are similar (default `SIMILARITY_THRESHOLD`). */
  threshold?: number;
  weight?: TermWeight;
  /** Tokens that may be a text's top term (default: none, so only the Jaccard joins). */
  distinctive?: (term: string) => boolean;
  /** Items with the same key always share a group (undefined, or by default: the normalised text). */
  keyOf?: (item: T) => string | undefined;
}

/**
 * Chosen on a sample of paraphrases and unrelated questions with the FAQ's IDF weights (see
 * test/admin/review-cluster.test.ts): paraphrases of one question share 0.4 to 0.95 of their
 * weight, unrelated questions sharing a word like "station" or "where" 0.35 or less.
 */
export const SIMILARITY_THRESHOLD = 0.4;

/**
 * A token is distinctive when its IDF in the FAQ is at least this share of the highest (a
 * token of one entry, or of none): with 70 entries, a token of at most two entries.
 */
export const DISTINCTIVE_SHARE = 0.85;

const UNIT_WEIGHT: TermWeight = () => 1;
const NONE_DISTINCTIVE = () => false;

/**
 * The distinct tokens of a text, sorted: every alternative of every meaningful unit (Latin
 * words and their stems, CJK, Hangul and Devanagari n-grams), without the search's bonus
 * tokens (word pairs), which only sharpen ranking.
 */
export function termsOf(text: string): string[] {
  const terms = new Set<string>();
  for (const unit of tokenize(normalizeText(text)).units) for (const token of unit) terms.add(token);
  return [...terms].sort();
}

/** Weighted Jaccard index of two sorted token lists: shared weight over combined weight (0 when both are empty). */
export function similarity(a: readonly string[], b: readonly string[], weight: TermWeight = UNIT_WEIGHT): number {
  let shared = 0;
  let combined = 0;
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i] < b[j])) combined += weight(a[i++]);
    else if (i >= a.length || b[j] < a[i]) combined += weight(b[j++]);
    else {
      const w = weight(a[i]);
      shared += w;
      combined += w;
      i++;
      j++;
    }
  }
  return combined > 0 ? shared / combined : 0;
}

/**
 * Token weights from the FAQ's search index: a token's IDF there, so words every entry uses
 * ("where", "how", "です") count for little, and a word the FAQ never uses ("kayak") counts most;
 * the distinctive tokens are those of at most a couple of entries (see `DISTINCTIVE_SHARE`).
 */
export function idfWeights(index: SearchIndex): { weight: TermWeight; distinctive: (term: string) => boolean } {
  const { vocabulary, idf } = index.postings;
  const weight: TermWeight = (term) => {
    const slot = vocabulary.get(term);
    return slot === undefined ? index.unknownIdf : idf[slot];
  };
  return { weight, distinctive: (term) => weight(term) >= DISTINCTIVE_SHARE * index.unknownIdf };
}

/** The form two texts share when they are the same question (punctuation-only texts keep their marks). */
export function textKey(text: string): string {
  return normalizeText(text) || text.normalize('NFKC').trim();
}

/**
 * A text's top term: of its distinctive tokens, the heaviest, then the one most texts share
 * (`frequency`), then the first in code-unit order; undefined when it has none.
 */
export function topTerm(terms: readonly string[], weight: TermWeight, distinctive: (term: string) => boolean, frequency: (term: string) => number): string | undefined {
  let best: string | undefined;
  let bestWeight = 0;
  let bestFrequency = 0;
  for (const term of terms) {
    if (!distinctive(term)) continue;
    const w = weight(term);
    const f = frequency(term);
    // `terms` is sorted, so on a full tie the earlier term stays.
    if (best === undefined || w > bestWeight || (w === bestWeight && f > bestFrequency)) [best, bestWeight, bestFrequency] = [term, w, f];
  }
  return best;
}

/**
 * The items in groups of similar text. Within a group items keep their input order; groups
 * come largest first, ties in the order of their first item. Only pairs that share a token are
 * compared, so a queue of a thousand short questions groups in milliseconds.
 */
export function clusterTexts<T extends { text: string }>(items: readonly T[], options: ClusterOptions<T> = {}): T[][] {
  const threshold = options.threshold ?? SIMILARITY_THRESHOLD;
  const weight = options.weight ?? UNIT_WEIGHT;
  const distinctive = options.distinctive ?? NONE_DISTINCTIVE;
  const keyOf = (item: T) => options.keyOf?.(item) ?? textKey(item.text);
  const parent = items.map((_, index) => index);
  const find = (index: number): number => {
    while (parent[index] !== index) index = parent[index] = parent[parent[index]];
    return index;
  };
  const union = (a: number, b: number) => {
    const [ra, rb] = [find(a), find(b)];
    // The smaller index stays the root: the same components and roots whatever the pair order.
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };

  // Texts with the same key (the same normalised text) are one question however they score.
  const firstWithKey = new Map<string, number>();
  const distinct: number[] = [];
  items.forEach((item, index) => {
    const key = keyOf(item);
    const first = firstWithKey.get(key);
    if (first === undefined) {
      firstWithKey.set(key, index);
      distinct.push(index);
    } else union(first, index);
  });

  const terms = new Map<number, string[]>();
  const byTerm = new Map<string, number[]>();
  for (const index of distinct) {
    const own = termsOf(items[index].text);
    terms.set(index, own);
    for (const term of own) {
      const list = byTerm.get(term);
      if (list) list.push(index);
      else byTerm.set(term, [index]);
    }
  }

  // Shared top terms.
  const frequency = (term: string) => byTerm.get(term)?.length ?? 0;
  const byTopTerm = new Map<string, number>();
  for (const index of distinct) {
    const top = topTerm(terms.get(index)!, weight, distinctive, frequency);
    if (top === undefined) continue;
    const first = byTopTerm.get(top);
    if (first === undefined) byTopTerm.set(top, index);
    else union(first, index);
  }

  // Paraphrases.
  for (const index of distinct) {
    const own = terms.get(index)!;
    const compared = new Set<number>();
    for (const term of own) {
      for (const other of byTerm.get(term)!) {
        if (other <= index || compared.has(other)) continue;
        compared.add(other);
        if (find(other) !== find(index) && similarity(own, terms.get(other)!, weight) >= threshold) union(index, other);
      }
    }
  }

  const groups = new Map<number, T[]>();
  items.forEach((item, index) => {
    const root = find(index);
    const group = groups.get(root);
    if (group) group.push(item);
    else groups.set(root, [item]);
  });
  // Map iteration follows the roots' first appearance, i.e. each group's first item.
  return [...groups.values()].sort((a, b) => b.length - a.length);
}
