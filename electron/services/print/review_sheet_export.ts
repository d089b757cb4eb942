/**
 * Review sheets (审查意见表) through the print pipeline: each sheet's pages drawn by
 * shared/print/review_sheet_page.ts and written as one vector PDF (every estate's pages in turn, the
 * print font embedded) or as SVG (one file per page). Used by `siting review … --out sheet.pdf` and the
 * hosts' `review:sheet:pdf`.
 */
import { basename, dirname, extname, join } from 'node:path';
import type { PrintLanguage } from '../../../shared/print/print_words';
import { reviewSheetPages, type ReviewSheetDrawing } from '../../../shared/print/review_sheet_page';
import { displayListToSvg } from '../../../shared/print/svg';
import type { ReviewSheet } from '../../../shared/usecases/review_sheet';
import { REVIEW_SHEET_TEXT } from '../../../shared/usecases/review_sheet_text';
import { writeFileAtomically } from '../export/write_file_atomically';
import { writePdf } from './pdf_writer';

export const SHEET_FORMATS = ['pdf', 'svg'] as const;
export type SheetFormat = (typeof SHEET_FORMATS)[number];

/** 'pdf' or 'svg' by the file name's extension, else null. */
export function sheetFormatFromPath(path: string): SheetFormat | null {
  if (/\.pdf$/i.test(path)) return 'pdf';
  if (/\.svg$/i.test(path)) return 'svg';
  return null;
}

/** The drawings of the sheets, in order. */
export function drawReviewSheets(sheets: readonly ReviewSheet[], language: PrintLanguage): ReviewSheetDrawing[] {
  return sheets.map((sheet) => reviewSheetPages(sheet, language));
}

/** The PDF bytes of the sheets' pages, one sheet after another. */
export async function reviewSheetsPdf(drawings: readonly ReviewSheetDrawing[], language: PrintLanguage): Promise<Buffer> {
  const title = drawings.length === 1 ? drawings[0].title : REVIEW_SHEET_TEXT[language].title;
  return writePdf(
    drawings.flatMap((drawing) => drawing.pages),
    { title },
  );
}

/**
 * Writes the sheets to `out` (atomically, never over the open project file): a PDF, or SVG pages —
 * `out` itself for a single page, else `name-1.svg`, `name-2.svg`, … beside it.
 * @returns the files written and the number of pages
 */
export async function writeReviewSheets(sheets: readonly ReviewSheet[], options: { out: string; language: PrintLanguage; projectPath: string | null }): Promise<{ out: string[]; pages: number; drawings: ReviewSheetDrawing[] }> {
  const format = sheetFormatFromPath(options.out) ?? 'pdf';
  const drawings = drawReviewSheets(sheets, options.language);
  const pages = drawings.flatMap((drawing) => drawing.pages);
  if (format === 'pdf') {
    writeFileAtomically(options.out, await reviewSheetsPdf(drawings, options.language), options.projectPath);
    return { out: [options.out], pages: pages.length, drawings };
  }
  const stem = join(dirname(options.out), basename(options.out, extname(options.out)));
  const files = pages.length === 1 ? [options.out] : pages.map((_, k) => `${stem}-${k + 1}.svg`);
  pages.forEach((page, k) => writeFileAtomically(files[k], displayListToSvg(page), options.projectPath));
  return { out: files, pages: pages.length, drawings };
}
