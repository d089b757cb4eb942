/**
 * Lazy greedy (CELF, Leskovec et al. 2007) for maximum coverage with fixed existing coverage and
 * spacing conflicts. Coverage is submodular, so a candidate's last computed gain is an upper bound
 * on its current gain: only the top of the heap needs re-evaluation.
 *
 * The same upper bounds give a bound on the optimum for free: for any step t,
 *   OPT ≤ f(S_t) + (sum of the k largest gain upper bounds),
 * because f(OPT) ≤ f(S_t ∪ OPT) ≤ f(S_t) + Σ_{j∈OPT} Δ_j(S_t). Conflicts are relaxed in the bound.
 */
import { CandidateHeap, topK } from './candidate_heap';
import type { SolveControl } from './solve_control';
import type { ConflictGraph, CoverageSets } from './types';

export interface CoverageProblem {
  coverage: CoverageSets;
  weights: Float64Array;
  /** 1 where demand is already covered by existing sites. */
  baseline: Uint8Array;
  /** 1 where the candidate may be opened. */
  open: Uint8Array;
  conflicts: ConflictGraph | null;
}

export interface GreedyResult {
  /** Selected candidates in the order picked. */
  selected: number[];
  /** Gain of each pick at the time it was picked. */
  gains: number[];
  /** Covered weight (baseline included). */
  value: number;
  /** Upper bound on the optimum with k new sites (conflicts relaxed). */
  bound: number;
}

/**
 * Σ weight over demand covered by the baseline.
 * @example baselineWeight(new Float64Array([2, 3]), new Uint8Array([1, 0])) // 2
 */
export function baselineWeight(weights: Float64Array, baseline: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) if (baseline[i]) sum += weights[i];
  return sum;
}

/**
 * Picks up to k sites greedily by covered weight; stops early when no candidate adds weight or
 * `stopAtWeight` (covered weight, baseline included) is reached.
 * @example greedyCoverage(problem, 4).selected // e.g. [1, 11, 6, 10]
 */
export function greedyCoverage(
  problem: CoverageProblem,
  k: number,
  control?: SolveControl,
  stopAtWeight = Infinity,
): GreedyResult {
  const { coverage, weights, baseline, open, conflicts } = problem;
  const { start, demand, candidateCount } = coverage;
  const covered = baseline.slice();
  const gain = new Float64Array(candidateCount);
  const stamp = new Int32Array(candidateCount);
  const blocked = new Uint8Array(candidateCount);
  const heap = new CandidateHeap(candidateCount, gain);
  for (let j = 0; j < candidateCount; j++) {
    if (!open[j]) continue;
    let g = 0;
    for (let p = start[j]; p < start[j + 1]; p++) {
      const i = demand[p];
      if (!covered[i]) g += weights[i];
    }
    gain[j] = g;
    if (g > 0) heap.push(j);
  }
  let value = baselineWeight(weights, baseline);
  const openOrUnselected = open.slice();
  let bound = value + topK(gain, k, openOrUnselected).sum;
  const selected: number[] = [];
  const gains: number[] = [];
  const boundEvery = Math.max(1, Math.floor(k / 8));
  while (selected.length < k && heap.length > 0 && value < stopAtWeight) {
    const j = heap.pop();
    if (blocked[j]) continue;
    if (stamp[j] !== selected.length) {
      let g = 0;
      for (let p = start[j]; p < start[j + 1]; p++) {
        const i = demand[p];
        if (!covered[i]) g += weights[i];
      }
      gain[j] = g;
      stamp[j] = selected.length;
      if (g > 0) heap.push(j);
      continue;
    }
    // j's gain is current and the largest: take it.
    selected.push(j);
    gains.push(gain[j]);
    value += gain[j];
    openOrUnselected[j] = 0;
    gain[j] = 0;
    for (let p = start[j]; p < start[j + 1]; p++) covered[demand[p]] = 1;
    if (conflicts) {
      for (let q = conflicts.start[j]; q < conflicts.start[j + 1]; q++) blocked[conflicts.neighbour[q]] = 1;
    }
    if (selected.length % boundEvery === 0) {
      bound = Math.min(bound, value + topK(gain, k, openOrUnselected).sum);
    }
    control?.report(selected.length / k);
  }
  // Exact gains with respect to the final set give the last (often tightest late) bound.
  for (let j = 0; j < candidateCount; j++) {
    if (!openOrUnselected[j]) continue;
    let g = 0;
    for (let p = start[j]; p < start[j + 1]; p++) {
      const i = demand[p];
      if (!covered[i]) g += weights[i];
    }
    gain[j] = g;
  }
  bound = Math.min(bound, value + topK(gain, k, openOrUnselected).sum);
  return { selected, gains, value, bound: Math.max(bound, value) };
}

/**
 * Covered weight of a site set (baseline included) and the per-demand cover counts.
 * @example coverageValue(problem, [1, 2]).value // covered weight
 */
export function coverageValue(problem: CoverageProblem, sites: readonly number[]): { value: number; count: Int32Array } {
  const { coverage, weights, baseline } = problem;
  const count = new Int32Array(coverage.demandCount);
  for (const j of sites) {
    for (let p = coverage.start[j]; p < coverage.start[j + 1]; p++) count[coverage.demand[p]]++;
  }
  let value = 0;
  for (let i = 0; i < count.length; i++) if (baseline[i] || count[i] > 0) value += weights[i];
  return { value, count };
}

/**
 * For each site of a solution, the covered weight lost when it alone is removed.
 * @example removalLosses(problem, [1, 2]) // Float64Array of two losses
 */
export function removalLosses(problem: CoverageProblem, sites: readonly number[]): Float64Array {
  const { coverage, weights, baseline } = problem;
  const { count } = coverageValue(problem, sites);
  const losses = new Float64Array(sites.length);
  sites.forEach((j, s) => {
    let loss = 0;
    for (let p = coverage.start[j]; p < coverage.start[j + 1]; p++) {
      const i = coverage.demand[p];
      if (!baseline[i] && count[i] === 1) loss += weights[i];
    }
    losses[s] = loss;
  });
  return losses;
}
