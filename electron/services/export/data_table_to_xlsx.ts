/**
 * A data table (shared/tables/data_table.ts) as an Excel workbook (.xlsx, exceljs), one sheet, the
 * heading row bold and frozen. As the review export: text cells are string cells whatever they start
 * with (never formulas), numbers are number cells (shares with a percentage format, counts with
 * thousands separators), unknown values empty cells.
 */
import ExcelJS from 'exceljs';
import type { DataTable } from '../../../shared/tables/data_table';

/** Excel refuses sheet names with []:*?/\ or longer than 31 characters. */
function sheetName(name: string): string {
  const cleaned = name.replace(/[[\]:*?/\\]/g, ' ').trim().slice(0, 31);
  return cleaned === '' ? 'Sheet1' : cleaned;
}

/** The table as the bytes of an .xlsx file. */
export async function dataTableToXlsx(table: DataTable): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Siting Planner';
  const sheet = workbook.addWorksheet(sheetName(table.sheet), { views: [{ state: 'frozen', ySplit: 1 }] });
  const heading = sheet.addRow(table.columns.map(() => null));
  table.columns.forEach((column, c) => {
    const cell = heading.getCell(c + 1);
    cell.value = column.title;
    cell.numFmt = '@';
  });
  heading.font = { bold: true };
  for (const row of table.rows) {
    const added = sheet.addRow(row.map(() => null));
    row.forEach((value, c) => {
      if (value === null || (typeof value === 'number' && !Number.isFinite(value))) return;
      const cell = added.getCell(c + 1);
      // A string is a shared-string cell whatever it starts with; exceljs makes formulas only of { formula }.
      cell.value = value;
      if (typeof value === 'string') cell.numFmt = '@';
      else if (table.columns[c]?.kind === 'share') cell.numFmt = '0.0%';
      else if (table.columns[c]?.kind === 'count') cell.numFmt = '#,##0';
    });
  }
  sheet.columns.forEach((column, c) => {
    const title = table.columns[c]?.title ?? '';
    // CJK characters are about two columns wide.
    const width = [...title].reduce((sum, ch) => sum + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
    column.width = Math.min(40, Math.max(10, width + 2));
  });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
