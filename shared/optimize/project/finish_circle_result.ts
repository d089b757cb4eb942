/**
 * Completes a project-mode result with figures the solver could not know: for circle coverage
 * problems, the mean / max distance of the covered older people to their nearest open site, measured
 * exactly afterwards (the coverage solvers get no cost matrix). Cost problems need nothing here: with
 * a cut-down matrix the solver itself reports true distances (far_pairs.ts).
 * Used by `siting optimize` and by the renderer worker.
 */
import type { DemandGrid } from '../../engine/demand_grid';
import type { OptimizeResult } from '../types';
import { circleCostFigures } from './circle_cost_figures';
import type { CostUnit } from './solver_inputs';

export interface CircleResultContext {
  problem: OptimizeResult['problem'];
  costUnit: CostUnit;
  grid: DemandGrid;
  /** Demand weight per cell as solved. */
  weights: Float64Array;
  existing: readonly { lon: number; lat: number }[];
  candidates: { ids: readonly string[]; lon: Float64Array; lat: Float64Array };
}

/**
 * Changes `result` in place (it is this run's own object) and returns it.
 * @example finishCircleResult({ problem: 'max-coverage', costUnit: 'm', grid, weights, existing, candidates }, result, 1000)
 */
export function finishCircleResult(context: CircleResultContext, result: OptimizeResult, circleRadiusM: number | null): OptimizeResult {
  const { problem, candidates } = context;
  if (context.costUnit !== 'm' || circleRadiusM === null || (problem !== 'max-coverage' && problem !== 'min-facilities')) return result;
  const selected = new Set(result.selected);
  const open: [number, number][] = context.existing.map((f) => [f.lon, f.lat]);
  candidates.ids.forEach((id, j) => {
    if (selected.has(id)) open.push([candidates.lon[j], candidates.lat[j]]);
  });
  const openSites = { lon: Float64Array.from(open, (p) => p[0]), lat: Float64Array.from(open, (p) => p[1]) };
  return Object.assign(result, circleCostFigures(context.grid, context.weights, openSites, circleRadiusM));
}
