/**
 * Disaster mode's ranking rule: disaster entries win ties and ambiguity. Pure, over the search
 * results and the decision the normal rules made (src/conversation/decide.ts).
 */
import { THRESHOLDS, type Decision, type Thresholds } from '../conversation/decide';
import type { FaqEntry } from '../faq/schema';
import type { SearchResult } from '../faq/search';

/** The entries that win in disaster mode: the `disaster` category and every urgent (life-saving) entry. */
export function disasterEntryIds(entries: readonly FaqEntry[]): ReadonlySet<string> {
  return new Set(entries.filter((entry) => entry.category === 'disaster' || entry.urgent).map((entry) => entry.id));
}

/**
 * The decision in disaster mode. The best plausible disaster entry (score at least the clarify
 * threshold) is answered instead when
 * - the normal decision would ask "did you mean" and offers it among the choices, or
 * - it is within the answer margin of the top hit (a near-tie), whatever the top hit is -
 *   another entry, or the out-of-scope examples ("will it rain tomorrow" during a typhoon).
 * A request for a person, an answer that already is a disaster entry, and clear answers
 * elsewhere ("my visa ends next month") are left alone.
 */
export function preferDisasterEntries(
  decision: Decision,
  results: readonly SearchResult[],
  disasterIds: ReadonlySet<string>,
  thresholds: Thresholds = THRESHOLDS,
): Decision {
  if (decision.kind === 'human') return decision;
  if (decision.kind === 'answer' && disasterIds.has(decision.entryId)) return decision;
  const best = results.find((result) => disasterIds.has(result.id) && result.score >= thresholds.clarify);
  const top = results[0];
  if (!best || !top) return decision;
  const offered = decision.kind === 'clarify' && decision.candidates.includes(best.id);
  const nearTie = top.score - best.score < thresholds.margin;
  if (!offered && !nearTie) return decision;
  return { kind: 'answer', entryId: best.id, score: best.score, emergency: decision.emergency };
}
