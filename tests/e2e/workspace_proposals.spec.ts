/**
 * Proposals on the Wuhan sample: add one by clicking the map, see the live figures change before →
 * after, drag it, edit its form (a bad value is refused at its field), undo and redo the move with
 * the keyboard — and after every step the project file (read back with the CLI) holds exactly what
 * the screen shows, with an audit entry per edit.
 */
import { expect, readMeasures, test, waitForCoverage, waitForMap } from './fixtures';
import { importTestFacilities } from './test_facilities';
import { auditActions, cliProposals, cliScenarioCoverage, createScenario, mapLonLat, mapPixel } from './workspace_helpers';
import { openTab } from './tabs';

const SCENARIO = '汉口北片方案';
/** A dense block of Hankou (Jianghan) outside the four test facilities' 1 km circles. */
const SITE = { lon: 114.2745, lat: 30.6165 };

test('add, drag, edit, undo and redo a proposal; every step is in the project file', async ({ page, server, workDir }) => {
  // Many steps, each saved and read back with the CLI: give a busy machine time.
  test.setTimeout(300_000);
  await page.goto(server.url);
  await waitForMap(page);
  await importTestFacilities(page, workDir);
  await waitForCoverage(page);

  // The baseline is the existing situation: no proposal tools there.
  await openTab(page, 'plan');
  await expect(page.getByTestId('baseline-hint')).toBeVisible();
  await expect(page.getByTestId('proposal-place')).toHaveCount(0);

  await createScenario(page, SCENARIO);
  const figures = page.getByTestId('live-figures');
  await expect(figures).toHaveAttribute('data-reference', 'existing');
  const coverage1000 = page.getByTestId('figure-coverage-1000');
  const baseRatio = Number(await coverage1000.getAttribute('data-after'));
  const cliBase = await cliScenarioCoverage(server.projectPath, SCENARIO);
  expect(baseRatio).toBeCloseTo(cliBase.elderly.ratio, 12);

  // Add by clicking the map.
  await page.getByTestId('proposal-place').click();
  await expect(page.getByTestId('proposal-place')).toHaveAttribute('aria-pressed', 'true');
  const at = await mapPixel(page, SITE.lon, SITE.lat);
  const [clickLon, clickLat] = await mapLonLat(page, at.x, at.y);
  await page.mouse.click(at.x, at.y);
  await expect(page.getByTestId('proposal-list').locator('li')).toHaveCount(1);
  await expect(figures).toHaveAttribute('data-reference', 'edit');
  const afterAdd = Number(await coverage1000.getAttribute('data-after'));
  expect(Number(await coverage1000.getAttribute('data-before'))).toBeCloseTo(baseRatio, 12);
  expect(afterAdd).toBeGreaterThan(baseRatio);
  // Share changes in percentage points, counts with the locale's grouping.
  await expect(page.getByTestId('figure-coverage-1000-delta')).toHaveText(/^\(\+\d+\.\d pp\)$/);
  await expect(page.getByTestId('figure-uncovered-delta')).toHaveText(/^\([−-][\d,]+\)$/);
  const updateMs = Number(await figures.getAttribute('data-update-ms'));
  await expect(page.getByTestId('save-status')).toHaveText('All changes saved to the project file.');

  // In the file: one proposal where the click was; the CLI's coverage equals the live figure.
  let stored = await cliProposals(server.projectPath, workDir, SCENARIO);
  expect(stored).toHaveLength(1);
  expect(stored[0].name).toBe('Proposal 1');
  expect(stored[0].kind).toBe('day_care');
  expect(Math.abs(stored[0].lon - clickLon)).toBeLessThan(2e-4);
  expect(Math.abs(stored[0].lat - clickLat)).toBeLessThan(2e-4);
  const cliAdded = await cliScenarioCoverage(server.projectPath, SCENARIO);
  expect(cliAdded.facilities).toBe(5);
  expect(afterAdd).toBeCloseTo(cliAdded.elderly.ratio, 12);
  // The coverage panel (host figures for the scenario) agrees as well.
  await waitForCoverage(page);
  await openTab(page, 'analyse');
  await expect(page.getByTestId('coverage-facilities')).toHaveText('5');

  // Edit in the form: a negative capacity is refused at its field; valid values are saved.
  await openTab(page, 'plan');
  const form = page.getByTestId('proposal-form');
  await expect(form).toBeVisible();
  await page.getByTestId('proposal-capacity').fill('-5');
  await page.getByTestId('proposal-save').click();
  await expect(page.getByTestId('proposal-capacity-problem')).toHaveText('Day places must be at least 0.');
  await expect(page.getByTestId('proposal-capacity')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('proposal-capacity')).toBeFocused();
  await page.getByTestId('proposal-capacity').fill('40');
  await page.getByTestId('proposal-name').fill('江汉北日间照料中心（拟）');
  await page.getByTestId('proposal-beds').fill('30');
  await page.getByTestId('proposal-nursingBeds').fill('12');
  await page.getByTestId('proposal-targetYear').fill('2027');
  await page.getByTestId('proposal-save').click();
  await expect(page.getByTestId('proposal-capacity-problem')).toHaveCount(0);
  await expect(page.getByTestId('proposal-form-status')).toHaveText('Saved.');
  await expect.poll(async () => Number(await page.getByTestId('figure-beds').getAttribute('data-after'))).toBeCloseTo((30 / cliBase.elderly.total) * 1000, 9);
  await expect(page.getByTestId('figure-nursing')).toHaveAttribute('data-after', '0.4');
  // No beds before this edit: no share before, 40 % after.
  await expect(page.getByTestId('figure-nursing').locator('td')).toHaveText('— → 40.0% (—)');
  stored = await cliProposals(server.projectPath, workDir, SCENARIO);
  expect(stored[0]).toMatchObject({ name: '江汉北日间照料中心（拟）', capacity: 40, beds: 30, nursing_beds: 12 });

  // Drag it 90 px west (into denser blocks): moved on screen and in the file.
  const before = { lon: stored[0].lon, lat: stored[0].lat };
  const from = await mapPixel(page, before.lon, before.lat);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  for (let step = 1; step <= 6; step++) await page.mouse.move(from.x - step * 15, from.y, { steps: 2 });
  await page.mouse.up();
  await expect(page.getByTestId('save-status')).toHaveText('All changes saved to the project file.');
  await expect(page.getByTestId('proposal-lon')).not.toHaveValue(String(before.lon));
  await expect.poll(async () => (await cliProposals(server.projectPath, workDir, SCENARIO))[0].lon).toBeLessThan(before.lon - 1e-3);
  stored = await cliProposals(server.projectPath, workDir, SCENARIO);
  const moved = { lon: stored[0].lon, lat: stored[0].lat };
  expect(Math.abs(moved.lat - before.lat)).toBeLessThan(2e-4);
  const [dropLon] = await mapLonLat(page, from.x - 90, from.y);
  expect(Math.abs(moved.lon - dropLon)).toBeLessThan(2e-4);
  expect(stored[0].capacity).toBe(40);
  await expect(page.getByTestId('undo')).toHaveAttribute('title', /Undo moving of “江汉北日间照料中心（拟）”/);
  await waitForMap(page);
  await page.getByTestId('live-figures').evaluate((table) => table.scrollIntoView({ block: 'end' }));
  await page.screenshot({ path: 'docs/screenshots/workspace_proposal_en.png' });

  // Ctrl+Z undoes the move, Ctrl+Shift+Z redoes it (each saved at once). A checkbox used just
  // before (the legend's circles switch, off and on) does not keep the keys from the workspace.
  await page.getByTestId('legend-toggle-circles').uncheck();
  await page.getByTestId('legend-toggle-circles').check();
  await expect(page.getByTestId('legend-toggle-circles')).toBeFocused();
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('proposal-lon')).toHaveValue(String(before.lon));
  await expect.poll(async () => (await cliProposals(server.projectPath, workDir, SCENARIO))[0].lon).toBe(before.lon);
  await page.keyboard.press('Control+Shift+Z');
  await expect(page.getByTestId('proposal-lon')).toHaveValue(String(moved.lon));
  await expect.poll(async () => (await cliProposals(server.projectPath, workDir, SCENARIO))[0].lon).toBe(moved.lon);
  const cliMoved = await cliScenarioCoverage(server.projectPath, SCENARIO);
  // Incremental sums may differ from a fresh count in the last bits only.
  await expect.poll(async () => Number(await coverage1000.getAttribute('data-after'))).toBeCloseTo(cliMoved.elderly.ratio, 12);

  // One audit entry per edit, newest first.
  const actions = (await auditActions(page, 10)).filter((entry) => entry.featureId === stored[0].id).map((entry) => entry.action);
  expect(actions.slice(0, 5)).toEqual(['proposal:redo', 'proposal:undo', 'proposal:move', 'proposal:update', 'proposal:add']);

  const measures = await readMeasures(page);
  const of = (name: string) => measures.filter((m) => m.name === name).map((m) => m.ms);
  const summary = (name: string) => {
    const values = of(name).sort((x, y) => x - y);
    return `${name}: ${values.length} × median ${values[Math.floor(values.length / 2)]} ms, max ${values[values.length - 1]} ms`;
  };
  console.log(`Wuhan sample (24 470 cells, radii 300/500/1000 m): add → figures on screen ${updateMs} ms`);
  for (const name of ['siting:live-figures', 'siting:edit-to-figures', 'siting:drag-to-figures']) console.log(`  ${summary(name)}`);
});
