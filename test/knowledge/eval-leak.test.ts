import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadKnowledgeFiles } from '../../tools/knowledge-files';

/**
 * The eval file is a sample of residents' messages; the same figures are checked on messages
 * nobody has seen. A variant copied from it would raise the sample's figures and nothing else,
 * so no eval message may stand word for word in the knowledge.
 */
const EVAL_FILE = join(import.meta.dirname, '..', '..', '..', 'shared', 'eval', 'dev.jsonl');
const present = existsSync(EVAL_FILE);
if (!present) console.info(`eval-leak: ${EVAL_FILE} not found, the leak check is skipped`);

/** Case, width, punctuation, symbols (emoji) and spacing do not make a message new. */
function normalise(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\p{P}\p{S}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

describe('knowledge and the eval sample', () => {
  it.skipIf(!present)('share no message: no eval line is a question variant or keyword', () => {
    const messages = new Map<string, string>();
    for (const line of readFileSync(EVAL_FILE, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const { text } = JSON.parse(line) as { text: string };
      messages.set(normalise(text), text);
    }
    const knowledge = loadKnowledgeFiles();
    const phrasings: Array<{ where: string; text: string }> = [];
    for (const entry of knowledge.entries) {
      for (const [lang, text] of Object.entries(entry.texts)) {
        for (const phrase of [...text.questions, ...text.keywords]) phrasings.push({ where: `${entry.id} ${lang}`, text: phrase });
      }
    }
    for (const [lang, text] of Object.entries(knowledge.outOfScope?.texts ?? {})) {
      for (const phrase of [...text.questions, ...text.keywords]) phrasings.push({ where: `out-of-scope ${lang}`, text: phrase });
    }
    const leaks = phrasings.filter(({ text }) => messages.has(normalise(text))).map(({ where, text }) => `${where}: ${text}`);
    expect(leaks).toEqual([]);
  });
});
