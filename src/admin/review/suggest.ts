/**
 * What the knowledge already has for a group of questions: the FAQ search run on each of the
 * group's texts, its results aggregated into the entries most likely meant (suggested as the
 * entry to add the question to), and whether the bot would now answer a question on its own
 * (the re-check). Pure: the search index is passed in.
 */
import { decide } from '../../conversation/decide';
import { isEmergency } from '../../conversation/emergency';
import { isHumanRequest } from '../../conversation/human-request';
import type { KnowledgeIndex } from '../../faq/knowledge';
import { OUT_OF_SCOPE_ID } from '../../faq/schema';
import { search, type SearchIndex, type SearchResult } from '../../faq/search';
import type { GroupExample } from './groups';

export interface Suggestion {
  entryId: string;
  /** The entry's mean score over the group's texts (weighted by how often each was asked; 0 where it was not found). */
  score: number;
  /** Its best score for any one text. */
  best: number;
  /** For how many of the texts it was among the results. */
  hits: number;
}

/** One search: its results and how much it counts (how many residents asked that text). */
export interface SearchRun {
  weight: number;
  results: SearchResult[];
}

/** Texts of a group searched for suggestions (the most frequent): enough to agree, cheap to run. */
export const SUGGESTION_TEXTS = 10;

const round = (value: number) => Math.round(value * 1000) / 1000;

/**
 * The entries found across several searches, best first: by mean score, then by how many
 * searches found them, then by id. The out-of-scope examples are never suggested.
 */
export function aggregateSuggestions(runs: SearchRun[], limit = 3): Suggestion[] {
  const total = runs.reduce((sum, run) => sum + Math.max(0, run.weight), 0);
  if (total <= 0) return [];
  const byEntry = new Map<string, { sum: number; best: number; hits: number }>();
  for (const run of runs) {
    if (run.weight <= 0) continue;
    // An entry counts once per search, with its best score there.
    const seen = new Set<string>();
    for (const result of run.results) {
      if (result.id === OUT_OF_SCOPE_ID || seen.has(result.id) || !(result.score > 0)) continue;
      seen.add(result.id);
      const entry = byEntry.get(result.id) ?? { sum: 0, best: 0, hits: 0 };
      entry.sum += run.weight * result.score;
      entry.best = Math.max(entry.best, result.score);
      entry.hits += 1;
      byEntry.set(result.id, entry);
    }
  }
  return [...byEntry]
    .map(([entryId, entry]) => ({ entryId, score: round(entry.sum / total), best: round(entry.best), hits: entry.hits }))
    .sort((a, b) => b.score - a.score || b.hits - a.hits || a.entryId.localeCompare(b.entryId))
    .slice(0, limit);
}

/** The suggested entries for a group: its most frequent texts searched, results aggregated. */
export function suggestEntries(index: SearchIndex, examples: Pick<GroupExample, 'text' | 'count'>[], limit = 3): Suggestion[] {
  const runs = examples
    .filter((example) => example.text.trim())
    .slice(0, SUGGESTION_TEXTS)
    .map((example) => ({ weight: example.count, results: search(index, example.text, { limit: 5 }) }));
  return aggregateSuggestions(runs, limit);
}

/**
 * The entry the bot would answer this text with now, as the answer flow decides it (the same
 * search, detectors and thresholds), or undefined when it would still clarify, fall back or
 * hand over.
 */
export function answerNow(knowledge: KnowledgeIndex, text: string): { entryId: string; score: number } | undefined {
  if (!text.trim()) return undefined;
  const results = search(knowledge.index, text, { limit: 5 });
  const decision = decide({ results, humanRequest: isHumanRequest(text), emergency: isEmergency(text), urgentIds: knowledge.urgentIds });
  return decision.kind === 'answer' ? { entryId: decision.entryId, score: decision.score } : undefined;
}
