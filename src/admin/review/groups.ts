/**
 * The review queue as groups: what the bot could not answer (fallbacks) and answers residents
 * rated "not helpful", grouped by similar question (./cluster.ts) and summarised for an admin:
 * how often, in which languages, since when, in which words. Pure.
 */
import { clusterTexts, textKey, type TermWeight } from './cluster';

/** Where a queue item comes from: `unanswered_queries` or `feedback`. */
export type ReviewSource = 'unanswered' | 'feedback';

export const REVIEW_SOURCES = ['unanswered', 'feedback'] as const satisfies readonly ReviewSource[];

/** A row of the review queue, as src/db/review.ts reads it. */
export interface QueueItem {
  source: ReviewSource;
  id: number;
  /** The resident's question ('' when a rated answer's question is not known). */
  text: string;
  language: string | null;
  createdAt: number;
  /** Fallbacks: the best (rejected) hit and the top score. */
  topEntryId?: string | null;
  topScore?: number | null;
  /** "Not helpful": the entry whose answer was rated. */
  ratedEntryId?: string | null;
}

/** An item as the API names it: `unanswered:12`, `feedback:3`. */
export interface ItemRef {
  source: ReviewSource;
  id: number;
}

export interface GroupExample {
  text: string;
  language: string | null;
  /** How many items of the group said this (after normalisation). */
  count: number;
  lastSeen: number;
}

export interface ReviewGroup {
  /** Stable while the group's oldest item is in it: `<source>:<id>` of that item. */
  key: string;
  count: number;
  sources: Record<ReviewSource, number>;
  /** Languages with their counts, most frequent first. */
  languages: Array<{ language: string; count: number }>;
  firstSeen: number;
  lastSeen: number;
  /** Distinct texts, most frequent first (then most recent). */
  examples: GroupExample[];
  /** Entries whose answers were rated not helpful, with counts. */
  ratedEntries: Array<{ entryId: string; count: number }>;
  items: QueueItem[];
}

export interface GroupOptions {
  weight?: TermWeight;
  distinctive?: (term: string) => boolean;
  threshold?: number;
  /** At most this many distinct texts per group (default 20). */
  maxExamples?: number;
}

export const refKey = (ref: ItemRef) => `${ref.source}:${ref.id}`;

/** What groups an item: its text, or for a rating without a known question, the rated entry. */
function clusterKey(item: QueueItem): string | undefined {
  return item.text.trim() ? undefined : `no-question:${item.ratedEntryId ?? ''}`;
}

function countBy<T>(values: T[]): Array<{ value: T; count: number }> {
  const counts = new Map<T, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].map(([value, count]) => ({ value, count }));
}

/** Oldest first, then by source and id: the order groups and examples are built in. */
function byAge(a: QueueItem, b: QueueItem): number {
  return a.createdAt - b.createdAt || a.source.localeCompare(b.source) || a.id - b.id;
}

/** One group's summary. */
export function summarizeGroup(items: QueueItem[], maxExamples = 20): ReviewGroup {
  const sorted = [...items].sort(byAge);
  const examples = new Map<string, GroupExample>();
  for (const item of sorted) {
    const key = textKey(item.text);
    const seen = examples.get(key);
    // The latest wording of a text stands for it (the same question typed again).
    if (seen) Object.assign(seen, { text: item.text, language: item.language, count: seen.count + 1, lastSeen: item.createdAt });
    else examples.set(key, { text: item.text, language: item.language, count: 1, lastSeen: item.createdAt });
  }
  const languages = countBy(sorted.map((item) => item.language ?? 'unknown'))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value))
    .map(({ value, count }) => ({ language: value, count }));
  const ratedEntries = countBy(sorted.flatMap((item) => (item.source === 'feedback' && item.ratedEntryId ? [item.ratedEntryId] : [])))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value))
    .map(({ value, count }) => ({ entryId: value, count }));
  return {
    key: refKey(sorted[0]),
    count: sorted.length,
    sources: {
      unanswered: sorted.filter((item) => item.source === 'unanswered').length,
      feedback: sorted.filter((item) => item.source === 'feedback').length,
    },
    languages,
    firstSeen: sorted[0].createdAt,
    lastSeen: sorted[sorted.length - 1].createdAt,
    examples: [...examples.values()]
      .filter((example) => example.text.trim())
      .sort((a, b) => b.count - a.count || b.lastSeen - a.lastSeen)
      .slice(0, maxExamples),
    ratedEntries,
    items: sorted,
  };
}

/**
 * The queue as groups of similar questions, the largest first (ties: the most recent first,
 * then by key), each summarised.
 */
export function groupQueue(items: QueueItem[], options: GroupOptions = {}): ReviewGroup[] {
  const ordered = [...items].sort(byAge);
  const clusters = clusterTexts(ordered, {
    weight: options.weight,
    distinctive: options.distinctive,
    threshold: options.threshold,
    keyOf: clusterKey,
  });
  return clusters
    .map((cluster) => summarizeGroup(cluster, options.maxExamples))
    .sort((a, b) => b.count - a.count || b.lastSeen - a.lastSeen || a.key.localeCompare(b.key));
}
