/**
 * p-center: k new sites minimising the worst cost from a demand point (weight > 0) to its nearest
 * open site, existing facilities kept. Binary search over the sorted distinct costs; each threshold r
 * is a set-cover feasibility question "can k sites cover every demand point within r?", answered by
 * (1) a greedy cover (feasible if it needs ≤ k sites), (2) a packing of demand points no site covers
 * two of (infeasible if more than k), (3) an exact set-cover MIP with HiGHS when it fits the limits.
 * Thresholds no test decides make the result inexact; the bound is the smallest threshold not
 * proven infeasible.
 */
import { InputError } from '../errors';
import { buildCoverageModel, coverageModelSize, openCoverersByDemand, sitesFromValues } from './coverage_model';
import { greedyCoverage, type CoverageProblem } from './coverage_greedy';
import { costResultFigures } from './cost_result';
import { solveMipModel } from './highs_solver';
import { medianProblem, MedianState, type MedianProblem } from './median_state';
import type { MipModel } from './mip_model';
import { finishResult } from './result';
import { RunControl } from './run_control';
import { checkK, normaliseSites } from './siting_input';
import { DEFAULT_LIMITS, type BoundSource, type ConflictGraph, type CostMatrix, type ModelLimits, type OptimizeResult, type SitingInput, type SolveOptions } from './types';

export interface PCenterInput extends SitingInput {
  readonly costs: CostMatrix;
  readonly k: number;
  readonly baselineCost?: Float64Array;
  readonly coverCost?: number;
}

type Verdict = { feasible: true; sites: number[] } | { feasible: false; proven: boolean; byMip: boolean };

/**
 * Solves the p-center problem.
 * @example
 *   const r = await solvePCenter({ costs, k: 4, weights, candidateIds });
 *   r.objective // 7403.06… on spopt's San Francisco data
 */
export async function solvePCenter(input: PCenterInput, options: SolveOptions = {}): Promise<OptimizeResult> {
  const control = new RunControl(options.onProgress, options.signal);
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const method = options.method ?? 'auto';
  const { costs: matrix, weights } = input;
  const sites = normaliseSites(input, matrix.demandCount, matrix.candidateCount);
  checkK(input.k, sites.openCount);
  const k = input.k;
  const problem = medianProblem(input, sites.open, sites.fixed);
  const conflicts = sites.conflicts;

  // Candidate thresholds: every cost that can be someone's nearest cost.
  const values: number[] = [];
  let lowest = 0; // no solution does better than each demand's cheapest option
  for (let i = 0; i < matrix.demandCount; i++) {
    if (!(weights[i] > 0)) continue;
    const b = problem.baselineCost[i];
    let cheapest = b;
    if (Number.isFinite(b)) values.push(b);
    for (let p = matrix.rowStart[i]; p < matrix.rowStart[i + 1]; p++) {
      const d = matrix.rowCost[p];
      if (d >= b) break;
      if (!sites.open[matrix.rowCandidate[p]]) continue;
      values.push(d);
      if (d < cheapest) cheapest = d;
    }
    if (cheapest > lowest) lowest = cheapest;
  }
  const sorted = Float64Array.from(values).sort();
  const kept: number[] = [];
  for (let t = 0; t < sorted.length; t++) {
    if (sorted[t] >= lowest && (kept.length === 0 || sorted[t] !== kept[kept.length - 1])) kept.push(sorted[t]);
  }
  const thresholds = Float64Array.from(kept);
  let model: MipModel | null = null;
  let undecided = 0;
  const proofByMip = new Map<number, boolean>();
  const decide = async (t: number): Promise<Verdict> => {
    const verdict = await coverWithin(problem, thresholds[t], k, conflicts, method, limits, options, (m) => (model = m));
    if (!verdict.feasible) {
      if (verdict.proven) proofByMip.set(t, verdict.byMip);
      else undecided++;
    }
    return verdict;
  };
  // The largest threshold must be feasible, else k sites cannot reach everyone. Without demand of
  // positive weight there is nothing to serve: any sites do (threshold 0).
  const top = thresholds.length - 1;
  control.stage(0, 0.95);
  const last: Verdict = top < 0 ? { feasible: true, sites: [] } : await decide(top);
  if (!last.feasible) {
    if (last.proven) throw new InputError(`k = ${k} new sites cannot reach every demand point at any cost`, { field: 'k' });
    throw new InputError(`no k = ${k} site set reaching every demand point was found (the spacing rule may prevent it)`, { field: 'k' });
  }
  // Invariant: thresholds[≤ provenBelow] are proven infeasible, thresholds[hi] is feasible (best).
  let provenBelow = -1;
  let searchLo = 0;
  let hi = top;
  let best = last.sites;
  const steps = Math.ceil(Math.log2(Math.max(2, top + 1)));
  let step = 0;
  while (searchLo < hi) {
    control.report(++step / steps);
    const mid = (searchLo + hi) >> 1;
    const verdict = await decide(mid);
    if (verdict.feasible) {
      hi = mid;
      best = verdict.sites;
    } else {
      searchLo = mid + 1;
      if (verdict.proven) provenBelow = Math.max(provenBelow, mid);
    }
  }
  control.stage(0.95, 1);
  const filled = fillSites(problem, best, k, conflicts);
  const figures = costResultFigures(input, problem, filled, k);
  const bound = top < 0 ? 0 : Math.min(thresholds[provenBelow + 1], figures.maxCost);
  const boundSource: BoundSource = provenBelow < 0 ? 'trivial' : proofByMip.get(provenBelow) ? 'mip' : 'packing';
  control.report(1);
  return finishResult({
    problem: 'p-center',
    candidateIds: input.candidateIds,
    selected: filled,
    marginalGains: figures.removalMax,
    objective: figures.maxCost,
    bound,
    provenByMip: false,
    covered: figures.covered,
    baseline: figures.baseline,
    meanCost: figures.meanCost,
    maxCost: figures.maxCost,
    path: model !== null ? 'mip' : 'heuristic',
    boundSource,
    model,
    modelRelaxed: false,
    notes: undecided > 0 ? [`${undecided} thresholds could not be decided (heuristic only or model beyond the limits); the bound is weaker`] : [],
    seconds: control.elapsedSeconds(),
  });
}

/** Can ≤ k open sites cover every demand point (weight > 0, not served by the baseline within r)? */
async function coverWithin(
  problem: MedianProblem,
  r: number,
  k: number,
  conflicts: ConflictGraph | null,
  method: 'auto' | 'exact' | 'heuristic',
  limits: ModelLimits,
  options: SolveOptions,
  onModel: (model: MipModel) => void,
): Promise<Verdict> {
  const { matrix, weights, baselineCost, open } = problem;
  const need = new Uint8Array(matrix.demandCount);
  const unit = new Float64Array(matrix.demandCount);
  const done = new Uint8Array(matrix.demandCount);
  let needCount = 0;
  for (let i = 0; i < matrix.demandCount; i++) {
    if (weights[i] > 0 && !(baselineCost[i] <= r)) {
      need[i] = 1;
      unit[i] = 1;
      needCount++;
    } else done[i] = 1;
  }
  if (needCount === 0) return { feasible: true, sites: [] };
  const start = new Int32Array(matrix.candidateCount + 1);
  const list: number[] = [];
  for (let j = 0; j < matrix.candidateCount; j++) {
    if (open[j]) {
      for (let q = matrix.colStart[j]; q < matrix.colStart[j + 1]; q++) {
        if (matrix.colCost[q] <= r && need[matrix.colDemand[q]]) list.push(matrix.colDemand[q]);
      }
    }
    start[j + 1] = list.length;
  }
  const coverage = { demandCount: matrix.demandCount, candidateCount: matrix.candidateCount, start, demand: Int32Array.from(list) };
  const cover: CoverageProblem = { coverage, weights: unit, baseline: done, open, conflicts };
  const greedy = greedyCoverage(cover, k, undefined, needCount);
  if (greedy.value >= needCount) return { feasible: true, sites: greedy.selected };
  const byDemand = openCoverersByDemand(cover);
  for (let i = 0; i < matrix.demandCount; i++) {
    if (need[i] && byDemand.start[i + 1] === byDemand.start[i]) return { feasible: false, proven: true, byMip: false };
  }
  if (packingSize(cover, need, byDemand, k + 1) > k) return { feasible: false, proven: true, byMip: false };
  if (method === 'heuristic') return { feasible: false, proven: false, byMip: false };
  const size = coverageModelSize(cover, { kind: 'set-cover' });
  if (size.columns > limits.maxMipColumns || size.nonzeros > limits.maxMipNonzeros) {
    if (method === 'exact') {
      throw new InputError(
        `exact solve refused: a set-cover MIP would have ${size.columns} columns and ${size.nonzeros} nonzeros ` +
          `(limits ${limits.maxMipColumns} / ${limits.maxMipNonzeros})`,
        { field: 'method' },
      );
    }
    return { feasible: false, proven: false, byMip: false };
  }
  const built = buildCoverageModel(cover, { kind: 'set-cover' }, need);
  onModel(built.model);
  const solution = await solveMipModel(built.model, {
    timeLimitSeconds: limits.mipTimeLimitSeconds,
    signal: options.signal,
    seed: options.seed,
    absoluteGap: 1 - 1e-6,
    loaderOptions: options.highsLoaderOptions,
    onModel: options.onModel,
  });
  if (solution.status === 'infeasible') return { feasible: false, proven: true, byMip: true };
  if (solution.values.length > 0) {
    const sites = sitesFromValues(built, solution.values);
    if (sites.length <= k) return { feasible: true, sites };
  }
  const proven = solution.status === 'optimal' || (Number.isFinite(solution.bound) && solution.bound > k + 1e-6);
  return { feasible: false, proven, byMip: true };
}

/** Greedy packing of demand points pairwise uncoverable by one site; stops once it reaches `enough`. */
function packingSize(cover: CoverageProblem, need: Uint8Array, byDemand: { start: Int32Array; site: Int32Array }, enough: number): number {
  const { coverage } = cover;
  const order: number[] = [];
  for (let i = 0; i < need.length; i++) if (need[i]) order.push(i);
  order.sort((a, b) => byDemand.start[a + 1] - byDemand.start[a] - (byDemand.start[b + 1] - byDemand.start[b]) || a - b);
  const used = new Uint8Array(coverage.candidateCount);
  const blocked = new Uint8Array(need.length);
  let size = 0;
  for (const i of order) {
    if (blocked[i]) continue;
    if (++size >= enough) return size;
    for (let p = byDemand.start[i]; p < byDemand.start[i + 1]; p++) {
      const j = byDemand.site[p];
      if (used[j]) continue;
      used[j] = 1;
      for (let q = coverage.start[j]; q < coverage.start[j + 1]; q++) blocked[coverage.demand[q]] = 1;
    }
  }
  return size;
}

/**
 * When the cover needs fewer than k sites, adds sites that lower Σ weight × cost most (the worst
 * cost can only fall), respecting spacing.
 */
function fillSites(problem: MedianProblem, sites: number[], k: number, conflicts: ConflictGraph | null): number[] {
  const result = sites.slice();
  const state = new MedianState(problem);
  state.setSites(result);
  const { matrix, weights, open } = problem;
  while (result.length < k) {
    let bestGain = 0;
    let bestSite = -1;
    for (let j = 0; j < matrix.candidateCount; j++) {
      if (!open[j] || state.isOpen[j]) continue;
      if (conflicts && result.some((s) => neighbours(conflicts, j, s))) continue;
      let gain = 0;
      for (let q = matrix.colStart[j]; q < matrix.colStart[j + 1]; q++) {
        const diff = state.c1[matrix.colDemand[q]] - matrix.colCost[q];
        if (diff > 0) gain += weights[matrix.colDemand[q]] * diff;
      }
      if (gain > bestGain) [bestGain, bestSite] = [gain, j];
    }
    if (bestSite < 0) break;
    result.push(bestSite);
    state.setSites(result);
  }
  return result;
}

function neighbours(conflicts: ConflictGraph, a: number, b: number): boolean {
  for (let q = conflicts.start[a]; q < conflicts.start[a + 1]; q++) if (conflicts.neighbour[q] === b) return true;
  return false;
}
