/**
 * Fewest new sites (LSCP): cover every demand point with weight > 0 within the threshold, or a
 * target share of the total weight (`targetShare` 0.9), existing facilities kept. Path: greedy set
 * cover + redundancy removal → exact MIP when it fits (LP bound when only the relaxation fits) →
 * otherwise combinatorial bounds (k largest singletons; a packing of demand points no site can cover
 * two of).
 */
import { InputError } from '../errors';
import { mipFits } from './mip_fit';
import { buildCoverageModel, coverageModelSize, coverageStart, openCoverersByDemand, sitesFromValues, type CoverageModelKind } from './coverage_model';
import { baselineWeight, coverageValue, greedyCoverage, removalLosses, type CoverageProblem } from './coverage_greedy';
import { solveMipModel } from './highs_solver';
import type { MipModel } from './mip_model';
import { allIntegers, costFigures, coveredFigures, finishResult, integralBound, lpTimeLimit, lpTimeoutNote, nearestCosts } from './result';
import { siteCountSearch } from './min_facilities_search';
import { reduceSetCover } from './set_cover_reduce';
import { SolveControl } from './solve_control';
import { baselineCosts, baselineCoverage, checkCoverageSets, demandLabel, normaliseSites } from './siting_input';
import { DEFAULT_LIMITS, type BoundSource, type CostMatrix, type CoverageSets, type OptimizeResult, type SitingInput, type SolveOptions, type SolvePath } from './types';

export interface MinFacilitiesInput extends SitingInput {
  readonly coverage: CoverageSets;
  /** Share of the total weight to cover, in (0, 1]; default 1 (every demand point with weight > 0). */
  readonly targetShare?: number;
  readonly baselineCovered?: Uint8Array;
  readonly costs?: CostMatrix;
  readonly baselineCost?: Float64Array;
}

/**
 * Solves the minimum-facilities (location set covering) problem.
 * @example
 *   const r = await solveMinFacilities({ coverage: coverageFromCosts(costs, 5000), weights, candidateIds });
 *   r.objective // 8 on spopt's San Francisco data
 */
export async function solveMinFacilities(input: MinFacilitiesInput, options: SolveOptions = {}): Promise<OptimizeResult> {
  const control = new SolveControl(options.onProgress, options.signal);
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const method = options.method ?? 'auto';
  const { coverage, weights } = input;
  checkCoverageSets(coverage);
  const sites = normaliseSites(input, coverage.demandCount, coverage.candidateCount);
  const share = input.targetShare ?? 1;
  if (!(share > 0 && share <= 1)) {
    throw new InputError(`targetShare must be in (0, 1], got ${share}`, { field: 'targetShare' });
  }
  const baseline = baselineCoverage(coverage, sites.fixed, input.baselineCovered);
  const problem: CoverageProblem = { coverage, weights, baseline, open: sites.open, conflicts: sites.conflicts };
  const full = share === 1;
  const base = baselineWeight(weights, baseline);

  // What can be reached at all, to refuse impossible targets with a precise message.
  const byDemand = openCoverersByDemand(problem);
  let reachableWeight = base;
  const unreachable: number[] = [];
  const mustCover = new Uint8Array(coverage.demandCount);
  for (let i = 0; i < coverage.demandCount; i++) {
    if (baseline[i] || !(weights[i] > 0)) continue;
    if (byDemand.start[i + 1] > byDemand.start[i]) {
      reachableWeight += weights[i];
      mustCover[i] = 1;
    } else unreachable.push(i);
  }
  const total = sites.totalWeight;
  const required = full ? reachableWeight : share * total;
  if (full && unreachable.length > 0) {
    const names = unreachable.slice(0, 5).map((i) => demandLabel(input, i)).join(', ');
    throw new InputError(
      `${unreachable.length} demand points are beyond the threshold of every eligible candidate (${names}${unreachable.length > 5 ? ', …' : ''}); ` +
        `full coverage is impossible, at most ${formatShare(reachableWeight, total)} of the weight can be covered`,
      { field: 'targetShare' },
    );
  }
  if (reachableWeight < required * (1 - 1e-12)) {
    throw new InputError(
      `target ${formatShare(required, total)} cannot be reached: at most ${formatShare(reachableWeight, total)} of the weight is within reach`,
      { field: 'targetShare' },
    );
  }
  const notes: string[] = [];
  const spec: CoverageModelKind = full ? { kind: 'set-cover' } : { kind: 'partial-cover', requiredWeight: required };

  control.stage(0, 0.2);
  let selected: number[] | null = null;
  if (required <= base * (1 + 1e-12)) selected = [];
  else {
    const greedy = greedyCoverage(problem, sites.openCount, control, required * (1 - 1e-12));
    if (greedy.value >= required * (1 - 1e-12)) selected = dropRedundant(problem, greedy.selected, required);
    else notes.push('the greedy could not reach the target under the spacing rule');
  }
  const bound = combinatorialBound(problem, required - base, full ? mustCover : null, byDemand);
  let boundSource: BoundSource = bound.source;
  let lower = bound.value;
  let path: SolvePath = 'heuristic';
  let provenByMip = false;
  let model: MipModel | null = null;
  let modelRelaxed = false;
  // With method 'auto', a full cover beyond the MIP limits is shrunk by row and column dominance
  // (set_cover_reduce.ts; not under spacing conflicts): the fewest sites of the reduced model are the
  // fewest overall. ('exact' keeps judging the limits on the model as given.)
  let modelProblem = problem;
  let modelCover: Uint8Array = mustCover;
  let size = coverageModelSize(problem, spec);
  if (method === 'auto' && full && !problem.conflicts && !mipFits(size, limits, 'auto')) {
    const reduced = reduceSetCover(coverage, sites.open, mustCover);
    if (reduced && reduced.removedRows + reduced.removedColumns > 0) {
      const keptWeight = new Float64Array(coverage.demandCount);
      const keptDone = new Uint8Array(coverage.demandCount);
      for (let i = 0; i < coverage.demandCount; i++) {
        keptWeight[i] = reduced.need[i];
        keptDone[i] = reduced.need[i] ? 0 : 1;
      }
      modelProblem = { coverage, weights: keptWeight, baseline: keptDone, open: reduced.open, conflicts: null };
      modelCover = reduced.need;
      size = coverageModelSize(modelProblem, spec);
      notes.push(`set-cover model reduced by dominance: ${reduced.removedRows} demand rows and ${reduced.removedColumns} site columns dropped`);
    }
  }
  const fitsMip = mipFits(size, limits, method);

  // Too large for the exact MIP: a tighter bound and fewer sites through max-coverage with k sites.
  let searched = false;
  if (selected !== null && selected.length > lower && !(fitsMip && method !== 'heuristic')) {
    searched = true;
    control.stage(0.2, 0.6);
    const search = siteCountSearch(problem, required, lower, selected, allIntegers(weights), control);
    if (search.sites && search.sites.length < selected.length) selected = dropRedundant(problem, search.sites, required);
    if (search.raised && search.lower > lower) {
      lower = search.lower;
      boundSource = 'lagrangian';
    }
  }

  const open = selected === null || selected.length > lower || method === 'exact';
  if (open && method !== 'heuristic' && searched && !fitsMip) {
    notes.push(
      `LP bound skipped: the max-coverage Lagrangian bounds the same relaxation (${size.columns} columns, ${size.nonzeros} nonzeros; ` +
        'at least as many sites are needed as the fewest whose relaxed coverage reaches the target)',
    );
  } else if (open && method !== 'heuristic') {
    if (fitsMip || size.nonzeros <= limits.maxLpNonzeros) {
      control.stage(0.6, 0.95);
      const built = buildCoverageModel(modelProblem, spec, modelCover);
      model = built.model;
      modelRelaxed = !fitsMip;
      const seconds = fitsMip ? limits.mipTimeLimitSeconds : lpTimeLimit(limits, size.nonzeros);
      const solution = await solveMipModel(built.model, {
        relax: !fitsMip,
        timeLimitSeconds: seconds,
        // A reduced model may lack the greedy's sites: no start then.
        start: fitsMip && selected && modelProblem === problem ? coverageStart(built, problem, selected) : undefined,
        signal: options.signal,
        seed: options.seed,
        absoluteGap: 1 - 1e-6,
        loaderOptions: options.highsLoaderOptions,
        onModel: options.onModel,
      });
      if (solution.status === 'infeasible') {
        throw new InputError('no set of eligible sites reaches the target under the spacing rule', { field: 'minSpacingM' });
      }
      if (Number.isFinite(solution.bound) && integralBound(solution.bound, 'lower') > lower) {
        lower = integralBound(solution.bound, 'lower');
        boundSource = fitsMip ? 'mip' : 'lp';
      } else if (!fitsMip && solution.status === 'time-limit') {
        notes.push(lpTimeoutNote(seconds, size, boundSource));
      }
      if (fitsMip && solution.values.length > 0) {
        const mipSites = sitesFromValues(built, solution.values);
        const reaches = modelProblem === problem || coverageValue(problem, mipSites).value >= required * (1 - 1e-12);
        if (reaches && (selected === null || mipSites.length <= selected.length)) selected = mipSites;
        path = 'mip';
        provenByMip = reaches && solution.status === 'optimal';
        if (solution.status === 'time-limit') notes.push(`MIP stopped at the time limit (${limits.mipTimeLimitSeconds} s)`);
      }
    }
  }
  if (selected === null) {
    throw new InputError('no set of eligible sites reaching the target was found under the spacing rule', {
      field: 'minSpacingM',
    });
  }
  control.stage(0.95, 1);
  const counts = coverageValue(problem, selected).count;
  const served = new Uint8Array(coverage.demandCount);
  for (let i = 0; i < served.length; i++) served[i] = baseline[i] || counts[i] > 0 ? 1 : 0;
  let meanCost: number | null = null;
  let maxCost: number | null = null;
  if (input.costs) {
    const isOpen = new Uint8Array(coverage.candidateCount);
    for (const j of selected) isOpen[j] = 1;
    for (const j of sites.fixed) isOpen[j] = 1;
    const nearest = nearestCosts(input.costs, isOpen, baselineCosts(input.costs, new Int32Array(0), input.baselineCost));
    ({ meanCost, maxCost } = costFigures(nearest, weights, served));
  }
  let baselineCount = 0;
  for (let i = 0; i < baseline.length; i++) if (baseline[i] && weights[i] > 0) baselineCount++;
  control.report(1);
  return finishResult({
    problem: 'min-facilities',
    candidateIds: input.candidateIds,
    selected,
    marginalGains: removalLosses(problem, selected),
    objective: selected.length,
    bound: Math.min(lower, selected.length),
    provenByMip,
    covered: coveredFigures(served, weights),
    baseline: { weight: base, count: baselineCount },
    meanCost,
    maxCost,
    path,
    boundSource,
    model,
    modelRelaxed,
    notes,
    seconds: control.elapsedSeconds(),
  });
}

/** Removes sites (smallest removal loss first) while the covered weight stays ≥ required. */
function dropRedundant(problem: CoverageProblem, selected: number[], required: number): number[] {
  let current = selected.slice();
  let value = coverageValue(problem, current).value;
  for (;;) {
    const losses = removalLosses(problem, current);
    let best = -1;
    for (let s = 0; s < current.length; s++) {
      if (value - losses[s] >= required * (1 - 1e-12) && (best < 0 || losses[s] < losses[best])) best = s;
    }
    if (best < 0) return current;
    value -= losses[best];
    current = current.filter((_, s) => s !== best);
  }
}

/**
 * Lower bounds on the number of new sites: (a) the fewest candidates whose singleton weights can add
 * up to the missing weight; (b) for full cover, a set of demand points no single site covers two of.
 */
function combinatorialBound(
  problem: CoverageProblem,
  missingWeight: number,
  mustCover: Uint8Array | null,
  byDemand: { start: Int32Array; site: Int32Array },
): { value: number; source: BoundSource } {
  const { coverage, weights, baseline, open } = problem;
  if (missingWeight <= 0) return { value: 0, source: 'trivial' };
  const singles: number[] = [];
  for (let j = 0; j < coverage.candidateCount; j++) {
    if (!open[j]) continue;
    let v = 0;
    for (let p = coverage.start[j]; p < coverage.start[j + 1]; p++) if (!baseline[coverage.demand[p]]) v += weights[coverage.demand[p]];
    singles.push(v);
  }
  singles.sort((a, b) => b - a);
  let sum = 0;
  let bySingles = 0;
  while (bySingles < singles.length && sum < missingWeight * (1 - 1e-12)) sum += singles[bySingles++];
  if (!mustCover) return { value: bySingles, source: 'greedy' };
  // Packing: pick demand points with the fewest coverers first; block everything their coverers reach.
  const order: number[] = [];
  for (let i = 0; i < coverage.demandCount; i++) if (mustCover[i]) order.push(i);
  order.sort((a, b) => byDemand.start[a + 1] - byDemand.start[a] - (byDemand.start[b + 1] - byDemand.start[b]) || a - b);
  const usedSite = new Uint8Array(coverage.candidateCount);
  const blocked = new Uint8Array(coverage.demandCount);
  let packing = 0;
  for (const i of order) {
    if (blocked[i]) continue;
    packing++;
    for (let p = byDemand.start[i]; p < byDemand.start[i + 1]; p++) {
      const j = byDemand.site[p];
      if (usedSite[j]) continue;
      usedSite[j] = 1;
      for (let q = coverage.start[j]; q < coverage.start[j + 1]; q++) blocked[coverage.demand[q]] = 1;
    }
  }
  return packing > bySingles ? { value: packing, source: 'packing' } : { value: bySingles, source: 'greedy' };
}

function formatShare(weight: number, total: number): string {
  return total > 0 ? `${((100 * weight) / total).toFixed(2)} %` : '0 %';
}
