/**
 * `npm run bench`: search speed. Per-query time (p50/p99) and index build time on the shipped
 * knowledge and on a synthetic knowledge base of 5,000 entries, each beside the plain
 * baseline (one default Fuse instance over every title, question and keyword) measured in the
 * same run. Queries: the texts of ../shared/eval/dev.jsonl (or a built-in sample).
 * The build is timed twice: the first build in the process with the first query after it (what
 * a fresh isolate pays before its first answer, the JIT still cold) and the median of later
 * builds; beside wall-clock, builds show this thread's CPU time (Linux), which a busy machine
 * inflates far less. Results go into docs/benchmarks.md.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { documentsFromEntries } from '../src/faq/knowledge';
import type { FaqEntry } from '../src/faq/schema';
import { buildIndex, search, type SearchIndex } from '../src/faq/search';
import { baselineFuse } from './baseline';
import { loadKnowledgeFiles } from './knowledge-files';

const EVAL = join(import.meta.dirname, '..', '..', 'shared', 'eval', 'dev.jsonl');
const SYNTHETIC_ENTRIES = Number(process.env.BENCH_ENTRIES ?? 5000);
/** --no-baseline measures only the shipped method (the baseline on 5,000 entries takes many minutes). */
const WITH_BASELINE = !process.argv.includes('--no-baseline');
// The baseline takes about a second a query on the shipped knowledge (minutes on 5,000 entries), so it runs on a sample.
const BASELINE_QUERIES_SHIPPED = 100;
const BASELINE_QUERIES_LARGE = 5;

const queries: string[] = existsSync(EVAL)
  ? readFileSync(EVAL, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l).text as string)
  : ['my visa ends next month', 'gia han the cu tru o dau', 'ごみ いつ だす', '签证快到期了', '구급차 불러요', 'paano mag renew ng visa'];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Times each call of `fn` over the queries (after a warm-up pass), in milliseconds. */
function timeQueries(list: string[], fn: (q: string) => unknown, rounds: number): { p50: number; p99: number } {
  for (const q of list) fn(q);
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of list) {
      const start = process.hrtime.bigint();
      fn(q);
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

/** CPU time of this thread so far, in milliseconds (0 where /proc is not there). */
function threadCpu(): number {
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return 0;
  }
}

/** One call of `fn`: its value, wall-clock and thread CPU time in milliseconds. */
function measure<T>(fn: () => T): { value: T; ms: number; cpu: number } {
  const cpu = threadCpu();
  const start = process.hrtime.bigint();
  const value = fn();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { value, ms, cpu: threadCpu() - cpu };
}

/** Median times of `rounds` builds, after one untimed warm-up build unless `warmUp` is false. */
function timeBuild<T>(build: () => T, rounds: number, warmUp = true): { ms: number; cpu: number; value: T } {
  let value = warmUp || rounds < 1 ? build() : (undefined as T);
  const runs: Array<{ ms: number; cpu: number }> = [];
  for (let r = 0; r < rounds; r++) {
    const run = measure(build);
    value = run.value;
    runs.push(run);
  }
  const ms = runs.map((run) => run.ms).sort((a, b) => a - b);
  const cpu = runs.map((run) => run.cpu).sort((a, b) => a - b);
  return { ms: percentile(ms, 50), cpu: percentile(cpu, 50), value };
}

/**
 * A synthetic knowledge base: the shipped entries repeated with distinct made-up words mixed
 * into every text, so that entries differ and the vocabulary grows as a real one would.
 */
function synthetic(entries: FaqEntry[], size: number): FaqEntry[] {
  const syllables = ['ka', 'ri', 'to', 'me', 'su', 'no', 'ha', 'mi', 'ku', 're', 'sa', 'yo', 'ne', 'ta', 'ro', 'ma'];
  const word = (n: number) => syllables[n % 16] + syllables[(n >> 4) % 16] + syllables[(n >> 8) % 16] + syllables[(n >> 12) % 16];
  const han = (n: number) => String.fromCharCode(0x4e00 + ((n * 7919) % 20000), 0x4e00 + ((n * 104729) % 20000));
  return Array.from({ length: size }, (_, i) => {
    const base = entries[i % entries.length];
    const tag = (text: string, k: number) => `${text} ${word(i * 8 + k)} ${han(i * 8 + k)}`;
    const texts = Object.fromEntries(
      Object.entries(base.texts).map(([lang, t]) => [
        lang,
        { ...t, title: tag(t.title, 0), questions: t.questions.map((q, k) => tag(q, k + 1)), keywords: t.keywords.map((w, k) => tag(w, k + 2)) },
      ]),
    ) as FaqEntry['texts'];
    return { ...base, id: `${base.id}-${i}`, texts };
  });
}

/** Whether nothing has been built in this process yet (the JIT is cold). */
let fresh = true;

function run(name: string, entries: FaqEntry[], baselineQueries: string[], rounds: number): void {
  const docs = documentsFromEntries(entries, knowledge.outOfScope);
  const first = measure(() => buildIndex(docs));
  const firstQuery = measure(() => search(first.value, queries[0], { limit: 5 }));
  // The first build above was the warm-up.
  const build = timeBuild<SearchIndex>(() => buildIndex(docs), 3, false);
  const ours = timeQueries(queries, (q) => search(build.value, q, { limit: 5 }), rounds);
  const fmt = (ms: number) => (ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(2)} ms`);
  const both = ({ ms, cpu }: { ms: number; cpu: number }) => `${fmt(ms)} (CPU ${fmt(cpu)})`;
  const sum = { ms: first.ms + firstQuery.ms, cpu: first.cpu + firstQuery.cpu };
  const firstLine = `  ${fresh ? 'first build in a fresh process' : 'first build of this knowledge (JIT warm)'} ${both(first)} + first query ${both(firstQuery)} = ${both(sum)}`;
  fresh = false;
  const buildLine = `  index build, median of 3 later builds ${both(build)}`;
  if (!WITH_BASELINE) {
    console.log(`\n${name}: ${entries.length} entries, ${docs.length} documents; ${queries.length} queries`);
    console.log(firstLine);
    console.log(buildLine);
    console.log(`  per query p50 ${fmt(ours.p50)}, p99 ${fmt(ours.p99)}`);
    return;
  }
  const baseBuild = timeBuild(() => baselineFuse(entries), 1);
  const base = timeQueries(baselineQueries, (q) => baseBuild.value.search(q), 1);
  console.log(`\n${name}: ${entries.length} entries, ${docs.length} documents; ${queries.length} queries (baseline: ${baselineQueries.length})`);
  console.log(firstLine);
  console.log(buildLine);
  console.log(`  index build        ours ${fmt(build.ms).padStart(10)}   baseline ${fmt(baseBuild.ms).padStart(10)}`);
  console.log(`  per query p50      ours ${fmt(ours.p50).padStart(10)}   baseline ${fmt(base.p50).padStart(10)}   ${(base.p50 / ours.p50).toFixed(0)}x faster`);
  console.log(`  per query p99      ours ${fmt(ours.p99).padStart(10)}   baseline ${fmt(base.p99).padStart(10)}   ${(base.p99 / ours.p99).toFixed(0)}x faster`);
}

const knowledge = loadKnowledgeFiles();
console.log(`node ${process.version}; times are wall-clock per call on one thread (CPU-bound, no I/O), and this thread's CPU time where shown`);
run('shipped knowledge', knowledge.entries, queries.slice(0, BASELINE_QUERIES_SHIPPED), 5);
// BENCH_ENTRIES=0 measures the shipped knowledge only.
if (SYNTHETIC_ENTRIES > 0) run('synthetic knowledge', synthetic(knowledge.entries, SYNTHETIC_ENTRIES), queries.slice(0, BASELINE_QUERIES_LARGE), 2);
