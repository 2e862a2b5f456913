import { describe, expect, it } from 'vitest';
import { guardCell, parseCsv, unguardCell, writeCsv } from '../../src/admin/faq/csv';
import { languageCsv, readLanguageCsv } from '../../src/admin/faq/translation-csv';
import { makeEntry } from './faq-fixtures';

describe('CSV', () => {
  it('quotes commas, quotes and line breaks, and starts with a byte order mark', () => {
    expect(writeCsv([['a', 'b,c', 'say "hi"', 'two\nlines']])).toBe('\uFEFFa,"b,c","say ""hi""","two\nlines"\r\n');
  });

  it('reads back exactly what it wrote', () => {
    const records = [
      ['id', 'field', 'text'],
      ['x', 'answer', 'Line one\nLine two, with "quotes"'],
      ['x', 'question', ''],
      ['x', 'keyword', 'ゴミ'],
    ];
    expect(parseCsv(writeCsv(records))).toEqual({ ok: true, records });
  });

  it('neutralises cells a spreadsheet would run as a formula', () => {
    for (const cell of ['=1+1', '+81 96', '-5', '@SUM(A1)', '\tx', '\rx']) expect(guardCell(cell)).toBe(`'${cell}`);
    expect(guardCell('plain')).toBe('plain');
    expect(guardCell("it's")).toBe("it's");
    expect(writeCsv([['=HYPERLINK("http://x")']])).toBe(`\uFEFF"'=HYPERLINK(""http://x"")"\r\n`);
  });

  it('undoes the guard exactly, even for text that already began with a quote', () => {
    for (const cell of ['=1', "'=1", "''=1", "'plain", '-', '']) {
      expect(unguardCell(guardCell(cell))).toBe(cell);
      expect(parseCsv(writeCsv([[cell, 'x']]))).toEqual({ ok: true, records: [[cell, 'x']] });
    }
  });

  it('accepts LF line ends, no final line break, and skips blank lines', () => {
    expect(parseCsv('a,b\n\nc,d')).toEqual({ ok: true, records: [['a', 'b'], ['c', 'd']] });
  });

  it('refuses a quote left open or stray text after a closing quote, naming the line', () => {
    expect(parseCsv('a,b\nc,"open\nstill')).toEqual({ ok: false, line: 2, message: 'a quoted cell is never closed' });
    expect(parseCsv('a,"b"c')).toMatchObject({ ok: false, line: 1 });
    expect(parseCsv('a,b"c')).toMatchObject({ ok: false, line: 1 });
  });
});

describe('the translators\' CSV', () => {
  const entries = [makeEntry('garbage'), makeEntry('tax')];

  it('writes one record per title, question, keyword and answer, under a header naming the language', () => {
    const [header, ...rows] = (parseCsv(languageCsv(entries, 'vi')) as { records: string[][] }).records;
    expect(header).toEqual(['entry_id', 'field', 'vi']);
    expect(rows.filter((r) => r[0] === 'garbage').map((r) => r[1])).toEqual(['title', 'question', 'question', 'question', 'question', 'question', 'keyword', 'answer']);
    expect(rows[0]).toEqual(['garbage', 'title', 'garbage (vi)']);
  });

  it('round-trips: reading the export gives the same entries', () => {
    expect(readLanguageCsv(languageCsv(entries, 'ne'), entries)).toEqual({ ok: true, lang: 'ne', entries });
  });

  it('changes only the listed entries, in the header\'s language', () => {
    const csv = 'entry_id,field,ko\r\ntax,title,세금\r\ntax,question,질문\r\ntax,keyword,세금\r\ntax,answer,"줄 하나\r\n줄 둘"\r\n';
    const result = readLanguageCsv(csv, entries);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.entries).toHaveLength(1);
    expect(result.entries[0].texts.ko).toEqual({ title: '세금', questions: ['질문'], keywords: ['세금'], answer: '줄 하나\n줄 둘' });
    expect(result.entries[0].texts.en).toEqual(entries[1].texts.en);
  });

  it('names the lines it cannot use', () => {
    const result = readLanguageCsv('entry_id,field,vi\nnope,title,x\ntax,colour,x\ntax,title\ntax,title,a\ntax,title,b\n', entries);
    expect(result).toEqual({
      ok: false,
      issues: [
        { path: 'csv.line.2', message: 'there is no entry "nope"' },
        { path: 'csv.line.3', message: 'unknown field "colour" (use title, question, keyword, answer)' },
        { path: 'csv.line.4', message: 'expected 3 cells, found 2' },
        { path: 'csv.tax.title', message: 'tax: needs exactly one title line, found 2' },
        { path: 'csv.tax.answer', message: 'tax: needs exactly one answer line, found 0' },
      ],
    });
    expect(readLanguageCsv('id,text\n', entries)).toMatchObject({ ok: false, issues: [{ path: 'csv.line.1' }] });
    expect(readLanguageCsv('entry_id,field,xx\n', entries)).toMatchObject({ ok: false, issues: [{ path: 'csv.line.1' }] });
  });
});
