/**
 * p-median heuristics: lazy greedy construction, then vertex substitution (Teitz–Bart) with
 * Whitaker's fast interchange evaluation, then a seeded variable-neighbourhood search (random
 * multi-swap shakes followed by local search; Mladenović & Hansen 1997).
 *
 * Fast interchange: with c1/c2 (nearest and second-nearest open costs) per demand point, the effect
 * of inserting u and removing f is, summed over demand i with cost d = d(i, u):
 *   d < c1(i):            gain w(c1 − d)              (i moves to u whatever closes)
 *   a1(i) = f otherwise:  loss w(min(d, c2) − c1)     (i falls back to u or its second option)
 * so one pass over u's column gives the best f for u in O(|column| + k).
 */
import { CandidateHeap } from './candidate_heap';
import { MedianState, type MedianProblem } from './median_state';
import { randomInt } from './random';
import type { SolveControl } from './solve_control';
import type { ConflictGraph } from './types';

/**
 * Greedy: add the site that lowers Σ w·cost most, k times (CELF: gains only shrink as sites open).
 * @example greedyMedian(problem, 5, null) // 5 candidate indices
 */
export function greedyMedian(problem: MedianProblem, k: number, conflicts: ConflictGraph | null): number[] {
  const { matrix, weights, open } = problem;
  const state = new MedianState(problem);
  state.setSites([]);
  const c1 = state.c1;
  const { colStart, colDemand, colCost, candidateCount } = matrix;
  const gain = new Float64Array(candidateCount);
  const stamp = new Int32Array(candidateCount);
  const blocked = new Uint8Array(candidateCount);
  const heap = new CandidateHeap(candidateCount, gain);
  const evaluate = (j: number) => {
    let g = 0;
    for (let q = colStart[j]; q < colStart[j + 1]; q++) {
      const diff = c1[colDemand[q]] - colCost[q];
      if (diff > 0) g += weights[colDemand[q]] * diff;
    }
    return g;
  };
  for (let j = 0; j < candidateCount; j++) {
    if (!open[j]) continue;
    gain[j] = evaluate(j);
    heap.push(j);
  }
  const selected: number[] = [];
  while (selected.length < k && heap.length > 0) {
    const j = heap.pop();
    if (blocked[j]) continue;
    if (stamp[j] !== selected.length) {
      gain[j] = evaluate(j);
      stamp[j] = selected.length;
      heap.push(j);
      continue;
    }
    selected.push(j);
    for (let q = colStart[j]; q < colStart[j + 1]; q++) {
      const i = colDemand[q];
      if (colCost[q] < c1[i]) c1[i] = colCost[q];
    }
    if (conflicts) for (let q = conflicts.start[j]; q < conflicts.start[j + 1]; q++) blocked[conflicts.neighbour[q]] = 1;
  }
  return selected;
}

/**
 * Best-improvement vertex substitution from `state` until no swap lowers the objective (or
 * `maxSwaps`). Returns the number of swaps made.
 * @example interchange(state, null, 1000) // state now a local optimum
 */
export function interchange(state: MedianState, conflicts: ConflictGraph | null, maxSwaps: number, control?: SolveControl): number {
  const { matrix, weights, open } = state.problem;
  const { colStart, colDemand, colCost, candidateCount } = matrix;
  const { c1, c2, a1, isOpen, isFixed } = state;
  const slot = new Int32Array(candidateCount).fill(-1);
  const k = state.selected.length;
  const baseLoss = new Float64Array(k);
  const adj = new Float64Array(k);
  let swaps = 0;
  const scale = Math.max(1, state.objective());
  while (swaps < maxSwaps) {
    control?.check();
    const selected = state.selected;
    slot.fill(-1);
    selected.forEach((j, s) => (slot[j] = s));
    baseLoss.fill(0);
    for (let i = 0; i < c1.length; i++) {
      const f = a1[i];
      if (f >= 0 && !isFixed[f]) baseLoss[slot[f]] += weights[i] * (c2[i] - c1[i]);
    }
    let best = 1e-10 * scale;
    let bestIn = -1;
    let bestOut = -1;
    for (let u = 0; u < candidateCount; u++) {
      if (!open[u] || isOpen[u]) continue;
      let only = -1;
      if (conflicts) {
        let hits = 0;
        for (let q = conflicts.start[u]; q < conflicts.start[u + 1]; q++) {
          const other = conflicts.neighbour[q];
          if (isOpen[other] && !isFixed[other]) {
            hits++;
            only = slot[other];
          }
        }
        if (hits > 1) continue;
      }
      let gain = 0;
      adj.fill(0);
      for (let q = colStart[u]; q < colStart[u + 1]; q++) {
        const i = colDemand[q];
        const d = colCost[q];
        const f = a1[i];
        if (d < c1[i]) {
          gain += weights[i] * (c1[i] - d);
          if (f >= 0 && !isFixed[f]) adj[slot[f]] -= weights[i] * (c2[i] - c1[i]);
        } else if (d < c2[i] && f >= 0 && !isFixed[f]) {
          adj[slot[f]] += weights[i] * (d - c2[i]);
        }
      }
      if (only >= 0) {
        const profit = gain - baseLoss[only] - adj[only];
        if (profit > best) [best, bestIn, bestOut] = [profit, u, only];
      } else {
        for (let s = 0; s < k; s++) {
          const profit = gain - baseLoss[s] - adj[s];
          if (profit > best) [best, bestIn, bestOut] = [profit, u, s];
        }
      }
    }
    if (bestIn < 0) break;
    state.swap(selected[bestOut], bestIn);
    swaps++;
  }
  return swaps;
}

/**
 * Variable-neighbourhood search around the best solution: shake with r random swaps (r = 1..rMax,
 * reset to 1 after an improvement), descend with `interchange`, keep improvements.
 * @example vnsMedian(state, null, 40, mulberry32(1)) // state holds the best solution found
 */
export function vnsMedian(
  state: MedianState,
  conflicts: ConflictGraph | null,
  rounds: number,
  random: () => number,
  control?: SolveControl,
  stopAt = -Infinity,
): void {
  const { open } = state.problem;
  const candidates: number[] = [];
  for (let j = 0; j < open.length; j++) if (open[j]) candidates.push(j);
  const k = state.selected.length;
  if (k === 0 || candidates.length <= k) return;
  let bestSites = state.selected.slice();
  let bestValue = state.objective();
  const rMax = Math.max(1, Math.min(k, 5));
  let r = 1;
  for (let round = 0; round < rounds && bestValue > stopAt; round++) {
    control?.report(round / rounds);
    const trial = bestSites.slice();
    const inTrial = new Set(trial);
    for (let t = 0; t < r; t++) {
      const s = randomInt(random, k);
      let u = candidates[randomInt(random, candidates.length)];
      for (let tries = 0; tries < 20 && (inTrial.has(u) || conflictsWith(u, trial, s, conflicts)); tries++) {
        u = candidates[randomInt(random, candidates.length)];
      }
      if (inTrial.has(u) || conflictsWith(u, trial, s, conflicts)) continue;
      inTrial.delete(trial[s]);
      trial[s] = u;
      inTrial.add(u);
    }
    state.setSites(trial);
    interchange(state, conflicts, 10 * k + 100, control);
    const value = state.objective();
    if (value < bestValue - 1e-9 * Math.max(1, bestValue)) {
      bestValue = value;
      bestSites = state.selected.slice();
      r = 1;
    } else r = r >= rMax ? 1 : r + 1;
  }
  state.setSites(bestSites);
}

function conflictsWith(u: number, sites: readonly number[], replacing: number, conflicts: ConflictGraph | null): boolean {
  if (!conflicts) return false;
  for (let q = conflicts.start[u]; q < conflicts.start[u + 1]; q++) {
    const other = conflicts.neighbour[q];
    for (let s = 0; s < sites.length; s++) if (s !== replacing && sites[s] === other) return true;
  }
  return false;
}
