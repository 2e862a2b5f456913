import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fillContacts } from '../../src/faq/knowledge';
import { normalizeText } from '../../src/faq/normalize';
import { CONTACT_PLACEHOLDER, Contacts, FaqEntry, OutOfScope, RAW_CONTACT } from '../../src/faq/schema';
import { LANGUAGES } from '../../src/i18n/languages';
import { MAX_TEXT_LENGTH } from '../../src/line/limits';
import { loadKnowledgeFiles } from '../../tools/knowledge-files';

const root = join(import.meta.dirname, '..', '..', 'knowledge');
const files = readdirSync(join(root, 'entries')).filter((file) => file.endsWith('.json'));
const raw = files.map((file) => ({ file, json: JSON.parse(readFileSync(join(root, 'entries', file), 'utf8')) as unknown }));
const catalogue = new Map(
  readFileSync(join(root, 'intents.tsv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t'))
    .map(([id, category]) => [id, category]),
);
const knowledge = loadKnowledgeFiles();
const contacts = knowledge.contacts;

const MAX_ANSWER_CHARACTERS = 1400;


describe('knowledge entries', () => {
  it('holds exactly the intents of the catalogue, each once', () => {
    expect(knowledge.entries.map((entry) => entry.id).sort()).toEqual([...catalogue.keys()].sort());
  });

  it.each(raw)('$file matches the entry schema, with every language complete', ({ file, json }) => {
    const parsed = FaqEntry.safeParse(json);
    expect(parsed.error?.issues ?? []).toEqual([]);
    expect(Object.keys(parsed.data!.texts).sort()).toEqual([...LANGUAGES].sort());
    expect(`${parsed.data!.id}.json`).toBe(file);
  });

  it.each(knowledge.entries)('$id uses an intent id and category from the catalogue', (entry) => {
    expect(catalogue.get(entry.id)).toBe(entry.category);
    for (const related of entry.related) expect(catalogue.has(related)).toBe(true);
  });

  it.each(knowledge.entries)('$id records its sources and a review date', (entry) => {
    expect(entry.sources.length).toBeGreaterThan(0);
    expect(Date.parse(entry.reviewed)).toBeLessThanOrEqual(Date.now());
  });

  it.each(knowledge.entries)('$id writes no phone number or URL outside the contacts file', (entry) => {
    for (const [lang, text] of Object.entries(entry.texts)) {
      expect(text.answer.replace(CONTACT_PLACEHOLDER, ''), `${entry.id} ${lang}`).not.toMatch(RAW_CONTACT);
    }
  });

  it.each(knowledge.entries)('$id refers only to contacts that exist, and fits in one LINE message', (entry) => {
    for (const [lang, text] of Object.entries(entry.texts)) {
      for (const match of text.answer.matchAll(CONTACT_PLACEHOLDER)) {
        const contact = contacts[match[2]] as Record<string, unknown> | undefined;
        expect(contact?.[match[1]], `${entry.id} ${lang}: ${match[0]}`).toBeDefined();
      }
      const filled = fillContacts(text.answer, contacts, lang as (typeof LANGUAGES)[number]);
      expect(filled).not.toMatch(/\{\{|\}\}/);
      expect(`${text.title}\n\n${filled}`.length).toBeLessThanOrEqual(MAX_TEXT_LENGTH);
      // A screen or two on a phone: longer answers go unread.
      expect(filled.length, `${entry.id} ${lang}`).toBeLessThanOrEqual(MAX_ANSWER_CHARACTERS);
    }
  });
});

describe('question variants', () => {
  it('never stand word for word in two entries: the bot could not tell them apart', () => {
    const owners = new Map<string, string>();
    const clashes: string[] = [];
    for (const entry of knowledge.entries) {
      for (const [lang, text] of Object.entries(entry.texts)) {
        for (const question of text.questions) {
          const key = `${lang}|${normalizeText(question)}`;
          const owner = owners.get(key);
          if (owner && owner !== entry.id) clashes.push(`${key} (${owner}, ${entry.id})`);
          owners.set(key, entry.id);
        }
      }
    }
    expect(clashes).toEqual([]);
  });
});

describe('contacts', () => {
  const file = JSON.parse(readFileSync(join(root, 'contacts.json'), 'utf8'));

  it('match the contact schema, each with sources and a review date', () => {
    const parsed = Contacts.safeParse(file);
    expect(parsed.error?.issues ?? []).toEqual([]);
  });

  it('are all used by some answer', () => {
    const used = new Set(knowledge.entries.flatMap((entry) => Object.values(entry.texts).flatMap((text) => [...text.answer.matchAll(CONTACT_PLACEHOLDER)].map((m) => m[2]))));
    const unused = Object.keys(contacts).filter((key) => !used.has(key));
    // Contacts for entries still to be written (the knowledge issue) may wait here; they must still be sourced.
    for (const key of unused) expect(contacts[key].sources.length).toBeGreaterThan(0);
  });
});

describe('out-of-scope examples', () => {
  it('cover every language with realistic questions', () => {
    const parsed = OutOfScope.safeParse(JSON.parse(readFileSync(join(root, 'out-of-scope.json'), 'utf8')));
    expect(parsed.error?.issues ?? []).toEqual([]);
    for (const lang of LANGUAGES) expect(parsed.data!.texts[lang].questions.length, lang).toBeGreaterThanOrEqual(15);
  });
});
