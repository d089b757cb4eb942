/**
 * Completes an optimiser result with figures the solver could not know, as `siting optimize` does
 * (electron/services/optimize/finish_project_result.ts):
 *  - circle coverage problems: mean / max distance of the covered older people to their nearest open
 *    site, measured exactly afterwards (the coverage solvers get no cost matrix);
 *  - circle p-median / p-center on a limited model (see cost_cutoff.ts): the chosen sites' true
 *    straight-line figures, and `exact` false, since optimality was proven for the limited model only.
 */
import type { OptimizeResult } from '../../../shared/optimize/types';
import type { SitingProblem } from './build_problem';
import { circleCostFigures } from '../../../shared/optimize/project/circle_cost_figures';
import { nearestDistancesM } from '../../../shared/optimize/project/nearest_distance';

/**
 * Changes `result` in place (it is this run's own object) and returns it.
 * @example finishSitingResult(problem, await optimize(problem.request), 1000)
 */
export function finishSitingResult(built: SitingProblem, result: OptimizeResult, circleRadiusM: number | null): OptimizeResult {
  const problem = built.request.problem;
  if (built.inputs.costUnit !== 'm') return result;
  const selected = new Set(result.selected);
  const open: [number, number][] = built.existing.map((f) => [f.lon, f.lat]);
  built.candidates.ids.forEach((id, j) => {
    if (selected.has(id)) open.push([built.candidates.lon[j], built.candidates.lat[j]]);
  });
  const openSites = { lon: Float64Array.from(open, (p) => p[0]), lat: Float64Array.from(open, (p) => p[1]) };
  if ((problem === 'max-coverage' || problem === 'min-facilities') && circleRadiusM !== null) {
    Object.assign(result, circleCostFigures(built.grid, built.weights, openSites, circleRadiusM));
    return result;
  }
  const cutoff = built.inputs.cutoff;
  if ((problem === 'p-median' || problem === 'p-center') && cutoff && !cutoff.exact) {
    const nearest = nearestDistancesM(built.grid, openSites);
    let sum = 0;
    let total = 0;
    let max = 0;
    for (let i = 0; i < nearest.length; i++) {
      const w = built.weights[i];
      if (!(w > 0)) continue;
      sum += w * nearest[i];
      total += w;
      if (nearest[i] > max) max = nearest[i];
    }
    result.exact = false;
    result.notes.push(
      `the limited model was solved with gap ${(result.gap * 100).toFixed(4)} %, but a better choice may exist beyond the cutoff; ` +
        `with exact straight-line distances the chosen sites give Σ weight × distance ${sum.toFixed(1)}, ` +
        `mean ${(sum / total).toFixed(1)} m, max ${max.toFixed(1)} m`,
    );
  }
  return result;
}
