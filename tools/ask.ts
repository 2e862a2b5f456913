/**
 * `npm run --silent ask -- --jsonl FILE` (FILE of {"text"} lines, `-` for stdin): prints one
 * JSON line per input, {"text","lang","decision","results":[{"id","score"}]}, running the
 * bot's own language detection, search and decision over `knowledge/`.
 * `--corpus CORPUS.jsonl` searches a plain corpus instead ({"id","text","lang"?} per line).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { indexFor } from '../src/faq/knowledge';

import { buildIndex, type SearchDocument } from '../src/faq/search';
import { ask } from './ask-core';
import { loadKnowledgeFiles } from './knowledge-files';

function readJsonl(path: string): Array<Record<string, unknown>> {
  const text = readFileSync(path === '-' ? 0 : path, 'utf8');
  return text
    .split('\n')
    .map((line, n) => [line.trim(), n + 1] as const)
    .filter(([line]) => line)
    .map(([line, n]) => {
      try {
        return JSON.parse(line);
      } catch {
        throw new Error(`${path}:${n}: not a JSON line`);
      }
    });
}

/** Documents from a plain corpus: lines sharing an id (and language) form one entry. */
export function corpusDocuments(lines: Array<Record<string, unknown>>): SearchDocument[] {
  const byKey = new Map<string, SearchDocument>();
  for (const line of lines) {
    if (typeof line.id !== 'string' && typeof line.id !== 'number') throw new Error('corpus line without "id"');
    if (typeof line.text !== 'string') throw new Error(`corpus line ${line.id} without "text"`);
    const lang = typeof line.lang === 'string' ? line.lang : undefined;
    const key = `${line.id}\u0000${lang ?? ''}`;
    let doc = byKey.get(key);
    if (!doc) byKey.set(key, (doc = { id: String(line.id), lang, fields: [] }));
    doc.fields.push({ text: line.text, weight: 1 });
  }
  return [...byKey.values()];
}

function main(): void {
  const { values } = parseArgs({ options: { jsonl: { type: 'string' }, corpus: { type: 'string' } } });
  if (!values.jsonl) {
    console.error('usage: npm run --silent ask -- --jsonl FILE|- [--corpus CORPUS.jsonl]');
    process.exit(2);
  }
  const { index, urgentIds } = values.corpus
    ? { index: buildIndex(corpusDocuments(readJsonl(values.corpus))), urgentIds: new Set<string>() }
    : indexFor(loadKnowledgeFiles());
  const out: string[] = [];
  for (const line of readJsonl(values.jsonl)) {
    if (typeof line.text !== 'string') throw new Error('query line without "text"');
    out.push(JSON.stringify(ask(index, line.text, urgentIds)));
  }
  process.stdout.write(out.join('\n') + (out.length ? '\n' : ''));
}

if (import.meta.url === `file://${process.argv[1]}`) main();
