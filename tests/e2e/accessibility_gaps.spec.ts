/**
 * Accessibility analysis in the browser worker on the Wuhan sample with the four illustrative test
 * facilities: circle radii 300/500/1000 m with gaps and per-area figures. The figures equal
 * `siting analyze` on the same project file; choosing a gap zooms the map to its outline.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, parseCount, readMeasures, test, waitForCoverage, waitForMap } from './fixtures';
import { bboxOf, boundsAfterMove, contains, mapBounds, scrollPanelTo, sitingJson, type Bbox } from './analysis_helpers';
import { importTestFacilities } from './test_facilities';
import { openTab } from './tabs';

interface CliAnalysis {
  thresholds: Array<{ label: string; elderly: { covered: number; total: number; ratio: number | null }; cells: { covered: number } }>;
  gaps: { uncoveredCells: number; uncoveredElderly: number; areas: Array<{ rank: number; elderly: number; cells: number; areaM2: number }> };
  areas: { areas: Array<{ name: string; level: string; elderly: number }>; summary: Array<{ level: string; thresholds: Array<{ areasServedShare: number | null }> }> };
}

test('circle analysis lists gaps like the CLI, and a gap zooms the map to it', async ({ page, server, workDir }) => {
  await page.goto(server.url);
  await waitForMap(page);
  await waitForCoverage(page);
  await importTestFacilities(page, workDir);

  await openTab(page, 'analyse');
  const panel = page.getByTestId('access-panel');
  await expect(page.getByTestId('access-network-disabled')).toBeVisible();
  await expect(page.getByTestId('access-mode-network')).toBeDisabled();
  await expect(page.getByTestId('access-radii')).toHaveValue('300, 500, 1000');
  await expect(page.getByTestId('access-gaps')).toBeChecked();
  await expect(page.getByTestId('access-by-area')).toBeChecked();
  await page.getByTestId('access-run').click();
  await expect(page.getByTestId('access-result')).toBeVisible({ timeout: 60_000 });
  await expect(panel).toHaveAttribute('data-phase', 'idle');

  const gapsPath = join(workDir, 'gaps.geojson');
  const cli = await sitingJson<CliAnalysis>(['analyze', server.projectPath, '--radius-m', '300,500,1000', '--kinds', 'day_care,community_station', '--gaps', '--gaps-out', gapsPath, '--by-area']);

  // Per threshold: the same older people covered as the CLI (same engine, same data).
  const rows = page.getByTestId('access-threshold-row');
  await expect(rows).toHaveCount(3);
  for (let t = 0; t < 3; t++) {
    const covered = Number(await rows.nth(t).getAttribute('data-covered'));
    expect(covered).toBeCloseTo(cli.thresholds[t].elderly.covered, 6);
    expect(Number(await rows.nth(t).getAttribute('data-cells'))).toBe(cli.thresholds[t].cells.covered);
    expect(parseCount(await rows.nth(t).locator('td').first().innerText())).toBe(Math.round(cli.thresholds[t].elderly.covered));
  }
  expect(cli.thresholds[2].elderly.covered).toBeGreaterThan(cli.thresholds[0].elderly.covered);

  // The ranked gap list: the CLI's gaps, largest first.
  const gapRows = page.getByTestId('gap-row');
  await expect(gapRows).toHaveCount(cli.gaps.areas.length);
  expect(cli.gaps.areas.length).toBeGreaterThan(3);
  expect(Number(await gapRows.first().getAttribute('data-elderly'))).toBeCloseTo(cli.gaps.areas[0].elderly, 6);
  await expect(page.getByTestId('gap-summary')).toHaveAttribute('data-cells', String(cli.gaps.uncoveredCells));
  expect(Number(await page.getByTestId('gap-summary').getAttribute('data-elderly'))).toBeCloseTo(cli.gaps.uncoveredElderly, 6);
  await expect(page.getByTestId('map')).toHaveAttribute('data-gaps', String(cli.gaps.areas.length));

  // Per-area figures: the sample's one boundary (the city of Wuhan), not served at 50 % coverage.
  await expect(page.getByTestId('area-row')).toHaveCount(cli.areas.areas.length);
  await expect(page.getByTestId('area-table')).toContainText(cli.areas.areas[0].name);
  const summary = page.getByTestId('area-summary').locator('li');
  await expect(summary).toHaveCount(cli.areas.summary.length);
  expect(Number(await summary.first().getAttribute('data-share'))).toBe(cli.areas.summary[0].thresholds[2].areasServedShare);

  // Choosing gap 1 fits the map to its outline (its bounding box fills the view along one axis).
  const gaps = JSON.parse(readFileSync(gapsPath, 'utf8')) as { features: Array<{ geometry: { coordinates: unknown }; properties: { rank: number } }> };
  const boxOf = (rank: number): Bbox => bboxOf(gaps.features.find((feature) => feature.properties.rank === rank)!.geometry);
  await waitForMap(page);
  const start = await mapBounds(page);
  await page.getByTestId('gap-1').click();
  await expect(page.getByTestId('map')).toHaveAttribute('data-selected-gap', '1');
  const first = await boundsAfterMove(page, start);
  const gap1 = boxOf(1);
  expect(contains(first, gap1)).toBe(true);
  const fill = (view: Bbox, box: Bbox) => Math.max((box[2] - box[0]) / (view[2] - view[0]), (box[3] - box[1]) / (view[3] - view[1]));
  expect(fill(first, gap1)).toBeGreaterThan(0.6);
  await expect(page.getByTestId('gap-1')).toHaveAttribute('aria-pressed', 'true');

  // A small gap further down the list: the map zooms in onto it.
  const last = cli.gaps.areas[cli.gaps.areas.length - 1].rank;
  await page.getByTestId(`gap-${last}`).click();
  const small = await boundsAfterMove(page, first);
  const gapLast = boxOf(last);
  expect(contains(small, gapLast)).toBe(true);
  expect(small[2] - small[0]).toBeLessThan((first[2] - first[0]) / 4);

  const measures = await readMeasures(page);
  const run = measures.find((entry) => entry.name === 'siting:accessibility-run');
  console.log(`Wuhan sample (24 470 cells, 4 facilities), circle 300/500/1000 m + gaps + areas in the worker: ${run?.ms ?? '?'} ms`);

  await page.getByTestId('gap-2').click();
  await boundsAfterMove(page, small);
  await waitForMap(page);
  await scrollPanelTo(page, 'gap-list');
  await page.screenshot({ path: 'docs/screenshots/gap-list-en.png' });

  // In Chinese: the panel's words and the numbers' format follow the language.
  await page.getByTestId('language-select').selectOption('zh');
  await expect(page.getByRole('heading', { name: '可达性分析', exact: true })).toBeVisible();
  const metres = new Intl.NumberFormat('zh-CN', { style: 'unit', unit: 'meter', unitDisplay: 'short', maximumFractionDigits: 0 }).format(1000);
  await expect(page.getByTestId('gap-list').locator('h3')).toHaveText(`覆盖缺口（${metres}）`);
  await expect(page.getByTestId('gap-summary')).toContainText(`共 ${new Intl.NumberFormat('zh-CN').format(cli.gaps.uncoveredCells)} 个网格`);
  await expect(page.getByTestId('analysis-legend')).toContainText('覆盖缺口');
  await expect(page.getByTestId('access-panel')).not.toContainText('Older people');
  await page.screenshot({ path: 'docs/screenshots/gap-list-zh.png' });
});
