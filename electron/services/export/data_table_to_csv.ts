/**
 * A data table (shared/tables/data_table.ts) as CSV for spreadsheets, like the layer and review
 * exports: UTF-8 with a byte-order mark (Excel then reads Chinese headings right), CRLF line ends,
 * RFC 4180 quoting and the formula guard on every text cell (an area called "=HYPERLINK(…)" is shown
 * as text). Numbers are written in full (no thousands separators, no exponent); shares as fractions
 * 0–1; unknown values as empty fields.
 */
import type { DataTable } from '../../../shared/tables/data_table';
import { spreadsheetCsv } from './layer_to_csv';

/** The table as CSV text (byte-order mark, CRLF, a heading row of the columns' titles). */
export function dataTableToCsv(table: DataTable): string {
  return spreadsheetCsv(
    table.columns.map((column) => column.title),
    table.rows,
  );
}
