import * as turf from '@turf/turf';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { circleCoverage } from '../../../shared/engine/circle_coverage';
import { demandGridFromRecords } from '../../../shared/engine/demand_grid';
import { mulberry32 } from '../../bench/bench_util';
import { SAMPLE_DIR } from '../../helpers/paths';
import { readGridCsv } from '../../helpers/read_grid_csv';
import { testData } from '../../helpers/test_data';

/** Independent brute force: every cell against every facility with @turf/distance. */
function bruteForce(cells: { lon: number; lat: number; population: number; elderly: number }[], facilities: { lon: number; lat: number }[], radiusM: number) {
  let covered = 0;
  let elderly = 0;
  let population = 0;
  for (const cell of cells) {
    const hit = facilities.some((f) => turf.distance([f.lon, f.lat], [cell.lon, cell.lat], { units: 'meters' }) <= radiusM);
    if (hit) {
      covered++;
      elderly += cell.elderly;
      population += cell.population;
    }
  }
  return { covered, elderly, population };
}

describe('circleCoverage on the Wuhan core grid (24 470 real WorldPop cells)', () => {
  const raw = readGridCsv(join(SAMPLE_DIR, 'wuhan_core_grid_100m.csv'));
  const cells = raw.map((c) => ({ lon: c.lon, lat: c.lat, population: c.pop20plus, elderly: c.pop60plus }));
  const grid = demandGridFromRecords(cells);

  it('has the documented totals', () => {
    const result = circleCoverage(grid, [], 1000);
    expect(grid.count).toBe(24470);
    expect(result.elderly.total).toBeCloseTo(518264.5, 0);
    expect(result.population.total).toBeCloseTo(2570581.4, 0);
    expect(result.cells.covered).toBe(0);
    expect(result.elderly.ratio).toBe(0);
  });

  for (const [seed, count, radiusM] of [
    [1, 5, 1000],
    [2, 40, 500],
    [3, 12, 2500],
  ] as const) {
    it(`matches a brute-force turf computation (${count} facilities, ${radiusM} m, seed ${seed})`, () => {
      const random = mulberry32(seed);
      const facilities = Array.from({ length: count }, () => ({ lon: 114.2 + random() * 0.16, lat: 30.5 + random() * 0.14 }));
      const result = circleCoverage(grid, facilities, radiusM);
      const expected = bruteForce(cells, facilities, radiusM);
      expect(result.cells.covered).toBe(expected.covered);
      expect(result.elderly.covered).toBeCloseTo(expected.elderly, 6);
      expect(result.population.covered).toBeCloseTo(expected.population, 6);
      expect(result.cells.covered).toBeGreaterThan(0);
      expect(result.elderly.ratio).toBeCloseTo(expected.elderly / result.elderly.total, 12);
    });
  }

  it('covers a cell at exactly the radius and not one millimetre beyond', () => {
    const facility = { lon: 114.28, lat: 30.57 };
    const target = cells[12345];
    const exact = turf.distance([facility.lon, facility.lat], [target.lon, target.lat], { units: 'meters' });
    const onEdge = circleCoverage(grid, [facility], exact);
    const justShort = circleCoverage(grid, [facility], exact - 0.001);
    expect(onEdge.covered[12345]).toBe(1);
    expect(justShort.covered[12345]).toBe(0);
    expect(onEdge.cells.covered).toBe(bruteForce(cells, [facility], exact).covered);
  });

  it('rejects a non-positive radius with a message naming it', () => {
    expect(() => circleCoverage(grid, [], -5)).toThrow('radiusM must be > 0, got -5');
  });
});

describe('circleCoverage on another grid: San Francisco tracts and stores (spopt)', () => {
  const demand = readFileSync(testData('spopt_sf/SF_demand_205_centroid_uniform_weight.csv'), 'utf8').trim().split(/\r?\n/);
  const stores = readFileSync(testData('spopt_sf/SF_store_site_16_longlat.csv'), 'utf8').trim().split(/\r?\n/);

  it('matches brute force at 1 km and 5 km', () => {
    const unquote = (line: string) => line.split(',').map((c) => c.replace(/"/g, ''));
    const dHeader = unquote(demand[0]);
    const sHeader = unquote(stores[0]);
    const lonAt = (h: string[]) => h.findIndex((c) => /^(long|lon)$/i.test(c));
    const latAt = (h: string[]) => h.findIndex((c) => /^lat$/i.test(c));
    const popAt = dHeader.indexOf('POP2000');
    expect(popAt).toBeGreaterThanOrEqual(0);
    const cells = demand.slice(1).map((line) => {
      const v = unquote(line);
      return { lon: +v[lonAt(dHeader)], lat: +v[latAt(dHeader)], population: +v[popAt], elderly: +v[popAt] };
    });
    const facilities = stores.slice(1).map((line) => {
      const v = unquote(line);
      return { lon: +v[lonAt(sHeader)], lat: +v[latAt(sHeader)] };
    });
    expect(cells).toHaveLength(205);
    expect(facilities).toHaveLength(16);
    const grid = demandGridFromRecords(cells);
    for (const radiusM of [1000, 5000]) {
      const result = circleCoverage(grid, facilities, radiusM);
      const expected = bruteForce(cells, facilities, radiusM);
      expect(result.cells.covered).toBe(expected.covered);
      expect(result.population.covered).toBe(expected.population);
    }
  });
});
