/**
 * The p-center threshold search on a MedianProblem (the main model, or the aggregated relaxation of a
 * cut-down straight-line model). Binary search over the sorted distinct option costs; each threshold r
 * is a set-cover feasibility question "can k sites cover every demand point within r?", answered by
 * (1) a greedy cover (feasible if it needs ≤ k sites), (2) a packing of demand points no site covers
 * two of (infeasible if more than k), (3) a Lagrangian set-cover bound (infeasible if above k), (4) an
 * exact set-cover MIP with HiGHS when it fits the limits. Thresholds no test decides make the bound
 * weaker; the bound is the smallest threshold not proven infeasible.
 */
import { mipFits } from './mip_fit';
import { InputError } from '../errors';
import { buildCoverageModel, coverageModelSize, openCoverersByDemand, sitesFromValues } from './coverage_model';
import { greedyCoverage, type CoverageProblem } from './coverage_greedy';
import { swapLocalSearch } from './coverage_swap';
import { solveMipModel } from './highs_solver';
import { MedianState, type MedianProblem } from './median_state';
import type { MipModel } from './mip_model';
import type { SolveControl } from './solve_control';
import { setCoverBound } from './set_cover_bound';
import { reduceSetCover } from './set_cover_reduce';
import type { BoundSource, ConflictGraph, CoverageSets, ModelLimits, SolveOptions } from './types';

type Proof = 'packing' | 'lagrangian' | 'mip';
type Verdict = { feasible: true; sites: number[] } | { feasible: false; proof: Proof | null };

export interface CenterSearchResult {
  /** k sites (fewer only when no further site lowers any cost) of the best threshold found. */
  sites: number[];
  /** Smallest threshold not proven infeasible: a lower bound on this model's optimum (0: nothing to serve). */
  bound: number;
  boundSource: BoundSource;
  /** The last set-cover MIP handed to HiGHS, if any. */
  model: MipModel | null;
  /** Thresholds tested that no test could decide. */
  undecided: number;
}

/**
 * @example (await centerSearch(problem, 4, null, 'auto', DEFAULT_LIMITS, {}, control)).bound
 */
export async function centerSearch(
  problem: MedianProblem,
  k: number,
  conflicts: ConflictGraph | null,
  method: 'auto' | 'exact' | 'heuristic',
  limits: ModelLimits,
  options: SolveOptions,
  control: SolveControl,
): Promise<CenterSearchResult> {
  const thresholds = centerThresholds(problem);
  let model: MipModel | null = null;
  let undecided = 0;
  const proofs = new Map<number, Proof>();
  const decide = async (t: number): Promise<Verdict> => {
    const verdict = await coverWithin(problem, thresholds[t], k, conflicts, method, limits, options, control, (m) => (model = m));
    if (!verdict.feasible) {
      if (verdict.proof) proofs.set(t, verdict.proof);
      else undecided++;
    }
    return verdict;
  };
  // The largest threshold must be feasible, else k sites cannot reach everyone. Without demand of
  // positive weight there is nothing to serve: any sites do (threshold 0).
  const top = thresholds.length - 1;
  const last: Verdict = top < 0 ? { feasible: true, sites: [] } : await decide(top);
  if (!last.feasible) {
    if (last.proof) throw new InputError(`k = ${k} new sites cannot reach every demand point at any cost`, { field: 'k' }, { reason: 'optimizer_center_unreachable', params: { k } });
    throw new InputError(`no k = ${k} site set reaching every demand point was found (the spacing rule may prevent it)`, { field: 'k' }, {
      reason: 'optimizer_center_not_found',
      params: { k },
    });
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
      if (verdict.proof) provenBelow = Math.max(provenBelow, mid);
    }
  }
  // Undecided thresholds were passed over as if infeasible; the largest threshold still provably
  // infeasible lies between the last proof and them (proofs get easier as the threshold falls).
  let proveLo = provenBelow + 1;
  let proveHi = searchLo - 1;
  while (proveLo <= proveHi) {
    control.report(++step / (steps + 1));
    const mid = (proveLo + proveHi) >> 1;
    const verdict = await decide(mid);
    if (verdict.feasible) {
      best = verdict.sites;
      proveHi = mid - 1;
    } else if (verdict.proof) {
      provenBelow = mid;
      proveLo = mid + 1;
    } else proveHi = mid - 1;
  }
  const sites = fillSites(problem, best, k, conflicts);
  const bound = top < 0 ? 0 : thresholds[provenBelow + 1];
  const boundSource: BoundSource = provenBelow < 0 ? 'trivial' : (proofs.get(provenBelow) ?? 'packing');
  return { sites, bound, boundSource, model, undecided };
}

/** Every cost that can be someone's nearest cost, at least the largest cheapest option, sorted, distinct. */
function centerThresholds(problem: MedianProblem): Float64Array {
  const { matrix, weights, baselineCost, open } = problem;
  const values = new Float64Array(matrix.rowCost.length + matrix.demandCount);
  let n = 0;
  let lowest = 0; // no solution does better than each demand's cheapest option
  for (let i = 0; i < matrix.demandCount; i++) {
    if (!(weights[i] > 0)) continue;
    const b = baselineCost[i];
    let cheapest = b;
    if (Number.isFinite(b)) values[n++] = b;
    for (let p = matrix.rowStart[i]; p < matrix.rowStart[i + 1]; p++) {
      const d = matrix.rowCost[p];
      if (d >= b) break;
      if (!open[matrix.rowCandidate[p]]) continue;
      values[n++] = d;
      if (d < cheapest) cheapest = d;
    }
    if (cheapest > lowest) lowest = cheapest;
  }
  const sorted = values.subarray(0, n).sort();
  let m = 0;
  for (let t = 0; t < n; t++) {
    if (sorted[t] >= lowest && (m === 0 || sorted[t] !== sorted[m - 1])) sorted[m++] = sorted[t];
  }
  return sorted.slice(0, m);
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
  control: SolveControl,
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
  // A near miss: swaps often close it (the greedy cover is a weak feasibility test near the optimum).
  if (greedy.selected.length === k && greedy.value >= 0.97 * needCount) {
    const swapped = swapLocalSearch(cover, greedy.selected, 10, control);
    if (swapped.value >= needCount) return { feasible: true, sites: swapped.selected };
  }
  const byDemand = openCoverersByDemand(cover);
  for (let i = 0; i < matrix.demandCount; i++) {
    if (need[i] && byDemand.start[i + 1] === byDemand.start[i]) return { feasible: false, proof: 'packing' };
  }
  const packing = packingSize(cover, need, byDemand, k + 1);
  if (packing.size > k) return { feasible: false, proof: 'packing' };
  // Lagrangian set cover, seeded with the packing (u = 1 on it: L = its size); work ~ iterations × pairs.
  const iterations = Math.max(30, Math.min(300, Math.round(1e8 / Math.max(1, list.length))));
  if (setCoverBound({ coverage, open, byDemand }, need, k, iterations, packing.members, control) > k + 1e-9) {
    return { feasible: false, proof: 'lagrangian' };
  }
  if (method === 'heuristic') return { feasible: false, proof: null };
  // With method 'auto', a model beyond the limits is shrunk by row and column dominance
  // (set_cover_reduce.ts; not under spacing conflicts, which the column rule would ignore).
  let modelCover = cover;
  let modelNeed: Uint8Array = need;
  const plainFits = mipFits(coverageModelSize(cover, { kind: 'set-cover' }), limits, 'auto');
  const reduced = method !== 'auto' || conflicts || plainFits ? null : reduceSetCover(coverage, open, need);
  if (reduced && reduced.removedRows + reduced.removedColumns > 0) {
    modelNeed = reduced.need;
    const keptUnit = new Float64Array(matrix.demandCount);
    const keptDone = new Uint8Array(matrix.demandCount);
    for (let i = 0; i < matrix.demandCount; i++) {
      keptUnit[i] = modelNeed[i];
      keptDone[i] = modelNeed[i] ? 0 : 1;
    }
    modelCover = { coverage, weights: keptUnit, baseline: keptDone, open: reduced.open, conflicts };
  }
  const size = coverageModelSize(modelCover, { kind: 'set-cover' });
  if (!mipFits(size, limits, method, 'a set-cover MIP')) {
    return { feasible: false, proof: null };
  }
  const built = buildCoverageModel(modelCover, { kind: 'set-cover' }, modelNeed);
  onModel(built.model);
  const solution = await solveMipModel(built.model, {
    timeLimitSeconds: limits.mipTimeLimitSeconds,
    signal: options.signal,
    seed: options.seed,
    absoluteGap: 1 - 1e-6,
    loaderOptions: options.highsLoaderOptions,
    onModel: options.onModel,
  });
  if (solution.status === 'infeasible') return { feasible: false, proof: 'mip' };
  if (solution.values.length > 0) {
    const sites = sitesFromValues(built, solution.values);
    if (sites.length <= k && coversAll(coverage, sites, need)) return { feasible: true, sites };
  }
  const proven = solution.status === 'optimal' || (Number.isFinite(solution.bound) && solution.bound > k + 1e-6);
  return { feasible: false, proof: proven ? 'mip' : null };
}

/** True when `sites` cover every demand point with need[i] = 1. */
function coversAll(coverage: CoverageSets, sites: readonly number[], need: Uint8Array): boolean {
  const hit = new Uint8Array(need.length);
  for (const j of sites) for (let q = coverage.start[j]; q < coverage.start[j + 1]; q++) hit[coverage.demand[q]] = 1;
  for (let i = 0; i < need.length; i++) if (need[i] && !hit[i]) return false;
  return true;
}

/**
 * Greedy packing of demand points pairwise uncoverable by one site; stops once it reaches `enough`.
 * `members` is 1 on the packed points (a dual-feasible start for the Lagrangian).
 */
function packingSize(
  cover: CoverageProblem,
  need: Uint8Array,
  byDemand: { start: Int32Array; site: Int32Array },
  enough: number,
): { size: number; members: Float64Array } {
  const { coverage } = cover;
  const order: number[] = [];
  for (let i = 0; i < need.length; i++) if (need[i]) order.push(i);
  order.sort((a, b) => byDemand.start[a + 1] - byDemand.start[a] - (byDemand.start[b + 1] - byDemand.start[b]) || a - b);
  const used = new Uint8Array(coverage.candidateCount);
  const blocked = new Uint8Array(need.length);
  const members = new Float64Array(need.length);
  let size = 0;
  for (const i of order) {
    if (blocked[i]) continue;
    members[i] = 1;
    if (++size >= enough) return { size, members };
    for (let p = byDemand.start[i]; p < byDemand.start[i + 1]; p++) {
      const j = byDemand.site[p];
      if (used[j]) continue;
      used[j] = 1;
      for (let q = coverage.start[j]; q < coverage.start[j + 1]; q++) blocked[coverage.demand[q]] = 1;
    }
  }
  return { size, members };
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
