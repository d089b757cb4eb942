/** Gap areas on the real Wuhan core population grid (WorldPop 60+, 24 470 cells of 3″). */
import * as turf from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { isInputError } from '../../../shared/errors';
import { circleCoverage } from '../../../shared/engine/circle_coverage';
import { demandGridFromRecords } from '../../../shared/engine/demand_grid';
import { findGapAreas } from '../../../shared/engine/gaps/find_gap_areas';
import { gridLayout } from '../../../shared/engine/gaps/grid_layout';
import { seededRandom } from '../engine_network/gothenburg_fixture';
import { OGR_SKIP, OGRINFO, ogrValidity } from '../engine_network/ogr_validity';
import { WUHAN_CELL_DEG, wuhanGrid } from '../engine_network/wuhan_fixture';

const { grid, cells } = wuhanGrid();
const random = seededRandom(2026);
const facilities = Array.from({ length: 25 }, () => ({ lon: 114.2004 + random() * 0.16, lat: 30.4996 + random() * 0.14 }));
const coverage = circleCoverage(grid, facilities, 800);
const layout = gridLayout(grid);
const result = findGapAreas(grid, layout, coverage.covered);

describe('gap areas on the real Wuhan core grid', () => {
  it('finds the grid of the source: 192 × 168 cells of 0.000833333°, rows and columns as in the CSV', () => {
    expect(layout.columns).toBe(192);
    expect(layout.rows).toBe(168);
    expect(layout.cellWidthDeg).toBeCloseTo(WUHAN_CELL_DEG, 8);
    expect(layout.cellHeightDeg).toBeCloseTo(WUHAN_CELL_DEG, 8);
    for (let c = 0; c < grid.count; c++) {
      expect(layout.cellRow[c]).toBe(cells[c].row);
      expect(layout.cellColumn[c]).toBe(cells[c].col);
    }
  });

  it('accounts for every uncovered older person once, in areas ranked by them', () => {
    let uncoveredElderly = 0;
    let uncoveredCells = 0;
    for (let c = 0; c < grid.count; c++) {
      if (coverage.covered[c] === 0 && grid.elderly[c] > 0) {
        uncoveredElderly += grid.elderly[c];
        uncoveredCells++;
      }
    }
    expect(result.uncoveredCells).toBe(uncoveredCells);
    expect(result.uncoveredElderly).toBeCloseTo(uncoveredElderly, 6);
    expect(result.areas.reduce((s, a) => s + a.elderly, 0)).toBeCloseTo(uncoveredElderly, 6);
    expect(result.areas.reduce((s, a) => s + a.cells, 0)).toBe(uncoveredCells);
    expect(result.areas.length).toBeGreaterThan(1);
    for (let k = 1; k < result.areas.length; k++) {
      expect(result.areas[k].elderly).toBeLessThanOrEqual(result.areas[k - 1].elderly);
      expect(result.areas[k].rank).toBe(k + 1);
    }
  });

  it('draws polygons that hold exactly their own cells, with Turf areas to match', () => {
    const boxes = result.areas.map((a) => turf.bbox(a.geometry));
    const owner = new Int32Array(grid.count).fill(-1);
    for (let c = 0; c < grid.count; c++) {
      const x = grid.lon[c], y = grid.lat[c];
      for (let k = 0; k < result.areas.length; k++) {
        const [w, s, e, n] = boxes[k];
        if (x < w || x > e || y < s || y > n) continue;
        if (turf.booleanPointInPolygon([x, y], result.areas[k].geometry)) {
          expect(owner[c]).toBe(-1);
          owner[c] = k;
        }
      }
      const isGap = coverage.covered[c] === 0 && grid.elderly[c] > 0;
      expect(owner[c] >= 0).toBe(isGap);
    }
    const counts = new Map<number, number>();
    for (const k of owner) if (k >= 0) counts.set(k, (counts.get(k) ?? 0) + 1);
    result.areas.forEach((a, k) => expect(counts.get(k)).toBe(a.cells));
    // Turf and the engine both measure on the sphere of 6 371 008.8 m.
    for (const a of result.areas.slice(0, 20)) expect(Math.abs(turf.area(a.geometry) / a.areaM2 - 1)).toBeLessThan(1e-4);
    const largest = result.areas[0];
    expect(turf.booleanPointInPolygon(largest.elderlyCentroid, turf.bboxPolygon(turf.bbox(largest.geometry)))).toBe(true);
  });

  // Skipped only where ogrinfo (Debian gdal-bin) is missing: the cross-check needs GDAL itself; .ci/run installs it.
  it.skipIf(!OGRINFO)(`writes polygons GEOS accepts as valid ${OGRINFO ? '' : OGR_SKIP}`, () => {
    const collection = {
      type: 'FeatureCollection' as const,
      features: result.areas.map((a) => ({ type: 'Feature', properties: { rank: a.rank }, geometry: a.geometry })),
    };
    expect(new Set(ogrValidity(collection))).toEqual(new Set(['Valid Geometry']));
  });

  it('rejects cells off the grid and two cells in one place with an InputError', () => {
    const off = demandGridFromRecords([
      { lon: 114.0005, lat: 30.0005, population: 1, elderly: 1 },
      { lon: 114.0015, lat: 30.0005, population: 1, elderly: 1 },
      { lon: 114.0029, lat: 30.0005, population: 1, elderly: 1 },
    ]);
    expect(() => gridLayout(off, { cellWidthDeg: 0.001, cellHeightDeg: 0.001 }, 'cells.csv')).toThrow(
      'cells.csv, row 2, field lon/lat: cell 2 at (114.0029, 30.0005) is not on a regular grid of 0.001 × 0.001 degrees (expected cell centres on one regular grid)',
    );
    const twice = demandGridFromRecords([
      { lon: 114.0005, lat: 30.0005, population: 1, elderly: 1 },
      { lon: 114.0005, lat: 30.0005, population: 1, elderly: 1 },
    ]);
    try {
      gridLayout(twice, { cellWidthDeg: 0.001, cellHeightDeg: 0.001 });
      expect.unreachable();
    } catch (error) {
      expect(isInputError(error)).toBe(true);
      expect((error as Error).message).toMatch(/cells 0 and 1 fall on the same grid position \(row 0, column 0\)/);
    }
  });
});
