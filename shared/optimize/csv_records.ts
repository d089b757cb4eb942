/**
 * A small RFC 4180 CSV reader for already-decoded text (pure: no streams, no files). Handles a UTF-8
 * BOM, CRLF or LF line ends, quoted fields with "" escapes and line breaks inside quotes. The
 * delimiter is the first of `,`, `;`, tab found in the header line.
 *
 * Row numbers follow InputError's convention: the header is row 0, the first data line row 1. Blank
 * lines are skipped but still counted, so that row N is line N + 1 of the file when no quoted field
 * spans lines.
 */
import { InputError } from '../errors';

export interface CsvHeader {
  /** Column names as written (trimmed). */
  columns: string[];
  delimiter: string;
}

/**
 * Calls `onHeader(header)` once, then `onRecord(fields, row)` for every data record; returns the header.
 * @example
 *   forEachCsvRecord('a,b\n1,"x, y"\n', 'f.csv', () => {}, (fields, row) => console.log(row, fields));
 *   // logs: 1 [ '1', 'x, y' ]
 */
export function forEachCsvRecord(
  text: string,
  file: string,
  onHeader: (header: CsvHeader) => void,
  onRecord: (fields: string[], row: number) => void,
): CsvHeader {
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const firstLineEnd = text.indexOf('\n', pos);
  const headerLine = text.slice(pos, firstLineEnd === -1 ? text.length : firstLineEnd);
  const delimiter = headerLine.includes(',') ? ',' : headerLine.includes(';') ? ';' : headerLine.includes('\t') ? '\t' : ',';
  const delimCode = delimiter.charCodeAt(0);
  let row = 0;
  let header: CsvHeader | null = null;
  const n = text.length;
  let nextQuote = -2;
  while (pos < n) {
    const lineEnd = text.indexOf('\n', pos);
    const end = lineEnd === -1 ? n : lineEnd;
    if (nextQuote !== -1 && nextQuote < pos) nextQuote = text.indexOf('"', pos);
    let fields: string[];
    let next: number;
    if (nextQuote === -1 || nextQuote >= end) {
      // Fast path: no quotes on this line.
      const stop = end > pos && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
      fields = text.slice(pos, stop).split(delimiter);
      next = end + 1;
    } else {
      [fields, next] = parseQuotedRecord(text, pos, delimCode, file, row);
    }
    pos = next;
    if (fields.length === 1 && fields[0].trim() === '') {
      row++;
      continue;
    }
    if (header === null) {
      const columns = fields.map((f) => f.trim());
      if (columns.every((h) => h === '')) throw new InputError('the header line is empty', { file, row: 0 });
      header = { columns, delimiter };
      onHeader(header);
    } else {
      onRecord(fields, row);
    }
    row++;
  }
  if (header === null) throw new InputError('the file is empty (no header line)', { file, row: 0 });
  return header;
}

function parseQuotedRecord(
  text: string,
  start: number,
  delimCode: number,
  file: string,
  row: number,
): [string[], number] {
  const fields: string[] = [];
  let pos = start;
  const n = text.length;
  for (;;) {
    let value = '';
    if (text.charCodeAt(pos) === 34) {
      pos++;
      for (;;) {
        const q = text.indexOf('"', pos);
        if (q === -1) throw new InputError('a quoted field is not closed', { file, row });
        value += text.slice(pos, q);
        if (text.charCodeAt(q + 1) === 34) {
          value += '"';
          pos = q + 2;
        } else {
          pos = q + 1;
          break;
        }
      }
      // Anything between the closing quote and the delimiter is kept (lenient, like most readers).
      while (pos < n) {
        const c = text.charCodeAt(pos);
        if (c === delimCode || c === 10 || c === 13) break;
        value += text[pos++];
      }
    } else {
      const from = pos;
      while (pos < n) {
        const c = text.charCodeAt(pos);
        if (c === delimCode || c === 10 || c === 13) break;
        pos++;
      }
      value = text.slice(from, pos);
    }
    fields.push(value);
    if (pos >= n) return [fields, n];
    const c = text.charCodeAt(pos);
    if (c === delimCode) {
      pos++;
      continue;
    }
    if (c === 13) pos++;
    if (text.charCodeAt(pos) === 10) pos++;
    return [fields, pos];
  }
}

/**
 * Index of a column by name, case-insensitive; InputError naming the file and the columns found.
 * @example columnIndex({ columns: ['ID', 'Weight'], delimiter: ',' }, 'weight', 'w.csv') // 1
 */
export function columnIndex(header: CsvHeader, name: string, file: string): number {
  const wanted = name.trim().toLowerCase();
  const index = header.columns.findIndex((c) => c.toLowerCase() === wanted);
  if (index === -1) {
    throw new InputError(`column "${name}" not found; columns are: ${header.columns.join(', ')}`, {
      file,
      row: 0,
      field: name,
    });
  }
  return index;
}
