/**
 * Helpers of the import/export browser tests: choose files in the import panel and wait for the
 * dialog's preview, read a layer back from the project file with the CLI (`siting export`), and
 * distances on the sphere (shared/geodesy) for coordinate checks.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import { expect, node22, repoRoot } from './fixtures';
import { openTab } from './tabs';

export { haversineM } from '../../shared/geodesy/haversine';

const run = promisify(execFile);

/** Picks `paths` in the import panel (into `layer`) and waits until the dialog shows their preview. */
export async function openImportPreview(page: Page, layer: string, paths: string[]): Promise<void> {
  await openTab(page, 'data');
  await page.getByTestId('import-layer').selectOption(layer);
  await page.getByTestId('import-file-input').setInputFiles(paths);
  await expect(page.getByTestId('import-dialog')).toBeVisible();
  await expect(page.getByTestId('import-preview-summary')).toBeVisible();
  await waitForCurrentPreview(page);
}

/** Waits until the preview matches the dialog's choices (Import is enabled then, unless fields are missing). */
export async function waitForCurrentPreview(page: Page): Promise<void> {
  await expect(page.getByTestId('import-dialog')).toHaveAttribute('data-preview-current', 'true');
}

export interface ExportedFeature {
  coordinates: number[];
  properties: Record<string, unknown>;
}

/** `siting export <project> --layer <layer> --out <tmp>.geojson`: the layer as stored in the file. */
export async function cliExportLayer(projectPath: string, workDir: string, layer: string): Promise<ExportedFeature[]> {
  const out = join(workDir, `${layer}-${Date.now()}.geojson`);
  await run(node22(), [join(repoRoot, 'bin', 'siting.mjs'), 'export', projectPath, '--layer', layer, '--out', out], { cwd: repoRoot, timeout: 60_000 });
  const collection = JSON.parse(readFileSync(out, 'utf8')) as { features: Array<{ geometry: { coordinates: number[] }; properties: Record<string, unknown> }> };
  return collection.features.map((feature) => ({ coordinates: feature.geometry.coordinates, properties: feature.properties }));
}

/** A data row of a CSV text as column → value (no quoted commas in these fixtures). */
export function csvRecords(text: string): Array<Record<string, string>> {
  const [header, ...rows] = text.trim().split(/\r?\n/);
  const columns = header.split(',');
  return rows.map((row) => Object.fromEntries(row.split(',').map((value, i) => [columns[i], value])));
}
