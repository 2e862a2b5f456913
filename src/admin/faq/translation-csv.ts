/**
 * One language of the FAQ as a CSV for translators: a header `entry_id,field,<language>` and one
 * record per title, per question, per keyword and per answer, in that order for each entry.
 * Questions and keywords are one record each (no separator to escape); the answer keeps its
 * line breaks inside a quoted cell. Importing it replaces that language's texts of the entries
 * it lists and nothing else.
 */
import type { EntryText, FaqEntry } from '../../faq/schema';
import { isLanguage, type Language } from '../../i18n/languages';
import { parseCsv, writeCsv } from './csv';
import type { FieldIssue } from './validate';

export const CSV_FIELDS = ['title', 'question', 'keyword', 'answer'] as const;
type CsvField = (typeof CSV_FIELDS)[number];

/** The CSV of one language for every given entry. */
export function languageCsv(entries: FaqEntry[], lang: Language): string {
  const records: string[][] = [['entry_id', 'field', lang]];
  for (const entry of entries) {
    const text = entry.texts[lang];
    records.push([entry.id, 'title', text.title]);
    for (const question of text.questions) records.push([entry.id, 'question', question]);
    for (const keyword of text.keywords) records.push([entry.id, 'keyword', keyword]);
    records.push([entry.id, 'answer', text.answer]);
  }
  return writeCsv(records);
}

export type LanguageCsvResult = { ok: true; lang: Language; entries: FaqEntry[] } | { ok: false; issues: FieldIssue[] };

/**
 * Applies a translator's CSV to copies of the current entries: for each entry it lists, that
 * language's title, questions, keywords and answer become the CSV's. The language is the
 * header's third column. Schema checks (five questions, lengths) come later, with the others.
 */
export function readLanguageCsv(text: string, current: FaqEntry[]): LanguageCsvResult {
  const parsed = parseCsv(text);
  if (!parsed.ok) return { ok: false, issues: [{ path: `csv.line.${parsed.line}`, message: parsed.message }] };
  const [header, ...rows] = parsed.records;
  const lang = header?.[2]?.trim();
  if (!header || header[0]?.trim() !== 'entry_id' || header[1]?.trim() !== 'field' || !isLanguage(lang) || header.length !== 3) {
    return { ok: false, issues: [{ path: 'csv.line.1', message: 'the first line must be entry_id,field,<language code> (e.g. entry_id,field,vi)' }] };
  }
  const byId = new Map(current.map((entry) => [entry.id, entry]));
  const texts = new Map<string, { title: string[]; question: string[]; keyword: string[]; answer: string[]; line: number }>();
  const issues: FieldIssue[] = [];
  rows.forEach((row, index) => {
    // Line numbers count records, as a spreadsheet shows them (the header is line 1).
    const line = index + 2;
    const [id = '', field = '', value = ''] = row;
    if (row.length !== 3) return void issues.push({ path: `csv.line.${line}`, message: `expected 3 cells, found ${row.length}` });
    if (!byId.has(id.trim())) return void issues.push({ path: `csv.line.${line}`, message: `there is no entry "${id}"` });
    if (!(CSV_FIELDS as readonly string[]).includes(field.trim())) return void issues.push({ path: `csv.line.${line}`, message: `unknown field "${field}" (use ${CSV_FIELDS.join(', ')})` });
    const slot = texts.get(id.trim()) ?? { title: [], question: [], keyword: [], answer: [], line };
    // Spreadsheets may save line breaks inside a cell as CRLF; answers use LF.
    slot[field.trim() as CsvField].push(value.replace(/\r\n?/g, '\n'));
    texts.set(id.trim(), slot);
  });
  for (const [id, slot] of texts) {
    for (const field of ['title', 'answer'] as const) {
      if (slot[field].length !== 1) issues.push({ path: `csv.${id}.${field}`, message: `${id}: needs exactly one ${field} line, found ${slot[field].length}` });
    }
  }
  if (issues.length) return { ok: false, issues: issues.slice(0, 50) };
  const entries = [...texts].map(([id, slot]) => {
    const entry = structuredClone(byId.get(id)!);
    const text: EntryText = { title: slot.title[0], questions: slot.question, keywords: slot.keyword, answer: slot.answer[0] };
    entry.texts[lang] = text;
    return entry;
  });
  return { ok: true, lang, entries };
}
