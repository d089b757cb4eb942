/**
 * The wide per-area table in Chinese (issue 15): opened over the map from the analysis panel, every
 * area, columns sortable with a heading row that stays in view, Escape closes it; the urban/rural flag
 * set per area (saved in the project: `siting analyze` reads it back) and undone; CSV and XLSX
 * downloads equal to what `siting analyze --areas-out` writes for the same project. Boundaries:
 * illustrative community rectangles over the Wuhan sample, without an urban flag.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import ExcelJS from 'exceljs';
import { expect, test, waitForCoverage, waitForMap } from './fixtures';
import { sitingJson } from './analysis_helpers';
import { importTestFacilities } from './test_facilities';
import { openTab } from './tabs';

/** Screenshots to look at, outside the repository (the system's temporary folder). */
const SHOTS = join(tmpdir(), 'siting-shots', 'words');
const rect = (w: number, s: number, e: number, n: number) => ({ type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] });
const WEST = 114.199, EAST = 114.361, SOUTH = 30.499, NORTH = 30.64, MID_LAT = 30.5704;
const COLUMNS = [WEST, 114.2534, 114.3067, EAST];
const NAMES = [['北一社区', '北二社区', '北三社区'], ['南一社区', '南二社区', '南三社区']];

function communitiesGeoJson(): string {
  const features = NAMES.flatMap((row, r) =>
    row.map((name, c) => ({
      type: 'Feature',
      properties: { id: `C${r}${c}`, name, level: 'community' },
      geometry: rect(COLUMNS[c], r === 0 ? MID_LAT : SOUTH, COLUMNS[c + 1], r === 0 ? NORTH : MID_LAT),
    })),
  );
  return JSON.stringify({ type: 'FeatureCollection', features });
}

interface CliAreas {
  areas: { areas: Array<{ id: string; name: string; urban: boolean | null; elderly: number }> };
}

test('the wide per-area table: sort, set urban/rural, undo, export CSV and XLSX like the CLI (zh)', async ({ page, server, workDir }) => {
  mkdirSync(SHOTS, { recursive: true });
  await page.goto(server.url);
  await waitForMap(page);
  await waitForCoverage(page);
  await page.getByTestId('language-select').selectOption('zh');
  await importTestFacilities(page, workDir);
  const units = join(workDir, 'communities.geojson');
  writeFileSync(units, communitiesGeoJson(), 'utf8');
  await page.getByTestId('import-layer').selectOption('boundaries');
  await page.getByTestId('import-file-input').setInputFiles(units);
  await page.getByTestId('import-submit').click();
  await expect(page.getByTestId('import-result')).toHaveAttribute('data-outcome', 'ok');
  await expect(page.getByTestId('import-imported')).toHaveAttribute('data-count', '6');

  await openTab(page, 'analyse');
  await expect(page.getByTestId('access-by-area')).toBeChecked();
  await page.getByTestId('access-run').click();
  await expect(page.getByTestId('access-result')).toBeVisible({ timeout: 60_000 });
  const cli = await sitingJson<CliAreas>(['analyze', server.projectPath, '--radius-m', '300,500,1000', '--kinds', 'day_care,community_station', '--by-area']);
  const total = cli.areas.areas.length; // the sample's city boundary and the six communities
  expect(total).toBe(7);
  await expect(page.getByTestId('area-urban-missing-hint')).toContainText('未标明城市或农村');

  await page.getByTestId('area-table-open').click();
  const dialog = page.getByTestId('area-table-dialog');
  await expect(dialog).toBeVisible();
  const rows = dialog.getByTestId('area-wide-row');
  await expect(rows).toHaveCount(total);
  await expect(dialog.getByTestId('area-table-count')).toContainText(`显示 ${total} 个区域，共 ${total} 个`);
  // No English in the zh table but the names of the file formats.
  expect((await dialog.innerText()).replace(/Excel|XLSX|CSV/g, '')).not.toMatch(/[A-Za-z]{3,}/);
  await page.screenshot({ path: join(SHOTS, 'area-table-zh.png') });

  // Default order: older people, largest first, as the CLI writes it; a click on the heading reverses it.
  const byElderly = [...cli.areas.areas].sort((a, b) => b.elderly - a.elderly).map((a) => a.id);
  expect(await rows.evaluateAll((list) => list.map((row) => row.getAttribute('data-id')))).toEqual(byElderly);
  await expect(dialog.locator('th[data-column="elderly"]')).toHaveAttribute('aria-sort', 'descending');
  await dialog.getByTestId('area-sort-elderly').click();
  await expect(dialog.locator('th[data-column="elderly"]')).toHaveAttribute('aria-sort', 'ascending');
  expect(await rows.evaluateAll((list) => list.map((row) => row.getAttribute('data-id')))).toEqual([...byElderly].reverse());
  await dialog.getByTestId('area-sort-name').click();
  await expect(dialog.locator('th[data-column="name"]')).toHaveAttribute('aria-sort', 'ascending');
  await dialog.getByTestId('area-sort-elderly').click(); // back to largest first
  await expect(dialog.locator('th[data-column="elderly"]')).toHaveAttribute('aria-sort', 'descending');

  // Set one community urban, undo it, then mark the north row urban and the rest of the communities rural.
  const north = dialog.locator('tr[data-id="C00"]');
  await north.getByTestId('area-urban-select').selectOption('urban');
  await expect(north).toHaveAttribute('data-urban', 'true');
  await expect(dialog.getByTestId('area-urban-status')).toHaveText('已保存：1 个区域设为城市。');
  await dialog.getByTestId('area-urban-undo').click();
  await expect(north).toHaveAttribute('data-urban', 'null');
  await expect(dialog.getByTestId('area-urban-status')).toHaveText('已撤销。');
  await dialog.getByTestId('area-table-find').fill('北');
  await expect(rows).toHaveCount(3);
  await dialog.getByTestId('area-table-bulk-urban').click();
  await expect(dialog.getByTestId('area-urban-status')).toHaveText('已保存：3 个区域设为城市。');
  await expect(rows.and(dialog.locator('[data-urban="true"]'))).toHaveCount(3);
  await dialog.getByTestId('area-table-find').fill('');
  await dialog.getByTestId('area-table-level').selectOption('community');
  await expect(rows).toHaveCount(6);
  await dialog.getByTestId('area-table-bulk-rural').click();
  await expect(rows.and(dialog.locator('[data-urban="false"]'))).toHaveCount(3);
  await dialog.getByTestId('area-table-level').selectOption('all');
  await expect(rows).toHaveCount(total);
  // The summary regroups by urban/rural at once.
  await expect(dialog.locator('[data-testid="area-group-row"][data-level="community"][data-urban="true"]')).toHaveCount(1);
  await expect(dialog.locator('[data-testid="area-group-row"][data-level="community"][data-urban="false"]')).toHaveCount(1);
  // Saved in the project: the command line reads the flags.
  const after = await sitingJson<CliAreas>(['analyze', server.projectPath, '--radius-m', '300,500,1000', '--kinds', 'day_care,community_station', '--by-area']);
  for (const area of after.areas.areas.filter((a) => a.id.startsWith('C'))) expect(area.urban).toBe(area.name.startsWith('北'));

  // The heading row stays in view when the rows scroll (the window is short enough at 900 px only with many rows: force it).
  await page.setViewportSize({ width: 1440, height: 420 });
  const scroller = dialog.getByTestId('area-table-scroll');
  await scroller.evaluate((element) => element.scrollTo(0, element.scrollHeight));
  const head = await dialog.locator('th[data-column="name"]').boundingBox();
  const box = await scroller.boundingBox();
  expect(head && box && Math.abs(head.y - box.y)).toBeLessThan(3);
  await page.setViewportSize({ width: 1440, height: 900 });

  // Exports: the rows shown, in the order shown — the CLI's table for the same project.
  const cliCsv = join(workDir, 'cli_areas.csv');
  const cliXlsx = join(workDir, 'cli_areas.xlsx');
  await sitingJson(['analyze', server.projectPath, '--radius-m', '300,500,1000', '--kinds', 'day_care,community_station', '--areas-out', cliCsv, '--lang', 'zh']);
  await sitingJson(['analyze', server.projectPath, '--radius-m', '300,500,1000', '--kinds', 'day_care,community_station', '--areas-out', cliXlsx, '--lang', 'zh']);
  const [csvDownload] = await Promise.all([page.waitForEvent('download'), dialog.getByTestId('area-table-export-csv').click()]);
  expect(csvDownload.suggestedFilename()).toBe('分区覆盖.csv');
  const csvPath = join(workDir, 'app_areas.csv');
  await csvDownload.saveAs(csvPath);
  const appCsv = readFileSync(csvPath, 'utf8');
  expect(appCsv).toBe(readFileSync(cliCsv, 'utf8'));
  // Headings with a comma are quoted ("覆盖率（1,000米）").
  expect(appCsv.split('\r\n')[0]).toBe('\uFEFF区域,编号,层级,城市/农村,常住人口,老年人口,区内设施数,覆盖率（300米）,覆盖率（500米）,"覆盖率（1,000米）","已服务（1,000米）",设施覆盖目标（规则预设）');
  await expect(dialog.getByTestId('area-table-exported')).toContainText(`已下载 分区覆盖.csv（${total} 行）`);

  const [xlsxDownload] = await Promise.all([page.waitForEvent('download'), dialog.getByTestId('area-table-export-xlsx').click()]);
  expect(xlsxDownload.suggestedFilename()).toBe('分区覆盖.xlsx');
  const xlsxPath = join(workDir, 'app_areas.xlsx');
  await xlsxDownload.saveAs(xlsxPath);
  const read = async (path: string) => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    const sheet = workbook.worksheets[0];
    return { name: sheet.name, rows: sheet.getSheetValues().slice(1).map((row) => (Array.isArray(row) ? row.slice(1) : row)) };
  };
  const app = await read(xlsxPath);
  expect(app).toEqual(await read(cliXlsx));
  expect(app.rows).toHaveLength(total + 1);
  await page.screenshot({ path: join(SHOTS, 'area-table-zh-exported.png') });

  // Escape closes the table and gives the focus back to the button that opened it.
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('area-table-open')).toBeFocused();
  await page.getByTestId('area-table').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, 'area-panel-zh.png') });

  await page.getByTestId('language-select').selectOption('en');
  await page.getByTestId('area-table-open').click();
  await expect(dialog).toBeVisible();
  await expect(dialog.locator('th[data-column="urban"]')).toContainText('Urban / rural');
  await page.screenshot({ path: join(SHOTS, 'area-table-en.png') });
  await page.keyboard.press('Escape');
});
