/**
 * `npm run eval [-- FILE]`: scores the bot's detection, search and decision on labelled
 * messages ({"text","lang","expect"} lines; expect = entry id, null for out of scope, "@human"),
 * per language and overall, side by side with a plain baseline (one default Fuse instance
 * over every question variant). Default FILE: ../shared/eval/dev.jsonl.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decide } from '../src/conversation/decide';
import { isEmergency } from '../src/conversation/emergency';
import { isHumanRequest } from '../src/conversation/human-request';
import { indexFor } from '../src/faq/knowledge';
import { buildIndex, type SearchResult } from '../src/faq/search';
import { detectLanguage } from '../src/i18n/detect';
import { ask, type AskOutput } from './ask-core';
import { baselineFuse } from './baseline';
import { loadKnowledgeFiles } from './knowledge-files';

interface Labelled {
  text: string;
  lang: string;
  expect: string | null;
}

/** Eval labels that count as one of our languages (easy Japanese and romaji as Japanese...). */
const LABEL_FAMILY: Record<string, string> = { 'ja-easy': 'ja', 'ja-Latn': 'ja', 'ne-Latn': 'ne' };
const SUPPORTED = new Set(['ja', 'en', 'zh-Hans', 'zh-Hant', 'ko', 'vi', 'ne', 'id', 'tl']);
const family = (lang: string) => LABEL_FAMILY[lang] ?? lang;

interface Tally {
  n: number;
  inScope: number;
  r1: number;
  r3: number;
  wrong: number;
  wrongBase: number;
  oos: number;
  oosOk: number;
  human: number;
  humanOk: number;
  langOk: number;
  langN: number;
}

const emptyTally = (): Tally => ({ n: 0, inScope: 0, r1: 0, r3: 0, wrong: 0, wrongBase: 0, oos: 0, oosOk: 0, human: 0, humanOk: 0, langOk: 0, langN: 0 });

function score(tally: Tally, line: Labelled, out: Pick<AskOutput, 'decision' | 'results' | 'lang'>): void {
  tally.n++;
  const top = out.results[0]?.id;
  if (line.expect === '@human') {
    tally.human++;
    if (out.decision === 'human') tally.humanOk++;
    return;
  }
  tally.wrongBase++;
  if (out.decision === 'answer' && top !== line.expect) tally.wrong++;
  if (line.expect === null) {
    tally.oos++;
    if (out.decision === 'fallback') tally.oosOk++;
    return;
  }
  tally.inScope++;
  if (out.decision === 'answer' && top === line.expect) tally.r1++;
  if (
    (out.decision === 'answer' && top === line.expect) ||
    (out.decision === 'clarify' && out.results.slice(0, 3).some((r) => r.id === line.expect))
  ) {
    tally.r3++;
  }
}

const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)}%` : '-');

function row(name: string, t: Tally): string {
  return [
    name.padEnd(14),
    String(t.n).padStart(4),
    pct(t.r1, t.inScope).padStart(8),
    pct(t.r3, t.inScope).padStart(8),
    pct(t.wrong, t.wrongBase).padStart(8),
    pct(t.oosOk, t.oos).padStart(8),
    pct(t.humanOk, t.human).padStart(8),
    pct(t.langOk, t.langN).padStart(8),
  ].join(' ');
}

const HEADER = `${'language'.padEnd(14)} ${'n'.padStart(4)} ${'res@1'.padStart(8)} ${'res@3'.padStart(8)} ${'wrong'.padStart(8)} ${'oos-ok'.padStart(8)} ${'human'.padStart(8)} ${'lang-id'.padStart(8)}`;

function main(): void {
  const args = process.argv.slice(2);
  // --no-baseline skips the slow baseline while iterating; the recorded figures include it.
  const withBaseline = !args.includes('--no-baseline');
  const file = args.find((arg) => !arg.startsWith('--')) ?? join(import.meta.dirname, '..', '..', 'shared', 'eval', 'dev.jsonl');
  if (!existsSync(file)) {
    console.error(`eval file not found: ${file}`);
    process.exit(2);
  }
  const lines: Labelled[] = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
  const knowledge = loadKnowledgeFiles();
  const known = new Set(knowledge.entries.map((entry) => entry.id));
  const { index, urgentIds: urgent } = indexFor(knowledge);

  const fuse = baselineFuse(knowledge.entries);

  const ours = new Map<string, Tally>();
  const base = new Map<string, Tally>();
  const get = (map: Map<string, Tally>, key: string) => map.get(key) ?? (map.set(key, emptyTally()), map.get(key)!);
  let ourTime = 0;
  let baseTime = 0;
  const misses: string[] = [];
  let skipped = 0;
  for (const line of lines) {
    const group = SUPPORTED.has(family(line.lang)) ? family(line.lang) : `other:${line.lang}`;
    const groups = [group, SUPPORTED.has(family(line.lang)) ? 'ALL-10' : 'ALL-other'];
    // Language detection is scored on every line.
    const detected = detectLanguage(line.text).lang;
    for (const key of groups) {
      for (const map of [ours, base]) {
        const tally = get(map, key);
        tally.langN++;
        if (detected && family(detected) === family(line.lang)) tally.langOk++;
      }
    }
    // Retrieval is scored only on lines whose intent the knowledge holds (or null / @human).
    if (line.expect && line.expect !== '@human' && !known.has(line.expect)) {
      skipped++;
      continue;
    }
    let start = performance.now();
    const out = ask(index, line.text, urgent);
    ourTime += performance.now() - start;
    for (const key of groups) score(get(ours, key), line, out);
    if (!(out.decision === 'answer' && out.results[0]?.id === line.expect) && !(line.expect === null && out.decision === 'fallback') && !(line.expect === '@human' && out.decision === 'human')) {
      misses.push(`${line.expect ?? 'null'} <- ${out.decision} ${out.results.slice(0, 3).map((r) => `${r.id}:${r.score}`).join(' ')} | ${line.lang}→${out.lang} | ${line.text}`);
    }

    if (!withBaseline) continue;
    start = performance.now();
    const best = new Map<string, number>();
    for (const hit of fuse.search(line.text)) {
      const s = 1 - (hit.score ?? 1);
      if (!best.has(hit.item.id)) best.set(hit.item.id, s);
    }
    const results: SearchResult[] = [...best].map(([id, s]) => ({ id, score: s })).slice(0, 5);
    const decision = decide({ results, humanRequest: isHumanRequest(line.text), emergency: isEmergency(line.text), urgentIds: urgent });
    baseTime += performance.now() - start;
    for (const key of groups) score(get(base, key), line, { decision: decision.kind, results, lang: out.lang });
  }

  const print = (title: string, map: Map<string, Tally>) => {
    console.log(`\n${title}\n${HEADER}`);
    for (const key of [...map.keys()].sort()) console.log(row(key, map.get(key)!));
  };
  console.log(`knowledge: ${knowledge.entries.length} entries (version ${knowledge.version}); eval: ${file}`);
  console.log(`${lines.length} lines; retrieval scored on ${lines.length - skipped} (${skipped} ask about intents not in the knowledge yet); language detection on all`);
  print('Yorisoi (BM25 over script-aware tokens + fuse.js typo fallback)', ours);
  if (withBaseline) print('Baseline (one Fuse instance, default options, all variants)', base);
  const n = lines.length - skipped;
  console.log(`\nmean time per query: ours ${(ourTime / n).toFixed(3)} ms` + (withBaseline ? `, baseline ${(baseTime / n).toFixed(3)} ms (${(baseTime / ourTime).toFixed(0)}x)` : ''));
  if (process.env.EVAL_MISSES) console.log('\nmisses:\n' + misses.join('\n'));
}

main();
