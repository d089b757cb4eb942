/**
 * Which straight-line pairs a p-median / p-center model of a project keeps. A full matrix of every
 * demand cell × every candidate is too large on city grids (24 470 cells × 3 400 sites = 83 million
 * pairs), and most pairs cannot matter: a new site farther from a demand point than the point's
 * nearest existing facility can never become its nearest site. So a pair is kept only when the site is
 * nearer than that facility (the per-point limit) and, if that is still too many, within a common
 * cutoff chosen to fit the pair budget.
 *
 * Without the common cutoff (it reaches the largest per-point limit) the model is exact: no pair that
 * could be some point's nearest site is dropped. With it, the solver gets the cutoff (far_pairs.ts):
 * each point has a virtual option costing the cutoff, so the bound stays valid for the true problem,
 * and the reported objective is measured with true distances to the chosen sites.
 */
import { haversineM } from '../../geodesy/haversine';
import type { PointArrays } from '../point_costs';

/**
 * Pairs kept at most: about 44 bytes each while the two-way matrix is built, 24 bytes after; the
 * p-center search needs several times that again (measured: ~0.7 GB peak at 4 million pairs).
 */
export const DEFAULT_PAIR_BUDGET = 4_000_000;

/** Distances computed at most to estimate the cutoff for the budget. */
const SAMPLE_LIMIT = 4_000_000;

export interface CostCutoff {
  /** Common cutoff in metres on top of the per-point limits; Infinity when there is none. */
  cutoffM: number;
  /** True when no pair that could be some demand point's nearest site is dropped. */
  exact: boolean;
  /** Largest per-point limit (distance to the nearest existing facility) over demand with weight > 0; Infinity without facilities. */
  neededM: number;
  /** Pairs expected (estimated from a sample of demand points when the full matrix is large). */
  estimatedPairs: number;
  pairBudget: number;
}

/**
 * Chooses the common cutoff for a demand set, candidates, and each demand point's distance to its
 * nearest existing facility (Infinity where there is none).
 * @example chooseCostCutoff(grid, candidates, grid.elderly, baselineM).exact
 */
export function chooseCostCutoff(
  demand: PointArrays,
  candidates: PointArrays,
  weights: Float64Array,
  baselineM: Float64Array,
  pairBudget = DEFAULT_PAIR_BUDGET,
): CostCutoff {
  const demandCount = demand.lon.length;
  const candidateCount = candidates.lon.length;
  let neededM = 0;
  for (let i = 0; i < demandCount; i++) if (weights[i] > 0 && baselineM[i] > neededM) neededM = baselineM[i];
  if (demandCount * candidateCount <= pairBudget) {
    return { cutoffM: Infinity, exact: true, neededM, estimatedPairs: demandCount * candidateCount, pairBudget };
  }
  // Kept-pair distances from an evenly spaced sample of demand points; the budget's share of the
  // sample gives the cutoff as a quantile of those distances.
  const sampleCount = Math.max(1, Math.min(demandCount, Math.floor(SAMPLE_LIMIT / Math.max(1, candidateCount))));
  const kept = new Float64Array(sampleCount * candidateCount);
  let n = 0;
  for (let s = 0; s < sampleCount; s++) {
    const i = Math.floor(((s + 0.5) * demandCount) / sampleCount);
    if (!(weights[i] > 0)) continue;
    const lon = demand.lon[i];
    const lat = demand.lat[i];
    const limit = baselineM[i];
    for (let j = 0; j < candidateCount; j++) {
      const d = haversineM(lon, lat, candidates.lon[j], candidates.lat[j]);
      if (d < limit) kept[n++] = d;
    }
  }
  const sample = kept.subarray(0, n).sort();
  const scale = demandCount / sampleCount;
  const allowed = Math.floor(pairBudget / scale);
  if (allowed >= n) return { cutoffM: Infinity, exact: true, neededM, estimatedPairs: Math.round(n * scale), pairBudget };
  const cutoffM = Math.max(sample[Math.max(0, allowed - 1)], 1e-6);
  return { cutoffM, exact: cutoffM >= neededM, neededM, estimatedPairs: Math.round(allowed * scale), pairBudget };
}
