/**
 * Solver inputs in circle mode (great-circle distance, metres), decided exactly as the engine's circle
 * coverage decides it, so that `siting analyze` after saving reports the same covered population.
 * Used by `siting optimize` and by the renderer worker (one copy: both give the same optimum).
 */
import { circleCoverage } from '../../engine/circle_coverage';
import type { DemandGrid } from '../../engine/demand_grid';
import { coverageFromPoints, type PointArrays } from '../point_costs';
import type { AbortFlag } from '../types';
import { circleCostMatrix } from './circle_cost_matrix';
import { chooseCostCutoff, DEFAULT_PAIR_BUDGET } from './cost_cutoff';
import { nearestDistancesM } from './nearest_distance';
import type { SolverInputs } from './solver_inputs';

export interface CircleInputOptions {
  /** Coverage radius, metres (cost problems: only to count demand within it as covered). */
  radiusM?: number;
  /** Pairs kept at most in a cost matrix (cost problems). */
  pairBudget?: number;
  onProgress?: (fraction: number) => void;
  signal?: AbortFlag;
}

/**
 * Coverage sets within radiusM and the demand the existing facilities already cover.
 * @example circleCoverageInputs(grid, sites, existing, { radiusM: 1000 }).coverage.demand.length
 */
export function circleCoverageInputs(
  grid: DemandGrid,
  sites: PointArrays,
  existing: PointArrays,
  options: CircleInputOptions & { radiusM: number },
): SolverInputs {
  const { radiusM } = options;
  const coverage = coverageFromPoints(grid, sites, radiusM, { onProgress: options.onProgress, signal: options.signal });
  const points = Array.from({ length: existing.lon.length }, (_, f) => ({ lon: existing.lon[f], lat: existing.lat[f] }));
  const baselineCovered = points.length > 0 ? circleCoverage(grid, points, radiusM).covered : undefined;
  return { coverage, baselineCovered, costUnit: 'm', pairs: coverage.demand.length, threshold: radiusM, notes: [] };
}

/**
 * Straight-line costs (metres) of the pairs that can matter (see cost_cutoff.ts), and each demand
 * point's distance to its nearest existing facility.
 * @example circleCostInputs(grid, grid.elderly, sites, existing, { radiusM: 1000 }).cutoff.exact
 */
export function circleCostInputs(
  grid: DemandGrid,
  weights: Float64Array,
  sites: PointArrays,
  existing: PointArrays,
  options: CircleInputOptions,
): SolverInputs {
  const baselineCost = nearestDistancesM(grid, existing);
  // A site is worth a pair only when nearer than the point's existing facility; weight-0 points need none.
  const limitM = new Float64Array(grid.count);
  for (let i = 0; i < grid.count; i++) limitM[i] = weights[i] > 0 ? baselineCost[i] : 0;
  const cutoff = chooseCostCutoff(grid, sites, weights, limitM, options.pairBudget ?? DEFAULT_PAIR_BUDGET);
  const costs = circleCostMatrix(grid, sites, limitM, cutoff.cutoffM, { onProgress: options.onProgress, signal: options.signal });
  const notes: string[] = [];
  const km = (m: number) => `${(m / 1000).toFixed(2)} km`;
  const kept = `${costs.rowCost.length} pairs`;
  if (cutoff.exact) {
    notes.push(
      Number.isFinite(cutoff.neededM)
        ? `straight-line costs: ${kept}, each demand point paired with the sites nearer than its nearest existing facility ` +
            '(no farther site could be its nearest), so the model is exact'
        : `straight-line costs: the full matrix (${kept})`,
    );
  } else {
    notes.push(
      `straight-line costs: ${kept} (budget ${cutoff.pairBudget}): sites nearer than the demand point's nearest existing facility ` +
        `and at most ${km(cutoff.cutoffM)} away; an exact model needs ${Number.isFinite(cutoff.neededM) ? km(cutoff.neededM) : 'every pair (no existing facilities)'}. ` +
        'The bound counts a point farther than that from every site at the cutoff (valid: every dropped pair is longer); objective, ' +
        'mean and max cost are true straight-line distances; fewer candidates (a larger grid spacing) make the model exact',
    );
  }
  const distanceCutoff = Number.isFinite(cutoff.cutoffM) ? { cutoffM: cutoff.cutoffM, demand: { lon: grid.lon, lat: grid.lat }, candidates: sites } : undefined;
  return { costs, baselineCost, costUnit: 'm', pairs: costs.rowCost.length, threshold: options.radiusM ?? null, cutoff, distanceCutoff, notes };
}
