/**
 * p-median: k new sites minimising Σ weight × cost to the nearest open site (existing facilities
 * kept). Path: greedy → fast interchange → Lagrangian lower bound (its site sets polished by local
 * search) → seeded variable-neighbourhood search until the bound is met or the rounds are used →
 * exact MIP with HiGHS when the gap is still open and the model fits the limits.
 */
import { InputError } from '../errors';
import { solveMipModel } from './highs_solver';
import { buildMedianModel, medianModelSize, medianSitesFromValues, medianStart } from './median_model';
import { lagrangianMedianBound } from './median_lagrangian';
import { greedyMedian, interchange, vnsMedian } from './median_search';
import { medianProblem, MedianState } from './median_state';
import type { MipModel } from './mip_model';
import { mulberry32 } from './random';
import { allIntegers, finishResult, integralBound } from './result';
import { RunControl } from './run_control';
import { checkK, normaliseSites } from './siting_input';
import { DEFAULT_LIMITS, type BoundSource, type CostMatrix, type OptimizeResult, type SitingInput, type SolveOptions, type SolvePath } from './types';
import { costResultFigures } from './cost_result';

export interface PMedianInput extends SitingInput {
  readonly costs: CostMatrix;
  readonly k: number;
  /** Cost per demand to facilities outside the candidate list (Infinity where none). */
  readonly baselineCost?: Float64Array;
  /** Demand with cost ≤ coverCost counts as covered in the result (default: any reachable demand). */
  readonly coverCost?: number;
}

export interface MedianSolveOptions extends SolveOptions {
  /** Variable-neighbourhood rounds after the first local optimum (default from the size). */
  vnsRounds?: number;
  /** Subgradient iterations of the Lagrangian bound (default 600). */
  lagrangianIterations?: number;
}

/**
 * Solves the p-median problem.
 * @example
 *   const r = await solvePMedian({ costs, k: 4, weights, candidateIds });
 *   r.meanCost // 2982.1268579890657 on spopt's San Francisco data
 */
export async function solvePMedian(input: PMedianInput, options: MedianSolveOptions = {}): Promise<OptimizeResult> {
  const control = new RunControl(options.onProgress, options.signal);
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const method = options.method ?? 'auto';
  const { costs: matrix, weights } = input;
  const sites = normaliseSites(input, matrix.demandCount, matrix.candidateCount);
  checkK(input.k, sites.openCount);
  const k = input.k;
  const problem = medianProblem(input, sites.open, sites.fixed);
  const conflicts = sites.conflicts;
  const integral = allIntegers(weights) && allIntegers(matrix.rowCost);
  // Gap below which the incumbent is proven optimal: < 1 for integer data, else relative 1e-9.
  const closeGap = (value: number) => (integral ? 1 - 1e-9 : 1e-9 * Math.max(1, Math.abs(value)));
  const notes: string[] = [];
  const state = new MedianState(problem);
  const evaluate = (s: number[]) => {
    state.setSites(s);
    return state.objective();
  };

  control.stage(0, 0.1);
  state.setSites(greedyMedian(problem, k, conflicts));
  interchange(state, conflicts, 50 * k + 100, control);
  let bestSites = state.selected.slice();
  let bestValue = state.objective();

  control.stage(0.1, 0.5);
  const lagrangian = lagrangianMedianBound(
    problem,
    k,
    state.c1,
    bestValue,
    options.lagrangianIterations ?? 600,
    closeGap(bestValue),
    evaluate,
    control,
  );
  let lower = integral ? integralBound(lagrangian.bound, 'lower') : lagrangian.bound;
  let boundSource: BoundSource = 'lagrangian';
  const consider = (candidate: number[]) => {
    state.setSites(candidate);
    interchange(state, conflicts, 50 * k + 100, control);
    const v = state.objective();
    if (v < bestValue) {
      bestValue = v;
      bestSites = state.selected.slice();
    }
  };
  for (const candidate of lagrangian.candidates) {
    if (bestValue <= lower + closeGap(bestValue)) break;
    if (!conflicts) consider(candidate);
  }

  control.stage(0.5, 0.8);
  if (bestValue > lower + closeGap(bestValue)) {
    state.setSites(bestSites);
    const rounds = options.vnsRounds ?? defaultRounds(matrix.rowCost.length, k);
    vnsMedian(state, conflicts, rounds, mulberry32(options.seed ?? 1), control, lower + closeGap(bestValue));
    const v = state.objective();
    if (v < bestValue) {
      bestValue = v;
      bestSites = state.selected.slice();
    }
  }

  let path: SolvePath = 'heuristic';
  let provenByMip = false;
  let model: MipModel | null = null;
  if (bestValue > lower + closeGap(bestValue) && method !== 'heuristic') {
    const size = medianModelSize(problem, conflicts);
    const fits = size.columns <= limits.maxMipColumns && size.nonzeros <= limits.maxMipNonzeros;
    if (method === 'exact' && !fits) {
      throw new InputError(
        `exact solve refused: the MIP would have ${size.columns} columns and ${size.nonzeros} nonzeros ` +
          `(limits ${limits.maxMipColumns} / ${limits.maxMipNonzeros})`,
        { field: 'method' },
      );
    }
    if (fits) {
      control.stage(0.8, 0.97);
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

  control.stage(0.97, 1);
  const figures = costResultFigures(input, problem, bestSites, k);
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

/** VNS rounds: more for small instances, fewer when one local search is expensive. */
function defaultRounds(pairs: number, k: number): number {
  const work = pairs * Math.max(1, Math.log2(k + 1));
  return Math.max(10, Math.min(200, Math.round(4e7 / Math.max(1, work))));
}
