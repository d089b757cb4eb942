/**
 * Estate reviews as an Excel workbook (.xlsx, exceljs): the review table (estate_review_table.ts) on
 * one sheet, header row frozen. The CSV's formula guard in workbook form: every text cell is written
 * as a string cell (never a formula), so an estate called "=HYPERLINK(…)" shows as that text; numbers
 * are number cells, absent values empty cells.
 */
import ExcelJS from 'exceljs';
import type { EstateReviewTable } from './estate_review_table';

export const REVIEW_SHEET = 'estate_reviews';

/** The review table as the bytes of an .xlsx file. */
export async function reviewTableToXlsx(table: EstateReviewTable): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Siting Planner';
  const sheet = workbook.addWorksheet(REVIEW_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(table.columns).font = { bold: true };
  for (const row of table.rows) {
    const added = sheet.addRow(row.map(() => null));
    row.forEach((value, c) => {
      const cell = added.getCell(c + 1);
      if (value === null || (typeof value === 'number' && !Number.isFinite(value))) return;
      // A string is a shared-string cell whatever it starts with; exceljs makes formulas only of { formula }.
      cell.value = value;
      if (typeof value === 'string') cell.numFmt = '@';
    });
  }
  sheet.columns.forEach((column, c) => {
    column.width = Math.min(40, Math.max(10, table.columns[c].length + 2));
  });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
