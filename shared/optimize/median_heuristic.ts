/**
 * The heuristic half of the p-median solve, on any MedianProblem: greedy → fast interchange →
 * Lagrangian lower bound (its site sets polished by local search) → seeded variable-neighbourhood
 * search until the bound is met or the rounds are used. Used for the main model and for the
 * aggregated relaxation of a cut-down straight-line model (aggregate_demand.ts).
 */
import { lagrangianMedianBound } from './median_lagrangian';
import { greedyMedian, interchange, vnsMedian } from './median_search';
import { MedianState, type MedianProblem } from './median_state';
import { mulberry32 } from './random';
import { integralBound } from './result';
import type { SolveControl } from './solve_control';
import type { ConflictGraph } from './types';

export interface MedianHeuristicResult {
  sites: number[];
  /** Σ weight × model cost of `sites`. */
  value: number;
  /** Lagrangian lower bound of the model's optimum (rounded up for integer data). */
  bound: number;
}

/**
 * Progress: stages [0, 0.2] greedy and interchange, [0.2, 0.6] Lagrangian, [0.6, 1] VNS of `control`'s
 * current range are reported through `report`.
 * @example medianHeuristic(problem, 4, null, { integral: false, seed: 1 }).bound
 */
export function medianHeuristic(
  problem: MedianProblem,
  k: number,
  conflicts: ConflictGraph | null,
  settings: { integral: boolean; seed: number; vnsRounds?: number; lagrangianIterations?: number },
  control?: SolveControl,
  report: (from: number, to: number) => void = () => {},
): MedianHeuristicResult {
  const { integral } = settings;
  // Gap below which the incumbent is proven optimal: < 1 for integer data, else relative 1e-9.
  const closeGap = (value: number) => (integral ? 1 - 1e-9 : 1e-9 * Math.max(1, Math.abs(value)));
  const state = new MedianState(problem);
  const evaluate = (s: number[]) => {
    state.setSites(s);
    return state.objective();
  };
  report(0, 0.2);
  state.setSites(greedyMedian(problem, k, conflicts));
  interchange(state, conflicts, 50 * k + 100, control);
  let bestSites = state.selected.slice();
  let bestValue = state.objective();

  report(0.2, 0.6);
  const iterations = settings.lagrangianIterations ?? 600;
  const lagrangian = lagrangianMedianBound(problem, k, state.c1, bestValue, iterations, closeGap(bestValue), evaluate, control);
  const lower = integral ? integralBound(lagrangian.bound, 'lower') : lagrangian.bound;
  for (const candidate of lagrangian.candidates) {
    if (bestValue <= lower + closeGap(bestValue)) break;
    if (conflicts) continue;
    state.setSites(candidate);
    interchange(state, conflicts, 50 * k + 100, control);
    const v = state.objective();
    if (v < bestValue) {
      bestValue = v;
      bestSites = state.selected.slice();
    }
  }

  report(0.6, 1);
  if (bestValue > lower + closeGap(bestValue)) {
    state.setSites(bestSites);
    const rounds = settings.vnsRounds ?? defaultRounds(problem.matrix.rowCost.length, k);
    vnsMedian(state, conflicts, rounds, mulberry32(settings.seed), control, lower + closeGap(bestValue));
    const v = state.objective();
    if (v < bestValue) {
      bestValue = v;
      bestSites = state.selected.slice();
    }
  }
  return { sites: bestSites, value: bestValue, bound: lower };
}

/** VNS rounds: more for small instances, fewer when one local search is expensive. */
function defaultRounds(pairs: number, k: number): number {
  const work = pairs * Math.max(1, Math.log2(k + 1));
  return Math.max(10, Math.min(200, Math.round(4e7 / Math.max(1, work))));
}
