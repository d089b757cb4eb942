/**
 * The print font: Noto Sans Hans (Noto Sans CJK SC as packaged by the npm package @embedpdf/fonts-sc,
 * SIL Open Font License 1.1), Regular and Bold OpenType/CFF. One font for Chinese and Latin, because
 * pdfkit has no font fallback; it covers all 20,902 GBK hanzi (20,945 CJK Unified Ideographs, 6,582
 * Extension A, 211 beyond the BMP), so place names outside GB2312 such as 硚口 print. PDFs embed a
 * subset; the PNG writer loads the same files into resvg, so no system font is ever used.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { appRoot } from '../app_paths';

export interface PrintFontFiles {
  regular: string;
  bold: string;
}

export function printFontFiles(): PrintFontFiles {
  const folder = join(appRoot(), 'node_modules', '@embedpdf', 'fonts-sc', 'fonts');
  const files = { regular: join(folder, 'NotoSansHans-Regular.otf'), bold: join(folder, 'NotoSansHans-Bold.otf') };
  if (!existsSync(files.regular) || !existsSync(files.bold)) {
    throw new Error(`the print font is missing (${folder}); run npm install`);
  }
  return files;
}
