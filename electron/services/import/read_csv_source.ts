/**
 * CSV/TSV import: decode (UTF-8 / GBK / UTF-16, or options.encoding) and split into rows: with
 * papaparse when the text has double quotes, else line by line as the rows are read (table_rows.ts,
 * the same rows papaparse gives for such a text); parse_table_layer.ts then reads the rows. The
 * delimiter is guessed from the header line.
 */
import Papa from 'papaparse';
import { InputError } from '../../../shared/errors';
import type { ImportOptions } from '../../../shared/ipc/contract';
import { decodeText } from './decode_text';
import { resolveImportCrs } from './import_crs';
import type { ImportProgress } from './import_progress';
import type { SourceRead } from './layer_source';
import { CSV_ROW_NOTE } from './record_location';
import { arrayRows, delimitedLines, type TableRows } from './table_rows';

/**
 * The delimiter of the first non-blank line (the header) among , tab ; | — the one occurring most
 * often outside double quotes; "," for a single-column file. (papaparse's own guess fails on files
 * that end with a line break.)
 */
function guessDelimiter(text: string): string {
  const counts: Record<string, number> = { ',': 0, '\t': 0, ';': 0, '|': 0 };
  let inQuotes = false;
  let seenContent = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (c === '\n' || c === '\r')) {
      if (seenContent) break;
    } else if (!inQuotes && c in counts) counts[c]++;
    if (c.trim() !== '') seenContent = true;
  }
  let best = ',';
  for (const candidate of ['\t', ';', '|']) if (counts[candidate] > counts[best]) best = candidate;
  return best;
}

/**
 * A text with double quotes, split by papaparse (quoted fields may hold delimiters and line breaks);
 * an unbalanced quote is an InputError at its data row.
 */
function parseQuoted(text: string, delimiter: string, file: string): TableRows {
  const parsed = Papa.parse<string[]>(text, { header: false, skipEmptyLines: false, delimiter });
  const rows = parsed.data;
  // a final line break yields one empty pseudo-row; it is not a blank data row
  if (rows.length > 0 && rows[rows.length - 1].length === 1 && rows[rows.length - 1][0] === '') rows.pop();
  const headerIndex = rows.findIndex((r) => r.some((cell) => cell.trim() !== ''));
  if (headerIndex < 0) throw new InputError('no data rows: the file is empty', { file });
  const quoteError = parsed.errors.find((e) => e.type === 'Quotes');
  if (quoteError) {
    const row = quoteError.row !== undefined ? quoteError.row - headerIndex : undefined;
    const message = `${quoteError.message} (unbalanced double quote)${row !== undefined ? ` ${CSV_ROW_NOTE}` : ''}`;
    throw new InputError(message, { file, row: row !== undefined && row >= 1 ? row : undefined, expected: 'RFC 4180 quoting' });
  }
  return arrayRows(rows);
}

/** True when some row has a cell that is not blank. */
function hasContent(rows: TableRows): boolean {
  for (let i = 0; i < rows.length; i++) if (!rows.blank(i)) return true;
  return false;
}

export async function readCsvSource(file: string, bytes: Uint8Array, options: ImportOptions, progress: ImportProgress, tabSeparated: boolean): Promise<SourceRead> {
  const warnings: string[] = [];
  const crs = resolveImportCrs(options.crs, null, file, warnings);
  const { text, encoding, warning } = decodeText(bytes, file, options.encoding);
  if (warning) warnings.push(warning);
  progress.checkAborted();
  const delimiter = tabSeparated ? '\t' : guessDelimiter(text);
  const rows = text.includes('"') ? parseQuoted(text, delimiter, file) : delimitedLines(text, delimiter);
  if (!hasContent(rows)) throw new InputError('no data rows: the file is empty', { file });
  await progress.at(0.2);
  return {
    file,
    source: {
      kind: 'table',
      format: 'csv',
      rows,
      crs,
      crsChosen: options.crs !== undefined && options.crs.trim() !== '',
      encoding,
      fieldsWord: delimiter === '\t' ? 'tab-separated' : `"${delimiter}"-separated`,
      warnings,
      progressFrom: 0.2,
    },
  };
}
