/**
 * Candidate rules: floor area, floor level, exclusion zones (with holes and boundary points),
 * distance to existing facilities, minimum spacing between new sites (also enforced by the solvers,
 * checked on the San Francisco stores), and grid-cell candidates.
 */
import { describe, expect, it } from 'vitest';
import { haversineM } from '../../../shared/geodesy/haversine';
import { filterCandidates, type CandidateSite } from '../../../shared/optimize/candidate_filter';
import { coverageFromCosts } from '../../../shared/optimize/cost_matrix';
import { gridCandidates } from '../../../shared/optimize/grid_candidates';
import { solveMaxCoverage } from '../../../shared/optimize/max_coverage';
import { solvePMedian } from '../../../shared/optimize/p_median';
import { spacingConflicts } from '../../../shared/optimize/spacing_conflicts';
import { loadSanFrancisco, sanFranciscoStores } from './fixtures';

const site = (id: string, lon: number, lat: number, floorAreaM2: number | null, floorLevel: number | null): CandidateSite => ({
  id,
  lon,
  lat,
  floorAreaM2,
  floorLevel,
});

describe('filterCandidates', () => {
  const sites = [
    site('big-ground', 114.30, 30.60, 450, 1),
    site('small', 114.31, 30.60, 250, 1),
    site('upstairs', 114.32, 30.60, 800, 4),
    site('unknown-area', 114.33, 30.60, null, 1),
    site('in-park', 114.305, 30.605, 600, 1),
    site('in-hole', 114.3075, 30.6075, 600, 1),
    site('on-edge', 114.31, 30.61, 600, 1),
  ];
  // A park from (114.30, 30.60) to (114.31, 30.61) with a courtyard hole that is allowed.
  const park = {
    type: 'Polygon' as const,
    coordinates: [
      [[114.3, 30.6], [114.31, 30.6], [114.31, 30.61], [114.3, 30.61], [114.3, 30.6]],
      [[114.306, 30.606], [114.309, 30.606], [114.309, 30.609], [114.306, 30.609], [114.306, 30.606]],
    ],
  };

  it('applies floor area, floor level and zones, with a reason per excluded site', () => {
    const r = filterCandidates(sites, { minFloorAreaM2: 300, maxFloorLevel: 2, exclusionZones: [park] });
    expect(r.reasons).toEqual([
      'exclusion-zone', // on the park's south-west corner: the boundary counts as inside
      'floor-area',
      'floor-level',
      'floor-area-unknown',
      'exclusion-zone',
      null, // inside the courtyard hole
      'exclusion-zone', // on the park's north-east corner
    ]);
    expect(Array.from(r.eligible)).toEqual([0, 0, 0, 0, 0, 1, 0]);
    expect(r.eligibleCount).toBe(1);
    expect(r.counts['exclusion-zone']).toBe(3);
  });

  it('can keep sites with unknown attributes, and keeps distance from existing facilities', () => {
    const r = filterCandidates(sites.slice(0, 4), {
      minFloorAreaM2: 300,
      unknown: 'include',
      awayFrom: { points: { lon: new Float64Array([114.3205]), lat: new Float64Array([30.6]) }, minDistanceM: 100 },
    });
    // 'upstairs' is ≈ 48 m from the existing facility.
    expect(r.reasons).toEqual([null, 'floor-area', 'near-existing', null]);
  });

  it('rejects a malformed zone with its index', () => {
    expect(() => filterCandidates(sites, { exclusionZones: [park, { type: 'Polygon', coordinates: [[[0, 0], [1, 1]]] }] })).toThrow(
      /feature 1, field geometry: polygon ring needs at least 4 positions/,
    );
  });
});

describe('spacingConflicts', () => {
  const sf = loadSanFrancisco();
  const stores = sanFranciscoStores(sf.candidateIds);

  it('links exactly the store pairs closer than the spacing (checked against haversine)', () => {
    const graph = spacingConflicts(stores, 2000);
    let pairs = 0;
    for (let a = 0; a < 16; a++) {
      for (let b = 0; b < 16; b++) {
        if (a === b) continue;
        const close = haversineM(stores.lon[a], stores.lat[a], stores.lon[b], stores.lat[b]) < 2000;
        const linked = Array.from(graph.neighbour.subarray(graph.start[a], graph.start[a + 1])).includes(b);
        expect(linked).toBe(close);
        if (close) pairs++;
      }
    }
    // Seven store pairs are between 1.5 and 1.8 km apart, the next is 2.5 km.
    expect(pairs).toBe(2 * 7);
    expect(graph.neighbour.length).toBe(pairs);
  });

  it('is respected by the exact and the heuristic solvers', async () => {
    const coverage = coverageFromCosts(sf.matrix, 5000);
    // Spacing that the unconstrained optimum (Store_11, 12, 15, 2) violates.
    const optimum = ['Store_11', 'Store_12', 'Store_15', 'Store_2'].map((id) => sf.candidateIds.indexOf(id));
    let closest = Infinity;
    for (const a of optimum) for (const b of optimum) if (a !== b) closest = Math.min(closest, haversineM(stores.lon[a], stores.lat[a], stores.lon[b], stores.lat[b]));
    const spacing = Math.ceil(closest) + 1;
    const conflicts = spacingConflicts(stores, spacing);
    for (const method of ['auto', 'heuristic'] as const) {
      for (const solve of [
        () => solveMaxCoverage({ coverage, k: 4, weights: sf.weights, candidateIds: sf.candidateIds, conflicts }, { method }),
        () => solvePMedian({ costs: sf.matrix, k: 4, weights: sf.weights, candidateIds: sf.candidateIds, conflicts }, { method }),
      ]) {
        const r = await solve();
        const chosen = r.selected.map((id) => sf.candidateIds.indexOf(id));
        for (const a of chosen) {
          for (const b of chosen) {
            if (a !== b) expect(haversineM(stores.lon[a], stores.lat[a], stores.lon[b], stores.lat[b])).toBeGreaterThanOrEqual(spacing);
          }
        }
      }
    }
    const constrained = await solveMaxCoverage({ coverage, k: 4, weights: sf.weights, candidateIds: sf.candidateIds, conflicts });
    expect(constrained.objective).toBeLessThan(875247);
    expect(constrained.exact).toBe(true);
  });
});

describe('gridCandidates', () => {
  it('covers the box with cells of about the requested size, clipped to polygons', () => {
    const grid = gridCandidates([114.3, 30.6, 114.33, 30.63], 1000);
    const rows = new Set(grid.ids.map((id) => id.split('-')[1])).size;
    const cols = new Set(grid.ids.map((id) => id.split('-')[2])).size;
    expect(rows * cols).toBe(grid.ids.length);
    // Neighbouring centres are 1000 m apart along a row and a column.
    expect(haversineM(grid.lon[0], grid.lat[0], grid.lon[1], grid.lat[1])).toBeCloseTo(1000, -1);
    expect(haversineM(grid.lon[0], grid.lat[0], grid.lon[cols], grid.lat[cols])).toBeCloseTo(1000, 0);
    const clipped = gridCandidates([114.3, 30.6, 114.33, 30.63], 1000, [
      { type: 'Polygon', coordinates: [[[114.3, 30.6], [114.315, 30.6], [114.315, 30.615], [114.3, 30.615], [114.3, 30.6]]] },
    ]);
    expect(clipped.ids.length).toBeGreaterThan(0);
    expect(clipped.ids.length).toBeLessThan(grid.ids.length);
    expect(Array.from(clipped.lon).every((x) => x <= 114.315)).toBe(true);
    expect(() => gridCandidates([114.3, 30.6, 114.33, 30.63], 0)).toThrow(/cellSizeM must be > 0, got 0/);
  });
});
