/**
 * Issue 14: circleCoverage finds the candidate cells of each facility in buckets of a regular lon/lat
 * grid (built in one pass) instead of the kd-tree, which it still uses for query boxes as large as the
 * grid. The covered cells must be exactly those the kd-tree pass finds: cells whose centre is in the
 * facility's box (bounds included) and within the radius by haversine. Checked cell by cell against that
 * pass, written here with KDBush, on the real Wuhan grid, on a grid with odd cells (no finite position,
 * repeated positions, both sides of the antimeridian, near a pole), and against @turf/distance.
 */
import * as turf from '@turf/turf';
import KDBush from 'kdbush';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { circleCoverage, type FacilityPoint } from '../../../shared/engine/circle_coverage';
import { demandGridFromRecords, type DemandGrid } from '../../../shared/engine/demand_grid';
import { circleBounds, haversineM } from '../../../shared/geodesy/haversine';
import { mulberry32 } from '../../bench/bench_util';
import { SAMPLE_DIR } from '../../helpers/paths';
import { readGridCsv } from '../../helpers/read_grid_csv';

/** The kd-tree pass (what circleCoverage did before the buckets): the covered mask. */
function kdCovered(grid: DemandGrid, facilities: readonly FacilityPoint[], radiusM: number): Uint8Array {
  const covered = new Uint8Array(grid.count);
  const index = new KDBush(grid.count, 64, Float64Array);
  for (let i = 0; i < grid.count; i++) index.add(grid.lon[i], grid.lat[i]);
  index.finish();
  for (const f of facilities) {
    const [minX, minY, maxX, maxY] = circleBounds(f.lon, f.lat, radiusM);
    for (const i of index.range(minX, minY, maxX, maxY)) if (haversineM(f.lon, f.lat, grid.lon[i], grid.lat[i]) <= radiusM) covered[i] = 1;
  }
  return covered;
}

const cells = readGridCsv(join(SAMPLE_DIR, 'wuhan_core_grid_100m.csv')).map((c) => ({ lon: c.lon, lat: c.lat, population: c.pop20plus, elderly: c.pop60plus }));
const wuhan = demandGridFromRecords(cells);

function randomSites(count: number, seed: number, box: [number, number, number, number]): FacilityPoint[] {
  const random = mulberry32(seed);
  return Array.from({ length: count }, () => ({ lon: box[0] + random() * (box[2] - box[0]), lat: box[1] + random() * (box[3] - box[1]) }));
}

describe('circleCoverage: buckets find the cells the kd-tree finds', () => {
  const west = Math.min(...cells.map((c) => c.lon));
  const east = Math.max(...cells.map((c) => c.lon));
  const south = Math.min(...cells.map((c) => c.lat));
  const north = Math.max(...cells.map((c) => c.lat));
  // Facilities over the grid and a margin around it (some outside, covering its edge or nothing).
  const margin = 0.03;
  const sites = randomSites(300, 11, [west - margin, south - margin, east + margin, north + margin]);

  it.each([50, 100, 300, 800, 1500, 3000, 20_000])('on the Wuhan grid, radius %i m (the largest falls back to the kd-tree)', (radiusM) => {
    const result = circleCoverage(wuhan, sites, radiusM);
    const expected = kdCovered(wuhan, sites, radiusM);
    expect(result.covered).toEqual(expected);
    expect(result.cells.covered).toBe(expected.reduce((n, v) => n + v, 0));
    if (radiusM <= 800) expect(result.cells.covered).toBeLessThan(wuhan.count);
    expect(result.cells.covered).toBeGreaterThan(0);
  });

  it('agrees with @turf/distance cell by cell on a part of the grid', () => {
    const part = demandGridFromRecords(cells.slice(0, 3000));
    const few = sites.slice(0, 60);
    const result = circleCoverage(part, few, 500);
    for (let i = 0; i < part.count; i++) {
      const hit = few.some((f) => turf.distance([f.lon, f.lat], [part.lon[i], part.lat[i]], { units: 'meters' }) <= 500);
      expect(result.covered[i], `cell ${i}`).toBe(hit ? 1 : 0);
    }
  });

  it('on odd cells: no finite position, repeated positions, the antimeridian, near the pole, a box edge', () => {
    const random = mulberry32(5);
    const records: { lon: number; lat: number; population: number | null; elderly: number | null }[] = [];
    for (let i = 0; i < 4000; i++) records.push({ lon: 170 + random() * 10, lat: -10 + random() * 20, population: 1, elderly: 1 });
    records.push({ lon: Number.NaN, lat: 0, population: 5, elderly: 5 }, { lon: 175, lat: Number.POSITIVE_INFINITY, population: 5, elderly: 5 });
    for (let i = 0; i < 50; i++) records.push({ lon: 175, lat: 0, population: 2, elderly: 2 });
    records.push({ lon: 179.9999, lat: 0, population: 1, elderly: 1 }, { lon: -179.9999, lat: 0, population: 1, elderly: 1 });
    const grid = demandGridFromRecords(records);
    const facilities = [...randomSites(80, 3, [169, -11, 181, 11]), { lon: 175, lat: 0 }, { lon: -179.99995, lat: 0 }, { lon: 180, lat: 0 }];
    // A cell exactly on the east edge of a facility's box.
    const [, , edgeX] = circleBounds(172, 5, 3000);
    const edge = demandGridFromRecords([...records, { lon: edgeX, lat: 5, population: 1, elderly: 1 }]);
    for (const radiusM of [2000, 30_000]) {
      expect(circleCoverage(grid, facilities, radiusM).covered).toEqual(kdCovered(grid, facilities, radiusM));
    }
    const edgeResult = circleCoverage(edge, [{ lon: 172, lat: 5 }], 3000);
    expect(edgeResult.covered).toEqual(kdCovered(edge, [{ lon: 172, lat: 5 }], 3000));
    // Near the pole the boxes span every longitude: the kd-tree answers.
    const polar = demandGridFromRecords(Array.from({ length: 2000 }, () => ({ lon: -180 + random() * 360, lat: 89.5 + random() * 0.5, population: 1, elderly: 1 })));
    const polarSites = randomSites(20, 9, [-180, 89.6, 180, 90]);
    expect(circleCoverage(polar, polarSites, 5000).covered).toEqual(kdCovered(polar, polarSites, 5000));
  });
});
