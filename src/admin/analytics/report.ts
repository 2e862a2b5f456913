/**
 * The analytics report: the grouped rows of src/db/analytics.ts turned into the figures the
 * page charts and the API returns (series per day, rates, top lists, times). Pure.
 */
import type { AnalyticsRows, DayCount } from '../../db/analytics';
import { LANGUAGES } from '../../i18n/languages';
import { groupQueue, type GroupOptions, type QueueItem } from '../review/groups';
import { languageName } from '../review/language-names';
import { PALETTE } from './charts';
import type { Period } from './period';
import { handoffTimes, rate, summarize, type DurationSummary } from './stats';

export const DECISIONS = [
  { key: 'answer', label: 'Answered', color: '#009E73' },
  { key: 'clarify', label: 'Asked which one (clarify)', color: '#56B4E9' },
  { key: 'fallback', label: 'Could not answer', color: '#E69F00' },
  { key: 'human', label: 'Handed to a person', color: '#CC79A7' },
] as const;

export interface DaySeries {
  key: string;
  label: string;
  color: string;
  values: number[];
  total: number;
}

export interface Report {
  period: { days: number; start: string; end: string; dayTexts: string[] };
  totals: { messages: number; residents: number; replies: number; answered: number; fallbacks: number; answerRate: number | null };
  messagesByLanguage: DaySeries[];
  decisions: DaySeries[];
  topEntries: Array<{ entryId: string; title: string; count: number }>;
  helpful: {
    overall: { helpful: number; total: number; rate: number | null };
    entries: Array<{ entryId: string; title: string; helpful: number; total: number; rate: number | null }>;
  };
  unanswered: {
    total: number;
    open: number;
    groups: Array<{ key: string; example: string; language: string | null; count: number; open: number; languages: string[] }>;
  };
  handoff: { waiting: DurationSummary; handling: DurationSummary; stillWaiting: number };
  ratings: { resolved: number; good: number; bad: number; unrated: number };
}

export interface ReportOptions {
  /** An entry's name for people (its English title), or its id. */
  title: (entryId: string) => string;
  /** How the unanswered questions are grouped (the review queue's weights). */
  grouping?: GroupOptions;
  topGroups?: number;
}

/** Day counts as one series per key, a value per day of the period. */
function seriesOf(counts: DayCount[], period: Period, keys: Array<{ key: string; label: string; color: string }>): DaySeries[] {
  const index = new Map(keys.map((key, i) => [key.key, i]));
  const values = keys.map(() => new Array<number>(period.days).fill(0));
  for (const count of counts) {
    const i = index.get(count.key);
    const day = count.day - period.firstDay;
    if (i !== undefined && day >= 0 && day < period.days) values[i][day] += count.count;
  }
  return keys.map((key, i) => ({ ...key, values: values[i], total: values[i].reduce((sum, value) => sum + value, 0) }));
}

/** The languages that occur, in the service's order (others and "unknown" after), each in its own colour on every chart. */
function languageKeys(counts: DayCount[]) {
  const present = new Set(counts.map((count) => count.key));
  const known = LANGUAGES.filter((lang) => present.has(lang)).map((lang) => ({ key: lang as string, label: languageName(lang), color: PALETTE[LANGUAGES.indexOf(lang)] }));
  const others = [...present].filter((key) => !(LANGUAGES as readonly string[]).includes(key)).sort();
  return [...known, ...others.map((key) => ({ key, label: languageName(key), color: '#9aa3ad' }))];
}

export function buildReport(rows: AnalyticsRows, period: Period, options: ReportOptions): Report {
  const messagesByLanguage = seriesOf(rows.messages, period, languageKeys(rows.messages));
  const decisions = seriesOf(rows.decisions, period, DECISIONS.map(({ key, label, color }) => ({ key, label, color })));
  const decisionTotal = (key: string) => decisions.find((series) => series.key === key)!.total;
  const replies = decisions.reduce((sum, series) => sum + series.total, 0);

  const helpfulTotal = rows.feedback.reduce((sum, row) => sum + row.total, 0);
  const helpfulYes = rows.feedback.reduce((sum, row) => sum + row.helpful, 0);

  const items: QueueItem[] = rows.unanswered.map((row) => ({ source: 'unanswered', id: row.id, text: row.text, language: row.language, createdAt: row.createdAt }));
  const open = new Set(rows.unanswered.filter((row) => row.status === 'new').map((row) => row.id));
  const groups = groupQueue(items, options.grouping)
    .slice(0, options.topGroups ?? 10)
    .map((group) => ({
      key: group.key,
      example: group.examples[0]?.text ?? '',
      language: group.examples[0]?.language ?? null,
      count: group.count,
      open: group.items.filter((item) => open.has(item.id)).length,
      languages: group.languages.map((l) => l.language),
    }));

  const times = handoffTimes(rows.activities, period);
  return {
    period: { days: period.days, start: period.dayTexts[0], end: period.dayTexts[period.days - 1], dayTexts: period.dayTexts },
    totals: {
      messages: messagesByLanguage.reduce((sum, series) => sum + series.total, 0),
      residents: rows.residents,
      replies,
      answered: decisionTotal('answer'),
      fallbacks: decisionTotal('fallback'),
      answerRate: rate(decisionTotal('answer'), replies),
    },
    messagesByLanguage,
    decisions,
    topEntries: rows.answers.map((row) => ({ entryId: row.entryId, title: options.title(row.entryId), count: row.count })),
    helpful: {
      overall: { helpful: helpfulYes, total: helpfulTotal, rate: rate(helpfulYes, helpfulTotal) },
      entries: rows.feedback.map((row) => ({ entryId: row.entryId, title: options.title(row.entryId), helpful: row.helpful, total: row.total, rate: rate(row.helpful, row.total) })),
    },
    unanswered: { total: rows.unanswered.length, open: open.size, groups },
    handoff: { waiting: summarize(times.waiting), handling: summarize(times.handling), stillWaiting: times.stillWaiting },
    ratings: { ...rows.ratings, unrated: rows.ratings.resolved - rows.ratings.good - rows.ratings.bad },
  };
}
