/**
 * Exact maximum coverage by branch-and-bound over the Lagrangian relaxation (Galvão & ReVelle 1996;
 * Downs & Camm 1996), for a reduced problem (coverage_reduce.ts: no baseline, every site open).
 *
 * Node: sites fixed in (F1, conflict-free), sites fixed out (F0), k' = k − |F1| left. Relaxing the
 * coverage rows of the demand F1 leaves uncovered with multipliers 0 ≤ λ_i ≤ w_i gives the upper bound
 *   L(λ) = w(covered by F1) + Σ_{i uncovered} (w_i − λ_i) + (sum of the k' largest c_j > 0 over free j),
 *   c_j = Σ_{i∈N(j), uncovered} λ_i,
 * lowered by subgradient steps (warm-started from the parent). The relaxed site set F1 ∪ T (T: the
 * k' largest) is a solution when it respects the spacing conflicts, and becomes the incumbent when
 * better. Penalty tests with the same λ: a free j outside T forced in gives L − c_(k') + c_j, a j in T
 * forced out gives L − c_j + c_(k'+1); when that is not above the incumbent, j is fixed out (in) below
 * this node. A node is pruned when L is not above the incumbent; otherwise it branches on the j in T
 * with the largest c_j (in first, then out). Depth first, with a node budget: when it runs out the
 * bound returned is the largest bound of a node not yet closed (always valid).
 */
import { topK } from './candidate_heap';
import { reduceCoverage } from './coverage_reduce';
import type { CoverageProblem } from './coverage_greedy';
import type { SolveControl } from './solve_control';

export interface BranchResult {
  /** Best site set found (indices of the reduced problem) and its covered weight. */
  selected: number[];
  value: number;
  /** Upper bound on the optimum: equal to `value` (within the tolerance) when `proven`. */
  bound: number;
  proven: boolean;
  nodes: number;
}

export interface BranchOptions {
  /** Nodes at most (default 20 000). */
  maxNodes?: number;
  /** Subgradient iterations at the root (default 300) and at other nodes (default 20). */
  rootIterations?: number;
  nodeIterations?: number;
  /** Weights are integers: bounds round down. */
  integral?: boolean;
  /** Local search run on every new incumbent (e.g. the swap search). */
  polish?: (sites: readonly number[]) => { selected: number[]; value: number };
  control?: SolveControl;
  /** Multipliers to start the root from (e.g. those of an earlier Lagrangian run); default λ = w. */
  lambda?: Float64Array;
  /** A value already reached elsewhere (the incumbent of an enclosing search): only better counts. */
  floor?: number;
  /** Nesting of restricted searches (internal). */
  depth?: number;
}

interface Node {
  /** Sites fixed in (stack order) and out (marks). */
  fixedIn: number[];
  fixedOut: number[];
  /** Bound of the parent (valid for this node until it is solved). */
  parentBound: number;
  lambda: Float64Array;
}

/**
 * Solves max-coverage of `problem` (baseline empty, all sites open) with at most k sites, starting from
 * an incumbent site set.
 * @example branchAndBoundCoverage(reduced.problem, 10, greedySites).proven // true when optimal
 */
export function branchAndBoundCoverage(problem: CoverageProblem, k: number, incumbent: readonly number[], options: BranchOptions = {}): BranchResult {
  const { coverage, weights, conflicts } = problem;
  const { start, demand, candidateCount, demandCount } = coverage;
  const integral = options.integral ?? false;
  const maxNodes = options.maxNodes ?? 20_000;
  const rootIterations = options.rootIterations ?? 300;
  const nodeIterations = options.nodeIterations ?? 20;

  const seen = new Int32Array(demandCount);
  let evaluation = 0;
  const valueOf = (sites: ArrayLike<number>): number => {
    evaluation++;
    let v = 0;
    for (let s = 0; s < sites.length; s++) {
      const j = sites[s];
      for (let p = start[j]; p < start[j + 1]; p++) {
        const i = demand[p];
        if (seen[i] !== evaluation) {
          seen[i] = evaluation;
          v += weights[i];
        }
      }
    }
    return v;
  };
  let best = incumbent.slice();
  let bestValue = valueOf(best);
  if (options.floor !== undefined && options.floor > bestValue) {
    // The enclosing search's incumbent: nothing of this problem is known to reach it yet.
    best = [];
    bestValue = options.floor;
  }
  // Integer weights: bounds are floored, so "not above" is "below incumbent + 1".
  const tolerance = () => (integral ? 0.5 : 1e-10 * Math.max(1, Math.abs(bestValue)));
  /** True when a node bound cannot beat the incumbent. */
  const closes = (bound: number) => bound <= bestValue + tolerance();

  const coveredBy = new Int32Array(demandCount); // how many fixed-in sites cover i
  const fixedOut = new Int32Array(candidateCount); // how many times a site is listed out on the path
  const fixedIn = new Int32Array(candidateCount);
  const c = new Float64Array(candidateCount);
  const free = new Uint8Array(candidateCount);
  const cover = new Int32Array(demandCount);
  let nodes = 0;
  let polishes = 0;
  const maxPolishes = 2;
  let maxPruned = -Infinity; // largest bound of a node closed by its bound
  const stack: Node[] = [{ fixedIn: [], fixedOut: [], parentBound: Infinity, lambda: options.lambda ? options.lambda.slice() : Float64Array.from(weights) }];

  const apply = (node: Node, sign: 1 | -1) => {
    for (const j of node.fixedIn) {
      fixedIn[j] += sign;
      for (let p = start[j]; p < start[j + 1]; p++) coveredBy[demand[p]] += sign;
    }
    for (const j of node.fixedOut) fixedOut[j] += sign;
  };

  while (stack.length > 0) {
    if (nodes >= maxNodes) break;
    const node = stack.pop()!;
    nodes++;
    options.control?.check();
    if (closes(node.parentBound)) {
      maxPruned = Math.max(maxPruned, Math.min(node.parentBound, bestValue + tolerance()));
      continue;
    }
    apply(node, 1);
    const kLeft = k - node.fixedIn.length;
    let fixedValue = 0;
    for (let i = 0; i < demandCount; i++) if (coveredBy[i] > 0) fixedValue += weights[i];
    for (let j = 0; j < candidateCount; j++) free[j] = fixedIn[j] === 0 && fixedOut[j] === 0 ? 1 : 0;
    const lambda = node.lambda;
    let bound = Infinity;
    let bestLambda = lambda.slice();
    let theta = node.fixedIn.length === 0 && node.fixedOut.length === 0 ? 1 : 0.5;
    let sinceImprovement = 0;
    const iterations = nodes === 1 ? rootIterations : nodeIterations;
    // Step halving after this many iterations without a lower bound (slower at the root).
    const patience = nodes === 1 ? 20 : 5;
    let top: Int32Array | null = null;
    const valueBefore = bestValue;
    for (let it = 0; it < Math.max(1, iterations) && kLeft > 0; it++) {
      let residual = 0;
      for (let i = 0; i < demandCount; i++) if (coveredBy[i] === 0) residual += weights[i] - lambda[i];
      for (let j = 0; j < candidateCount; j++) {
        if (!free[j]) {
          c[j] = 0;
          continue;
        }
        let s = 0;
        for (let p = start[j]; p < start[j + 1]; p++) if (coveredBy[demand[p]] === 0) s += lambda[demand[p]];
        c[j] = s;
      }
      const chosen = topK(c, kLeft, free);
      const value = fixedValue + residual + chosen.sum;
      if (bound === Infinity || value < bound - 1e-12 * Math.abs(bound)) {
        bound = value;
        bestLambda = lambda.slice();
        sinceImprovement = 0;
      } else if (++sinceImprovement >= patience) {
        theta /= 2;
        sinceImprovement = 0;
      }
      // Lagrangian heuristic: F1 ∪ T (when T changed).
      if (top === null || !sameSites(chosen.indices, top)) {
        const sites = [...node.fixedIn, ...chosen.indices];
        if (!conflicts || conflictFree(problem, sites)) {
          const v = valueOf(sites);
          if (v > bestValue) {
            bestValue = v;
            best = sites;
          }
        }
      }
      top = chosen.indices;
      if (closes(bound) || theta < 1e-3) break;
      cover.fill(0);
      for (const j of chosen.indices) for (let p = start[j]; p < start[j + 1]; p++) cover[demand[p]]++;
      let norm = 0;
      for (let i = 0; i < demandCount; i++) {
        if (coveredBy[i] > 0) continue;
        const g = 1 - cover[i];
        if ((g > 0 && lambda[i] >= weights[i]) || (g < 0 && lambda[i] <= 0)) continue;
        norm += g * g;
      }
      if (norm === 0) break;
      const step = (theta * (value - bestValue)) / norm;
      for (let i = 0; i < demandCount; i++) {
        if (coveredBy[i] > 0) continue;
        const next = lambda[i] + step * (1 - cover[i]);
        lambda[i] = next < 0 ? 0 : next > weights[i] ? weights[i] : next;
      }
    }
    if (options.polish && bestValue > valueBefore && polishes++ < maxPolishes) {
      const polished = options.polish(best);
      if (polished.value > bestValue) {
        bestValue = polished.value;
        best = polished.selected;
      }
    }
    if (kLeft <= 0) {
      bound = fixedValue;
      if (fixedValue > bestValue) {
        bestValue = fixedValue;
        best = node.fixedIn.slice();
      }
    }
    if (integral) bound = Math.floor(bound + 1e-9 * Math.max(1, Math.abs(bound)));
    bound = Math.min(bound, node.parentBound);
    if (closes(bound) || kLeft <= 0) {
      maxPruned = Math.max(maxPruned, bound);
      apply(node, -1);
      continue;
    }
    // Penalty tests and branching with the best multipliers of this node.
    lambda.set(bestLambda);
    let residual = 0;
    for (let i = 0; i < demandCount; i++) if (coveredBy[i] === 0) residual += weights[i] - lambda[i];
    for (let j = 0; j < candidateCount; j++) {
      if (!free[j]) continue;
      let s = 0;
      for (let p = start[j]; p < start[j + 1]; p++) if (coveredBy[demand[p]] === 0) s += lambda[demand[p]];
      c[j] = s;
    }
    const extended = topK(c, kLeft + 1, free);
    let weakest = -1;
    for (const j of extended.indices) if (weakest < 0 || c[j] < c[weakest] || (c[j] === c[weakest] && j > weakest)) weakest = j;
    const inTop = new Uint8Array(candidateCount);
    let kth = Infinity;
    let next = 0;
    if (extended.indices.length > kLeft) {
      next = c[weakest];
      for (const j of extended.indices) if (j !== weakest) inTop[j] = 1;
    } else for (const j of extended.indices) inTop[j] = 1;
    top = Int32Array.from(extended.indices.filter((j) => inTop[j]));
    for (const j of top) kth = Math.min(kth, c[j]);
    if (top.length < kLeft) kth = 0;
    const lagrangian = fixedValue + residual + top.reduce((s, j) => s + c[j], 0);
    const nodeBound = Math.min(bound, integral ? Math.floor(lagrangian + 1e-9 * Math.max(1, lagrangian)) : lagrangian);
    const outHere: number[] = [];
    const inHere: number[] = [];
    for (let j = 0; j < candidateCount; j++) {
      if (!free[j]) continue;
      if (!inTop[j]) {
        if (closes(lagrangian - kth + c[j])) outHere.push(j);
      } else if (closes(lagrangian - c[j] + next)) inHere.push(j);
    }
    if (nodes === 1 && (options.depth ?? 0) < 8) {
      // The root's penalty tests left few sites free: solve the smaller problem they leave instead
      // (re-reduced: demand merged again over the free sites, dominated sites dropped).
      let freeCount = 0;
      for (let j = 0; j < candidateCount; j++) freeCount += free[j];
      const left = freeCount - outHere.length - inHere.length;
      if (left <= 0.7 * freeCount && (!conflicts || conflictFree(problem, inHere))) {
        apply(node, -1);
        return solveRestricted(problem, k, inHere, outHere, best, bestValue, nodeBound, options);
      }
    }
    // Branch on the strongest site of T not forced in (forced ones join F1 on both branches).
    // Sites clashing with a forced-in one are out below this node.
    const blocked = new Set<number>();
    for (const j of inHere) for (const other of neighbours(problem, j)) if (free[other] && !inHere.includes(other)) blocked.add(other);
    let pick = -1;
    for (const j of top) if (!inHere.includes(j) && !blocked.has(j) && (pick < 0 || c[j] > c[pick])) pick = j;
    if (top.length === 0) {
      // No free site has a positive c: branch on the one adding most, or close when none adds any.
      let gainBest = 0;
      for (let j = 0; j < candidateCount; j++) {
        if (!free[j] || blocked.has(j) || inHere.includes(j)) continue;
        let g = 0;
        for (let p = start[j]; p < start[j + 1]; p++) if (coveredBy[demand[p]] === 0) g += weights[demand[p]];
        if (g > gainBest) [gainBest, pick] = [g, j];
      }
      if (pick < 0) {
        // The forced-in sites are the best this node has.
        if (fixedValue > bestValue) {
          bestValue = fixedValue;
          best = node.fixedIn.slice();
        }
        maxPruned = Math.max(maxPruned, fixedValue);
        apply(node, -1);
        continue;
      }
    }
    apply(node, -1);
    const baseIn = [...node.fixedIn, ...inHere];
    const baseOut = [...node.fixedOut, ...outHere, ...blocked];
    if (conflicts && !conflictFree(problem, baseIn)) {
      // Forced-in sites clash: no better solution below this node.
      maxPruned = Math.max(maxPruned, bestValue);
      continue;
    }
    if (baseIn.length > k) {
      maxPruned = Math.max(maxPruned, bestValue);
      continue;
    }
    if (pick < 0) {
      // Every site of T is forced in: one child with them.
      stack.push({ fixedIn: baseIn, fixedOut: baseOut, parentBound: nodeBound, lambda: bestLambda });
      continue;
    }
    const outChild: Node = { fixedIn: baseIn, fixedOut: [...baseOut, pick], parentBound: nodeBound, lambda: bestLambda.slice() };
    const inOut = conflicts ? neighbours(problem, pick) : [];
    const inChild: Node = { fixedIn: [...baseIn, pick], fixedOut: [...baseOut, ...inOut], parentBound: nodeBound, lambda: bestLambda };
    stack.push(outChild, inChild);
  }
  let bound = Math.max(bestValue, maxPruned);
  for (const node of stack) bound = Math.max(bound, node.parentBound);
  const proven = stack.length === 0;
  if (proven) bound = integral ? bestValue : Math.max(bestValue, Math.min(bound, bestValue + tolerance()));
  return { selected: best, value: bestValue, bound, proven, nodes };
}

/**
 * The root with sites forced in and out: the remaining problem re-reduced and solved on its own. Its
 * solutions map back (forced-in sites added); its bound plus the forced-in coverage bounds the root.
 */
function solveRestricted(
  problem: CoverageProblem,
  k: number,
  forcedIn: readonly number[],
  forcedOut: readonly number[],
  best: number[],
  bestValue: number,
  rootBound: number,
  options: BranchOptions,
): BranchResult {
  const { coverage, conflicts } = problem;
  const baseline = new Uint8Array(coverage.demandCount);
  for (const j of forcedIn) for (let p = coverage.start[j]; p < coverage.start[j + 1]; p++) baseline[coverage.demand[p]] = 1;
  const open = new Uint8Array(coverage.candidateCount).fill(1);
  for (const j of forcedIn) open[j] = 0;
  for (const j of forcedOut) open[j] = 0;
  if (conflicts) for (const j of forcedIn) for (let q = conflicts.start[j]; q < conflicts.start[j + 1]; q++) open[conflicts.neighbour[q]] = 0;
  const reduced = reduceCoverage({ ...problem, baseline, open });
  const sub = branchAndBoundCoverage(reduced.problem, k - forcedIn.length, [], {
    ...options,
    polish: undefined,
    lambda: undefined,
    floor: bestValue - reduced.constant,
    depth: (options.depth ?? 0) + 1,
  });
  const subValue = reduced.constant + sub.value;
  if (sub.selected.length > 0 && subValue > bestValue) {
    best = [...forcedIn, ...Array.from(sub.selected, (s) => reduced.site[s])];
    bestValue = subValue;
  }
  let bound = Math.min(rootBound, Math.max(bestValue, reduced.constant + sub.bound));
  if (sub.proven) bound = options.integral ? bestValue : Math.max(bestValue, Math.min(bound, bestValue + 1e-10 * Math.max(1, Math.abs(bestValue))));
  return { selected: best, value: bestValue, bound, proven: sub.proven, nodes: sub.nodes + 1 };
}

/** Same sorted index lists. */
function sameSites(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) return false;
  for (let s = 0; s < a.length; s++) if (a[s] !== b[s]) return false;
  return true;
}

function conflictFree(problem: CoverageProblem, sites: readonly number[]): boolean {
  const { conflicts } = problem;
  if (!conflicts) return true;
  const chosen = new Set(sites);
  for (const j of sites) for (let q = conflicts.start[j]; q < conflicts.start[j + 1]; q++) if (chosen.has(conflicts.neighbour[q])) return false;
  return true;
}

function neighbours(problem: CoverageProblem, j: number): number[] {
  const { conflicts } = problem;
  if (!conflicts) return [];
  return Array.from(conflicts.neighbour.subarray(conflicts.start[j], conflicts.start[j + 1]));
}
