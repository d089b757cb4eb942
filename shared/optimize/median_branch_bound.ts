/**
 * Lagrangian branch-and-bound for p-median (Beasley 1993, "Lagrangean heuristics for location
 * problems"): proves the heuristic's incumbent optimal, or improves it, when the root bound leaves a
 * gap.
 *
 * Every node is the p-median problem with some sites forced open (F1) and some forced closed (F0).
 * Forced-open sites are folded into the per-demand fallback cost b'_i = min(b_i, min_{j∈F1} d_ij) (an
 * equivalent model: demand served by a forced site uses its nearest one), pairs with d_ij ≥ b'_i are
 * dropped (never needed), and k' = k − |F1| sites remain to choose among the free ones. Relaxing the
 * assignment rows with multipliers λ_i:
 *   L(λ) = Σ_i min(λ_i, w_i b'_i) + (the k' most negative ρ_j of free sites),
 *   ρ_j = Σ_i min(0, w_i d_ij − λ_i) over the pairs kept,
 * a valid lower bound of the node for any λ. Subgradient steps start from the parent's best λ.
 *
 * Penalty tests (at the current λ, so valid whatever λ is): forcing an unchosen free site j open
 * raises L by ρ_j − ρ_last (ρ_last: the least negative chosen, or 0 when fewer than k' are negative);
 * forcing a chosen site closed raises it by min(0, ρ_next) − ρ_j (ρ_next: the most negative unchosen).
 * When L + penalty cannot beat the incumbent (for integer data: ≥ incumbent − 1), the opposite is
 * fixed at that node and below it. Unresolved nodes branch on a chosen free site (open / closed).
 * Nodes are explored best-bound first, so the reported bound when the search stops early (node or
 * time limit, cancellation) is the least bound over the open nodes, a valid lower bound of the
 * optimum. The incumbent improves from X(λ) polished by local search.
 */
import { now } from '../run_control';
import { interchange } from './median_search';
import { MedianState, type MedianProblem } from './median_state';
import type { SolveControl } from './solve_control';

export interface MedianTreeSettings {
  /** Integer weights and costs: a node is pruned when its bound > incumbent − 1. */
  integral: boolean;
  /** Stop after this many nodes (the gap is then reported). */
  nodeLimit: number;
  /** Stop after this many seconds (the gap is then reported). */
  timeLimitSeconds: number;
  /** Subgradient iterations at the root (default 1500) and per node (default 50). */
  rootIterations?: number;
  nodeIterations?: number;
}

export interface MedianTreeResult {
  /** Best sites found (the incumbent given, or better). */
  sites: number[];
  value: number;
  /**
   * Lower bound of the optimum: the incumbent's value when the tree is exhausted (`complete`), else
   * the least bound over the unexplored nodes.
   */
  bound: number;
  /** Nodes evaluated (the root is node 1). */
  nodes: number;
  /** The tree was exhausted: `value` is optimal. */
  complete: boolean;
  /** Why it stopped early ('nodes', 'time', 'cancelled'), or null when complete. */
  stoppedBy: 'nodes' | 'time' | 'cancelled' | null;
}

interface TreeNode {
  /** Lower bound of the node (from its parent). */
  bound: number;
  /** The parent's best multipliers (shared, read only). */
  lambda: Float64Array;
  /** Fixings on the path from the root: j for open, −j − 1 for closed. */
  fixes: Int32Array;
  depth: number;
}

/**
 * Runs the tree from the incumbent `start` (k sites, value `startValue` = its objective on `problem`).
 * `problem.fixed` must be empty (medianProblem folds existing sites into the baseline cost) and there
 * must be no spacing conflicts (the relaxation and the leaves ignore them).
 * @example medianBranchAndBound(problem, 5, sites, 7824, { integral: true, nodeLimit: 1e5, timeLimitSeconds: 30 }).complete
 */
export function medianBranchAndBound(
  problem: MedianProblem,
  k: number,
  start: readonly number[],
  startValue: number,
  settings: MedianTreeSettings,
  control?: SolveControl,
): MedianTreeResult {
  const { matrix, weights, baselineCost } = problem;
  const { rowStart, rowCandidate, rowCost, colStart, colDemand, colCost, demandCount: D, candidateCount: C } = matrix;
  const integral = settings.integral;
  const rootIterations = settings.rootIterations ?? 1500;
  const nodeIterations = settings.nodeIterations ?? 50;
  const startedAt = now();
  // A bound ≥ pruneAt(value) proves no better solution than `value` in the node.
  const pruneAt = (value: number) => (integral ? value - 1 + 1e-6 : value - 1e-9 * Math.max(1, Math.abs(value)));

  let bestSites = start.slice();
  let bestValue = startValue;
  const state = new MedianState(problem);
  // Local search from X(λ) is costly: only from the few best sets of the root, or from one that already improves.
  let polishes = 0;
  const tryIncumbent = (sites: number[], polish: boolean) => {
    state.setSites(sites);
    let v = state.objective();
    if (polish && (v < bestValue || (polishes < 5 && v < bestValue * 1.01))) {
      polishes++;
      interchange(state, null, 50 * k + 100);
      v = state.objective();
    }
    if (v < bestValue) {
      bestValue = v;
      bestSites = state.selected.slice();
    }
  };

  // Node working state.
  const status = new Int8Array(C); // 0 free, 1 forced open, −1 closed (or not eligible)
  const base = new Float64Array(D); // b'_i
  let kLeft = k;
  const rho = new Float64Array(C);
  const order = new Int32Array(C);
  const chosen = new Uint8Array(C);
  const g = new Float64Array(D);
  const lambda = new Float64Array(D);
  const bestLambda = new Float64Array(D);
  let fixList: number[] = [];
  // Least bound of the nodes pruned by bound (they count towards the final bound when not integral).
  let prunedLeast = Infinity;

  // The node's rows: pairs of free sites closer than b'_i, cost pre-multiplied by the weight.
  const nodeStart = new Int32Array(D + 1);
  const nodeSite = new Int32Array(rowCandidate.length);
  const nodeCost = new Float64Array(rowCandidate.length);
  const setNode = (fixes: Int32Array) => {
    for (let j = 0; j < C; j++) status[j] = problem.open[j] ? 0 : -1;
    base.set(baselineCost);
    kLeft = k;
    fixList = Array.from(fixes);
    for (const f of fixes) applyFix(f);
    let n = 0;
    for (let i = 0; i < D; i++) {
      nodeStart[i] = n;
      const w = weights[i];
      if (w === 0) continue;
      const b = base[i];
      for (let p = rowStart[i]; p < rowStart[i + 1]; p++) {
        const d = rowCost[p];
        if (d >= b) break;
        const j = rowCandidate[p];
        if (status[j] !== 0) continue;
        nodeSite[n] = j;
        nodeCost[n++] = w * d;
      }
    }
    nodeStart[D] = n;
  };
  const applyFix = (f: number) => {
    if (f >= 0) {
      status[f] = 1;
      kLeft--;
      for (let q = colStart[f]; q < colStart[f + 1]; q++) {
        const i = colDemand[q];
        if (colCost[q] < base[i]) base[i] = colCost[q];
      }
    } else status[-f - 1] = -1;
  };
  const fix = (f: number) => {
    applyFix(f);
    fixList.push(f);
  };

  /** A demand point with weight > 0 that nothing open or free reaches makes the node infeasible. */
  const feasible = () => {
    if (kLeft < 0) return false;
    for (let i = 0; i < D; i++) {
      if (weights[i] === 0 || Number.isFinite(base[i])) continue;
      let reach = false;
      for (let p = rowStart[i]; p < rowStart[i + 1] && !reach; p++) if (status[rowCandidate[p]] === 0) reach = true;
      if (!reach) return false;
    }
    return true;
  };

  /** Free site count. */
  const freeCount = () => {
    let n = 0;
    for (let j = 0; j < C; j++) if (status[j] === 0) n++;
    return n;
  };

  // L(λ) at the current node; fills rho, order (free sites with ρ < 0, ascending), chosen.
  let negatives = 0;
  let chosenCount = 0;
  const evaluate = (lam: Float64Array): number => {
    rho.fill(0);
    let value = 0;
    for (let i = 0; i < D; i++) {
      const w = weights[i];
      if (w === 0) continue;
      const l = lam[i];
      const b = w * base[i];
      const cap = b < l ? b : l;
      value += cap;
      for (let p = nodeStart[i]; p < nodeStart[i + 1]; p++) {
        const c = nodeCost[p];
        if (c >= cap) break;
        const j = nodeSite[p];
        if (status[j] === 0) rho[j] += c - l;
      }
    }
    negatives = 0;
    for (let j = 0; j < C; j++) if (status[j] === 0 && rho[j] < 0) order[negatives++] = j;
    const list = order.subarray(0, negatives);
    list.sort((a, b) => rho[a] - rho[b] || a - b);
    chosenCount = Math.min(negatives, Math.max(0, kLeft));
    chosen.fill(0);
    for (let s = 0; s < chosenCount; s++) {
      chosen[list[s]] = 1;
      value += rho[list[s]];
    }
    return value;
  };

  /** Σ w_i × cost to the nearest of the forced and chosen sites (after `evaluate`). */
  const chosenValue = (): number => {
    let sum = 0;
    for (let i = 0; i < D; i++) {
      const w = weights[i];
      if (w === 0) continue;
      let c = w * base[i];
      for (let p = nodeStart[i]; p < nodeStart[i + 1]; p++) {
        if (nodeCost[p] >= c) break;
        if (chosen[nodeSite[p]]) {
          c = nodeCost[p];
          break;
        }
      }
      sum += c;
    }
    return sum;
  };

  /** Subgradient of L at λ (after `evaluate`); returns ‖g‖². */
  const subgradient = (lam: Float64Array): number => {
    let norm = 0;
    for (let i = 0; i < D; i++) {
      const w = weights[i];
      if (w === 0) {
        g[i] = 0;
        continue;
      }
      const l = lam[i];
      const b = w * base[i];
      const cap = b < l ? b : l;
      let s = b < l ? 1 : 0;
      for (let p = nodeStart[i]; p < nodeStart[i + 1]; p++) {
        if (nodeCost[p] >= cap) break;
        s += chosen[nodeSite[p]];
      }
      g[i] = 1 - s;
      norm += g[i] * g[i];
    }
    return norm;
  };

  /**
   * Penalty tests at the last `evaluate`: fixes what cannot be otherwise without reaching `limit`.
   * Returns the number of fixes made.
   */
  const penaltyFix = (value: number, limit: number): number => {
    const last = chosenCount === Math.max(0, kLeft) && chosenCount > 0 ? rho[order[chosenCount - 1]] : 0;
    const next = chosenCount < negatives ? rho[order[chosenCount]] : 0;
    const fixes: number[] = [];
    for (let j = 0; j < C; j++) {
      if (status[j] !== 0) continue;
      if (chosen[j]) {
        if (value + next - rho[j] >= limit) fixes.push(j);
      } else if (kLeft <= 0 || value + rho[j] - last >= limit) fixes.push(-j - 1);
    }
    for (const f of fixes) fix(f);
    // Subtrees cut off this way hold nothing below `limit`: that stays part of the bound.
    if (fixes.length > 0 && limit < prunedLeast) prunedLeast = limit;
    return fixes.length;
  };

  /** Offers `sites` (≤ k) padded to k with other eligible sites: opening more never costs more. */
  const tryPadded = (sites: number[]) => {
    if (sites.length < k) {
      const inSet = new Uint8Array(C);
      for (const j of sites) inSet[j] = 1;
      for (let j = 0; j < C && sites.length < k; j++) if (problem.open[j] && !inSet[j]) sites.push(j);
    }
    if (sites.length === k) tryIncumbent(sites, false);
  };

  /** Exact value of the node when it has no choice left (kLeft = 0 or every free site fits). */
  const settle = (): boolean => {
    const free = freeCount();
    if (kLeft > 0 && free > kLeft) return false;
    const sites: number[] = [];
    for (let j = 0; j < C; j++) if (status[j] === 1 || (status[j] === 0 && kLeft > 0)) sites.push(j);
    tryPadded(sites);
    return true;
  };

  // Best-bound heap of open nodes (ties: deeper first).
  const heap: TreeNode[] = [];
  const before = (a: TreeNode, b: TreeNode) => a.bound < b.bound || (a.bound === b.bound && a.depth > b.depth);
  const push = (node: TreeNode) => {
    heap.push(node);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i], heap[parent])) break;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  };
  const pop = (): TreeNode => {
    const top = heap[0];
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= heap.length) break;
        const c = l + 1 < heap.length && before(heap[l + 1], heap[l]) ? l + 1 : l;
        if (!before(heap[c], heap[i])) break;
        [heap[i], heap[c]] = [heap[c], heap[i]];
        i = c;
      }
    }
    return top;
  };

  // Root multipliers: λ_i = w_i × (cost to the incumbent's nearest site).
  state.setSites(bestSites);
  const rootLambda = new Float64Array(D);
  for (let i = 0; i < D; i++) rootLambda[i] = weights[i] * Math.min(state.c1[i], baselineCost[i]);
  push({ bound: -Infinity, lambda: rootLambda, fixes: new Int32Array(0), depth: 0 });

  let nodes = 0;
  let stoppedBy: MedianTreeResult['stoppedBy'] = null;
  while (heap.length > 0) {
    if (heap[0].bound >= pruneAt(bestValue)) {
      prunedLeast = Math.min(prunedLeast, heap[0].bound);
      pop();
      continue;
    }
    if (control?.aborted) {
      stoppedBy = 'cancelled';
      break;
    }
    if (nodes >= settings.nodeLimit) {
      stoppedBy = 'nodes';
      break;
    }
    if ((now() - startedAt) / 1000 > settings.timeLimitSeconds) {
      stoppedBy = 'time';
      break;
    }
    const node = pop();
    nodes++;
    setNode(node.fixes);
    if (!feasible()) continue;
    if (settle()) continue;
    lambda.set(node.lambda);
    const iterations = node.depth === 0 ? rootIterations : nodeIterations;
    let best = -Infinity;
    let theta = node.depth === 0 ? 2 : 0.5;
    let since = 0;
    const patience = node.depth === 0 ? Math.max(10, Math.min(40, Math.round(D / 10))) : 10;
    const seen = new Set<string>();
    let pruned = false;
    let interrupted = false;
    for (let it = 0; it < iterations; it++) {
      if ((it & 15) === 15 && (control?.aborted || (now() - startedAt) / 1000 > settings.timeLimitSeconds)) {
        interrupted = true;
        break;
      }
      const value = evaluate(lambda);
      const limit = pruneAt(bestValue);
      if (value > best) {
        if (value > best + 1e-9 * Math.max(1, Math.abs(best))) since = 0;
        best = value;
        bestLambda.set(lambda);
      } else if (++since >= patience) {
        theta /= 2;
        since = 0;
      }
      if (value >= limit) {
        pruned = true;
        prunedLeast = Math.min(prunedLeast, value);
        break;
      }
      if (penaltyFix(value, limit) > 0) {
        if (!feasible()) {
          pruned = true; // no solution at all below this node: nothing to bound
          break;
        }
        if (settle()) {
          pruned = true;
          break;
        }
        best = -Infinity; // the node changed: its L is higher from here on
        continue;
      }
      // X(λ) as a solution (its value on the node's rows first: a short scan per demand).
      if (chosenCount === kLeft && (since === 0 || (it & 7) === 0)) {
        const v = chosenValue();
        if (v < bestValue || (node.depth === 0 && polishes < 5 && v < bestValue * 1.01)) {
          const sites: number[] = [];
          for (let j = 0; j < C; j++) if (status[j] === 1 || chosen[j]) sites.push(j);
          const key = sites.join(',');
          if (!seen.has(key)) {
            seen.add(key);
            tryIncumbent(sites, true);
          }
        }
      }
      if (theta < 1e-4) break;
      const norm = subgradient(lambda);
      if (norm === 0) {
        // X(λ) assigns every demand exactly once: L(λ) is its cost and the node is solved.
        const sites: number[] = [];
        for (let j = 0; j < C; j++) if (status[j] === 1 || chosen[j]) sites.push(j);
        tryPadded(sites);
        pruned = true;
        prunedLeast = Math.min(prunedLeast, value);
        break;
      }
      const step = (theta * (bestValue - value)) / norm;
      for (let i = 0; i < D; i++) {
        let l = lambda[i] + step * g[i];
        if (l < 0) l = 0;
        const b = weights[i] * base[i];
        if (l > b) l = b; // beyond w b' the multiplier adds nothing
        lambda[i] = l;
      }
    }
    if (pruned) continue;
    if (interrupted) {
      // Back on the heap with what it proved (fixes made here cut off only what prunedLeast covers).
      push({ bound: Math.max(node.bound, best), lambda: node.lambda, fixes: node.fixes, depth: node.depth });
      stoppedBy = control?.aborted ? 'cancelled' : 'time';
      break;
    }
    // Branch on the chosen free site (at the best λ) whose closing costs most.
    const value = evaluate(bestLambda);
    const bound = Math.max(node.bound, value);
    const nextRho = chosenCount < negatives ? rho[order[chosenCount]] : 0;
    let branch = -1;
    let branchPenalty = -Infinity;
    for (let j = 0; j < C; j++) {
      if (status[j] !== 0 || !chosen[j]) continue;
      const penalty = nextRho - rho[j];
      if (penalty > branchPenalty) [branch, branchPenalty] = [j, penalty];
    }
    if (branch < 0) {
      // No chosen free site (every ρ ≥ 0): branch on any free site.
      for (let j = 0; j < C && branch < 0; j++) if (status[j] === 0) branch = j;
      branchPenalty = 0;
    }
    const lam = bestLambda.slice();
    const fixes = Int32Array.from(fixList);
    const child = (f: number) => {
      const out = new Int32Array(fixes.length + 1);
      out.set(fixes);
      out[fixes.length] = f;
      return out;
    };
    push({ bound, lambda: lam, fixes: child(branch), depth: node.depth + 1 });
    push({ bound: bound + Math.max(0, branchPenalty), lambda: lam, fixes: child(-branch - 1), depth: node.depth + 1 });
    if (!control?.aborted) control?.report(Math.min(0.99, Math.max(nodes / settings.nodeLimit, (now() - startedAt) / 1000 / settings.timeLimitSeconds)));
  }
  let open = Infinity;
  for (const node of heap) if (node.bound < open) open = node.bound;
  const complete = heap.length === 0 || heap.every((n) => n.bound >= pruneAt(bestValue));
  let bound = Math.min(bestValue, prunedLeast, open);
  if (complete) bound = integral ? bestValue : Math.min(bestValue, prunedLeast);
  return { sites: bestSites, value: bestValue, bound, nodes, complete, stoppedBy: complete ? null : stoppedBy };
}
