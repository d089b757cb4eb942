/**
 * Started without a project, the app says so and creates one from the Wuhan sample under a name the
 * user types (browser host: no file dialogs; project files stay in its projects folder).
 */
import { join } from 'node:path';
import { expect, startServer, test, waitForCoverage, waitForMap } from './fixtures';
import { openTab } from './tabs';

test('create a project from the sample when none is open', async ({ page, workDir }) => {
  // Without --project the host's only project folder is the app's: <config>/projects.
  const server = await startServer(join(workDir, 'unused.gpkg'), { openProject: false });
  const folder = join(workDir, 'config', 'projects');
  const projectPath = join(folder, 'wuhan-new.gpkg');
  try {
    await page.goto(server.url);
    await expect(page.getByTestId('no-project')).toContainText('No project is open.');
    await expect(page.getByTestId('coverage-panel')).toHaveCount(0);
    // The actions are open when there is no project; "New" with the sample is the default.
    await expect(page.getByTestId('project-mode-new')).toBeChecked();
    await expect(page.getByTestId('project-with-sample')).toBeChecked();
    await expect(page.getByTestId('project-folders')).toHaveText(`Project files are kept in ${folder}; a name alone (e.g. wuchang-2026.gpkg) goes there.`);

    // A path outside the folder is refused, with where projects go.
    await page.getByTestId('project-path-input').fill(join(workDir, 'wuhan-new.gpkg'));
    await page.getByTestId('project-submit').click();
    await expect(page.getByTestId('project-action-error')).toContainText(`In the browser, project files must be in ${folder}.`);
    await expect(page.getByTestId('no-project')).toBeVisible();

    // A name alone is created in the folder.
    await page.getByTestId('project-path-input').fill('wuhan-new.gpkg');
    await page.getByTestId('project-submit').click();

    await expect(page.getByTestId('project-path')).toHaveText(projectPath);
    await expect(page.getByTestId('project-name')).toHaveText('wuhan-new');
    await waitForMap(page);
    await expect(page.getByTestId('map')).toHaveAttribute('data-population-cells', '24470');
    await waitForCoverage(page);
    await expect(page.getByTestId('coverage-elderly-total')).toHaveText('of 518,264');
    await openTab(page, 'project');
    await expect(page.getByTestId('recent-projects')).toContainText(projectPath);

    // A name without .gpkg is refused with the host's reason, in plain words.
    await page.getByTestId('project-path-input').fill('notes.txt');
    await page.getByTestId('project-submit').click();
    await expect(page.getByTestId('project-action-error')).toContainText('must end in .gpkg');
  } finally {
    await server.stop();
  }
});
