/**
 * Capacitated maximum coverage: k new sites with capacities (day places); demand within reach of an
 * open site is assigned up to the site's capacity (demand may be split), existing facilities with
 * their capacities kept. Objective: served weight. Path: lazy greedy on "weight a site can still take"
 * → exact reassignment by maximum flow → swap search evaluated by maximum flow → MIP with HiGHS when
 * it fits (LP bound when only the relaxation fits); otherwise the submodular bound
 * f(existing) + k largest single-site values.
 */
import { InputError } from '../errors';
import { mipFits } from './mip_fit';
import { assignmentFlow } from './assignment_flow';
import { CandidateHeap, topK } from './candidate_heap';
import { solveMipModel } from './highs_solver';
import { MipModelBuilder, type MipModel } from './mip_model';
import { allIntegers, coveredFigures, finishResult, integralBound, lpTimeLimit, lpTimeoutNote, relativeGap } from './result';
import { SolveControl } from './solve_control';
import { baselineCoverage, checkCoverageSets, checkK, normaliseSites } from './siting_input';
import { pairCost } from './cost_matrix';
import { DEFAULT_LIMITS, type BoundSource, type CostMatrix, type CoverageSets, type OptimizeResult, type SitingInput, type SolveOptions, type SolvePath } from './types';

export interface CapacitatedCoverageInput extends SitingInput {
  readonly coverage: CoverageSets;
  readonly k: number;
  /** Capacity per candidate (same unit as the weights, e.g. persons or day places), ≥ 0. */
  readonly capacity: Float64Array;
  /** Demand fully served by facilities outside the model. */
  readonly baselineCovered?: Uint8Array;
  /** Same-index costs, to report the mean / max cost of the assignment found. */
  readonly costs?: CostMatrix;
}

/**
 * Solves capacitated maximum coverage.
 * @example
 *   const r = await solveCapacitatedCoverage({ coverage, k: 4, capacity, weights, candidateIds });
 *   r.covered.weight // persons assigned to a site within reach and capacity
 */
export async function solveCapacitatedCoverage(input: CapacitatedCoverageInput, options: SolveOptions = {}): Promise<OptimizeResult> {
  const control = new SolveControl(options.onProgress, options.signal);
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const method = options.method ?? 'auto';
  const { coverage, weights, capacity } = input;
  checkCoverageSets(coverage);
  const sites = normaliseSites(input, coverage.demandCount, coverage.candidateCount);
  checkK(input.k, sites.openCount);
  if (capacity.length !== coverage.candidateCount) {
    throw new InputError(`capacity has ${capacity.length} entries, expected ${coverage.candidateCount}`, { field: 'capacity' });
  }
  capacity.forEach((c, j) => {
    if (!(c >= 0) || !Number.isFinite(c)) {
      throw new InputError(`capacity must be finite and ≥ 0, got ${c} for candidate ${input.candidateIds[j]}`, { field: 'capacity' });
    }
  });
  const k = input.k;
  const outside = baselineCoverage(coverage, new Int32Array(0), input.baselineCovered);
  const residual = new Float64Array(coverage.demandCount);
  let outsideWeight = 0;
  for (let i = 0; i < residual.length; i++) {
    if (outside[i]) outsideWeight += weights[i];
    else residual[i] = weights[i];
  }
  const fixed = Array.from(sites.fixed);
  const evaluate = (chosen: readonly number[]) => assignmentFlow(coverage, residual, capacity, [...fixed, ...chosen]);
  const integral = allIntegers(weights) && allIntegers(capacity);
  const notes: string[] = ['demand may be split between sites; the assignment maximises served weight, not cost'];

  control.stage(0, 0.3);
  const base = evaluate([]);
  const afterFixed = residual.slice();
  for (let i = 0; i < afterFixed.length; i++) afterFixed[i] -= base.served[i];
  const greedy = greedyCapacitated(coverage, afterFixed, capacity, sites.open, sites.conflicts, k);
  let selected = greedy;
  let flow = evaluate(selected);
  control.stage(0.3, 0.6);
  ({ selected, flow } = swapCapacitated(coverage, residual, capacity, sites.open, sites.conflicts, selected, flow, evaluate, control));
  // Bound: f(fixed) + the k largest single-site values (submodularity), and all reachable weight.
  const single = new Float64Array(coverage.candidateCount);
  let reachable = 0;
  const reach = new Uint8Array(coverage.demandCount);
  const isFixed = new Uint8Array(coverage.candidateCount);
  for (const j of fixed) isFixed[j] = 1;
  for (let j = 0; j < coverage.candidateCount; j++) {
    if (!sites.open[j] && !isFixed[j]) continue;
    let w = 0;
    for (let p = coverage.start[j]; p < coverage.start[j + 1]; p++) {
      const i = coverage.demand[p];
      w += residual[i];
      if (!reach[i]) {
        reach[i] = 1;
        reachable += residual[i];
      }
    }
    single[j] = Math.min(capacity[j], w);
  }
  let bound = Math.min(base.value + topK(single, k, sites.open).sum, reachable) + outsideWeight;
  let boundSource: BoundSource = 'greedy';
  const roundBound = (b: number) => (integral ? integralBound(b, 'upper') : b);
  bound = roundBound(bound);
  let value = flow.value + outsideWeight;
  let path: SolvePath = 'heuristic';
  let provenByMip = false;
  let model: MipModel | null = null;
  let modelRelaxed = false;
  if ((relativeGap(value, bound) > 1e-9 || method === 'exact') && method !== 'heuristic') {
    const size = capacitatedModelSize(coverage, residual, sites.open, fixed);
    const fitsMip = mipFits(size, limits, method);
    const lpWorthIt = size.nonzeros <= limits.maxLpNonzeros && relativeGap(value, bound) > limits.lpBoundMinGap;
    if (fitsMip || lpWorthIt) {
      control.stage(0.6, 0.95);
      const built = buildCapacitatedModel(coverage, residual, capacity, sites.open, fixed, sites.conflicts, k);
      model = built.model;
      modelRelaxed = !fitsMip;
      const start = fitsMip ? new Float64Array(built.model.columnCount) : undefined;
      if (start) {
        for (const j of selected) start[built.siteColumn[j]] = 1;
        const flowSites = [...fixed, ...selected]; // the order `evaluate` used
        flow.pairs.forEach((list, s) => {
          for (const [i, f] of list) start[built.pairColumn.get(i * coverage.candidateCount + flowSites[s])!] = f;
        });
      }
      const seconds = fitsMip ? limits.mipTimeLimitSeconds : lpTimeLimit(limits, size.nonzeros);
      const solution = await solveMipModel(built.model, {
        relax: !fitsMip,
        timeLimitSeconds: seconds,
        start,
        signal: options.signal,
        seed: options.seed,
        loaderOptions: options.highsLoaderOptions,
        onModel: options.onModel,
      });
      if (Number.isFinite(solution.bound) && roundBound(solution.bound + outsideWeight) < bound) {
        bound = roundBound(solution.bound + outsideWeight);
        boundSource = fitsMip ? 'mip' : 'lp';
      } else if (!fitsMip && solution.status === 'time-limit') {
        notes.push(lpTimeoutNote(seconds, size, boundSource));
      }
      if (fitsMip && solution.values.length > 0) {
        const mipSites = built.columnSite.filter((j) => solution.values[built.siteColumn[j]] > 0.5);
        const mipFlow = evaluate(mipSites);
        if (mipFlow.value + outsideWeight > value + 1e-9 * Math.max(1, value)) {
          selected = mipSites;
          flow = mipFlow;
          value = mipFlow.value + outsideWeight;
        }
        path = 'mip';
        provenByMip = solution.status === 'optimal';
        if (solution.status === 'time-limit') notes.push(`MIP stopped at the time limit (${limits.mipTimeLimitSeconds} s)`);
      }
    } else if (size.nonzeros <= limits.maxLpNonzeros) {
      notes.push(`LP bound skipped: the gap is already ${(relativeGap(value, bound) * 100).toFixed(3)} % ≤ ${(limits.lpBoundMinGap * 100).toFixed(2)} % and the MIP is too large`);
    }
  }
  control.stage(0.95, 1);
  const open = [...fixed, ...selected];
  const served = new Uint8Array(coverage.demandCount);
  for (let i = 0; i < served.length; i++) {
    served[i] = outside[i] || (weights[i] > 0 && flow.served[i] >= weights[i] * (1 - 1e-9)) ? 1 : 0;
  }
  const figures = coveredFigures(served, weights);
  figures.weight = value;
  figures.ratio = sites.totalWeight > 0 ? value / sites.totalWeight : 0;
  let meanCost: number | null = null;
  let maxCost: number | null = null;
  if (input.costs) {
    let sum = 0;
    let total = 0;
    let max = 0;
    flow.pairs.forEach((list, s) => {
      for (const [i, f] of list) {
        const d = pairCost(input.costs!, i, open[s]);
        sum += f * d;
        total += f;
        if (d > max) max = d;
      }
    });
    meanCost = total > 0 ? sum / total : null;
    maxCost = total > 0 ? max : null;
  }
  let baselineCount = 0;
  for (let i = 0; i < served.length; i++) {
    if (weights[i] > 0 && (outside[i] || base.served[i] >= weights[i] * (1 - 1e-9))) baselineCount++;
  }
  const marginalGains = selected.map((j) => value - (evaluate(selected.filter((x) => x !== j)).value + outsideWeight));
  control.report(1);
  return finishResult({
    problem: 'capacitated-max-coverage',
    candidateIds: input.candidateIds,
    selected,
    marginalGains,
    objective: value,
    bound: Math.max(bound, value),
    provenByMip,
    covered: figures,
    baseline: { weight: base.value + outsideWeight, count: baselineCount },
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

/** Lazy greedy on g_j = min(cap_j, residual weight within reach of j); stale g_j are upper bounds. */
function greedyCapacitated(
  coverage: CoverageSets,
  residual: Float64Array,
  capacity: Float64Array,
  open: Uint8Array,
  conflicts: { start: Int32Array; neighbour: Int32Array } | null,
  k: number,
): number[] {
  const left = residual.slice();
  const gain = new Float64Array(coverage.candidateCount);
  const stamp = new Int32Array(coverage.candidateCount);
  const blocked = new Uint8Array(coverage.candidateCount);
  const heap = new CandidateHeap(coverage.candidateCount, gain);
  const value = (j: number) => {
    let w = 0;
    for (let p = coverage.start[j]; p < coverage.start[j + 1]; p++) w += left[coverage.demand[p]];
    return Math.min(capacity[j], w);
  };
  for (let j = 0; j < coverage.candidateCount; j++) {
    if (!open[j]) continue;
    gain[j] = value(j);
    if (gain[j] > 0) heap.push(j);
  }
  const selected: number[] = [];
  while (selected.length < k && heap.length > 0) {
    const j = heap.pop();
    if (blocked[j]) continue;
    if (stamp[j] !== selected.length) {
      gain[j] = value(j);
      stamp[j] = selected.length;
      if (gain[j] > 0) heap.push(j);
      continue;
    }
    selected.push(j);
    let room = capacity[j];
    for (let p = coverage.start[j]; p < coverage.start[j + 1] && room > 0; p++) {
      const i = coverage.demand[p];
      const take = Math.min(room, left[i]);
      left[i] -= take;
      room -= take;
    }
    if (conflicts) for (let q = conflicts.start[j]; q < conflicts.start[j + 1]; q++) blocked[conflicts.neighbour[q]] = 1;
  }
  return selected;
}

/** First-improvement swaps evaluated exactly by maximum flow, within a fixed evaluation budget. */
function swapCapacitated(
  coverage: CoverageSets,
  residual: Float64Array,
  capacity: Float64Array,
  open: Uint8Array,
  conflicts: { start: Int32Array; neighbour: Int32Array } | null,
  initial: number[],
  initialFlow: ReturnType<typeof assignmentFlow>,
  evaluate: (chosen: readonly number[]) => ReturnType<typeof assignmentFlow>,
  control: SolveControl,
): { selected: number[]; flow: ReturnType<typeof assignmentFlow> } {
  let selected = initial.slice();
  let flow = initialFlow;
  const budget = 400;
  let evaluations = 0;
  const singles: Array<[number, number]> = [];
  for (let j = 0; j < coverage.candidateCount; j++) {
    if (!open[j]) continue;
    let w = 0;
    for (let p = coverage.start[j]; p < coverage.start[j + 1]; p++) w += residual[coverage.demand[p]];
    singles.push([j, Math.min(capacity[j], w)]);
  }
  singles.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const pool = singles.slice(0, 30).map(([j]) => j);
  let improved = true;
  while (improved && evaluations < budget) {
    improved = false;
    for (let s = 0; s < selected.length && !improved && evaluations < budget; s++) {
      for (const u of pool) {
        if (selected.includes(u)) continue;
        const trial = selected.slice();
        trial[s] = u;
        if (conflicts && trial.some((a, x) => trial.some((b, y) => x < y && isNeighbour(conflicts, a, b)))) continue;
        control.report(evaluations / budget);
        evaluations++;
        const f = evaluate(trial);
        if (f.value > flow.value + 1e-9 * Math.max(1, flow.value)) {
          selected = trial;
          flow = f;
          improved = true;
          break;
        }
        if (evaluations >= budget) break;
      }
    }
  }
  return { selected, flow };
}

function isNeighbour(conflicts: { start: Int32Array; neighbour: Int32Array }, a: number, b: number): boolean {
  for (let q = conflicts.start[a]; q < conflicts.start[a + 1]; q++) if (conflicts.neighbour[q] === b) return true;
  return false;
}

/** Columns and nonzeros of the capacitated MIP, counted without building it. */
function capacitatedModelSize(coverage: CoverageSets, residual: Float64Array, open: Uint8Array, fixed: number[]) {
  const isFixed = new Uint8Array(coverage.candidateCount);
  for (const j of fixed) isFixed[j] = 1;
  let sites = 0;
  let pairs = 0;
  let linked = 0;
  for (let j = 0; j < coverage.candidateCount; j++) {
    if (!open[j] && !isFixed[j]) continue;
    if (open[j]) sites++;
    for (let p = coverage.start[j]; p < coverage.start[j + 1]; p++) {
      if (!(residual[coverage.demand[p]] > 0)) continue;
      pairs++;
      if (open[j]) linked++;
    }
  }
  return { columns: sites + pairs, nonzeros: 2 * pairs + 2 * linked + 2 * sites };
}

/** MIP: max Σ f_ij, Σ_j f_ij ≤ w_i, Σ_i f_ij ≤ cap_j x_j, f_ij ≤ w_i x_j, Σ x ≤ k, spacing. */
function buildCapacitatedModel(
  coverage: CoverageSets,
  residual: Float64Array,
  capacity: Float64Array,
  open: Uint8Array,
  fixed: number[],
  conflicts: { start: Int32Array; neighbour: Int32Array } | null,
  k: number,
): { model: MipModel; siteColumn: Int32Array; columnSite: number[]; pairColumn: Map<number, number> } {
  const b = new MipModelBuilder('max');
  const C = coverage.candidateCount;
  const siteColumn = new Int32Array(C).fill(-1);
  const columnSite: number[] = [];
  const isFixed = new Uint8Array(C);
  for (const j of fixed) isFixed[j] = 1;
  for (let j = 0; j < C; j++) {
    if (!open[j]) continue;
    siteColumn[j] = b.addColumn(`x${j}`, 0, 0, 1, true);
    columnSite.push(j);
  }
  const pairColumn = new Map<number, number>();
  const byDemand = new Map<number, number[]>();
  for (let j = 0; j < C; j++) {
    if (!open[j] && !isFixed[j]) continue;
    const cols: number[] = [];
    for (let p = coverage.start[j]; p < coverage.start[j + 1]; p++) {
      const i = coverage.demand[p];
      if (!(residual[i] > 0)) continue;
      const f = b.addColumn(`f${i}_${j}`, 1, 0, residual[i]);
      pairColumn.set(i * C + j, f);
      cols.push(f);
      if (!byDemand.has(i)) byDemand.set(i, []);
      byDemand.get(i)!.push(f);
      if (!isFixed[j]) b.addLessEqual([f, siteColumn[j]], [1, -residual[i]], 0);
    }
    if (isFixed[j]) b.addLessEqual(cols, cols.map(() => 1), capacity[j]);
    else b.addLessEqual([...cols, siteColumn[j]], [...cols.map(() => 1), -capacity[j]], 0);
  }
  for (const [i, cols] of byDemand) b.addLessEqual(cols, cols.map(() => 1), residual[i]);
  b.addLessEqual(columnSite.map((j) => siteColumn[j]), columnSite.map(() => 1), k);
  if (conflicts) {
    for (const a of columnSite) {
      for (let q = conflicts.start[a]; q < conflicts.start[a + 1]; q++) {
        const other = conflicts.neighbour[q];
        if (other > a && siteColumn[other] >= 0) b.addLessEqual([siteColumn[a], siteColumn[other]], [1, 1], 1);
      }
    }
  }
  return { model: b.build(), siteColumn, columnSite, pairColumn };
}
