/**
 * Helpers of the workspace browser tests: map pixels of a lon/lat, the CLI's view of a scenario
 * (export of its proposals, its coverage), the audit log through the host API.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import { expect, node22, repoRoot } from './fixtures';
import { openTab } from './tabs';

const run = promisify(execFile);

/** Page pixel of (lon, lat) on the main map, from the extent the map publishes (Web Mercator). */
export async function mapPixel(page: Page, lon: number, lat: number, testId = 'map'): Promise<{ x: number; y: number }> {
  const map = page.getByTestId(testId);
  await expect(map).toHaveAttribute('data-bounds', /,/);
  const [west, south, east, north] = ((await map.getAttribute('data-bounds')) as string).split(',').map(Number);
  const box = await map.boundingBox();
  if (!box) throw new Error('the map has no box');
  const y = (latDeg: number) => Math.log(Math.tan(Math.PI / 4 + (latDeg * Math.PI) / 360));
  return {
    x: box.x + ((lon - west) / (east - west)) * box.width,
    y: box.y + ((y(north) - y(lat)) / (y(north) - y(south))) * box.height,
  };
}

/** lon/lat under a page pixel of the main map (inverse of mapPixel). */
export async function mapLonLat(page: Page, x: number, y: number, testId = 'map'): Promise<[number, number]> {
  const map = page.getByTestId(testId);
  const [west, south, east, north] = ((await map.getAttribute('data-bounds')) as string).split(',').map(Number);
  const box = await map.boundingBox();
  if (!box) throw new Error('the map has no box');
  const merc = (latDeg: number) => Math.log(Math.tan(Math.PI / 4 + (latDeg * Math.PI) / 360));
  const my = merc(north) - ((y - box.y) / box.height) * (merc(north) - merc(south));
  return [west + ((x - box.x) / box.width) * (east - west), (360 / Math.PI) * Math.atan(Math.exp(my)) - 90];
}

export interface ExportedProposal {
  id: string;
  name: string;
  kind: string;
  lon: number;
  lat: number;
  capacity: number | null;
  beds: number | null;
  nursing_beds: number | null;
  scenario_id: string;
}

/** `siting export <project> --layer proposals --scenario <s>`: the proposals as stored in the file. */
export async function cliProposals(projectPath: string, workDir: string, scenario: string): Promise<ExportedProposal[]> {
  const out = join(workDir, `proposals-${Date.now()}.geojson`);
  await run(node22(), [join(repoRoot, 'bin', 'siting.mjs'), 'export', projectPath, '--layer', 'proposals', '--scenario', scenario, '--out', out], { cwd: repoRoot, timeout: 60_000 });
  const collection = JSON.parse(readFileSync(out, 'utf8')) as { features: Array<{ geometry: { coordinates: number[] }; properties: Record<string, unknown> }> };
  return collection.features.map((f) => ({
    ...(f.properties as Omit<ExportedProposal, 'lon' | 'lat'>),
    lon: f.geometry.coordinates[0],
    lat: f.geometry.coordinates[1],
  }));
}

/** `siting analyze --scenario <s> --json` with the app's default kinds. */
export async function cliScenarioCoverage(projectPath: string, scenario: string, radiusM = 1000): Promise<{ elderly: { total: number; covered: number; ratio: number }; facilities: number }> {
  const { stdout } = await run(
    node22(),
    [join(repoRoot, 'bin', 'siting.mjs'), 'analyze', projectPath, '--radius-m', String(radiusM), '--kinds', 'day_care,community_station', '--scenario', scenario, '--json'],
    { cwd: repoRoot, timeout: 60_000 },
  );
  const parsed = JSON.parse(stdout) as { elderly?: unknown; thresholds?: Array<{ elderly: unknown }>; facilities: number };
  return parsed as { elderly: { total: number; covered: number; ratio: number }; facilities: number };
}

/** The newest audit entries, read through the host API with this page's session. */
export async function auditActions(page: Page, limit = 50): Promise<Array<{ action: string; featureId: string | null }>> {
  return page.evaluate(async (count) => {
    const token = sessionStorage.getItem('siting.token');
    const response = await fetch('/api/audit:list', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ limit: count }),
    });
    const reply = (await response.json()) as { ok: boolean; value: Array<{ action: string; featureId: string | null }> };
    if (!reply.ok) throw new Error('audit:list failed');
    return reply.value.map((entry) => ({ action: entry.action, featureId: entry.featureId }));
  }, limit);
}

/** Creates a scenario through the panel and waits until it is the current one. */
export async function createScenario(page: Page, name: string): Promise<void> {
  await openTab(page, 'plan');
  await page.getByTestId('scenario-new').click();
  await page.getByTestId('scenario-name').fill(name);
  await page.getByTestId('scenario-name-ok').click();
  await expect(page.getByTestId('scenario-name-form')).toHaveCount(0);
  await expect(page.getByTestId('scenario-select').locator('option:checked')).toHaveText(name);
}
