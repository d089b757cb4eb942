/**
 * Result figures of the cost-based problems (p-median, p-center) from the final site set, computed
 * with the true costs (never the internal penalty, never the virtual option of a cut-down matrix):
 * Σ weight × cost, mean and max cost, covered demand, and what each site is worth (cost added / worst
 * cost reached when it alone is removed).
 */
import { InputError } from '../errors';
import type { Assignment } from './far_pairs';
import { MedianState, type MedianProblem } from './median_state';
import { coveredFigures } from './result';
import { demandLabel } from './siting_input';
import type { CoveredFigures } from './types';

export interface CostResultFigures {
  sum: number;
  meanCost: number;
  maxCost: number;
  covered: CoveredFigures;
  baseline: { weight: number; count: number };
  /** Per site: increase of Σ weight × cost when removed (Infinity if demand would be left unreached). */
  removalCost: Float64Array;
  /** Per site: the max cost reached when it alone is removed, minus the current max cost. */
  removalMax: Float64Array;
}

/**
 * Figures of a site set; InputError when some demand with weight > 0 is left unreached (k too small).
 * `truth` replaces the model's assignment when the model's costs are not the true ones (far_pairs.ts).
 * @example costResultFigures(input, problem, [1, 6], 2).meanCost
 */
export function costResultFigures(
  input: { weights: Float64Array; coverCost?: number; demandIds?: readonly string[] },
  problem: MedianProblem,
  sites: readonly number[],
  k: number,
  truth?: Assignment,
): CostResultFigures {
  const { weights, existingCost } = problem;
  const penalty = truth ? Infinity : problem.penalty;
  const coverCost = input.coverCost ?? Infinity;
  if (input.coverCost !== undefined && !(input.coverCost >= 0)) {
    throw new InputError(`coverCost must be ≥ 0, got ${input.coverCost}`, { field: 'coverCost' });
  }
  let assignment: Assignment | undefined = truth;
  if (!assignment) {
    const state = new MedianState(problem);
    state.setSites(sites);
    assignment = state;
  }
  const { c1, c2, a1 } = assignment;
  const n = c1.length;
  let sum = 0;
  let total = 0;
  let maxCost = 0;
  const unreached: number[] = [];
  const served = new Uint8Array(n);
  const baseServed = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const w = weights[i];
    total += w;
    if (c1[i] >= penalty && w > 0) unreached.push(i);
    if (c1[i] <= coverCost && c1[i] < penalty) served[i] = 1;
    if (existingCost[i] <= coverCost && Number.isFinite(existingCost[i])) baseServed[i] = 1;
    if (!(w > 0)) continue;
    sum += w * c1[i];
    if (c1[i] > maxCost) maxCost = c1[i];
  }
  if (unreached.length > 0) {
    const names = unreached.slice(0, 5).map((i) => demandLabel(input, i)).join(', ');
    throw new InputError(
      `k = ${k} new sites leave ${unreached.length} demand points unreached (${names}${unreached.length > 5 ? ', …' : ''}); ` +
        'add sites, relax the spacing, or widen the cost cutoff',
      { field: 'k' },
    );
  }
  const slot = new Map<number, number>();
  sites.forEach((j, s) => slot.set(j, s));
  const removalCost = new Float64Array(sites.length);
  const groupMax = new Float64Array(sites.length);
  const groupMax2 = new Float64Array(sites.length);
  let otherMax = 0; // max c1 over demand served by the baseline / fixed sites
  for (let i = 0; i < n; i++) {
    if (!(weights[i] > 0)) continue;
    const s = a1[i] >= 0 ? slot.get(a1[i]) : undefined;
    if (s === undefined) {
      if (c1[i] > otherMax) otherMax = c1[i];
      continue;
    }
    removalCost[s] += c2[i] >= penalty ? Infinity : weights[i] * (c2[i] - c1[i]);
    if (c1[i] > groupMax[s]) groupMax[s] = c1[i];
    if (c2[i] > groupMax2[s]) groupMax2[s] = c2[i];
  }
  // Largest and second-largest group maxima, to get "max over the other groups" in O(1).
  let top = -1;
  let second = -1;
  for (let s = 0; s < sites.length; s++) {
    if (top < 0 || groupMax[s] > groupMax[top]) {
      second = top;
      top = s;
    } else if (second < 0 || groupMax[s] > groupMax[second]) second = s;
  }
  const removalMax = new Float64Array(sites.length);
  for (let s = 0; s < sites.length; s++) {
    const others = Math.max(otherMax, s === top ? (second >= 0 ? groupMax[second] : 0) : top >= 0 ? groupMax[top] : 0);
    const worst = groupMax2[s] >= penalty ? Infinity : Math.max(others, groupMax2[s]);
    removalMax[s] = worst - maxCost;
  }
  let baseWeight = 0;
  let baseCount = 0;
  for (let i = 0; i < n; i++) {
    if (!baseServed[i]) continue;
    baseWeight += weights[i];
    if (weights[i] > 0) baseCount++;
  }
  return {
    sum,
    meanCost: total > 0 ? sum / total : 0,
    maxCost,
    covered: coveredFigures(served, weights),
    baseline: { weight: baseWeight, count: baseCount },
    removalCost,
    removalMax,
  };
}
