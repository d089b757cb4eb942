/**
 * Chinese and English: the language follows the browser ("auto") and can be switched in the panel;
 * texts and number formats change with it.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, node22, parseCount, repoRoot, test, waitForCoverage, waitForMap } from './fixtures';
import { openProjectActions, openTab } from './tabs';

test('switching between Chinese and English changes the panel text', async ({ page, server }) => {
  await page.goto(server.url);
  await waitForMap(page);
  await waitForCoverage(page);
  await openTab(page, 'analyse');
  const panel = page.getByRole('complementary');
  await expect(page.getByTestId('app-title')).toHaveText('Siting Planner');
  await expect(panel.getByRole('heading', { name: 'Coverage', exact: true })).toBeVisible();
  await expect(panel).toContainText('Older people (60+) covered');
  const totalEn = await page.getByTestId('coverage-elderly-total').innerText();

  await page.getByTestId('language-select').selectOption('zh');
  await expect(page.getByTestId('app-title')).toHaveText('养老设施选址规划');
  await expect(panel.getByRole('heading', { name: '覆盖率', exact: true })).toBeVisible();
  await expect(panel).toContainText('已覆盖老年人口');
  await expect(panel).toContainText('日间照料中心');
  await expect(panel).not.toContainText('Older people (60+) covered');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByTestId('legend')).toContainText('每格老年人口');
  const totalZh = await page.getByTestId('coverage-elderly-total').innerText();
  expect(totalZh).toMatch(/^共 /);
  expect(parseCount(totalZh)).toBe(parseCount(totalEn));
  await expect(page.getByTestId('coverage-radius')).toHaveText(new Intl.NumberFormat('zh-CN', { style: 'unit', unit: 'meter' }).format(1000));
  await page.screenshot({ path: 'docs/screenshots/main-map-zh.png' });

  // The choice is saved in the user's preferences: a reload keeps Chinese.
  await page.reload();
  await expect(page.getByTestId('app-title')).toHaveText('养老设施选址规划');

  await page.getByTestId('language-select').selectOption('en');
  await expect(page.getByTestId('app-title')).toHaveText('Siting Planner');
  await expect(panel.getByRole('heading', { name: 'Coverage', exact: true })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

test('the language is the user\'s: a project made by the CLI opens in the language chosen before', async ({ page, server, workDir }) => {
  await page.goto(server.url);
  await waitForCoverage(page);
  await expect(page.getByTestId('app-title')).toHaveText('Siting Planner');
  await page.getByTestId('language-select').selectOption('zh');
  await expect(page.getByTestId('app-title')).toHaveText('养老设施选址规划');

  // A project made by the CLI keeps the CLI's default ("follow the system") in its settings.
  const cliProject = join(workDir, 'config', 'projects', 'from-cli.gpkg');
  await promisify(execFile)(node22(), [join(repoRoot, 'bin', 'siting.mjs'), 'new', cliProject], { cwd: repoRoot, timeout: 60_000 });
  await openProjectActions(page);
  await page.locator('label', { has: page.getByTestId('project-mode-open') }).click();
  await page.getByTestId('project-path-input').fill(cliProject);
  await page.getByTestId('project-submit').click();
  await expect(page.getByTestId('project-path')).toHaveText(cliProject);
  // Still Chinese, and the switch still says 中文.
  await expect(page.getByTestId('app-title')).toHaveText('养老设施选址规划');
  await expect(page.getByTestId('language-select')).toHaveValue('zh');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  // The new project is empty: the getting-started card says what to do, in Chinese.
  await expect(page.getByTestId('getting-started')).toContainText('导入人口格网');
  await expect(page.getByTestId('start-step-population')).toHaveAttribute('data-done', 'false');
  // A new window (the page loaded again) starts in Chinese too, with this project open.
  await page.reload();
  await expect(page.getByTestId('app-title')).toHaveText('养老设施选址规划');
  await expect(page.getByTestId('project-path')).toHaveText(cliProject);
});

test.describe('with a Chinese browser', () => {
  test.use({ locale: 'zh-CN' });

  test('"auto" follows the browser language', async ({ page, server }) => {
    await page.goto(server.url);
    await expect(page.getByTestId('app-title')).toHaveText('养老设施选址规划');
    await expect(page.getByTestId('language-select')).toHaveValue('auto');
    await waitForCoverage(page);
    await expect(page.getByRole('complementary')).toContainText('老年人口覆盖率');
  });
});
