/**
 * Proposals from candidate sites: a click in "place" mode near a candidate takes its exact position,
 * name, floor area and level; Find proposes at another one. Delete removes a proposal and Ctrl+Z
 * brings it back — in the project file each time.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, waitForCoverage, waitForMap } from './fixtures';
import { importTestFacilities } from './test_facilities';
import { cliProposals, createScenario, mapPixel } from './workspace_helpers';

/** Made-up candidate sites (illustrative) at real Wuhan coordinates inside the sample. */
const CANDIDATES_CSV = ['name,lon,lat,floor_area_m2,floor_level,note', '候选地块 老汉口,114.2870,30.6000,420,1,示意', '候选地块 武昌,114.3300,30.5600,380,2,示意'].join('\n');

test('propose on candidate sites, delete and undo the deletion', async ({ page, server, workDir }) => {
  // Many steps, each saved and read back with the CLI: give a busy machine time.
  test.setTimeout(300_000);
  await page.goto(server.url);
  await waitForMap(page);
  await importTestFacilities(page, workDir);
  const csv = join(workDir, 'candidates.csv');
  writeFileSync(csv, `${CANDIDATES_CSV}\n`, 'utf8');
  await page.getByTestId('import-layer').selectOption('candidates');
  await page.getByTestId('import-file-input').setInputFiles(csv);
  await page.getByTestId('import-submit').click();
  await expect(page.getByTestId('import-result')).toHaveAttribute('data-outcome', 'ok');
  await waitForCoverage(page);
  await createScenario(page, '候选地块方案');
  await waitForMap(page);

  // Place mode, click 5 px off the candidate: the proposal takes the candidate's place and fields.
  await page.getByTestId('proposal-place').click();
  const near = await mapPixel(page, 114.287, 30.6);
  await page.mouse.click(near.x + 4, near.y + 3);
  await expect(page.getByTestId('proposal-list').locator('li')).toHaveCount(1);
  await expect(page.getByTestId('proposal-name')).toHaveValue('候选地块 老汉口');
  await expect(page.getByTestId('proposal-floorAreaM2')).toHaveValue('420');
  await expect(page.getByTestId('proposal-floorLevel')).toHaveValue('1');
  await expect(page.getByTestId('proposal-note')).toHaveValue('From candidate site 1');
  await expect(page.getByTestId('save-status')).toHaveText('All changes saved to the project file.');

  // Find the other candidate and propose there.
  await page.getByTestId('find-input').fill('武昌');
  const result = page.getByTestId('find-results').getByRole('option').filter({ hasText: 'Candidate' });
  await expect(result).toContainText('候选地块 武昌');
  await result.getByTestId('find-propose-candidate').click();
  await expect(page.getByTestId('proposal-list').locator('li')).toHaveCount(2);
  await expect(page.getByTestId('save-status')).toHaveText('All changes saved to the project file.');
  let stored = await cliProposals(server.projectPath, workDir, '候选地块方案');
  expect(stored.map((p) => [p.name, p.lon, p.lat])).toEqual([
    ['候选地块 老汉口', 114.287, 30.6],
    ['候选地块 武昌', 114.33, 30.56],
  ]);
  await waitForMap(page);
  await page.getByTestId('proposal-panel').evaluate((element) => element.scrollIntoView());
  await page.screenshot({ path: 'docs/screenshots/workspace_candidates_en.png' });

  // Delete the selected one (武昌) with the Delete key, then undo. (Focus is still in the Find box,
  // where Delete edits the text: choose the proposal in the list first, as a planner would.)
  await page.getByTestId('proposal-list').getByRole('button', { name: '候选地块 武昌' }).click();
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('proposal-list').locator('li')).toHaveCount(1);
  await expect.poll(async () => (await cliProposals(server.projectPath, workDir, '候选地块方案')).length).toBe(1);
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('proposal-list').locator('li')).toHaveCount(2);
  await expect.poll(async () => (await cliProposals(server.projectPath, workDir, '候选地块方案')).length).toBe(2);
  stored = await cliProposals(server.projectPath, workDir, '候选地块方案');
  expect(stored.find((p) => p.name === '候选地块 武昌')).toMatchObject({ lon: 114.33, lat: 30.56 });
});
