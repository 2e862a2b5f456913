/**
 * The answer flow as one pure decision: answer, clarify, fall back, or hand to a person.
 * Thresholds are calibrated on `npm run eval` (see docs/retrieval.md).
 */
import type { SearchResult } from '../faq/search';

export type Decision =
  | { kind: 'answer'; entryId: string; score: number; emergency: boolean }
  | { kind: 'clarify'; candidates: string[]; emergency: boolean }
  | { kind: 'fallback'; emergency: boolean }
  | { kind: 'human'; emergency: boolean };

export type DecisionKind = Decision['kind'];

export interface DecideInput {
  results: SearchResult[];
  humanRequest: boolean;
  emergency: boolean;
  /** Entries that win ambiguity in an emergency (110, 119, earthquake...). */
  urgentIds?: ReadonlySet<string>;
}

export interface Thresholds {
  answer: number;
  margin: number;
  clarify: number;
  maxChoices: number;
}

export const THRESHOLDS: Thresholds = {
  /** Top score at or above which the bot answers, if the runner-up is far enough behind. */
  answer: 0.45,
  /** How far ahead the top hit must be to answer without asking. */
  margin: 0.05,
  /** Lowest score worth offering as a "did you mean" choice. */
  clarify: 0.4,
  /** At most this many choices in a clarification. */
  maxChoices: 3,
};

/** Decides what to do with a resident's message, given search results and detectors. */
export function decide(input: DecideInput, thresholds: Thresholds = THRESHOLDS): Decision {
  const { results, emergency } = input;
  if (input.humanRequest) return { kind: 'human', emergency };

  const candidates = results.filter((result) => result.score >= thresholds.clarify);
  const [top, second] = candidates;
  if (!top) return { kind: 'fallback', emergency };

  if (emergency && input.urgentIds) {
    // In an emergency a life-saving entry among the candidates is answered straight away.
    const urgent = candidates.find((result) => input.urgentIds!.has(result.id));
    if (urgent) return { kind: 'answer', entryId: urgent.id, score: urgent.score, emergency };
  }

  const clearLead = !second || top.score - second.score >= thresholds.margin;
  if (top.score >= thresholds.answer && clearLead) {
    return { kind: 'answer', entryId: top.id, score: top.score, emergency };
  }
  return {
    kind: 'clarify',
    candidates: candidates.slice(0, thresholds.maxChoices).map((result) => result.id),
    emergency,
  };
}
