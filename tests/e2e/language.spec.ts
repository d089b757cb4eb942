/**
 * Chinese and English: the language follows the browser ("auto") and can be switched in the panel;
 * texts and number formats change with it.
 */
import { expect, parseCount, test, waitForCoverage, waitForMap } from './fixtures';

test('switching between Chinese and English changes the panel text', async ({ page, server }) => {
  await page.goto(server.url);
  await waitForMap(page);
  await waitForCoverage(page);
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

  // The choice is saved in the project: a reload keeps Chinese.
  await page.reload();
  await expect(page.getByTestId('app-title')).toHaveText('养老设施选址规划');

  await page.getByTestId('language-select').selectOption('en');
  await expect(page.getByTestId('app-title')).toHaveText('Siting Planner');
  await expect(panel.getByRole('heading', { name: 'Coverage', exact: true })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
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
