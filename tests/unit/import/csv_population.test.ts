import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CancelledError } from '../../../shared/errors';
import { PopulationCell } from '../../../shared/schemas/entities';
import { parseLayerFile } from '../../../electron/services/import/parse_layer_file';
import { readTestData, testData } from './import_test_paths';

const GRID = 'wuhan/wuhan_core_grid_100m.csv';

/** Column sums computed straight from the raw text, without papaparse or the importer. */
function rawColumnSums(): { rows: number; sums: Record<string, number>; first: string[] } {
  const lines = readFileSync(testData(GRID), 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = lines[0].split(',');
  const sums: Record<string, number> = {};
  for (const name of header) sums[name] = 0;
  for (const line of lines.slice(1)) {
    const cells = line.split(',');
    header.forEach((name, i) => (sums[name] += parseFloat(cells[i])));
  }
  return { rows: lines.length - 1, sums, first: lines[1].split(',') };
}

describe('CSV population grid (Wuhan core, 24 470 cells)', () => {
  it('imports every cell with the documented and independently summed counts', async () => {
    const raw = rawColumnSums();
    const parsed = await parseLayerFile('population', GRID, readTestData(GRID), {});
    expect(parsed.format).toBe('csv');
    expect(parsed.records).toHaveLength(24_470);
    expect(raw.rows).toBe(24_470);
    expect(parsed.skippedCount).toBe(0);
    expect(parsed.detected.encoding).toBe('utf-8');
    expect(parsed.detected.crs).toBe('EPSG:4326');
    expect(parsed.detected.mapping).toEqual({
      cell_id: 'cell_id',
      population: 'pop20plus',
      elderly: 'pop60plus',
      age65: 'pop65plus',
      age80: 'pop80plus',
      lon: 'lon',
      lat: 'lat',
    });

    const sum = (pick: (c: (typeof parsed.records)[number]) => number | null) =>
      parsed.records.reduce((s, c) => s + (pick(c) ?? 0), 0);
    const imported = {
      population: sum((c) => c.population),
      elderly: sum((c) => c.elderly),
      age65: sum((c) => c.age65),
      age80: sum((c) => c.age80),
    };
    // independent sums of the raw text
    expect(imported.population).toBeCloseTo(raw.sums.pop20plus, 6);
    expect(imported.elderly).toBeCloseTo(raw.sums.pop60plus, 6);
    expect(imported.age65).toBeCloseTo(raw.sums.pop65plus, 6);
    expect(imported.age80).toBeCloseTo(raw.sums.pop80plus, 6);
    // documented sums (data/wuhan/SOURCES.md), to 0.1 person
    expect(Math.abs(imported.population - 2_570_581.4)).toBeLessThan(0.1);
    expect(Math.abs(imported.elderly - 518_264.5)).toBeLessThan(0.1);
    expect(Math.abs(imported.age65 - 350_339.4)).toBeLessThan(0.1);
    expect(Math.abs(imported.age80 - 57_467.9)).toBeLessThan(0.1);

    const first = parsed.records[0];
    expect(first.cellId).toBe(raw.first[0]);
    expect(first.lon).toBe(Number(raw.first[3]));
    expect(first.lat).toBe(Number(raw.first[4]));
    for (const cell of parsed.records) PopulationCell.parse(cell);
  });

  it('infers the 3-arc-second cell size from the centres, despite 6-decimal rounding', async () => {
    const parsed = await parseLayerFile('population', GRID, readTestData(GRID), {});
    const expectedDeg = 3 / 3600; // 0.000833333...
    expect(parsed.records[0].cellWidthDeg).not.toBeNull();
    expect(Math.abs((parsed.records[0].cellWidthDeg as number) - expectedDeg)).toBeLessThan(1e-8);
    expect(Math.abs((parsed.records[0].cellHeightDeg as number) - expectedDeg)).toBeLessThan(1e-8);
    expect(new Set(parsed.records.map((c) => c.cellWidthDeg)).size).toBe(1);
  });

  it('follows --map: pop60plus into population, pop65plus into elderly', async () => {
    const parsed = await parseLayerFile('population', GRID, readTestData(GRID), {
      map: { population: 'pop60plus', elderly: 'pop65plus' },
    });
    const raw = rawColumnSums();
    expect(parsed.detected.mapping.population).toBe('pop60plus');
    expect(parsed.detected.mapping.elderly).toBe('pop65plus');
    const population = parsed.records.reduce((s, c) => s + (c.population ?? 0), 0);
    expect(population).toBeCloseTo(raw.sums.pop60plus, 6);
    // age65 was not mapped explicitly and pop65plus is taken: it stays empty
    expect(parsed.records.every((c) => c.age65 === null)).toBe(true);
  });

  it('reports progress in a few-percent steps up to 1 and stops when aborted', async () => {
    const fractions: number[] = [];
    await parseLayerFile('population', GRID, readTestData(GRID), {}, (f) => fractions.push(f));
    expect(fractions.length).toBeGreaterThan(10);
    expect(fractions.length).toBeLessThan(80);
    expect(fractions.at(-1)).toBe(1);
    for (let i = 1; i < fractions.length; i++) expect(fractions[i]).toBeGreaterThanOrEqual(fractions[i - 1]);

    const controller = new AbortController();
    const error = await parseLayerFile('population', GRID, readTestData(GRID), {}, (f) => {
      if (f > 0.3) controller.abort();
    }, controller.signal).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CancelledError);
  });
});
