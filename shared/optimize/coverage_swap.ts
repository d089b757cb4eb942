/**
 * Swap (vertex substitution) local search for maximum coverage: replace one selected site by one
 * unselected candidate while that raises the covered weight. Each scan evaluates every (in, out) pair
 * in O(nnz + C·k) with Whitaker-style bookkeeping: for each demand point the number of selected sites
 * covering it and, when that number is 1, which site (kept as a sum of indices).
 */
import type { CoverageProblem } from './coverage_greedy';
import type { SolveControl } from './solve_control';

export interface SwapResult {
  selected: number[];
  value: number;
  swaps: number;
  scans: number;
}

/**
 * Improves `initial` by best-improvement swaps until none helps or `maxScans` scans were made.
 * Respects spacing conflicts (a site may come in only if it conflicts with no remaining site).
 * @example swapLocalSearch(problem, [0, 3], 50).value // ≥ value of [0, 3]
 */
export function swapLocalSearch(
  problem: CoverageProblem,
  initial: readonly number[],
  maxScans: number,
  control?: SolveControl,
): SwapResult {
  const { coverage, weights, baseline, open, conflicts } = problem;
  const { start, demand, candidateCount, demandCount } = coverage;
  const selected = initial.slice();
  const isSelected = new Uint8Array(candidateCount);
  for (const j of selected) isSelected[j] = 1;
  const count = new Int32Array(demandCount);
  const sumIndex = new Float64Array(demandCount);
  for (const j of selected) {
    for (let p = start[j]; p < start[j + 1]; p++) {
      count[demand[p]]++;
      sumIndex[demand[p]] += j;
    }
  }
  // Singleton value of each candidate (ignoring baseline-covered demand): an upper bound on what it
  // can bring in a swap, used to skip hopeless candidates.
  const single = new Float64Array(candidateCount);
  const order: number[] = [];
  for (let j = 0; j < candidateCount; j++) {
    if (!open[j]) continue;
    let v = 0;
    for (let p = start[j]; p < start[j + 1]; p++) if (!baseline[demand[p]]) v += weights[demand[p]];
    single[j] = v;
    if (v > 0) order.push(j);
  }
  order.sort((a, b) => single[b] - single[a] || a - b);
  const slot = new Int32Array(candidateCount).fill(-1);
  const loss = new Float64Array(selected.length);
  const extra = new Float64Array(selected.length);
  let value = 0;
  for (let i = 0; i < demandCount; i++) if (baseline[i] || count[i] > 0) value += weights[i];
  let swaps = 0;
  let scans = 0;
  const eps = 1e-9 * Math.max(1, value);
  while (scans < maxScans) {
    scans++;
    selected.forEach((j, s) => (slot[j] = s));
    let minLoss = Infinity;
    for (let s = 0; s < selected.length; s++) {
      const j = selected[s];
      let l = 0;
      for (let p = start[j]; p < start[j + 1]; p++) {
        const i = demand[p];
        if (!baseline[i] && count[i] === 1) l += weights[i];
      }
      loss[s] = l;
      if (l < minLoss) minLoss = l;
    }
    let bestDelta = eps;
    let bestIn = -1;
    let bestOut = -1;
    for (let o = 0; o < order.length; o++) {
      const c = order[o];
      if (single[c] - minLoss <= bestDelta) break; // sorted: no later candidate can beat the best
      if (isSelected[c]) continue;
      // Spacing: c may replace any site if it conflicts with none, only site q if it conflicts with q alone.
      let only = -1;
      if (conflicts) {
        let hits = 0;
        for (let q = conflicts.start[c]; q < conflicts.start[c + 1]; q++) {
          const other = conflicts.neighbour[q];
          if (isSelected[other]) {
            hits++;
            only = slot[other];
          }
        }
        if (hits > 1) continue;
      }
      let base = 0;
      extra.fill(0);
      for (let p = start[c]; p < start[c + 1]; p++) {
        const i = demand[p];
        if (baseline[i]) continue;
        const n = count[i];
        if (n === 0) base += weights[i];
        else if (n === 1) extra[slot[sumIndex[i]]] += weights[i];
      }
      if (only >= 0) {
        const delta = base + extra[only] - loss[only];
        if (delta > bestDelta) [bestDelta, bestIn, bestOut] = [delta, c, only];
      } else {
        for (let s = 0; s < selected.length; s++) {
          const delta = base + extra[s] - loss[s];
          if (delta > bestDelta) [bestDelta, bestIn, bestOut] = [delta, c, s];
        }
      }
    }
    control?.report(scans / maxScans);
    if (bestIn < 0) break;
    const out = selected[bestOut];
    for (let p = start[out]; p < start[out + 1]; p++) {
      count[demand[p]]--;
      sumIndex[demand[p]] -= out;
    }
    for (let p = start[bestIn]; p < start[bestIn + 1]; p++) {
      count[demand[p]]++;
      sumIndex[demand[p]] += bestIn;
    }
    isSelected[out] = 0;
    isSelected[bestIn] = 1;
    slot[out] = -1;
    selected[bestOut] = bestIn;
    value += bestDelta;
    swaps++;
  }
  // Recompute the value exactly (no drift from the incremental sums).
  value = 0;
  for (let i = 0; i < demandCount; i++) if (baseline[i] || count[i] > 0) value += weights[i];
  return { selected, value, swaps, scans };
}
