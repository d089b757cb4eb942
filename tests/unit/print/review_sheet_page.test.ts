/**
 * The review sheet's pages (shared/print/review_sheet_page.ts) against the print font itself: for the
 * sheets of every illustrative estate under four presets, in Chinese and English, each text's width
 * as the embedded font lays it out (pdfkit, Noto Sans Hans) is no more than the width the layout
 * reckoned with (text_measure.ts), and every text stays inside the page's content margins; wrapped
 * lines never start with a closing or end with an opening Chinese punctuation mark.
 */
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printFontFiles } from '../../../electron/services/print/print_fonts';
import { reviewSheetOf } from '../../../electron/services/rules/review_sheet';
import { ProjectStore } from '../../../electron/services/store/project_store';
import type { DisplayItem, TextItem } from '../../../shared/print/display_list';
import { reviewSheetPages, SHEET_PAGE_MM } from '../../../shared/print/review_sheet_page';
import { textWidthMm, wrapText } from '../../../shared/print/text_measure';
import { SAMPLE_DIR, tempDir } from '../../helpers/paths';
import { runCli } from '../../helpers/run_cli';

let store: ProjectStore;
const doc = new PDFDocument({ autoFirstPage: false });

/** The text's advance width in the print font, mm, as the PDF writer lays it out. */
function fontWidthMm(text: string, sizeMm: number, bold: boolean): number {
  return doc.font(bold ? 'bold' : 'regular').fontSize(sizeMm).widthOfString(text);
}

function texts(items: readonly DisplayItem[]): TextItem[] {
  return items.flatMap((item) => (item.kind === 'text' ? [item] : item.kind === 'clip' ? texts(item.items) : []));
}

beforeAll(() => {
  const fonts = printFontFiles();
  doc.registerFont('regular', fonts.regular);
  doc.registerFont('bold', fonts.bold);
  process.env.SITING_CONFIG_DIR = join(tempDir(), 'config');
  const path = join(tempDir(), 'pages.gpkg');
  expect(runCli(['new', path, '--sample', 'wuhan-core']).status).toBe(0);
  expect(runCli(['import', path, 'facilities', join(SAMPLE_DIR, 'illustrative_facilities.csv')]).status).toBe(0);
  expect(runCli(['import', path, 'estates', join(SAMPLE_DIR, 'illustrative_estates.csv')]).status).toBe(0);
  store = ProjectStore.open(path);
}, 120_000);

afterAll(() => store?.close());

describe('the review sheet pages and the print font', () => {
  it('never draws a text wider than reckoned, nor outside the content margins', () => {
    let checked = 0;
    let widest = 0;
    for (const preset of ['chishui', 'nanhai', 'doumen', 'futian']) {
      for (const estate of ['demo-E1', 'demo-E2', 'demo-E3', 'demo-E4', 'demo-E5', 'demo-E6', 'demo-E7', 'demo-E8']) {
        const sheet = reviewSheetOf(store, { estate, preset });
        for (const language of ['zh', 'en'] as const) {
          for (const page of reviewSheetPages(sheet, language, { dateText: language === 'zh' ? '2026年12月7日' : 'December 7, 2026' }).pages) {
            for (const text of texts(page.items)) {
              const real = fontWidthMm(text.text, text.sizeMm, text.bold === true);
              const reckoned = textWidthMm(text.text, text.sizeMm, text.bold === true);
              expect(real, `${text.text} (${preset} ${estate} ${language})`).toBeLessThanOrEqual(reckoned + 1e-9);
              const left = text.anchor === 'start' ? text.xMm : text.anchor === 'end' ? text.xMm - real : text.xMm - real / 2;
              expect(left, text.text).toBeGreaterThanOrEqual(SHEET_PAGE_MM.left - 1e-9);
              expect(left + real, text.text).toBeLessThanOrEqual(SHEET_PAGE_MM.right + 1e-9);
              expect(text.yMm).toBeGreaterThan(SHEET_PAGE_MM.top);
              expect(text.yMm).toBeLessThan(SHEET_PAGE_MM.height - 5);
              widest = Math.max(widest, left + real);
              checked++;
            }
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(5000);
    expect(widest).toBeGreaterThan(SHEET_PAGE_MM.right - 20); // the lines do run across the page
  });

  it('wraps Chinese without a closing mark at a line start or an opening one at a line end', () => {
    const text = '城市社区推行“三站合一”：社区居家养老服务中心（站）、社区卫生服务中心、社区护理站联合建设';
    for (let width = 20; width <= 80; width += 0.7) {
      const lines = wrapText(text, 2.8, width);
      expect(lines.join('')).toBe(text);
      for (const line of lines) {
        expect(line, `${width} mm: ${lines.join(' | ')}`).not.toMatch(/^[、。，；：！？）”]/);
        expect(line, `${width} mm: ${lines.join(' | ')}`).not.toMatch(/[（“]$/);
        expect(textWidthMm(line, 2.8), `${width} mm`).toBeLessThanOrEqual(width + 1e-9);
      }
    }
  });
});
