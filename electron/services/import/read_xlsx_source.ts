/**
 * Excel workbook (.xlsx, as exported by AutoNavi/Baidu POI tools and kept by every planning office)
 * → the rows of one sheet as text, then parse_table_layer.ts as for CSV (coordinate columns or a WKT
 * column, Chinese headers). The sheet is options.sheet (or options.sourceLayer), by default the first;
 * the sheet names are the source layers. Cell values: numbers keep every digit (String(n)), dates are
 * ISO 8601, rich text is joined, formulas give their cached result, error cells their code (#N/A),
 * which the number readers then report with row and column. Legacy .xls is refused with advice.
 */
import ExcelJS from 'exceljs';
import { InputError } from '../../../shared/errors';
import type { ImportOptions } from '../../../shared/ipc/contract';
import { resolveImportCrs } from './import_crs';
import type { ImportProgress } from './import_progress';
import type { SourceRead } from './layer_source';
import type { ImportFile } from './parsed_layer';
import { arrayRows } from './table_rows';

/** Larger workbooks take minutes and gigabytes in exceljs: save them as CSV instead. */
export const MAX_XLSX_BYTES = 64 * 1024 * 1024;

function cellText(value: unknown, file: string, row: number, column: number, sheet: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().replace('T00:00:00.000Z', '');
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; text?: unknown; result?: unknown; formula?: string; sharedFormula?: string; error?: string };
    if (Array.isArray(v.richText)) return v.richText.map((part) => part.text).join('');
    if (v.error !== undefined) return String(v.error);
    if (v.formula !== undefined || v.sharedFormula !== undefined) {
      if (v.result === undefined) {
        throw new InputError(`sheet "${sheet}", cell ${columnLetters(column)}${row}: the formula =${v.formula ?? v.sharedFormula} has no saved result`, {
          file,
          expected: 'a workbook saved by Excel/WPS (which stores formula results), or values instead of formulas',
        });
      }
      return cellText(v.result, file, row, column, sheet);
    }
    if (v.text !== undefined) return cellText(v.text, file, row, column, sheet);
  }
  return String(value);
}

/** 1 → A, 27 → AA. */
function columnLetters(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

export async function readXlsxSource(input: ImportFile, options: ImportOptions, progress: ImportProgress): Promise<SourceRead> {
  const file = input.name;
  if (input.bytes.length > MAX_XLSX_BYTES) {
    throw new InputError(`the workbook is ${Math.round(input.bytes.length / 1048576)} MB; workbooks above ${MAX_XLSX_BYTES / 1048576} MB cannot be imported`, {
      file,
      expected: 'the sheet saved as CSV (UTF-8), which has no size limit of this kind',
    });
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength) as unknown as ExcelJS.Buffer);
  } catch (error) {
    throw new InputError(`cannot read the workbook: ${(error as Error).message.split('\n')[0]}`, { file, expected: 'a complete .xlsx file (Excel 2007 or later)' });
  }
  progress.checkAborted();
  await progress.at(0.15);
  const sheets = workbook.worksheets;
  const names = sheets.map((s) => s.name);
  if (sheets.length === 0) throw new InputError('the workbook has no sheets', { file });
  const wanted = options.sheet ?? options.sourceLayer;
  let sheet = sheets[0];
  if (wanted !== undefined && wanted !== '') {
    const chosen = sheets.find((s) => s.name === wanted) ?? sheets.find((s) => s.name.trim().toLowerCase() === wanted.trim().toLowerCase());
    if (!chosen) throw new InputError(`there is no sheet "${wanted}"; sheets: ${names.join(', ')}`, { file, field: 'sheet', expected: names.join(', ') });
    sheet = chosen;
  }
  const values = sheet.getSheetValues() as unknown[];
  let width = 0;
  for (const row of values) if (Array.isArray(row)) width = Math.max(width, row.length - 1);
  const rows: string[][] = [];
  for (let r = 1; r < values.length; r++) {
    const row = values[r];
    const cells: string[] = new Array(width).fill('');
    if (Array.isArray(row)) for (let c = 1; c < row.length; c++) cells[c - 1] = cellText(row[c], file, r, c, sheet.name);
    rows.push(cells);
  }
  const filled = rows.filter((cells) => cells.some((c) => c.trim() !== '')).length;
  if (filled < 2) {
    const others = names.filter((n) => n !== sheet.name);
    const what = filled === 0 ? 'is empty' : 'has no rows below its first row';
    throw new InputError(`no data rows: sheet "${sheet.name}" ${what}${others.length > 0 ? `; other sheets: ${others.join(', ')} (choose one with --sheet)` : ''}`, {
      file,
      field: 'sheet',
    });
  }
  const warnings: string[] = [];
  const crs = resolveImportCrs(options.crs, null, file, warnings);
  return {
    file,
    source: {
      kind: 'table',
      format: 'xlsx',
      rows: arrayRows(rows),
      crs,
      crsChosen: options.crs !== undefined && options.crs.trim() !== '',
      encoding: null,
      fieldsWord: `sheet "${sheet.name}"`,
      sourceLayers: names,
      warnings,
      progressFrom: 0.2,
    },
  };
}
