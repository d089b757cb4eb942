/**
 * The legend's quantile classes of older people per cell, checked against the raw WorldPop CSV of
 * the sample (data/samples/wuhan-core, read here independently of the app's importer): the class
 * bounds shown on screen must split the real 60+ counts into five groups of about a fifth each,
 * from the real minimum to the real maximum.
 */
import { readFileSync } from 'node:fs';
import { expect, test, waitForMap } from './fixtures';
import { testData } from '../helpers/test_data';

const GRID_CSV = testData('wuhan/wuhan_core_grid_100m.csv');

/** pop60plus of every cell of the Wuhan core grid. */
function elderlyPerCell(): number[] {
  const [header, ...rows] = readFileSync(GRID_CSV, 'utf8').trim().split('\n');
  const column = header.split(',').indexOf('pop60plus');
  if (column < 0) throw new Error(`${GRID_CSV} has no pop60plus column`);
  return rows.map((row) => Number(row.split(',')[column]));
}

/** "3.4 – 14" → [3.4, 14]; "1,234 – 2,345" → [1234, 2345]. */
function parseRange(text: string): [number, number] {
  const [low, high] = text.split('–').map((part) => Number(part.replace(/[^\d.]/g, '')));
  if (!Number.isFinite(low) || !Number.isFinite(high)) throw new Error(`not a class range: "${text}"`);
  return [low, high];
}

test('the legend classes split the real 60+ counts into quintiles', async ({ page, server }) => {
  const values = elderlyPerCell();
  expect(values.length).toBe(24_470);
  await page.goto(server.url);
  await waitForMap(page);
  const items = page.getByTestId('legend-classes').locator('li');
  await expect(items).toHaveCount(6);
  await expect(items.last()).toHaveText('quantile classes · classes for: whole project');
  const ranges = (await items.allInnerTexts()).slice(0, 5).map(parseRange);

  // Consecutive classes meet; the first starts at the data minimum, the last ends at its maximum
  // (both shown rounded to one decimal below 10, to whole persons above).
  for (let i = 1; i < ranges.length; i++) expect(ranges[i][0]).toBe(ranges[i - 1][1]);
  const min = Math.min(...values);
  const max = Math.max(...values);
  expect(Math.abs(ranges[0][0] - min)).toBeLessThanOrEqual(min >= 10 ? 0.5 : 0.05);
  expect(Math.abs(ranges[4][1] - max)).toBeLessThanOrEqual(max >= 10 ? 0.5 : 0.05);

  // Each class holds about a fifth of the cells.
  const lowerBounds = ranges.slice(1).map(([low]) => low);
  const counts = new Array<number>(5).fill(0);
  for (const value of values) {
    let index = 0;
    while (index < lowerBounds.length && value >= lowerBounds[index]) index++;
    counts[index]++;
  }
  for (const count of counts) expect(Math.abs(count / values.length - 0.2)).toBeLessThan(0.03);
});
