/**
 * Closing the gap of a cut-down straight-line model (far_pairs.ts) when many demand points end up
 * beyond the cutoff: the aggregated relaxation (aggregate_demand.ts) gives a second valid lower bound
 * and a second set of sites; the sites with the lower true objective are kept, the higher bound is
 * reported. Runs only when the first model leaves a gap of more than 0.1 % against the true objective.
 */
import { aggregatedCosts, demandGroups } from './aggregate_demand';
import { truthFor, type Assignment, type DistanceCutoff } from './far_pairs';
import { centerSearch } from './center_search';
import { medianHeuristic } from './median_heuristic';
import { medianProblem } from './median_state';
import type { SolveControl } from './solve_control';
import type { NormalisedSites } from './siting_input';
import type { BoundSource, ModelLimits, SolveOptions } from './types';

export interface FarRefinement {
  sites: number[];
  truth: Assignment;
  /** Σ weight × true cost (p-median) or the true worst cost (p-center) of `sites`. */
  trueValue: number;
  bound: number;
  /** True when the aggregated relaxation raised the bound. */
  aggregatedBound: boolean;
  /** What proved the aggregated bound. */
  boundSource: BoundSource;
  notes: string[];
}

interface FarInput {
  cutoff?: DistanceCutoff;
  baselineCost?: Float64Array;
  weights: Float64Array;
}

/** Largest c1 over demand with weight > 0 (p-center) of a true assignment. */
export function trueMax(truth: Assignment, weights: Float64Array): number {
  let max = 0;
  for (let i = 0; i < weights.length; i++) if (weights[i] > 0 && truth.c1[i] > max) max = truth.c1[i];
  return max;
}

/** Σ weight × c1 (p-median) of a true assignment. */
export function trueSum(truth: Assignment, weights: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) if (weights[i] > 0) sum += weights[i] * truth.c1[i];
  return sum;
}

/**
 * @example await refineFarMedian(input, sites, 3, bestSites, lower, { seed: 1 }, control, stage)
 */
export function refineFarMedian(
  input: FarInput & { cutoff: DistanceCutoff },
  sites: NormalisedSites,
  k: number,
  modelSites: number[],
  lower: number,
  settings: { seed: number },
  control: SolveControl,
  report: (from: number, to: number) => void,
): FarRefinement {
  const { weights, cutoff } = input;
  const truth = truthFor(input, sites.fixed, modelSites)!;
  const trueValue = trueSum(truth, weights);
  const result: FarRefinement = { sites: modelSites, truth, trueValue, bound: lower, aggregatedBound: false, boundSource: 'lagrangian', notes: [] };
  if (trueValue - lower <= 1e-3 * trueValue) return result;
  const existing = truthFor(input, sites.fixed, [])!.c1;
  const groups = demandGroups(cutoff, weights, existing, sites.openCount);
  // The aggregated optimum lies about Σ weight × δ below the true one: no use when the gap is smaller.
  if (trueValue - lower < 0.5 * groups.offsetSum) return result;
  const aggregated = aggregatedCosts(groups, cutoff, sites.open, 'sum');
  const problem = medianProblem({ costs: aggregated.costs, weights: aggregated.weights, baselineCost: aggregated.baselineCost }, sites.open, new Int32Array(0));
  const heuristic = medianHeuristic(problem, k, sites.conflicts, { integral: false, seed: settings.seed }, control, report);
  const aggregatedTruth = truthFor(input, sites.fixed, heuristic.sites)!;
  const aggregatedValue = trueSum(aggregatedTruth, weights);
  if (aggregatedValue < trueValue) Object.assign(result, { sites: heuristic.sites, truth: aggregatedTruth, trueValue: aggregatedValue });
  if (heuristic.bound > lower) Object.assign(result, { bound: heuristic.bound, aggregatedBound: true });
  result.notes.push(
    `second bound from the demand grouped into ${groups.groupCount} cells of ${Math.round(groups.cellM)} m: each point's distance is at least ` +
      "its group centre's distance minus its own offset from the centre (triangle inequality), which bounds the true problem; " +
      `it proves ≥ ${heuristic.bound.toFixed(1)}${aggregatedValue < trueValue ? ', and its sites were better' : ''}`,
  );
  return result;
}

/**
 * The same for p-center: the aggregated relaxation with group costs H (worst member) and the threshold
 * search; its bound is about the true optimum minus the largest offset δ.
 * @example await refineFarCenter(input, sites, 3, chosen, bound, 'auto', limits, options, control)
 */
export async function refineFarCenter(
  input: FarInput & { cutoff: DistanceCutoff },
  sites: NormalisedSites,
  k: number,
  modelSites: number[],
  lower: number,
  method: 'auto' | 'exact' | 'heuristic',
  limits: ModelLimits,
  options: SolveOptions,
  control: SolveControl,
): Promise<FarRefinement> {
  const { weights, cutoff } = input;
  const truth = truthFor(input, sites.fixed, modelSites)!;
  const value = trueMax(truth, weights);
  const result: FarRefinement = { sites: modelSites, truth, trueValue: value, bound: lower, aggregatedBound: false, boundSource: 'trivial', notes: [] };
  if (value - lower <= 1e-3 * value) return result;
  const existing = truthFor(input, sites.fixed, [])!.c1;
  const groups = demandGroups(cutoff, weights, existing, sites.openCount);
  if (value - lower < 0.5 * groups.offsetMax) return result;
  const aggregated = aggregatedCosts(groups, cutoff, sites.open, 'max');
  const problem = medianProblem({ costs: aggregated.costs, weights: aggregated.weights, baselineCost: aggregated.baselineCost }, sites.open, new Int32Array(0));
  // A bound-improving step the user did not ask for: never the forced MIP, which may refuse its size.
  const search = await centerSearch(problem, k, sites.conflicts, method === 'exact' ? 'auto' : method, limits, options, control);
  const aggregatedTruth = truthFor(input, sites.fixed, search.sites)!;
  const aggregatedValue = trueMax(aggregatedTruth, weights);
  if (aggregatedValue < value) Object.assign(result, { sites: search.sites, truth: aggregatedTruth, trueValue: aggregatedValue });
  if (search.bound > lower) Object.assign(result, { bound: search.bound, aggregatedBound: true, boundSource: search.boundSource });
  result.notes.push(
    `second bound from the demand grouped into ${groups.groupCount} cells of ${Math.round(groups.cellM)} m (each point at least its group ` +
      `centre's distance minus its offset, at most ${Math.round(groups.offsetMax)} m): it proves ≥ ${search.bound.toFixed(1)}` +
      (aggregatedValue < value ? ', and its sites were better' : ''),
  );
  return result;
}
