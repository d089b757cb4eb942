/**
 * The side panel's task tabs (renderer/components/shell/PanelTabs.tsx): a spec opens the tab that
 * holds the panel it works in, as a user would.
 */
import { expect, type Page } from '@playwright/test';

export type PanelTab = 'data' | 'analyse' | 'plan' | 'review' | 'map' | 'project';

/** Selects `tab` in the side panel and waits until its panel shows. */
export async function openTab(page: Page, tab: PanelTab): Promise<void> {
  const button = page.getByTestId(`tab-${tab}`);
  // Already there (a dialog of that tab may be open over the panel): nothing to click.
  if ((await button.getAttribute('aria-selected')) !== 'true') await button.click();
  await expect(button).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId(`tabpanel-${tab}`)).toBeVisible();
}

/** The Project tab with its "New, open, save as" section open (it opens by default; the user may close it). */
export async function openProjectActions(page: Page): Promise<void> {
  await openTab(page, 'project');
  const section = page.getByTestId('project-actions-section');
  if ((await section.getAttribute('open')) === null) await section.locator('summary').click();
  await expect(section).toHaveAttribute('open', '');
}
