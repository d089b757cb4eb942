/**
 * Mean and largest straight-line distance of the covered older people to their nearest open site
 * (existing facilities and the chosen new sites), for circle-mode coverage results. The coverage
 * solvers work without a cost matrix (it would be several times the size of the coverage sets), so
 * these figures are measured afterwards, exactly, with a nearest-site search.
 */
import type { DemandGrid } from '../../engine/demand_grid';
import type { PointArrays } from '../point_costs';
import { nearestDistancesM } from './nearest_distance';

/**
 * Weighted mean and max distance (metres) over demand within radiusM of an open site.
 * @example circleCostFigures(grid, grid.elderly, openSites, 1000) // { meanCost: 512.3, maxCost: 999.8 }
 */
export function circleCostFigures(
  grid: DemandGrid,
  weights: Float64Array,
  openSites: PointArrays,
  radiusM: number,
): { meanCost: number | null; maxCost: number | null } {
  const nearest = nearestDistancesM(grid, openSites);
  let sum = 0;
  let total = 0;
  let max = -Infinity;
  for (let i = 0; i < grid.count; i++) {
    const d = nearest[i];
    const w = weights[i];
    // Same test as the coverage: within the radius of some open site.
    if (!(d <= radiusM) || !(w > 0)) continue;
    sum += w * d;
    total += w;
    if (d > max) max = d;
  }
  return { meanCost: total > 0 ? sum / total : null, maxCost: max === -Infinity ? null : max };
}
