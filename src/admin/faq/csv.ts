/**
 * CSV as spreadsheets read and write it (RFC 4180): comma-separated, fields with commas, quotes
 * or line breaks quoted, quotes doubled, CRLF between records, a UTF-8 byte order mark so Excel
 * reads the languages right. Cells that a spreadsheet would run as a formula are neutralised.
 */

/** Characters that make Excel, LibreOffice or Sheets treat a cell as a formula (OWASP CSV injection). */
const FORMULA_START = /^'*[=+\-@\t\r]/;

/**
 * Prefixes a cell that would start a formula with `'` (shown as text, not run). A cell that
 * already starts with quotes before such a character gets one more, so `unguardCell` can undo
 * exactly what was added and a round trip changes nothing.
 */
export function guardCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** Undoes `guardCell`. */
export function unguardCell(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

function quote(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Writes records as CSV text (with the byte order mark), every cell guarded against formulas. */
export function writeCsv(records: string[][]): string {
  return `\uFEFF${records.map((record) => record.map((cell) => quote(guardCell(cell))).join(',')).join('\r\n')}\r\n`;
}

export type CsvParse = { ok: true; records: string[][] } | { ok: false; line: number; message: string };

/**
 * Reads CSV text into records (cells unguarded). Accepts CRLF or LF, a byte order mark, and
 * a last record without a line break; refuses a quote left open or text after a closing quote.
 * Blank lines are skipped.
 */
export function parseCsv(text: string): CsvParse {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  const endCell = () => {
    record.push(cell);
    cell = '';
  };
  const endRecord = () => {
    endCell();
    if (!(record.length === 1 && record[0] === '')) records.push(record);
    record = [];
  };
  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    if (quoted) {
      if (char === '"') {
        if (source[i + 1] === '"') {
          cell += '"';
          i++;
        } else {
          quoted = false;
          const next = source[i + 1];
          if (next !== undefined && next !== ',' && next !== '\r' && next !== '\n') return { ok: false, line, message: 'text after a closing quote' };
        }
      } else {
        if (char === '\n') line++;
        cell += char;
      }
      continue;
    }
    if (char === '"') {
      if (cell !== '') return { ok: false, line, message: 'a quote inside an unquoted cell' };
      quoted = true;
    } else if (char === ',') {
      endCell();
    } else if (char === '\r' || char === '\n') {
      if (char === '\r' && source[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      cell += char;
    }
  }
  if (quoted) return { ok: false, line: recordLine, message: 'a quoted cell is never closed' };
  if (cell !== '' || record.length) endRecord();
  // The guard was applied before quoting, so quoted cells are unguarded too.
  return { ok: true, records: records.map((r) => r.map(unguardCell)) };
}
