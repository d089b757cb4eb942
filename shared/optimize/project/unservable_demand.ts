/**
 * Demand that no choice of sites can serve in a cost model: no existing facility reaches it and no
 * candidate site lies within the cost cutoff (network mode: beyond M minutes of walking from every
 * site, or off the network). It cannot change which sites are best, but the p-median / p-center
 * solvers insist on reaching every demand point with weight > 0, so it is left out (weight 0) and
 * reported.
 */
import type { CostMatrix } from '../types';

export interface ServableDemand {
  /** The weights with unservable points set to 0 (a copy; the input is not changed). */
  weights: Float64Array;
  /** Points left out, and their weight. */
  leftOut: { count: number; weight: number };
}

/**
 * @example servableDemand(costs, grid.elderly, baselineCost).leftOut.count // cells nothing can reach
 */
export function servableDemand(costs: CostMatrix, weights: Float64Array, baselineCost?: Float64Array): ServableDemand {
  const out = weights.slice();
  let count = 0;
  let weight = 0;
  for (let i = 0; i < out.length; i++) {
    if (!(out[i] > 0)) continue;
    if (baselineCost && Number.isFinite(baselineCost[i])) continue;
    if (costs.rowStart[i + 1] > costs.rowStart[i]) continue;
    count++;
    weight += out[i];
    out[i] = 0;
  }
  return { weights: out, leftOut: { count, weight } };
}
