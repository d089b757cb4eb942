/**
 * Maximum coverage (MCLP): k new sites maximising the demand weight within reach, existing
 * facilities kept. Path: model reduction (coverage_reduce.ts: demand with equal coverers merged,
 * dominated sites dropped; the search runs on the reduced problem) → lazy greedy (with its submodular
 * bound) → swap local search (the fast interchange of coverage_interchange.ts without spacing rules)
 * → Lagrangian relaxation (bound, and its site sets as candidate solutions; on large instances from
 * the dual packing, then smoothed-gradient steps whose rounded soft top-k starts the interchange
 * again, while the gap is above limits.lpBoundMinGap) → perturbation rounds of the interchange while
 * that gap remains → when the gap is still open and the MIP fits the limits, branch-and-bound over the
 * Lagrangian relaxation (coverage_branch.ts; method 'auto'), and if that does not close the gap
 * within its node budget (or with method 'exact') the MIP with HiGHS on the unreduced model (started
 * from the best sites); else the LP relaxation's bound if that fits. The result always carries
 * objective, bound, gap and exactness.
 */
import { mipFits } from './mip_fit';
import { buildCoverageModel, coverageStart, sitesFromValues } from './coverage_model';
import { baselineWeight, coverageValue, greedyCoverage, removalLosses, type CoverageProblem } from './coverage_greedy';
import { swapLocalSearch } from './coverage_swap';
import { fastInterchange, perturbedInterchange } from './coverage_interchange';
import { budgetSteps, lagrangianCoverageBound, packingMultipliers, smoothedCoverageBound } from './coverage_lagrangian';
import { branchAndBoundCoverage } from './coverage_branch';
import { reduceCoverage } from './coverage_reduce';
import { solveMipModel } from './highs_solver';
import type { MipModel } from './mip_model';
import { allIntegers, costFigures, coveredFigures, finishResult, integralBound, lpTimeLimit, lpTimeoutNote, nearestCosts, relativeGap } from './result';
import { SolveControl } from './solve_control';
import { baselineCosts, baselineCoverage, checkCoverageSets, checkK, normaliseSites } from './siting_input';
import { DEFAULT_LIMITS, type BoundSource, type CostMatrix, type CoverageSets, type OptimizeResult, type SitingInput, type SolveOptions, type SolvePath } from './types';

export interface MaxCoverageInput extends SitingInput {
  /** Who covers whom within the service threshold (radius or walking time). */
  readonly coverage: CoverageSets;
  /** Number of new sites. */
  readonly k: number;
  /** 1 where demand is already covered by facilities outside the candidate list. */
  readonly baselineCovered?: Uint8Array;
  /** Same-index costs, only to report meanCost / maxCost of served demand. */
  readonly costs?: CostMatrix;
  readonly baselineCost?: Float64Array;
}

export interface CoverageSolveOptions extends SolveOptions {
  /** Swap-search scans after the greedy (default 100). */
  maxSwapScans?: number;
  /** Subgradient iterations of the Lagrangian bound (default: from the instance size, 20..300). */
  lagrangianIterations?: number;
  /** Nodes of the Lagrangian branch-and-bound at most (default 20 000; 0: straight to HiGHS). */
  branchNodes?: number;
  /**
   * Multipliers the subgradient starts from: 'weights' (λ = w) or 'packing' (the greedy dual packing,
   * coverage_lagrangian.ts). Default: 'packing' when the instance size cuts the iterations below 300.
   */
  lagrangianStart?: 'weights' | 'packing';
  /**
   * Perturbation rounds of the interchange (coverage_interchange.ts) after the relaxation, when the
   * gap is above limits.lpBoundMinGap, no exact search follows (the MIP would not fit, or method
   * 'heuristic') and there are no spacing rules (default 400, 0: none), and the effort they may take
   * (InterchangeState.work; default 3e8, about 45 rounds and 0.4 s on the 1M × 10k clustered case).
   */
  perturbRounds?: number;
  perturbWork?: number;
  /**
   * Smoothed-gradient steps (coverage_lagrangian.ts smoothedCoverageBound) after a subgradient run
   * from the packing start that left the gap above limits.lpBoundMinGap (default: as many as the
   * subgradient's; 0: none).
   */
  smoothedIterations?: number;
}

/**
 * Solves maximum coverage.
 * @example
 *   const coverage = coverageFromCosts(costs, 5000);
 *   const r = await solveMaxCoverage({ coverage, k: 4, weights, candidateIds });
 *   r.objective // 875247 on spopt's San Francisco data
 */
export async function solveMaxCoverage(input: MaxCoverageInput, options: CoverageSolveOptions = {}): Promise<OptimizeResult> {
  const control = new SolveControl(options.onProgress, options.signal);
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const method = options.method ?? 'auto';
  const { coverage } = input;
  checkCoverageSets(coverage);
  const sites = normaliseSites(input, coverage.demandCount, coverage.candidateCount);
  checkK(input.k, sites.openCount);
  const k = input.k;
  const baseline = baselineCoverage(coverage, sites.fixed, input.baselineCovered);
  const problem: CoverageProblem = { coverage, weights: input.weights, baseline, open: sites.open, conflicts: sites.conflicts };
  const integral = allIntegers(input.weights);
  const notes: string[] = [];

  // The search runs on the reduced problem (same optimum); its sites map back through `site`.
  const reduction = reduceCoverage(problem, control);
  const reduced = reduction.problem;
  const original = (sites: readonly number[]) => Array.from(sites, (s) => reduction.site[s]);
  const constant = reduction.constant;

  control.stage(0, 0.15);
  const greedy = greedyCoverage(reduced, k, control);
  control.stage(0.15, 0.35);
  // Without spacing rules: the fast interchange (incremental gains); with them: the swap search that
  // respects conflicts.
  const maxSwaps = options.maxSwapScans ?? 100;
  // Its table has candidates × k cells: beyond 2e7 (160 MB) the swap search is used instead.
  const fast = !reduced.conflicts && reduced.coverage.candidateCount * Math.max(1, k) <= 2e7;
  const polish = (sites: readonly number[]) =>
    fast ? fastInterchange(reduced, reduction.coverers, sites, maxSwaps, control) : swapLocalSearch(reduced, sites, maxSwaps);
  const swapped = fast ? polish(greedy.selected) : swapLocalSearch(reduced, greedy.selected, maxSwaps, control);
  let selectedReduced = swapped.selected;
  let value = constant + swapped.value;
  let bound = constant + greedy.bound;
  let boundSource: BoundSource = 'greedy';
  let path: SolvePath = 'heuristic';
  let provenByMip = false;
  let model: MipModel | null = null;
  let modelRelaxed = false;
  if (greedy.selected.length < k) notes.push(`only ${greedy.selected.length} new sites add coverage; the others would add none`);
  const roundBound = (b: number) => (integral ? integralBound(b, 'upper') : b);
  bound = roundBound(bound);

  // Lagrangian relaxation (no HiGHS): often closes the gap by itself and finds better sites.
  let multipliers: Float64Array | undefined;
  if (relativeGap(value, bound) > 1e-9) {
    control.stage(0.35, 0.45);
    const nnz = reduced.coverage.demand.length;
    const iterations = options.lagrangianIterations ?? Math.max(20, Math.min(300, Math.round(6e8 / Math.max(1, nnz))));
    // On large instances (few iterations) started from the greedy dual packing's multipliers, far
    // below λ = w (1M × 10k clustered: 5.5 % above the incumbent, λ = w 35 %), with gentler,
    // deflected steps.
    const start = options.lagrangianStart ?? (iterations < 300 ? 'packing' : 'weights');
    const packing = start === 'packing' ? packingMultipliers(reduced, k, Math.max(1, value - constant) / k, { control, coverers: reduction.coverers }) : null;
    const steps = packing ? { theta: 1, patience: 5, deflection: 1.5 } : budgetSteps(iterations);
    const lagrangian = lagrangianCoverageBound(reduced, k, value - constant, iterations, control, integral, -Infinity, steps, packing?.lambda);
    multipliers = lagrangian.lambda;
    if (roundBound(constant + lagrangian.bound) < bound) {
      bound = roundBound(constant + lagrangian.bound);
      boundSource = 'lagrangian';
    }
    if (lagrangian.improved && constant + lagrangian.improved.value > value) {
      const polished = polish(lagrangian.improved.selected);
      selectedReduced = polished.selected;
      value = constant + polished.value;
    }
    // Still above the LP threshold after the deflected subgradient from the packing start: as many
    // smoothed-gradient steps from its best multipliers (1M × 10k clustered: 45 + 45 iterations end
    // at 2,943,938 instead of 2,956,559).
    const smoothIterations = options.smoothedIterations ?? iterations;
    if (packing && smoothIterations > 0 && relativeGap(value, bound) > limits.lpBoundMinGap) {
      control.stage(0.45, 0.6);
      const smoothed = smoothedCoverageBound(reduced, k, value - constant, smoothIterations, lagrangian.lambda, { control, integralWeights: integral });
      if (roundBound(constant + smoothed.bound) < bound) {
        bound = roundBound(constant + smoothed.bound);
        boundSource = 'lagrangian';
        multipliers = smoothed.lambda;
      }
      // Its best X(λ), and its averaged soft top-k rounded (an approximate LP solution), polished.
      for (const start of [smoothed.improved?.selected, reduced.conflicts ? undefined : smoothed.rounded]) {
        if (!start || start.length === 0) continue;
        const polished = polish(start);
        if (constant + polished.value > value) {
          selectedReduced = polished.selected;
          value = constant + polished.value;
        }
      }
    }
  }
  // A gap still above the LP threshold (e.g. 3.5 % on the 1M × 10k clustered case) and no exact
  // search to follow (the model too large for the MIP limits, or method 'heuristic'): perturbation
  // rounds of the interchange for a better solution (no spacing rules; there 2,845,202 → 2,851,793).
  const exactFollows = method !== 'heuristic' && mipFits(reduction.modelSize, limits, method);
  if (fast && !exactFollows && selectedReduced.length >= 3 && relativeGap(value, bound) > limits.lpBoundMinGap && (options.perturbRounds ?? 400) > 0) {
    control.stage(0.6, 0.65);
    const perturbed = perturbedInterchange(reduced, reduction.coverers, selectedReduced, {
      rounds: options.perturbRounds ?? 400,
      work: options.perturbWork ?? 3e8,
      seed: options.seed,
      control,
    });
    if (constant + perturbed.value > value) {
      selectedReduced = perturbed.selected;
      value = constant + perturbed.value;
    }
  }
  let selected = original(selectedReduced);
  // Size of the unreduced MIP (what HiGHS would get), counted by the reduction.
  const modelSize = () => reduction.modelSize;

  // Exact search over the Lagrangian relaxation on the reduced problem (no HiGHS).
  const branchNodes = options.branchNodes ?? 20_000;
  if (relativeGap(value, bound) > 1e-9 && method === 'auto' && branchNodes > 0 && mipFits(modelSize(), limits, method)) {
    control.stage(0.6, 0.7);
    const search = branchAndBoundCoverage(reduced, k, selectedReduced, {
      maxNodes: branchNodes,
      integral,
      lambda: multipliers,
      rootIterations: 300,
      control,
      polish,
    });
    if (constant + search.value > value) {
      selected = original(search.selected);
      value = constant + search.value;
    }
    if (roundBound(constant + search.bound) < bound) {
      bound = roundBound(constant + search.bound);
      boundSource = 'branch-and-bound';
    }
    if (search.proven) path = 'branch-and-bound';
    else notes.push(`branch-and-bound stopped after ${search.nodes} nodes; the MIP continues from its best sites`);
  }

  if ((relativeGap(value, bound) > 1e-9 || method === 'exact') && method !== 'heuristic') {
    const size = modelSize();
    const fitsMip = mipFits(size, limits, method);
    const lpWorthIt = size.nonzeros <= limits.maxLpNonzeros && relativeGap(value, bound) > limits.lpBoundMinGap;
    if (fitsMip || lpWorthIt) {
      control.stage(0.6, 0.95);
      const built = buildCoverageModel(problem, { kind: 'max-coverage', k });
      model = built.model;
      modelRelaxed = !fitsMip;
      const seconds = fitsMip ? limits.mipTimeLimitSeconds : lpTimeLimit(limits, size.nonzeros);
      const solution = await solveMipModel(built.model, {
        relax: !fitsMip,
        timeLimitSeconds: seconds,
        start: fitsMip ? coverageStart(built, problem, selected) : undefined,
        signal: options.signal,
        seed: options.seed,
        absoluteGap: integral ? 1 - 1e-6 : 1e-6,
        loaderOptions: options.highsLoaderOptions,
        onModel: options.onModel,
      });
      if (Number.isFinite(solution.bound) && roundBound(solution.bound) < bound) {
        bound = roundBound(solution.bound);
        boundSource = fitsMip ? 'mip' : 'lp';
      } else if (!fitsMip) {
        notes.push(
          solution.status === 'time-limit'
            ? lpTimeoutNote(seconds, size, boundSource)
            : `LP relaxation solved in ${solution.seconds.toFixed(1)} s without lowering the ${boundSource} bound`,
        );
      }
      if (fitsMip && solution.values.length > 0) {
        const mipSites = sitesFromValues(built, solution.values);
        const mipValue = coverageValue(problem, mipSites).value;
        if (mipValue > value || (mipValue === value && solution.status === 'optimal')) {
          selected = mipSites;
          value = mipValue;
        }
        path = 'mip';
        provenByMip = solution.status === 'optimal';
        if (solution.status === 'time-limit') notes.push(`MIP stopped at the time limit (${limits.mipTimeLimitSeconds} s)`);
      }
    } else if (size.nonzeros <= limits.maxLpNonzeros) {
      notes.push(
        `LP bound skipped: the gap is already ${(relativeGap(value, bound) * 100).toFixed(3)} % ≤ ${(limits.lpBoundMinGap * 100).toFixed(2)} % ` +
          `and the MIP is too large (${size.columns} columns, ${size.nonzeros} nonzeros)`,
      );
    } else {
      notes.push(`model too large for HiGHS (${size.columns} columns, ${size.nonzeros} nonzeros); bound from the Lagrangian relaxation`);
    }
  }

  control.stage(0.95, 1);
  // The objective as the original problem counts it (the reduced sums differ only in rounding).
  const evaluated = coverageValue(problem, selected);
  value = evaluated.value;
  const counts = evaluated.count;
  const served = new Uint8Array(coverage.demandCount);
  for (let i = 0; i < served.length; i++) served[i] = baseline[i] || counts[i] > 0 ? 1 : 0;
  let meanCost: number | null = null;
  let maxCost: number | null = null;
  if (input.costs) {
    const isOpen = new Uint8Array(coverage.candidateCount);
    for (const j of selected) isOpen[j] = 1;
    for (const j of sites.fixed) isOpen[j] = 1;
    const nearest = nearestCosts(input.costs, isOpen, baselineCosts(input.costs, new Int32Array(0), input.baselineCost));
    ({ meanCost, maxCost } = costFigures(nearest, input.weights, served));
  }
  let baselineCount = 0;
  for (let i = 0; i < baseline.length; i++) if (baseline[i] && input.weights[i] > 0) baselineCount++;
  control.report(1);
  return finishResult({
    problem: 'max-coverage',
    candidateIds: input.candidateIds,
    selected,
    marginalGains: removalLosses(problem, selected),
    objective: value,
    bound: Math.max(bound, value),
    provenByMip,
    covered: coveredFigures(served, input.weights),
    baseline: { weight: baselineWeight(input.weights, baseline), count: baselineCount },
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
