/**
 * The estate review sheet (审查意见表, issue 12/13) as a printable page: on the Wuhan sample with the
 * illustrative estates and facilities (one community health station), reviewed with the Chishui
 * preset, the Review panel opens the sheet of a failing estate; Chromium prints it (page.pdf, A4,
 * print media: the app behind must not show) and poppler checks the PDF — A4, one page, the title,
 * the estate's name and the verdict in the chosen language, and nothing of the app's panel. The page
 * is rendered to PNG (docs/screenshots/review_sheet_{en,zh}.png). In English and Chinese.
 */
import { execFile } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import { expect, repoRoot, test, waitForMap } from './fixtures';
import { sitingJson } from './analysis_helpers';
import { openTab } from './tabs';

const run = promisify(execFile);
const SAMPLE = join(repoRoot, 'data', 'samples', 'wuhan-core');
const ESTATE = 'demo-E2';
/** An estate without care-room figures: its sheet lists what to add (需补充材料). */
const INCOMPLETE = 'demo-E5';
const ESTATE_NAME = '示意新建小区 乙 (illustrative)';

interface CliReview {
  estates: Array<{ id: string; verdict: string; checks: Array<{ rule: string; verdict: string; required: number | null; provided: number | null }> }>;
}

async function importFile(page: Page, layer: string, path: string, count: number): Promise<void> {
  await openTab(page, 'data');
  await page.getByTestId('import-layer').selectOption(layer);
  await page.getByTestId('import-file-input').setInputFiles(path);
  await page.getByTestId('import-submit').click();
  await expect(page.getByTestId('import-result')).toHaveAttribute('data-outcome', 'ok');
  await expect(page.getByTestId('import-imported')).toHaveAttribute('data-count', String(count));
}

/** Prints the open sheet to `pdf` as Chromium prints it, and returns pdfinfo's fields and the text. */
async function printSheet(page: Page, pdf: string): Promise<{ info: Record<string, string>; text: string }> {
  await page.pdf({ path: pdf, format: 'A4', printBackground: true });
  const info = Object.fromEntries(
    (await run('pdfinfo', [pdf])).stdout
      .split('\n')
      .map((line) => /^([^:]+):\s*(.*)$/.exec(line))
      .filter((match): match is RegExpExecArray => match !== null)
      .map((match) => [match[1].trim(), match[2].trim()]),
  );
  const text = (await run('pdftotext', ['-layout', pdf, '-'])).stdout;
  return { info, text };
}

/** pdfinfo's page size: A4 portrait (210 × 297 mm = 595.28 × 841.89 pt) within Chromium's rounding to 1/100 inch. */
function expectA4(size: string): void {
  const match = /^([\d.]+) x ([\d.]+) pts \(A4\)/.exec(size);
  expect(match, size).not.toBeNull();
  expect(Math.abs(Number(match![1]) - 595.28)).toBeLessThan(1.5);
  expect(Math.abs(Number(match![2]) - 841.89)).toBeLessThan(1.5);
}

async function openSheet(page: Page, estate = ESTATE): Promise<void> {
  const row = page.locator(`[data-testid="review-estate-row"][data-estate="${estate}"]`);
  if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
  await page.locator(`[data-testid="review-sheet-open"][data-estate="${estate}"]`).click();
  await openTab(page, 'review');
  await expect(page.getByTestId('review-sheet')).toHaveAttribute('data-ready', 'true');
}

test('the review sheet of an estate prints on one A4 page, in English and Chinese', async ({ page, server, workDir }) => {
  await page.goto(server.url);
  await waitForMap(page);
  await page.getByTestId('language-select').selectOption('en');
  await importFile(page, 'estates', join(SAMPLE, 'illustrative_estates.csv'), 8);
  await importFile(page, 'facilities', join(SAMPLE, 'illustrative_facilities.csv'), 5);
  await openTab(page, 'review');
  await page.getByTestId('review-preset').selectOption('chishui');
  await page.getByTestId('review-run').click();
  await expect(page.getByTestId('review-result')).toHaveAttribute('data-preset', 'chishui');

  const cli = await sitingJson<CliReview>(['review', server.projectPath, '--estate', ESTATE, '--estate', INCOMPLETE]);
  const expected = cli.estates[0];
  expect(expected.verdict).toBe('non_compliant');

  await openSheet(page);
  const sheet = page.getByTestId('review-sheet-page');
  await expect(sheet).toHaveAttribute('data-verdict', expected.verdict);
  await expect(page.getByTestId('sheet-estate-name')).toHaveText(ESTATE_NAME);
  // Every rule of the review, with the CLI's verdict and figures; the shortfall is required − provided.
  const rows = page.getByTestId('sheet-rule');
  await expect(rows).toHaveCount(expected.checks.length);
  for (let k = 0; k < expected.checks.length; k++) {
    const check = expected.checks[k];
    await expect(rows.nth(k)).toHaveAttribute('data-rule', check.rule);
    await expect(rows.nth(k)).toHaveAttribute('data-verdict', check.verdict);
    if (check.verdict === 'fail' && check.required !== null && check.provided !== null) {
      expect(Number(await rows.nth(k).getAttribute('data-shortfall'))).toBeCloseTo(check.required - check.provided, 9);
    }
  }
  await expect(page.getByTestId('sheet-failing')).toHaveCount(expected.checks.filter((check) => check.verdict === 'fail').length);
  // The map: the estate, its care room, the sample's health station and Chishui's 700 m circle.
  await expect(page.getByTestId('sheet-station')).toHaveAttribute('data-station', 'demo-5');
  await expect(page.getByTestId('sheet-map-room')).toHaveCount(1);
  await expect(page.getByTestId('sheet-map-station')).toHaveCount(1);
  await expect(page.getByTestId('sheet-map-radius')).toHaveCount(1);
  await expect(page.getByTestId('sheet-map-estate')).toHaveCount(1);

  // Printed: A4 portrait (595.28 × 841.89 pt), one page, the sheet's words and none of the app's.
  const pdfEn = join(workDir, 'sheet_en.pdf');
  const en = await printSheet(page, pdfEn);
  expect(en.info['Pages']).toBe('1');
  expectA4(en.info['Page size']);
  expect(en.text).toContain('Review sheet: elderly-care provision of a new residential estate');
  expect(en.text).toContain(ESTATE_NAME);
  expect(en.text).toContain('Verdict: Non-compliant');
  expect(en.text).toContain('Reviewer');
  expect(en.text).not.toContain('Review all estates');
  expect(en.text).not.toContain('Import data');
  await run('pdftoppm', ['-png', '-r', '110', '-singlefile', pdfEn, join(workDir, 'sheet_en')]);
  copyFileSync(join(workDir, 'sheet_en.png'), join(repoRoot, 'docs', 'screenshots', 'review_sheet_en.png'));

  // Close gives the app back; in Chinese the same sheet in Chinese.
  await page.getByTestId('review-sheet-close').click();
  await expect(page.getByTestId('review-sheet')).toHaveCount(0);
  await page.getByTestId('language-select').selectOption('zh');
  await openSheet(page);
  await expect(page.getByTestId('sheet-verdict')).toHaveText('审查结论：不符合');
  const pdfZh = join(workDir, 'sheet_zh.pdf');
  const zh = await printSheet(page, pdfZh);
  expect(zh.info['Pages']).toBe('1');
  expectA4(zh.info['Page size']);
  expect(zh.text).toContain('新建住宅小区养老服务设施配建审查意见表');
  expect(zh.text).toContain(ESTATE_NAME);
  expect(zh.text).toContain('审查结论：不符合');
  expect(zh.text).toContain('审查人');
  expect(zh.text).not.toContain('审查全部小区');
  await run('pdftoppm', ['-png', '-r', '110', '-singlefile', pdfZh, join(workDir, 'sheet_zh')]);
  copyFileSync(join(workDir, 'sheet_zh.png'), join(repoRoot, 'docs', 'screenshots', 'review_sheet_zh.png'));

  // An incomplete estate: the verdict 需补充材料 and every not-checkable rule listed with what it lacks.
  await page.getByTestId('review-sheet-close').click();
  await openSheet(page, INCOMPLETE);
  const incomplete = cli.estates[1];
  expect(incomplete.verdict).toBe('incomplete');
  await expect(page.getByTestId('sheet-verdict')).toHaveText('审查结论：需补充材料');
  await expect(page.getByTestId('sheet-missing')).toHaveCount(incomplete.checks.filter((check) => check.verdict === 'not_checkable').length);
  await expect(page.getByTestId('sheet-missing').first()).toContainText('用房 1 的建筑面积');
  const pdfIncomplete = join(workDir, 'sheet_incomplete.pdf');
  const printed = await printSheet(page, pdfIncomplete);
  expect(printed.info['Pages']).toBe('1');
  expect(printed.text).toContain('需补充的材料');
});

test('Save as PDF gives the sheet drawn by the print pipeline: a vector A4 PDF, downloaded in the browser, in English and Chinese', async ({ page, server, workDir }) => {
  await page.goto(server.url);
  await waitForMap(page);
  await page.getByTestId('language-select').selectOption('en');
  await importFile(page, 'estates', join(SAMPLE, 'illustrative_estates.csv'), 8);
  await importFile(page, 'facilities', join(SAMPLE, 'illustrative_facilities.csv'), 5);
  await openTab(page, 'review');
  await page.getByTestId('review-preset').selectOption('chishui');
  await page.getByTestId('review-run').click();
  await expect(page.getByTestId('review-result')).toHaveAttribute('data-preset', 'chishui');

  for (const language of ['en', 'zh'] as const) {
    await page.getByTestId('language-select').selectOption(language);
    await openSheet(page);
    const button = page.getByTestId('review-sheet-pdf');
    await expect(button).toHaveText(language === 'en' ? 'Save as PDF' : '保存为 PDF');
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    expect(download.suggestedFilename()).toBe(`review_sheet_${ESTATE}.pdf`);
    const pdf = join(workDir, `sheet_pdf_${language}.pdf`);
    await download.saveAs(pdf);
    await expect(page.getByTestId('review-sheet-pdf-saved')).toHaveText(language === 'en' ? `Downloaded review_sheet_${ESTATE}.pdf (1 page(s))` : `已下载 review_sheet_${ESTATE}.pdf（1 页）`);

    const info = (await run('pdfinfo', [pdf])).stdout;
    expect(info).toMatch(/Page size:\s+595\.27\d* x 841\.8\d* pts \(A4\)/);
    expect(info).toMatch(/Pages:\s+1\n/);
    for (const row of (await run('pdffonts', [pdf])).stdout.trim().split('\n').slice(2)) expect(row).toMatch(/\s+yes\s+yes\s+yes\s+\d+\s+\d+\s*$/);
    const text = (await run('pdftotext', ['-layout', pdf, '-'])).stdout;
    const words =
      language === 'en'
        ? ['Review sheet: elderly-care provision of a new residential estate', ESTATE_NAME, 'Verdict: Non-compliant', 'Reviewer', 'Page 1 of 1']
        : ['新建住宅小区养老服务设施配建审查意见表', ESTATE_NAME, '审查结论：不符合', '审查人', '第 1 页，共 1 页'];
    for (const word of words) expect(text).toContain(word);
    expect(text).not.toContain(language === 'en' ? 'Review all estates' : '审查全部小区');
    await run('pdftoppm', ['-png', '-r', '110', '-singlefile', pdf, join(workDir, `sheet_pdf_${language}`)]);
    copyFileSync(join(workDir, `sheet_pdf_${language}.png`), join(repoRoot, 'docs', 'screenshots', `review_sheet_pdf_${language}.png`));
    await page.getByTestId('review-sheet-close').click();
    await expect(page.getByTestId('review-sheet')).toHaveCount(0);
  }
});
