/**
 * Helpers of the accessibility and site-suggestion browser tests: the CLI's figures for the same
 * project file, the map's published bounds, and bounding boxes of GeoJSON geometries.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import { expect, node22, repoRoot } from './fixtures';

export type Bbox = [number, number, number, number];

/** `node bin/siting.mjs <args> --json`, parsed (stdout), with a generous timeout for optimisations. */
export async function sitingJson<T = Record<string, unknown>>(args: string[], timeoutMs = 240_000): Promise<T> {
  const { stdout } = await promisify(execFile)(node22(), [join(repoRoot, 'bin', 'siting.mjs'), ...args, '--json'], {
    cwd: repoRoot,
    timeout: timeoutMs,
    maxBuffer: 256 * 1024 * 1024,
  });
  return JSON.parse(stdout) as T;
}

/** The map's bounds as the app publishes them on the map container after every move. */
export async function mapBounds(page: Page): Promise<Bbox> {
  const text = await page.getByTestId('map').getAttribute('data-bounds');
  if (!text) throw new Error('the map publishes no data-bounds');
  const values = text.split(',').map(Number);
  if (values.length !== 4 || values.some((value) => !Number.isFinite(value))) throw new Error(`bad data-bounds "${text}"`);
  return values as Bbox;
}

/** Waits until the published bounds differ from `before` and the map is idle; returns the new bounds. */
export async function boundsAfterMove(page: Page, before: Bbox): Promise<Bbox> {
  await expect.poll(async () => (await mapBounds(page)).join(','), { timeout: 15_000 }).not.toBe(before.join(','));
  await expect(page.getByTestId('map')).toHaveAttribute('data-idle', 'true');
  return mapBounds(page);
}

/** [west, south, east, north] of a GeoJSON geometry's coordinates. */
export function bboxOf(geometry: { coordinates: unknown }): Bbox {
  const box: Bbox = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (value: unknown): void => {
    if (!Array.isArray(value)) return;
    if (typeof value[0] === 'number') {
      box[0] = Math.min(box[0], value[0] as number);
      box[1] = Math.min(box[1], value[1] as number);
      box[2] = Math.max(box[2], value[0] as number);
      box[3] = Math.max(box[3], value[1] as number);
      return;
    }
    value.forEach(visit);
  };
  visit(geometry.coordinates);
  return box;
}

/** True when `outer` contains `inner` (with a tolerance in degrees for rounding of the published bounds). */
export function contains(outer: Bbox, inner: Bbox, toleranceDeg = 1e-5): boolean {
  return outer[0] <= inner[0] + toleranceDeg && outer[1] <= inner[1] + toleranceDeg && outer[2] >= inner[2] - toleranceDeg && outer[3] >= inner[3] - toleranceDeg;
}

/** Scrolls the side panel so that `testId` is at its top (for screenshots of a section). */
export async function scrollPanelTo(page: Page, testId: string): Promise<void> {
  await page.getByTestId(testId).evaluate((element) => element.scrollIntoView({ block: 'start' }));
}
