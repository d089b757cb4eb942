/**
 * Lagrangian lower bound for p-median (Cornuéjols, Fisher & Nemhauser 1977; Beasley 1985).
 *
 * Model: min Σ w_i d_ij y_ij + Σ w_i b_i e_i  s.t.  Σ_j y_ij + e_i = 1,  y_ij ≤ x_j,  Σ_new x_j ≤ k,
 * fixed sites x_j = 1, e_i only where an existing service cost b_i exists. Relaxing the assignment
 * rows with multipliers λ_i:
 *   L(λ) = Σ λ_i + Σ min(0, w_i b_i − λ_i) + Σ_fixed ρ_j + (the k most negative ρ_j of new sites),
 *   ρ_j = Σ_i min(0, w_i d_ij − λ_i).
 * Only pairs with w_i d_ij < λ_i contribute, a prefix of each cost-sorted row, so an iteration costs
 * far less than the whole matrix. Missing pairs have no y variable (unreachable), which keeps the bound
 * valid for the true problem. The sites X(λ) are candidate solutions (Lagrangian heuristic).
 */
import { topK } from './candidate_heap';
import type { MedianProblem } from './median_state';
import type { SolveControl } from './solve_control';

export interface MedianLagrangianResult {
  bound: number;
  iterations: number;
  /** Distinct site sets X(λ) met near the end, best (by the objective) first; for local search. */
  candidates: number[][];
}

/**
 * Subgradient optimisation of L(λ) starting from λ_i = w_i × start cost; stops when θ is tiny, the
 * bound reaches `upperBound` (minus `stopGap`), or after `iterations`.
 * @example lagrangianMedianBound(problem, 5, initialCosts, 5819, 500, 1 - 1e-9).bound // ≤ 5819
 */
export function lagrangianMedianBound(
  problem: MedianProblem,
  k: number,
  startCost: Float64Array,
  upperBound: number,
  iterations: number,
  stopGap: number,
  evaluate: (sites: number[]) => number,
  control?: SolveControl,
): MedianLagrangianResult {
  const { matrix, weights, baselineCost, open, fixed } = problem;
  const { rowStart, rowCandidate, rowCost, demandCount, candidateCount } = matrix;
  const lambda = new Float64Array(demandCount);
  for (let i = 0; i < demandCount; i++) lambda[i] = weights[i] * (Number.isFinite(startCost[i]) ? startCost[i] : 0);
  const rho = new Float64Array(candidateCount);
  const negative = new Float64Array(candidateCount);
  const chosen = new Uint8Array(candidateCount);
  const isFixed = new Uint8Array(candidateCount);
  for (const j of fixed) isFixed[j] = 1;
  const g = new Float64Array(demandCount);
  let best = -Infinity;
  let upper = upperBound;
  let theta = 2;
  let sinceImprovement = 0;
  const patience = Math.max(10, Math.min(40, Math.round(demandCount / 10)));
  const seen = new Map<string, number>();
  let it = 0;
  for (; it < iterations; it++) {
    if ((it & 15) === 0) control?.report(it / iterations);
    rho.fill(0);
    let value = 0;
    for (let i = 0; i < demandCount; i++) {
      const l = lambda[i];
      const w = weights[i];
      if (w === 0) continue; // weightless demand: λ_i = 0 is optimal and contributes nothing
      value += l;
      const b = w * baselineCost[i];
      if (b < l) value += b - l;
      for (let p = rowStart[i]; p < rowStart[i + 1]; p++) {
        const c = w * rowCost[p] - l;
        if (c >= 0) break;
        rho[rowCandidate[p]] += c;
      }
    }
    for (let j = 0; j < candidateCount; j++) {
      negative[j] = open[j] ? -rho[j] : 0;
      if (isFixed[j]) value += rho[j];
    }
    const pick = topK(negative, k, open);
    value -= pick.sum;
    chosen.fill(0);
    for (const j of pick.indices) chosen[j] = 1;
    for (const j of fixed) chosen[j] = 1;
    if (best === -Infinity || value > best + 1e-12 * Math.abs(best)) {
      best = value;
      sinceImprovement = 0;
    } else if (++sinceImprovement >= patience) {
      theta /= 2;
      sinceImprovement = 0;
    }
    // X(λ) as a solution: fill up to k sites with the least positive ρ when fewer were negative.
    if (pick.indices.length === k && (it % 4 === 0 || sinceImprovement === 0)) {
      const sites = Array.from(pick.indices);
      const key = sites.join(',');
      if (!seen.has(key)) {
        const v = evaluate(sites);
        seen.set(key, v);
        if (v < upper) upper = v;
      }
    }
    if (best >= upper - stopGap || theta < 1e-3) break;
    let norm = 0;
    for (let i = 0; i < demandCount; i++) {
      const l = lambda[i];
      const w = weights[i];
      if (w === 0) {
        g[i] = 0;
        continue;
      }
      let s = w * baselineCost[i] < l ? 1 : 0;
      for (let p = rowStart[i]; p < rowStart[i + 1]; p++) {
        if (w * rowCost[p] >= l) break;
        s += chosen[rowCandidate[p]];
      }
      g[i] = 1 - s;
      norm += g[i] * g[i];
    }
    if (norm === 0) break; // X(λ) assigns every demand exactly once: the relaxation is tight
    const step = (theta * (upper - value)) / norm;
    for (let i = 0; i < demandCount; i++) lambda[i] += step * g[i];
  }
  const candidates = [...seen.entries()].sort((a, b) => a[1] - b[1]).slice(0, 8).map(([key]) => key.split(',').map(Number));
  return { bound: best, iterations: it, candidates };
}
