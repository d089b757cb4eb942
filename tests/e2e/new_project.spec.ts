/**
 * Started without a project, the app says so and creates one from the Wuhan sample at a path the
 * user types (browser host: no file dialogs).
 */
import { join } from 'node:path';
import { expect, startServer, test, waitForCoverage, waitForMap } from './fixtures';

test('create a project from the sample when none is open', async ({ page, workDir }) => {
  const projectPath = join(workDir, 'wuhan-new.gpkg');
  const server = await startServer(projectPath, { openProject: false });
  try {
    await page.goto(server.url);
    await expect(page.getByTestId('no-project')).toContainText('No project is open.');
    await expect(page.getByTestId('coverage-panel')).toHaveCount(0);
    // The actions are open when there is no project; "New" with the sample is the default.
    await expect(page.getByTestId('project-mode-new')).toBeChecked();
    await expect(page.getByTestId('project-with-sample')).toBeChecked();
    await page.getByTestId('project-path-input').fill(projectPath);
    await page.getByTestId('project-submit').click();

    await expect(page.getByTestId('project-path')).toHaveText(projectPath);
    await expect(page.getByTestId('project-name')).toHaveText('wuhan-new');
    await waitForMap(page);
    await expect(page.getByTestId('map')).toHaveAttribute('data-population-cells', '24470');
    await waitForCoverage(page);
    await expect(page.getByTestId('coverage-elderly-total')).toHaveText('of 518,264');
    await expect(page.getByTestId('recent-projects')).toContainText(projectPath);

    // A name without .gpkg is refused with the host's reason, in plain words.
    await page.getByTestId('project-path-input').fill(join(workDir, 'notes.txt'));
    await page.getByTestId('project-submit').click();
    await expect(page.getByTestId('project-action-error')).toContainText('must end in .gpkg');
  } finally {
    await server.stop();
  }
});
