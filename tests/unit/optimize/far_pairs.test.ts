/**
 * issue-4 cut-down models: p-median / p-center on a straight-line matrix cut down to a pair budget
 * (project mode, no existing facilities) must report bounds valid for the true problem and objectives
 * measured with true distances. Real data: the 24 470 cells of central Wuhan (WorldPop 60+) with grid
 * candidates every 2 km; the reference is the same problem on the full matrix (every pair kept).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import * as turf from '@turf/turf';
import { demandGridFromRecords } from '../../../shared/engine/demand_grid';
import { gridCandidates } from '../../../shared/optimize/grid_candidates';
import { solvePCenter } from '../../../shared/optimize/p_center';
import { solvePMedian } from '../../../shared/optimize/p_median';
import { costMatrixFromPoints } from '../../../shared/optimize/point_costs';
import { circleCostInputs } from '../../../shared/optimize/project/circle_inputs';
import { testData } from '../../helpers/test_data';

function loadGrid() {
  const lines = readFileSync(testData('wuhan/wuhan_core_grid_100m.csv'), 'utf8').trim().split(/\r?\n/);
  const header = lines[0].split(',');
  const [lonCol, latCol, popCol] = ['lon', 'lat', 'pop60plus'].map((name) => header.indexOf(name));
  return demandGridFromRecords(
    lines.slice(1).map((line) => {
      const cells = line.split(',');
      return { lon: Number(cells[lonCol]), lat: Number(cells[latCol]), population: null, elderly: Number(cells[popCol]) };
    }),
  );
}

const grid = loadGrid();
const box: [number, number, number, number] = [Math.min(...grid.lon), Math.min(...grid.lat), Math.max(...grid.lon), Math.max(...grid.lat)];
const sites = gridCandidates(box, 2000);
const none = { lon: new Float64Array(0), lat: new Float64Array(0) };
const full = costMatrixFromPoints(grid, sites);
// A budget of 5 % of the full matrix: the cutoff is far below the distances k = 3 sites leave.
const cut = circleCostInputs(grid, grid.elderly, sites, none, { pairBudget: Math.round(0.05 * grid.count * sites.ids.length) });
const base = { weights: grid.elderly, candidateIds: sites.ids, k: 3 };

/** Independent: Σ weight × distance and the largest distance to the nearest chosen site (@turf/distance). */
function trueFigures(selected: readonly string[]) {
  const chosen = selected.map((id) => sites.ids.indexOf(id)).map((j) => [sites.lon[j], sites.lat[j]]);
  let sum = 0;
  let max = 0;
  for (let i = 0; i < grid.count; i++) {
    if (!(grid.elderly[i] > 0)) continue;
    const d = Math.min(...chosen.map((p) => turf.distance(p, [grid.lon[i], grid.lat[i]], { units: 'meters' })));
    sum += grid.elderly[i] * d;
    max = Math.max(max, d);
  }
  return { sum, max };
}

describe('cut-down straight-line models (24 470 cells × 2 km grid candidates, k = 3)', () => {
  it('the pair budget really cuts: most demand is beyond the cutoff from any 3 sites', () => {
    expect(cut.cutoff?.exact).toBe(false);
    expect(cut.distanceCutoff?.cutoffM).toBeLessThan(2500);
    expect(cut.costs!.rowCost.length).toBeLessThanOrEqual(0.06 * full.rowCost.length);
  });

  it('p-median: bound ≤ the full model optimum ≤ objective, objective = true Σ weight × distance', async () => {
    const reference = await solvePMedian({ ...base, costs: full });
    expect(reference.gap).toBeLessThan(1e-6); // the full model is solved to optimality
    const r = await solvePMedian({ ...base, costs: cut.costs!, cutoff: cut.distanceCutoff });
    expect(r.bound).toBeLessThanOrEqual(reference.objective * (1 + 1e-9));
    expect(r.objective).toBeGreaterThanOrEqual(reference.objective * (1 - 1e-9));
    const truth = trueFigures(r.selected);
    expect(Math.abs(r.objective - truth.sum) / truth.sum).toBeLessThan(1e-9);
    expect(r.maxCost).toBeCloseTo(truth.max, 6);
    expect(r.gap).toBeCloseTo((r.objective - r.bound) / r.objective, 12);
    expect(r.exact).toBe(r.gap <= 1e-9);
    // The relaxations are worth their keep: within 2 % of the optimum, proven within 10 %.
    expect(r.objective).toBeLessThan(reference.objective * 1.02);
    expect(r.gap).toBeLessThan(0.1);
    expect(r.notes.join('\n')).toMatch(/farther than the cutoff \(\d+ m\) from every open site/);
  });

  it('p-center: bound ≤ the full model optimum ≤ objective, objective = true largest distance', async () => {
    const reference = await solvePCenter({ ...base, costs: full });
    const r = await solvePCenter({ ...base, costs: cut.costs!, cutoff: cut.distanceCutoff });
    expect(r.bound).toBeLessThanOrEqual(reference.objective + 1e-6);
    expect(r.bound).toBeLessThanOrEqual(r.objective);
    expect(r.bound).toBeGreaterThan(cut.distanceCutoff!.cutoffM); // the aggregated relaxation lifts it past the cutoff
    const truth = trueFigures(r.selected);
    expect(r.objective).toBeCloseTo(truth.max, 6);
    expect(r.objective).toBeGreaterThanOrEqual(reference.bound - 1e-6);
  });

  it('without the cutoff the same cut-down matrix leaves demand unreached (the failure of issue 4)', async () => {
    await expect(solvePMedian({ ...base, costs: cut.costs! })).rejects.toThrow(/k = 3 new sites leave \d+ demand points unreached/);
  });
});
