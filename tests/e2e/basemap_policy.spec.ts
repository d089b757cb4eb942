/**
 * The page's Content-Security-Policy admits only the open project's basemap origins. Saving a basemap
 * on another origin loads the page again, now with a policy that admits it; another address on an
 * origin already admitted does not. (No network here: the tiles themselves fail to load.)
 */
import type { Response } from '@playwright/test';
import { expect, test, waitForMap } from './fixtures';
import { openTab } from './tabs';

// One pattern: a list of two would be read as Playwright's [value, options] tuple.
test.use({ consoleAllowed: [/Failed to load resource|ERR_NAME_NOT_RESOLVED|ERR_INTERNET_DISCONNECTED|ERR_CONNECTION/] });

function directive(response: Response | null, name: string): string | undefined {
  const policy = response?.headers()['content-security-policy'] ?? '';
  return policy.split('; ').find((part) => part.startsWith(`${name} `));
}

test('a basemap on a new origin reloads the page with a policy that admits it', async ({ page, server }) => {
  const first = await page.goto(server.url);
  expect(directive(first, 'connect-src')).toBe("connect-src 'self'");
  expect(directive(first, 'img-src')).toBe("img-src 'self' data: blob:");
  await waitForMap(page);
  await page.evaluate(() => Object.assign(window, { sitingSamePage: true }));

  await openTab(page, 'project');
  await page.getByTestId('settings-section').locator('summary').click();
  // A custom address (not one of the presets) and the system of its tiles.
  await page.getByTestId('basemap-choice-custom').check();
  await page.getByTestId('basemap-input').fill('https://{prefix}.tiles.example.invalid/{z}/{x}/{y}.png');
  const reloaded = page.waitForResponse((response) => response.request().resourceType() === 'document');
  await page.getByRole('button', { name: 'Save settings' }).click();
  const document = await reloaded;
  expect(directive(document, 'connect-src')).toBe("connect-src 'self' https://*.tiles.example.invalid");
  expect(directive(document, 'img-src')).toBe("img-src 'self' data: blob: https://*.tiles.example.invalid");
  await waitForMap(page);
  expect(await page.evaluate(() => 'sitingSamePage' in window)).toBe(false);

  // The same origin again: saved without loading the page again.
  await page.evaluate(() => Object.assign(window, { sitingSamePage: true }));
  await page.getByTestId('settings-section').locator('summary').click();
  await expect(page.getByTestId('basemap-input')).toHaveValue('https://{prefix}.tiles.example.invalid/{z}/{x}/{y}.png');
  await page.getByTestId('basemap-input').fill('https://{prefix}.tiles.example.invalid/dark/{z}/{x}/{y}.png');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Settings saved' })).toBeVisible();
  expect(await page.evaluate(() => 'sitingSamePage' in window)).toBe(true);
});
