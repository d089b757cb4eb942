/**
 * A data table (shared/tables/data_table.ts) as CSV for spreadsheets, like the layer and review
 * exports: UTF-8 with a byte-order mark (Excel then reads Chinese headings right), CRLF line ends,
 * RFC 4180 quoting and the formula guard on every text cell (an area called "=HYPERLINK(…)" is shown
 * as text). Numbers are written in full (no thousands separators, no exponent); shares as fractions
 * 0–1; unknown values as empty fields.
 */
import type { DataTable, TableCell } from '../../../shared/tables/data_table';
import { formatNumber } from './export_feature';
import { csvField, spreadsheetText } from './layer_to_csv';

const BOM = '\uFEFF';
const CRLF = '\r\n';

function cell(value: TableCell): string {
  if (value === null) return '';
  if (typeof value === 'number') return formatNumber(value);
  return csvField(spreadsheetText(value));
}

/** The table as CSV text (byte-order mark, CRLF, a heading row of the columns' titles). */
export function dataTableToCsv(table: DataTable): string {
  const lines = [table.columns.map((column) => cell(column.title)).join(',')];
  for (const row of table.rows) lines.push(row.map(cell).join(','));
  return BOM + lines.join(CRLF) + CRLF;
}
