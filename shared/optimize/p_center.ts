/**
 * p-center: k new sites minimising the worst cost from a demand point (weight > 0) to its nearest
 * open site, existing facilities kept. The threshold search (center_search.ts) gives sites and a
 * lower bound; a cut-down straight-line model (far_pairs.ts) adds the aggregated relaxation
 * (far_refine.ts) and reports true distances.
 */
import { centerSearch } from './center_search';
import { costResultFigures } from './cost_result';
import { farNote, type Assignment, type DistanceCutoff } from './far_pairs';
import { refineFarCenter } from './far_refine';
import { medianProblem } from './median_state';
import { finishResult } from './result';
import { SolveControl } from './solve_control';
import { checkK, normaliseSites } from './siting_input';
import { DEFAULT_LIMITS, type CostMatrix, type OptimizeResult, type SitingInput, type SolveOptions } from './types';

export interface PCenterInput extends SitingInput {
  readonly costs: CostMatrix;
  readonly k: number;
  readonly baselineCost?: Float64Array;
  readonly coverCost?: number;
  /** The matrix holds only the straight-line pairs up to a cutoff (far_pairs.ts). */
  readonly cutoff?: DistanceCutoff;
}

/**
 * Solves the p-center problem.
 * @example
 *   const r = await solvePCenter({ costs, k: 4, weights, candidateIds });
 *   r.objective // 7403.06… on spopt's San Francisco data
 */
export async function solvePCenter(input: PCenterInput, options: SolveOptions = {}): Promise<OptimizeResult> {
  const control = new SolveControl(options.onProgress, options.signal);
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const method = options.method ?? 'auto';
  const { costs: matrix, weights } = input;
  const sites = normaliseSites(input, matrix.demandCount, matrix.candidateCount);
  checkK(input.k, sites.openCount);
  const k = input.k;
  const problem = medianProblem(input, sites.open, sites.fixed);
  const conflicts = sites.conflicts;

  control.stage(0, input.cutoff ? 0.6 : 0.95);
  const search = await centerSearch(problem, k, conflicts, method, limits, options, control);
  let { sites: chosen, bound, boundSource } = search;
  const notes = search.undecided > 0 ? [`${search.undecided} thresholds could not be decided (heuristic only or model beyond the limits); the bound is weaker`] : [];
  let truth: Assignment | undefined;
  if (input.cutoff) {
    control.stage(0.6, 0.99);
    const refined = await refineFarCenter({ ...input, cutoff: input.cutoff }, sites, k, chosen, bound, method, limits, options, control);
    ({ truth, sites: chosen } = refined);
    if (refined.aggregatedBound) boundSource = refined.boundSource;
    bound = Math.max(bound, refined.bound);
    notes.push(...refined.notes, ...farNote(input.cutoff, truth, weights, problem.baselineCost));
  }
  control.stage(0.99, 1);
  const figures = costResultFigures(input, problem, chosen, k, truth);
  control.report(1);
  return finishResult({
    problem: 'p-center',
    candidateIds: input.candidateIds,
    selected: chosen,
    marginalGains: figures.removalMax,
    objective: figures.maxCost,
    bound: Math.min(bound, figures.maxCost),
    provenByMip: false,
    covered: figures.covered,
    baseline: figures.baseline,
    meanCost: figures.meanCost,
    maxCost: figures.maxCost,
    path: search.model !== null ? 'mip' : 'heuristic',
    boundSource,
    model: search.model,
    modelRelaxed: false,
    notes,
    seconds: control.elapsedSeconds(),
  });
}
