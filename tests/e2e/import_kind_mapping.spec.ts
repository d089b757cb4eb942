/**
 * Issue 15, the import preview's value-mapping step (zh): an AutoNavi-style POI export with Chinese
 * kinds and GCJ-02 "lng,lat" locations (tests/data/autonavi_poi, derived from the sample; kinds
 * illustrative). The dialog preselects GCJ-02 and says why, lists every kind value with its rows,
 * blocks the import while one value has no kind, imports what the selects say (checked in the
 * project file with the CLI: kinds, and positions back on the sample's WGS84 points), and shows the
 * remembered choice the next time.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { expect, repoRoot, test, waitForCoverage, waitForMap } from './fixtures';
import { cliExportLayer, haversineM, openImportPreview, waitForCurrentPreview } from './import_helpers';

const POI = join(repoRoot, 'tests', 'data', 'autonavi_poi', 'wuhan_core_autonavi_poi.csv');
const SAMPLE = join(repoRoot, 'data', 'samples', 'wuhan-core');
/** Screenshots to look at, outside the repository (the system's temporary folder). */
const SHOTS = join(tmpdir(), 'siting-shots', 'import');

/** The kind column of the CSV (2nd column) and the sample's WGS84 points in the CSV's row order. */
function expectations(): { kinds: string[]; points: [number, number][] } {
  const kinds = readFileSync(POI, 'utf8').trim().split('\n').slice(1).map((line) => line.split(',')[1]);
  const read = (file: string) => {
    const [header, ...lines] = readFileSync(join(SAMPLE, file), 'utf8').trim().split('\n');
    const names = header.split(',');
    return lines.map((line) => Object.fromEntries(line.split(',').map((cell, i) => [names[i], cell])));
  };
  const points = [
    ...read('illustrative_facilities.csv').map((r): [number, number] => [Number(r.lon), Number(r.lat)]),
    ...read('illustrative_estates.csv').map((r): [number, number] => [Number(r.care_lon || r.lon), Number(r.care_lat || r.lat)]),
  ];
  return { kinds, points };
}

test.describe('zh', () => {
  test.use({ locale: 'zh-CN' });

  test('the kind mapping step lists every value, needs a kind for each, and is remembered', async ({ page, server, workDir }) => {
    const { kinds, points } = expectations();
    await page.goto(server.url);
    await waitForMap(page);
    await waitForCoverage(page);
    await openImportPreview(page, 'facilities', [POI]);

    // GCJ-02 preselected because the columns are an AutoNavi export's, and the reason in Chinese
    const hint = page.getByTestId('import-crs-hint-applied');
    await expect(hint).toHaveAttribute('data-crs', 'GCJ02');
    await expect(hint).toContainText('高德 POI 导出');
    await waitForCurrentPreview(page);
    await expect(page.getByTestId('import-preview-summary')).toHaveAttribute('data-crs', 'GCJ02');
    await expect(page.getByTestId('import-crs-reason-0')).toHaveAttribute('data-reason', 'offset_hint');
    await expect(page.getByTestId('import-crs-section')).not.toContainText(/cannot|numbers|likely|AutoNavi/);
    await hint.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/crs-hint-zh.png` });

    // every distinct value with its rows (counted here from the file)
    const counts = new Map<string, number>();
    for (const kind of kinds) counts.set(kind, (counts.get(kind) ?? 0) + 1);
    const rows = page.getByTestId('import-kind-row');
    await expect(rows).toHaveCount(counts.size);
    const shown = await rows.evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-value'), Number(tr.getAttribute('data-count'))]));
    expect(new Map(shown as [string, number][])).toEqual(counts);
    await expect(page.locator('[data-testid="import-kind-row"][data-value="老年公寓"]')).toHaveAttribute('data-kind', 'care_home');
    const unknown = page.locator('[data-testid="import-kind-row"][data-value="老年活动室"]');
    await expect(unknown).toHaveAttribute('data-kind', '');
    await expect(page.getByTestId('import-kind-unmapped')).toHaveAttribute('data-count', '1');
    await expect(page.getByTestId('import-kind-unmapped')).toContainText('老年活动室 (1)');
    await expect(page.getByTestId('import-kind-missing')).toBeVisible();
    await expect(page.getByTestId('import-submit')).toBeDisabled();
    await page.getByTestId('import-kind-mapping').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/kind-mapping-unmapped-zh.png` });

    // the user's choices: the unknown value → 其他, and 养老服务中心 changed from 社区养老服务站 to 日间照料中心
    await unknown.locator('select').selectOption('other');
    await page.locator('[data-testid="import-kind-row"][data-value="养老服务中心"] select').selectOption('day_care');
    await expect(page.getByTestId('import-kind-unmapped')).toHaveCount(0);
    await expect(page.getByTestId('import-kind-per-kind')).toContainText('其他 1');
    await waitForCurrentPreview(page);
    await expect(page.getByTestId('import-submit')).toBeEnabled();
    await page.screenshot({ path: `${SHOTS}/kind-mapping-chosen-zh.png` });
    await page.getByTestId('import-submit').click();

    const report = page.getByTestId('import-report');
    await expect(report).toBeVisible();
    await expect(page.getByTestId('import-imported')).toHaveAttribute('data-count', String(kinds.length));
    const expectedKind: Record<string, string> = {
      社区养老服务中心: 'community_station', 养老服务中心: 'day_care', 老年公寓: 'care_home', 助餐点: 'canteen', 长者饭堂: 'canteen', 养老机构: 'care_home',
      日间照料站: 'day_care', 敬老院: 'care_home', 福利院: 'care_home', 护理院: 'care_home', 社区卫生服务中心: 'health_station', 老年活动室: 'other',
    };
    const perKind: Record<string, number> = {};
    for (const kind of kinds) perKind[expectedKind[kind]] = (perKind[expectedKind[kind]] ?? 0) + 1;
    const reported = JSON.parse((await page.getByTestId('import-report-kinds').getAttribute('data-kinds')) ?? '{}') as Record<string, number>;
    expect(reported).toEqual(perKind);
    await expect(page.getByTestId('import-detected')).toContainText('编码 UTF-8');
    await report.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/kind-mapping-report-zh.png` });

    // the project file holds those kinds, at the sample's WGS84 points (GCJ-02 undone)
    const stored = await cliExportLayer(server.projectPath, workDir, 'facilities');
    expect(stored.map((f) => f.properties.kind)).toEqual(kinds.map((kind) => expectedKind[kind]));
    stored.forEach((f, i) => expect(haversineM(f.coordinates[0], f.coordinates[1], points[i][0], points[i][1])).toBeLessThan(0.2));

    // next time: the choices come back as "沿用上次的选择", nothing left to map
    await openImportPreview(page, 'facilities', [POI]);
    await expect(unknown).toHaveAttribute('data-kind', 'other');
    await expect(unknown).toHaveAttribute('data-source', 'remembered');
    await expect(page.locator('[data-testid="import-kind-row"][data-value="养老服务中心"]')).toHaveAttribute('data-kind', 'day_care');
    await expect(page.getByTestId('import-kind-unmapped')).toHaveCount(0);
    await page.getByTestId('import-kind-mapping').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/kind-mapping-remembered-zh.png` });
  });
});

test('en: the same step in English', async ({ page, server }) => {
  await page.goto(server.url);
  await waitForMap(page);
  await openImportPreview(page, 'facilities', [POI]);
  await expect(page.getByTestId('import-crs-hint-applied')).toContainText('AutoNavi POI export');
  await expect(page.getByTestId('import-kind-unmapped')).toContainText('老年活动室 (1)');
  await page.getByTestId('import-kind-unmapped-skip').click();
  await expect(page.locator('[data-testid="import-kind-row"][data-value="老年活动室"]')).toHaveAttribute('data-kind', 'skip');
  await page.getByTestId('import-kind-mapping').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/kind-mapping-en.png` });
  await waitForCurrentPreview(page);
  await page.getByTestId('import-submit').click();
  await expect(page.getByTestId('import-imported')).toHaveAttribute('data-count', '12');
  await expect(page.getByTestId('import-skipped')).toHaveAttribute('data-count', '1');
  await expect(page.getByTestId('import-report')).toContainText('1 row left out by the kind mapping: 老年活动室');
  await expect(page.getByTestId('import-skipped-more')).toHaveCount(0);
  await page.getByTestId('import-report').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/kind-mapping-report-en.png` });
});

test.describe('zh GeoTIFF words', () => {
  test.use({ locale: 'zh-CN' });

  test('a GeoTIFF report says nodata in Chinese, has no encoding line and no wrong "more" count', async ({ page, server }) => {
    const tif = join(SAMPLE, 'wuhan_core_pop60plus_100m.tif');
    await page.goto(server.url);
    await waitForMap(page);
    await openImportPreview(page, 'population', [tif]);
    const cells = Number(await page.getByTestId('import-preview-summary').getAttribute('data-rows'));
    await page.getByTestId('import-replace').check();
    await waitForCurrentPreview(page);
    await page.getByTestId('import-submit').click();
    const imported = Number(await page.getByTestId('import-imported').getAttribute('data-count'));
    expect(imported).toBeGreaterThan(0);
    // every cell of the raster is either a population cell or a nodata cell
    await expect(page.getByTestId('import-skipped')).toHaveAttribute('data-count', String(cells - imported));
    const report = page.getByTestId('import-report');
    await expect(report.locator('li[data-code="raster_nodata"]')).toContainText(`${new Intl.NumberFormat('zh-CN').format(cells)} 个格元中有 ${new Intl.NumberFormat('zh-CN').format(cells - imported)} 个无数据`);
    await expect(page.getByTestId('import-skipped-more')).toHaveCount(0);
    await expect(page.getByTestId('import-detected')).not.toContainText('编码');
    await expect(report).not.toContainText(/cells|nodata in|more/);
    await report.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/geotiff-report-zh.png` });
  });
});
