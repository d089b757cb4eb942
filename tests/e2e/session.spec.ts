/**
 * The browser host only answers with the session token: a page opened with a wrong token says in
 * plain words what to do instead of showing an empty app.
 */
import { expect, test } from './fixtures';

// The host answers 401 to every API call of this page; the browser logs each refused request.
test.use({ locale: 'en-US', consoleAllowed: [/status of 401/] });

test('a wrong session token is explained, not silently ignored', async ({ page, server }) => {
  const url = new URL(server.url);
  url.searchParams.set('token', 'not-the-token');
  await page.goto(url.toString());
  await expect(page).not.toHaveURL(/token=/);
  await expect(page.getByTestId('project-error')).toContainText('This page is not authorised for the local server');
  await expect(page.getByTestId('project-error')).toContainText('Open the link printed by the server again');
  await expect(page.getByTestId('coverage-panel')).toHaveCount(0);
});
