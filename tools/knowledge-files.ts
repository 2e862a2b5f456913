/** Reads and validates `knowledge/` from disk (Node tools: ask, eval, bench, db:setup). */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeKnowledge, type Knowledge } from '../src/faq/knowledge';
import { Contacts, FaqEntry, OutOfScope } from '../src/faq/schema';

export const KNOWLEDGE_DIR = join(import.meta.dirname, '..', 'knowledge');

/** Loads every entry and the contacts; throws with the file name on the first invalid file. */
export function loadKnowledgeFiles(dir = KNOWLEDGE_DIR): Knowledge {
  const entriesDir = join(dir, 'entries');
  const entries = readdirSync(entriesDir)
    .filter((file) => file.endsWith('.json'))
    .map((file) => {
      const parsed = FaqEntry.safeParse(JSON.parse(readFileSync(join(entriesDir, file), 'utf8')));
      if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      return parsed.data;
    });
  const contacts = Contacts.parse(JSON.parse(readFileSync(join(dir, 'contacts.json'), 'utf8')));
  const outOfScopeFile = join(dir, 'out-of-scope.json');
  const outOfScope = existsSync(outOfScopeFile) ? OutOfScope.parse(JSON.parse(readFileSync(outOfScopeFile, 'utf8'))) : undefined;
  return makeKnowledge(entries, contacts, undefined, outOfScope);
}
