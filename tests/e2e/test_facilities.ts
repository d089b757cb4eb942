/** Imports a small facility CSV through the import panel's file input (browser host). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect } from './fixtures';
import { openTab } from './tabs';

/**
 * Test fixtures, not real facilities: four made-up day-care centres at real Wuhan coordinates inside
 * the sample extent (lon 114.20–114.36, lat 30.50–30.64), marked illustrative.
 */
const FACILITIES_CSV = [
  'name,lon,lat,kind,illustrative,address',
  '测试日间照料中心 A,114.2650,30.5870,day_care,1,江汉区（测试）',
  '测试日间照料中心 B,114.2950,30.5720,day_care,1,江汉区（测试）',
  '测试日间照料中心 C,114.3120,30.5480,day_care,1,武昌区（测试）',
  '测试日间照料中心 D,114.2380,30.6050,day_care,1,硚口区（测试）',
].join('\n');

export async function importTestFacilities(page: Page, workDir: string): Promise<void> {
  await openTab(page, 'data');
  const csvPath = join(workDir, 'test_facilities.csv');
  writeFileSync(csvPath, FACILITIES_CSV + '\n', 'utf8');
  await page.getByTestId('import-layer').selectOption('facilities');
  await page.getByTestId('import-file-input').setInputFiles(csvPath);
  await page.getByTestId('import-submit').click();
  await expect(page.getByTestId('import-result')).toHaveAttribute('data-outcome', 'ok');
  await expect(page.getByTestId('import-imported')).toHaveAttribute('data-count', '4');
}

