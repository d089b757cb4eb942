/**
 * The side panel by task: tabs (keyboard, remembered for the window), the getting-started card of an
 * empty project (steps ticked from the project's layer counts, one click to the import), and the
 * basemap chooser (presets; the Tianditu key kept in the user's preferences, never in the project).
 * With SHELL_SHOTS set, screenshots of each screen in zh and en go into that folder.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import { testData } from '../helpers/test_data';
import { expect, node22, repoRoot, test, waitForCoverage, waitForMap } from './fixtures';
import { openProjectActions, openTab, type PanelTab } from './tabs';
import { importTestFacilities } from './test_facilities';

const run = promisify(execFile);
const SHOTS = process.env.SHELL_SHOTS;
const TABS: PanelTab[] = ['data', 'analyse', 'plan', 'review', 'map', 'project'];

async function shot(page: Page, name: string): Promise<void> {
  if (SHOTS) await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

/**
 * Saves the settings; a basemap on a new origin loads the page again (its Content-Security-Policy
 * must admit it): the Project tab stays chosen, the settings are opened again.
 */
async function saveReloading(page: Page): Promise<void> {
  const loaded = page.waitForEvent('load');
  await page.getByTestId('settings-save').click();
  await loaded;
  await waitForMap(page);
  await expect(page.getByTestId('tab-project')).toHaveAttribute('aria-selected', 'true');
  await page.getByTestId('settings-section').locator('summary').click();
}

async function openProjectFile(page: Page, path: string): Promise<void> {
  await openProjectActions(page);
  await page.locator('label', { has: page.getByTestId('project-mode-open') }).click();
  await page.getByTestId('project-path-input').fill(path);
  await page.getByTestId('project-submit').click();
  await expect(page.getByTestId('project-path')).toHaveText(path);
}

test('tabs by task: keyboard, one panel shown at a time, the choice kept for the window', async ({ page, server, workDir }) => {
  await page.goto(server.url);
  await waitForMap(page);
  await waitForCoverage(page);
  // The sample has a population grid and boundaries but no facilities: it opens on Data, with the next step shown.
  await expect(page.getByTestId('tab-data')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('start-step-population')).toHaveAttribute('data-done', 'true');
  await expect(page.getByTestId('start-step-boundaries')).toHaveAttribute('data-done', 'true');
  await expect(page.getByTestId('start-step-facilities')).toHaveAttribute('data-done', 'false');
  await expect(page.getByTestId('import-section')).toBeVisible();
  await expect(page.getByTestId('coverage-panel')).toBeHidden();
  for (const language of ['en', 'zh'] as const) {
    await page.getByTestId('language-select').selectOption(language);
    await shot(page, `sample-without-facilities-${language}`);
  }
  await page.getByTestId('language-select').selectOption('en');
  // With facilities the card goes; the tab stays where the user works.
  await importTestFacilities(page, workDir);
  await expect(page.getByTestId('getting-started')).toHaveCount(0);
  await expect(page.getByTestId('tab-data')).toHaveAttribute('aria-selected', 'true');
  await openTab(page, 'analyse');
  await waitForCoverage(page);

  // Arrow keys move along the tabs (wrapping), Home/End to the ends; the focused tab is the selected one.
  await page.getByTestId('tab-analyse').focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('tab-plan')).toBeFocused();
  await expect(page.getByTestId('tab-plan')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('scenario-panel')).toBeVisible();
  await expect(page.getByTestId('coverage-panel')).toBeHidden();
  await page.keyboard.press('End');
  await expect(page.getByTestId('tab-project')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('tab-data')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('import-section')).toBeVisible();
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('tab-project')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Home');
  await expect(page.getByTestId('tab-data')).toBeFocused();
  // Only the selected tab is in the Tab order; its panel is labelled by it.
  expect(await page.getByRole('tab').evaluateAll((tabs) => tabs.map((tab) => tab.getAttribute('tabindex')))).toEqual(['0', '-1', '-1', '-1', '-1', '-1']);
  await expect(page.getByRole('tabpanel')).toHaveAttribute('aria-labelledby', 'panel-tab-data');

  await openTab(page, 'review');
  await page.reload();
  await waitForMap(page);
  await expect(page.getByTestId('tab-review')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('review-panel')).toBeVisible();

  for (const language of ['en', 'zh'] as const) {
    await page.getByTestId('language-select').selectOption(language);
    for (const tab of TABS) {
      await openTab(page, tab);
      if (tab === 'project') await page.getByTestId('settings-section').locator('summary').click();
      await waitForMap(page);
      await shot(page, `tab-${tab}-${language}`);
      if (tab === 'project') await page.getByTestId('settings-section').locator('summary').click();
    }
  }
});

test('an empty project says what to do next and ticks each step as its data arrives', async ({ page, server, workDir }) => {
  const empty = join(workDir, 'config', 'projects', 'empty.gpkg');
  await run(node22(), [join(repoRoot, 'bin', 'siting.mjs'), 'new', empty], { cwd: repoRoot, timeout: 60_000 });
  await page.goto(server.url);
  await waitForMap(page);
  await openProjectFile(page, empty);

  const card = page.getByTestId('getting-started');
  await expect(card).toBeVisible();
  await expect(page.getByTestId('start-step-population')).toHaveAttribute('data-done', 'false');
  await expect(page.getByTestId('start-step-facilities')).toHaveAttribute('data-done', 'false');
  await waitForMap(page);
  // Nothing of the previous project's grid stays on the map.
  await expect(page.getByTestId('map')).toHaveAttribute('data-population-cells', '0');
  await shot(page, 'empty-project-en');
  await page.getByTestId('language-select').selectOption('zh');
  await expect(card).toContainText('导入人口格网');
  await shot(page, 'empty-project-zh');
  await page.getByTestId('language-select').selectOption('en');

  // One click: the Data tab, the import panel in view with its first control focused.
  await openTab(page, 'analyse');
  await page.getByTestId('start-action-population').click();
  await expect(page.getByTestId('tab-data')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('import-layer')).toBeFocused();

  // Boundaries imported by another program (the CLI): that step ticks itself, the others stay to do.
  const boundary = testData('wuhan/wuhan_boundary_osm.geojson');
  await run(node22(), [join(repoRoot, 'bin', 'siting.mjs'), 'import', empty, 'boundaries', boundary], { cwd: repoRoot, timeout: 120_000 });
  await expect(page.getByTestId('start-step-boundaries')).toHaveAttribute('data-done', 'true', { timeout: 30_000 });
  await expect(page.getByTestId('start-step-population')).toHaveAttribute('data-done', 'false');
  await expect(page.getByTestId('start-step-facilities')).toHaveAttribute('data-done', 'false');
  await shot(page, 'empty-project-boundaries-done-en');
});

test.describe('basemaps (no network here: tiles fail to load)', () => {
  test.use({ consoleAllowed: [/Failed to load resource|ERR_NAME_NOT_RESOLVED|ERR_INTERNET_DISCONNECTED|ERR_CONNECTION/] });

test('basemap presets: Tianditu with the user\'s key (not in the project), saved for every project', async ({ page, server, workDir }) => {
  await page.goto(server.url);
  await waitForMap(page);
  await openTab(page, 'project');
  await page.getByTestId('settings-section').locator('summary').click();
  const chooser = page.getByTestId('basemap-chooser');
  await expect(chooser).toHaveAttribute('data-choice', 'none');

  // Tianditu without a key is refused with the reason; with one, the key goes to the user's preferences.
  await page.getByTestId('basemap-choice-tianditu').check();
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('basemap-problem')).toContainText('Tianditu needs your key');
  await page.getByTestId('tianditu-key-input').fill('0123abcdKEY');
  await shot(page, 'basemap-chooser-en');
  await saveReloading(page);
  await expect(page.getByTestId('basemap-problem')).toHaveCount(0);
  const prefs = JSON.parse(readFileSync(join(workDir, 'config', 'preferences.json'), 'utf8')) as Record<string, unknown>;
  expect(prefs.tiandituKey).toBe('0123abcdKEY');
  // The project holds the template with its placeholder, never the key.
  for (const file of [server.projectPath, `${server.projectPath}-wal`]) {
    if (existsSync(file)) expect(readFileSync(file).includes(Buffer.from('0123abcdKEY')), file).toBe(false);
  }
  const stored = [server.projectPath, `${server.projectPath}-wal`].filter((file) => existsSync(file)).map((file) => readFileSync(file));
  expect(stored.some((bytes) => bytes.includes(Buffer.from('t0.tianditu.gov.cn/DataServer?T=vec_w')))).toBe(true);

  await expect(page.getByTestId('basemap-chooser')).toHaveAttribute('data-choice', 'tianditu');
  await expect(page.getByTestId('tianditu-key-input')).toHaveValue('0123abcdKEY');
  await page.getByTestId('language-select').selectOption('zh');
  await expect(page.getByTestId('basemap-choice-tianditu').locator('..')).toContainText('天地图');
  await shot(page, 'basemap-chooser-zh');
  await page.getByTestId('language-select').selectOption('en');
});
});
