/**
 * Validates `knowledge/` against the entry schema and prints problems per file.
 * Usage: npx tsx tools/check-knowledge.ts [entry-id ...]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Contacts, FaqEntry, CONTACT_PLACEHOLDER, RAW_CONTACT } from '../src/faq/schema';

const root = join(import.meta.dirname, '..', 'knowledge');
const contacts = Contacts.parse(JSON.parse(readFileSync(join(root, 'contacts.json'), 'utf8')));
const only = process.argv.slice(2);
let problems = 0;

for (const file of readdirSync(join(root, 'entries')).filter((f) => f.endsWith('.json')).sort()) {
  const id = file.replace(/\.json$/, '');
  if (only.length && !only.includes(id)) continue;
  const parsed = FaqEntry.safeParse(JSON.parse(readFileSync(join(root, 'entries', file), 'utf8')));
  const report = (msg: string) => {
    problems++;
    console.log(`${file}: ${msg}`);
  };
  if (!parsed.success) {
    for (const issue of parsed.error.issues) report(`${issue.path.join('.')}: ${issue.message}`);
    continue;
  }
  if (parsed.data.id !== id) report(`id "${parsed.data.id}" does not match the file name`);
  for (const [lang, text] of Object.entries(parsed.data.texts)) {
    for (const match of text.answer.matchAll(CONTACT_PLACEHOLDER)) {
      const contact = contacts[match[2]] as Record<string, unknown> | undefined;
      if (!contact || contact[match[1]] === undefined) report(`${lang}: unknown placeholder ${match[0]}`);
    }
    const raw = text.answer.replace(CONTACT_PLACEHOLDER, '');
    if (RAW_CONTACT.test(raw)) report(`${lang}: a phone number or URL is written out; use {{phone:key}} / {{url:key}}`);
  }
}
console.log(problems ? `${problems} problem(s)` : 'knowledge OK');
process.exit(problems ? 1 : 0);
