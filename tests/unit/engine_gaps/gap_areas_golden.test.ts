/** Hand-worked gap-area cases (tests/golden/gap_areas): outlines, holes, corner contacts, ranking. */
import { describe, expect, it } from 'vitest';
import { demandGridFromRecords } from '../../../shared/engine/demand_grid';
import { findGapAreas } from '../../../shared/engine/gaps/find_gap_areas';
import { gridLayout } from '../../../shared/engine/gaps/grid_layout';
import { goldenCases, UPDATE_GOLDEN, writeExpected } from './golden_io';

interface GapInput {
  west: number;
  north: number;
  cellWidthDeg: number;
  cellHeightDeg: number;
  populationPerCell: number;
  rows: string[];
}
interface ExpectedArea {
  rank: number;
  cells: number;
  elderly: number;
  population: number;
  areaM2: number;
  centroid: [number, number];
  elderlyCentroid: [number, number];
  polygons: number[][][][];
}
interface GapExpected {
  uncoveredCells: number;
  uncoveredElderly: number;
  areas: ExpectedArea[];
}

/** Rotates a closed ring to start at its smallest vertex (lon, then lat), keeping its direction. */
function normaliseRing(ring: number[][]): number[][] {
  const open = ring.slice(0, -1).map(([x, y]) => [Math.round(x * 1e9) / 1e9, Math.round(y * 1e9) / 1e9]);
  let start = 0;
  open.forEach(([x, y], k) => {
    if (x < open[start][0] || (x === open[start][0] && y < open[start][1])) start = k;
  });
  const rotated = [...open.slice(start), ...open.slice(0, start)];
  return [...rotated, rotated[0]];
}
const byFirstVertex = (a: number[][], b: number[][]) => a[0][0] - b[0][0] || a[0][1] - b[0][1];
function normalisePolygons(polygons: number[][][][]): number[][][][] {
  return polygons
    .map((rings) => [normaliseRing(rings[0]), ...rings.slice(1).map(normaliseRing).sort(byFirstVertex)])
    .sort((a, b) => byFirstVertex(a[0], b[0]));
}

describe('gap areas: hand-worked golden cases', () => {
  for (const golden of goldenCases<GapInput, { connectivity: 4 | 8 }, GapExpected>('gap_areas')) {
    it(golden.name, () => {
      const { input } = golden;
      const records: { lon: number; lat: number; population: number; elderly: number }[] = [];
      const covered: number[] = [];
      input.rows.forEach((row, r) => {
        [...row].forEach((symbol, c) => {
          if (symbol === ' ') return;
          records.push({
            lon: input.west + (c + 0.5) * input.cellWidthDeg,
            lat: input.north - (r + 0.5) * input.cellHeightDeg,
            population: input.populationPerCell,
            elderly: symbol === '.' ? 1 : Number(symbol),
          });
          covered.push(symbol === '.' ? 1 : 0);
        });
      });
      const grid = demandGridFromRecords(records);
      // The layout infers the cell size from the centres; it must find the grid's own.
      const layout = gridLayout(grid);
      expect(layout.cellWidthDeg).toBeCloseTo(input.cellWidthDeg, 12);
      const result = findGapAreas(grid, layout, Uint8Array.from(covered), { connectivity: golden.params.connectivity });
      const actual: GapExpected = {
        uncoveredCells: result.uncoveredCells,
        uncoveredElderly: result.uncoveredElderly,
        areas: result.areas.map((a) => ({
          rank: a.rank, cells: a.cells, elderly: a.elderly, population: a.population, areaM2: a.areaM2,
          centroid: a.centroid, elderlyCentroid: a.elderlyCentroid, polygons: a.geometry.coordinates,
        })),
      };
      if (UPDATE_GOLDEN) writeExpected(golden.dir, actual);
      const expected = golden.expected;
      expect(actual.uncoveredCells).toBe(expected.uncoveredCells);
      expect(actual.uncoveredElderly).toBe(expected.uncoveredElderly);
      expect(actual.areas.length).toBe(expected.areas.length);
      actual.areas.forEach((a, k) => {
        const e = expected.areas[k];
        expect([a.rank, a.cells, a.elderly, a.population]).toEqual([e.rank, e.cells, e.elderly, e.population]);
        expect(a.areaM2).toBeCloseTo(e.areaM2, 3);
        expect(a.centroid[0]).toBeCloseTo(e.centroid[0], 9);
        expect(a.centroid[1]).toBeCloseTo(e.centroid[1], 9);
        expect(a.elderlyCentroid[0]).toBeCloseTo(e.elderlyCentroid[0], 9);
        expect(a.elderlyCentroid[1]).toBeCloseTo(e.elderlyCentroid[1], 9);
        expect(normalisePolygons(a.polygons)).toEqual(normalisePolygons(e.polygons));
      });
    });
  }
});
