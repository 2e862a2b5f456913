/**
 * The answer flow as one pure decision: answer, clarify, fall back, or hand to a person.
 * Thresholds are calibrated on `npm run eval` (see docs/retrieval.md).
 */
import { OUT_OF_SCOPE_ID } from '../faq/schema';
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
  /** A lower top score is still answered when it is this many times the runner-up's... */
  ratio: number;
  /** ...and at least this high. */
  ratioFloor: number;
  clarify: number;
  maxChoices: number;
}

export const THRESHOLDS: Thresholds = {
  /** Top score at or above which the bot answers, if the runner-up is far enough behind. */
  answer: 0.55,
  /** How far ahead the top hit must be to answer without asking. */
  margin: 0.1,
  ratio: 1.3,
  ratioFloor: 0.15,
  /** Lowest score worth offering as a "did you mean" choice. */
  clarify: 0.25,
  /** At most this many choices in a clarification. */
  maxChoices: 3,
};

/** Decides what to do with a resident's message, given search results and detectors. */
export function decide(input: DecideInput, thresholds: Thresholds = THRESHOLDS): Decision {
  const { results, emergency } = input;
  if (input.humanRequest) return { kind: 'human', emergency };

  const [top] = results;
  // Nothing found, or the message reads most like the examples of what the FAQ does not cover.
  if (!top || top.id === OUT_OF_SCOPE_ID) return { kind: 'fallback', emergency };
  const candidates = results.filter((result) => result.score >= thresholds.clarify && result.id !== OUT_OF_SCOPE_ID);

  if (emergency && input.urgentIds) {
    // In an emergency a life-saving entry among the candidates is answered straight away.
    const urgent = candidates.find((result) => input.urgentIds!.has(result.id));
    if (urgent) return { kind: 'answer', entryId: urgent.id, score: urgent.score, emergency };
  }

  const runnerUp = results[1]?.score ?? 0;
  const confident = top.score >= thresholds.answer && top.score - runnerUp >= thresholds.margin;
  // A clear winner among weak hits: long, chatty questions cover little of any entry.
  const clearWinner = top.score >= thresholds.ratioFloor && top.score >= thresholds.ratio * runnerUp;
  if (confident || clearWinner) return { kind: 'answer', entryId: top.id, score: top.score, emergency };
  if (!candidates.length) return { kind: 'fallback', emergency };
  return {
    kind: 'clarify',
    candidates: candidates.slice(0, thresholds.maxChoices).map((result) => result.id),
    emergency,
  };
}
