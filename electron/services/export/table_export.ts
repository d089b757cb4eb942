/**
 * Writes a data table (shared/tables/data_table.ts) the app shows as CSV or XLSX (`table:export`):
 * to the path of the save dialog (atomically; never over the open project file), or as the content
 * of a browser download (text for CSV with its byte-order mark, base64 for XLSX).
 */
import { basename } from 'node:path';
import type { DataTable } from '../../../shared/tables/data_table';
import { dataTableToCsv } from './data_table_to_csv';
import { writeFileAtomically } from './write_file_atomically';

export type TableExportFormat = 'csv' | 'xlsx';

/** The table's bytes in `format` (exceljs loads only for a workbook). */
export async function dataTableBytes(table: DataTable, format: TableExportFormat): Promise<Uint8Array> {
  if (format === 'csv') return new TextEncoder().encode(dataTableToCsv(table));
  return (await import('./data_table_to_xlsx')).dataTableToXlsx(table);
}

export interface TableExportReply {
  name: string;
  path: string | null;
  content: string | null;
  contentEncoding: 'utf8' | 'base64';
  rows: number;
}

/**
 * @param name the download's file name without extension ("分区覆盖_街道")
 * @param projectPath the open project file, which an export must never replace
 */
export async function exportTable(table: DataTable, format: TableExportFormat, options: { name: string; path?: string; projectPath: string | null }): Promise<TableExportReply> {
  const bytes = await dataTableBytes(table, format);
  if (options.path !== undefined) {
    const written = writeFileAtomically(options.path, bytes, options.projectPath);
    return { name: basename(options.path), path: written, content: null, contentEncoding: 'utf8', rows: table.rows.length };
  }
  const binary = format === 'xlsx';
  return {
    name: `${options.name}.${format}`,
    path: null,
    // ignoreBOM keeps the CSV's byte-order mark in the text, as layer:export does
    content: binary ? Buffer.from(bytes).toString('base64') : new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes),
    contentEncoding: binary ? 'base64' : 'utf8',
    rows: table.rows.length,
  };
}
