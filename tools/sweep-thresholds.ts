/**
 * `npx tsx tools/sweep-thresholds.ts [FILE]`: tries decision thresholds on the eval lines of
 * the ten languages (intents in the knowledge, out of scope) and prints the best settings by
 * resolved@1 + resolved@3 + out-of-scope handled - 3 x confidently wrong. For tuning
 * `THRESHOLDS` in src/conversation/decide.ts; re-run `npm run eval` after changing them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decide } from '../src/conversation/decide';
import { isEmergency } from '../src/conversation/emergency';
import { indexFor } from '../src/faq/knowledge';
import { buildIndex, search } from '../src/faq/search';
import { loadKnowledgeFiles } from './knowledge-files';

const file = process.argv[2] ?? join(import.meta.dirname, '..', '..', 'shared', 'eval', 'dev.jsonl');
const knowledge = loadKnowledgeFiles();
const known = new Set(knowledge.entries.map((entry) => entry.id));
const { index, urgentIds } = indexFor(knowledge);
const OTHER = new Set(['th', 'my', 'pt', 'es']);
const lines = readFileSync(file, 'utf8')
  .split('\n')
  .filter((line) => line.trim())
  .map((line) => JSON.parse(line) as { text: string; lang: string; expect: string | null })
  .filter((line) => !OTHER.has(line.lang) && line.expect !== '@human' && (line.expect === null || known.has(line.expect)))
  .map((line) => ({ ...line, results: search(index, line.text, { limit: 5 }), emergency: isEmergency(line.text) }));

const rows = [];
for (const answer of [0.45, 0.5, 0.55, 0.6, 0.7]) {
  for (const margin of [0.05, 0.1, 0.15]) {
    for (const ratio of [1.15, 1.2, 1.25, 1.3, 1.4, 1.5, 2]) {
      for (const ratioFloor of [0.1, 0.15, 0.2, 0.25, 0.3]) {
        for (const clarify of [0.15, 0.2, 0.25, 0.3, 0.35]) {
          if (clarify > answer) continue;
          const thresholds = { answer, margin, ratio, ratioFloor, clarify, maxChoices: 3 };
          let r1 = 0, r3 = 0, wrong = 0, oos = 0, oosOk = 0, inScope = 0;
          for (const line of lines) {
            const d = decide({ results: line.results, humanRequest: false, emergency: line.emergency, urgentIds }, thresholds);
            if (d.kind === 'answer' && d.entryId !== line.expect) wrong++;
            if (line.expect === null) {
              oos++;
              if (d.kind === 'fallback') oosOk++;
              continue;
            }
            inScope++;
            if (d.kind === 'answer' && d.entryId === line.expect) r1++, r3++;
            else if (d.kind === 'clarify' && d.candidates.includes(line.expect)) r3++;
          }
          const row = { ...thresholds, r1: r1 / inScope, r3: r3 / inScope, wrong: wrong / lines.length, oos: oosOk / oos };
          rows.push({ ...row, objective: row.r1 + row.r3 + row.oos - 3 * row.wrong });
        }
      }
    }
  }
}
rows.sort((a, b) => b.objective - a.objective);
const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
console.log('answer margin  ratio  floor clarify   res@1   res@3   wrong  oos-ok');
for (const r of rows.slice(0, Number(process.env.SWEEP_ROWS ?? 15))) {
  console.log(`${r.answer.toFixed(2).padStart(6)} ${r.margin.toFixed(2).padStart(6)} ${r.ratio.toFixed(1).padStart(6)} ${r.ratioFloor.toFixed(2).padStart(6)} ${r.clarify.toFixed(2).padStart(7)} ${pct(r.r1).padStart(7)} ${pct(r.r3).padStart(7)} ${pct(r.wrong).padStart(7)} ${pct(r.oos).padStart(7)}`);
}
