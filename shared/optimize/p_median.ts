/**
 * p-median: k new sites minimising Σ weight × cost to the nearest open site (existing facilities
 * kept). Path: greedy → fast interchange → Lagrangian lower bound (its site sets polished by local
 * search) → seeded variable-neighbourhood search until the bound is met or the rounds are used →
 * exact MIP with HiGHS when the gap is still open and the model fits the limits.
 */
import { InputError } from '../errors';
import { mipFits } from './mip_fit';
import { solveMipModel } from './highs_solver';
import { buildMedianModel, medianModelSize, medianSitesFromValues, medianStart } from './median_model';
import { medianBranchAndBound } from './median_branch_bound';
import { medianHeuristic } from './median_heuristic';
import { medianProblem, MedianState } from './median_state';
import type { MipModel } from './mip_model';
import { allIntegers, finishResult, integralBound } from './result';
import { SolveControl } from './solve_control';
import { checkK, normaliseSites } from './siting_input';
import { DEFAULT_LIMITS, type BoundSource, type CostMatrix, type OptimizeResult, type SitingInput, type SolveOptions, type SolvePath } from './types';
import { costResultFigures } from './cost_result';
import { farNote, type Assignment, type DistanceCutoff } from './far_pairs';
import { refineFarMedian } from './far_refine';

export interface PMedianInput extends SitingInput {
  readonly costs: CostMatrix;
  readonly k: number;
  /** Cost per demand to facilities outside the candidate list (Infinity where none). */
  readonly baselineCost?: Float64Array;
  /** Demand with cost ≤ coverCost counts as covered in the result (default: any reachable demand). */
  readonly coverCost?: number;
  /**
   * The matrix holds only the straight-line pairs up to a cutoff (far_pairs.ts): the bound then uses a
   * virtual option costing the cutoff and the reported figures use true distances.
   */
  readonly cutoff?: DistanceCutoff;
}

export interface MedianSolveOptions extends SolveOptions {
  /** Variable-neighbourhood rounds after the first local optimum (default from the size). */
  vnsRounds?: number;
  /** Subgradient iterations of the Lagrangian bound (default 600). */
  lagrangianIterations?: number;
  /**
   * Limits of the Lagrangian branch-and-bound run when the heuristic leaves a gap (method 'auto'):
   * nodes (default 200 000) and seconds (default: the MIP's time limit, 30 s). When one is reached
   * the gap is reported. It runs only up to `treeMaxDemand` demand points (default 5 000): beyond,
   * one subgradient step costs so much that the tree would spend its time without closing the gap.
   */
  treeNodeLimit?: number;
  treeTimeLimitSeconds?: number;
  treeMaxDemand?: number;
}

/**
 * Solves the p-median problem.
 * @example
 *   const r = await solvePMedian({ costs, k: 4, weights, candidateIds });
 *   r.meanCost // 2982.1268579890657 on spopt's San Francisco data
 */
export async function solvePMedian(input: PMedianInput, options: MedianSolveOptions = {}): Promise<OptimizeResult> {
  const control = new SolveControl(options.onProgress, options.signal);
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const method = options.method ?? 'auto';
  const { costs: matrix, weights } = input;
  const sites = normaliseSites(input, matrix.demandCount, matrix.candidateCount);
  checkK(input.k, sites.openCount);
  const k = input.k;
  const problem = medianProblem(input, sites.open, sites.fixed);
  const conflicts = sites.conflicts;
  // Integer data (weights, costs and the existing facilities' costs): a gap below 1 is then closed.
  const integral = allIntegers(weights) && allIntegers(matrix.rowCost) && problem.baselineCost.every((c) => !Number.isFinite(c) || Number.isInteger(c));
  // Gap below which the incumbent is proven optimal: < 1 for integer data, else relative 1e-9.
  const closeGap = (value: number) => (integral ? 1 - 1e-9 : 1e-9 * Math.max(1, Math.abs(value)));
  const notes: string[] = [];
  const state = new MedianState(problem);
  const evaluate = (s: number[]) => {
    state.setSites(s);
    return state.objective();
  };
  const heuristic = medianHeuristic(
    problem,
    k,
    conflicts,
    { integral, seed: options.seed ?? 1, vnsRounds: options.vnsRounds, lagrangianIterations: options.lagrangianIterations },
    control,
    (from, to) => control.stage(0.7 * from, 0.7 * to),
  );
  let bestSites = heuristic.sites;
  let bestValue = heuristic.value;
  let lower = heuristic.bound;
  let boundSource: BoundSource = 'lagrangian';

  let path: SolvePath = 'heuristic';
  let provenByMip = false;
  let model: MipModel | null = null;
  const treeFits = matrix.demandCount <= (options.treeMaxDemand ?? 5_000);
  if (bestValue > lower + closeGap(bestValue) && method === 'auto' && treeFits && !conflicts && !input.cutoff) {
    control.stage(0.7, 0.85);
    const tree = medianBranchAndBound(
      problem,
      k,
      bestSites,
      bestValue,
      { integral, nodeLimit: options.treeNodeLimit ?? 200_000, timeLimitSeconds: options.treeTimeLimitSeconds ?? limits.mipTimeLimitSeconds },
      control,
    );
    control.check();
    bestSites = tree.sites;
    bestValue = tree.value;
    const b = integral ? integralBound(tree.bound, 'lower') : tree.bound;
    if (b > lower) {
      lower = b;
      boundSource = 'branch-and-bound';
    }
    if (tree.complete) path = 'branch-and-bound';
    notes.push(
      tree.complete
        ? `proven optimal by Lagrangian branch-and-bound: ${tree.nodes} nodes`
        : `Lagrangian branch-and-bound: ${tree.nodes} nodes, stopped at its ${tree.stoppedBy === 'nodes' ? 'node' : 'time'} limit`,
    );
  }
  if ((bestValue > lower + closeGap(bestValue) || method === 'exact') && method !== 'heuristic') {
    const size = medianModelSize(problem, conflicts);
    const fits = mipFits(size, limits, method);
    if (fits) {
      control.stage(0.7, 0.85);
      const built = buildMedianModel(problem, k, conflicts);
      model = built.model;
      const solution = await solveMipModel(built.model, {
        timeLimitSeconds: limits.mipTimeLimitSeconds,
        start: medianStart(built, problem, bestSites),
        signal: options.signal,
        seed: options.seed,
        absoluteGap: integral ? 1 - 1e-6 : 1e-6,
        loaderOptions: options.highsLoaderOptions,
        onModel: options.onModel,
      });
      if (solution.status === 'infeasible') {
        throw new InputError(`k = ${k} new sites cannot reach every demand point${conflicts ? ' under the spacing rule' : ''}`, { field: 'k' });
      }
      path = 'mip';
      if (Number.isFinite(solution.bound)) {
        const b = integral ? integralBound(solution.bound, 'lower') : solution.bound;
        if (b > lower) {
          lower = b;
          boundSource = 'mip';
        }
      }
      if (solution.values.length > 0) {
        const mipSites = medianSitesFromValues(built, solution.values);
        const v = evaluate(mipSites);
        if (v < bestValue || (v === bestValue && solution.status === 'optimal')) {
          bestValue = v;
          bestSites = mipSites;
        }
      }
      provenByMip = solution.status === 'optimal';
      if (solution.status === 'time-limit') notes.push(`MIP stopped at the time limit (${limits.mipTimeLimitSeconds} s)`);
    }
  }

  let truth: Assignment | undefined;
  if (input.cutoff) {
    const refined = refineFarMedian({ ...input, cutoff: input.cutoff }, sites, k, bestSites, lower, { seed: options.seed ?? 1 }, control, (from, to) =>
      control.stage(0.85 + 0.14 * from, 0.85 + 0.14 * to),
    );
    // The MIP proved the cut-down model optimal; that is the true optimum only when the chosen sites
    // leave no demand beyond the cutoff (true objective = model objective).
    if (refined.sites !== bestSites || refined.trueValue > bestValue * (1 + 1e-12) + 1e-9) provenByMip = false;
    if (refined.aggregatedBound) boundSource = refined.boundSource;
    truth = refined.truth;
    bestSites = refined.sites;
    lower = Math.max(lower, refined.bound);
    notes.push(...refined.notes, ...farNote(input.cutoff, truth, weights, problem.baselineCost));
  }
  control.stage(0.99, 1);
  const figures = costResultFigures(input, problem, bestSites, k, truth);
  control.report(1);
  return finishResult({
    problem: 'p-median',
    candidateIds: input.candidateIds,
    selected: bestSites,
    marginalGains: figures.removalCost,
    objective: figures.sum,
    bound: Math.min(lower, figures.sum),
    provenByMip,
    covered: figures.covered,
    baseline: figures.baseline,
    meanCost: figures.meanCost,
    maxCost: figures.maxCost,
    path,
    boundSource,
    model,
    modelRelaxed: false,
    notes,
    seconds: control.elapsedSeconds(),
  });
}
