/**
 * A table as exports write it: titled columns with a kind, and rows of text, numbers or nothing. The
 * CSV and XLSX writers (electron/services/export/data_table_to_csv.ts, data_table_to_xlsx.ts) encode
 * any such table the same way, so a table built once (the per-area table, area_table.ts) reads the
 * same in the app's export, the browser download and the command line.
 *
 * Kinds say how a number is meant: `count` (people, facilities), `share` (a fraction 0–1, shown as a
 * percentage in a workbook), `text`. A cell is null where the value is unknown (an area without
 * older people has no coverage share).
 */
export const TABLE_COLUMN_KINDS = ['text', 'count', 'share'] as const;
export type TableColumnKind = (typeof TABLE_COLUMN_KINDS)[number];

export type TableCell = string | number | null;

export interface TableColumn {
  /** Stable id of the column (ASCII), for programs reading the table. */
  key: string;
  /** The heading a reader sees, in the chosen language. */
  title: string;
  kind: TableColumnKind;
}

export interface DataTable {
  /** Sheet name of the workbook (≤ 31 characters, no []:*?/\). */
  sheet: string;
  columns: TableColumn[];
  rows: TableCell[][];
}
