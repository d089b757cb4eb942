/**
 * Lagrangian upper bound for maximum coverage (used when the LP relaxation is too large for HiGHS).
 *
 * Model: max Σ w_i z_i  s.t.  z_i ≤ Σ_{j∈N(i)} x_j,  Σ x_j ≤ k,  x ∈ {0,1}, z ∈ [0,1].
 * Relaxing the coverage rows with multipliers 0 ≤ λ_i ≤ w_i gives
 *   L(λ) = Σ_i (w_i − λ_i) + (sum of the k largest c_j),  c_j = Σ_{i∈N(j)} λ_i,
 * an upper bound for every λ (conflicts are relaxed too). Subgradient optimisation (Polyak steps)
 * lowers it; at λ = w it equals the greedy's first bound. The sites X(λ) of each iteration are also
 * evaluated as solutions (Lagrangian heuristic) when there are no spacing conflicts.
 *
 * Start: λ = w, or the multipliers of a greedy dual packing (`packingMultipliers`, a dual ascent in
 * the manner of Erlenkotter's DUALOC): with every c_j capped at a level μ, λ_i rises in order of
 * fewest coverers to min(w_i, smallest residual μ − c_j of its coverers). Then
 * L(λ) = Σ (w_i − λ_i) + (k largest c_j), with every c_j ≤ μ, and μ is searched over a range around
 * the incumbent's value per site. On the 1M × 10k clustered case this start is 5.5 % above the
 * incumbent where λ = w is 35 % above, and it is one pass over the pairs per μ tried.
 */
import { topK } from './candidate_heap';
import type { CoverageProblem } from './coverage_greedy';
import type { SolveControl } from './solve_control';

export interface LagrangianCoverageResult {
  bound: number;
  iterations: number;
  /** Best solution met among X(λ), when better than `incumbentValue`. */
  improved: { selected: number[]; value: number } | null;
  /** The multipliers of the best bound (per demand point; 0 for demand that does not matter). */
  lambda: Float64Array;
  /**
   * smoothedCoverageBound only: the k sites with the largest soft top-k weight x_j averaged over the
   * second half of the steps (an approximate LP solution rounded), a starting point for local search.
   */
  rounded?: number[];
}

/** First step factor θ and how many iterations without a lower bound halve it. */
export interface LagrangianSteps {
  theta: number;
  patience: number;
  /**
   * Deflected subgradients (Camerini, Fratta & Maffioli 1975): direction d = g + β·d_prev with
   * β = −γ·g·d_prev / ‖d_prev‖² when that is positive, this γ (e.g. 1.5); 0 or absent: plain g.
   * On the 1M × 10k clustered case from the packing start, 50 iterations end 4.7 % above the
   * incumbent with γ = 1.5, 4.9 % without.
   */
  deflection?: number;
}

/**
 * Steps for a run of `iterations`: θ from 2, halved after 3..20 idle iterations (short runs on large
 * instances halve soon, long runs keep their steps longer). On the 1M × 10k clustered case, 50
 * iterations end 6.3 % above the incumbent with these, 8.3 % with { theta: 1, patience: 5 }.
 * @example budgetSteps(300) // { theta: 2, patience: 15 }
 */
export function budgetSteps(iterations: number): LagrangianSteps {
  return { theta: 2, patience: Math.max(3, Math.min(20, Math.round(iterations / 20))) };
}

/**
 * Runs up to `iterations` subgradient steps and returns the best (lowest) bound met; stops early once
 * the bound is below `stopBelow` (enough to prove that k sites cannot cover that much).
 * @example lagrangianCoverageBound(problem, 4, 875247, 100).bound // ≥ optimum
 */
export function lagrangianCoverageBound(
  problem: CoverageProblem,
  k: number,
  incumbentValue: number,
  iterations: number,
  control?: SolveControl,
  integralWeights = false,
  stopBelow = -Infinity,
  steps: LagrangianSteps = { theta: 1, patience: 5 },
  startLambda?: Float64Array,
): LagrangianCoverageResult {
  const { coverage, weights, baseline, open, conflicts } = problem;
  const { start, demand, candidateCount, demandCount } = coverage;
  // Demand that matters: weight > 0, not already covered, reachable by some open candidate.
  const active = new Uint8Array(demandCount);
  for (let j = 0; j < candidateCount; j++) {
    if (!open[j]) continue;
    for (let p = start[j]; p < start[j + 1]; p++) {
      const i = demand[p];
      if (!baseline[i] && weights[i] > 0) active[i] = 1;
    }
  }
  let fixedValue = 0;
  for (let i = 0; i < demandCount; i++) if (baseline[i]) fixedValue += weights[i];
  const lambda = new Float64Array(demandCount);
  for (let i = 0; i < demandCount; i++) if (active[i]) lambda[i] = startLambda ? Math.min(weights[i], Math.max(0, startLambda[i])) : weights[i];
  const c = new Float64Array(candidateCount);
  const cover = new Int32Array(demandCount);
  let best = Infinity;
  let bestLambda = lambda;
  let bestValue = incumbentValue;
  let improved: { selected: number[]; value: number } | null = null;
  // Polyak steps θ·(L − incumbent)/‖g‖², θ halved after `patience` iterations without a lower bound.
  let theta = steps.theta;
  const patience = steps.patience;
  const deflection = steps.deflection ?? 0;
  const direction = deflection > 0 ? new Float64Array(demandCount) : null;
  const gradient = new Float64Array(direction ? demandCount : 0);
  let sinceImprovement = 0;
  let it = 0;
  const stopGap = integralWeights ? 1 - 1e-9 : 1e-9 * Math.max(1, incumbentValue);
  for (; it < iterations; it++) {
    control?.report(it / iterations);
    let residual = 0;
    for (let i = 0; i < demandCount; i++) if (active[i]) residual += weights[i] - lambda[i];
    for (let j = 0; j < candidateCount; j++) {
      if (!open[j]) continue;
      let s = 0;
      for (let p = start[j]; p < start[j + 1]; p++) s += lambda[demand[p]];
      c[j] = s;
    }
    const chosen = topK(c, k, open);
    const value = fixedValue + residual + chosen.sum;
    if (best === Infinity || value < best - 1e-12 * Math.abs(best)) {
      best = value;
      bestLambda = lambda.slice();
      sinceImprovement = 0;
    } else if (++sinceImprovement >= patience) {
      theta /= 2;
      sinceImprovement = 0;
    }
    // Subgradient: ∂L/∂λ_i = cover_i − 1 (cover_i = how many chosen sites cover i).
    cover.fill(0);
    for (const j of chosen.indices) for (let p = start[j]; p < start[j + 1]; p++) cover[demand[p]]++;
    if (!conflicts) {
      let v = fixedValue;
      for (let i = 0; i < demandCount; i++) if (active[i] && cover[i] > 0) v += weights[i];
      if (v > bestValue) {
        bestValue = v;
        improved = { selected: Array.from(chosen.indices), value: v };
      }
    }
    if (best - bestValue <= stopGap || theta < 1e-4 || best < stopBelow) break;
    let norm = 0;
    for (let i = 0; i < demandCount; i++) {
      if (!active[i]) continue;
      const g = 1 - cover[i]; // descent direction for λ_i
      if ((g > 0 && lambda[i] >= weights[i]) || (g < 0 && lambda[i] <= 0)) continue;
      norm += g * g;
    }
    if (norm === 0) break; // X(λ) covers every active demand exactly once: L(λ) is optimal
    if (direction) {
      // d = g + β·d_prev (g projected: 0 where λ_i sits at a bound it would cross).
      let dot = 0;
      let previous = 0;
      for (let i = 0; i < demandCount; i++) {
        if (!active[i]) continue;
        let g = 1 - cover[i];
        if ((g > 0 && lambda[i] >= weights[i]) || (g < 0 && lambda[i] <= 0)) g = 0;
        dot += g * direction[i];
        previous += direction[i] * direction[i];
        gradient[i] = g;
      }
      const beta = dot < 0 && previous > 0 ? (-deflection * dot) / previous : 0;
      norm = 0;
      for (let i = 0; i < demandCount; i++) {
        if (!active[i]) continue;
        direction[i] = gradient[i] + beta * direction[i];
        norm += direction[i] * direction[i];
      }
    }
    const step = (theta * (value - bestValue)) / norm;
    for (let i = 0; i < demandCount; i++) {
      if (!active[i]) continue;
      const next = lambda[i] + step * (direction ? direction[i] : 1 - cover[i]);
      lambda[i] = next < 0 ? 0 : next > weights[i] ? weights[i] : next;
    }
  }
  return { bound: best, iterations: it, improved, lambda: bestLambda };
}

export interface PackingMultipliers {
  /** λ per demand point (0 ≤ λ_i ≤ w_i; 0 for demand that does not matter). */
  lambda: Float64Array;
  /** L(λ): a valid upper bound on the covered weight with k sites (baseline included). */
  bound: number;
  /** The level μ whose packing gave the lowest bound. */
  level: number;
}

/**
 * Multipliers of the greedy dual packing (see the file comment) at the level μ with the lowest L(λ)
 * among `tries` levels spread geometrically over [0.4, 1.2] × `perSite` (e.g. the incumbent's
 * covered weight / k) and the two midpoints next to the best. L(λ) is evaluated exactly (k largest
 * c_j), so the bound is valid whatever μ. `coverers`: demand → open candidates, when the caller has them
 * (coverage_reduce.ts does); only the demand that matters is read.
 * @example packingMultipliers(problem, 50, 2_813_530 / 50).bound // ≥ the optimum
 */
export function packingMultipliers(
  problem: CoverageProblem,
  k: number,
  perSite: number,
  options: { tries?: number; control?: SolveControl; coverers?: { start: Int32Array; site: Int32Array } } = {},
): PackingMultipliers {
  const { tries = 7, control, coverers } = options;
  const { coverage, weights, baseline, open } = problem;
  const { start, demand, candidateCount, demandCount } = coverage;
  // Demand that matters → its open coverers (given, or the transpose of the sets), points in order
  // of fewest coverers (counting sort).
  const matters = (i: number) => !baseline[i] && weights[i] > 0;
  let rowStart: Int32Array;
  let rowSite: Int32Array;
  if (coverers) {
    ({ start: rowStart, site: rowSite } = coverers);
  } else {
    const count = new Int32Array(demandCount);
    for (let j = 0; j < candidateCount; j++) if (open[j]) for (let p = start[j]; p < start[j + 1]; p++) if (matters(demand[p])) count[demand[p]]++;
    rowStart = new Int32Array(demandCount + 1);
    for (let i = 0; i < demandCount; i++) rowStart[i + 1] = rowStart[i] + count[i];
    rowSite = new Int32Array(rowStart[demandCount]);
    const fill = rowStart.slice(0, demandCount);
    for (let j = 0; j < candidateCount; j++) if (open[j]) for (let p = start[j]; p < start[j + 1]; p++) if (matters(demand[p])) rowSite[fill[demand[p]]++] = j;
  }
  const degree = new Int32Array(demandCount);
  let maxDegree = 0;
  for (let i = 0; i < demandCount; i++) {
    degree[i] = matters(i) ? rowStart[i + 1] - rowStart[i] : 0;
    if (degree[i] > maxDegree) maxDegree = degree[i];
  }
  const bucket = new Int32Array(maxDegree + 2);
  for (let i = 0; i < demandCount; i++) if (degree[i] > 0) bucket[degree[i] + 1]++;
  for (let d = 0; d <= maxDegree; d++) bucket[d + 1] += bucket[d];
  const order = new Int32Array(bucket[maxDegree + 1]);
  for (let i = 0; i < demandCount; i++) if (degree[i] > 0) order[bucket[degree[i]]++] = i;
  let fixedValue = 0;
  for (let i = 0; i < demandCount; i++) if (baseline[i]) fixedValue += weights[i];

  const residual = new Float64Array(candidateCount);
  const c = new Float64Array(candidateCount);
  const lambda = new Float64Array(demandCount);
  let best: PackingMultipliers = { lambda: new Float64Array(demandCount), bound: Infinity, level: 0 };
  const tryLevel = (level: number) => {
    control?.check();
    residual.fill(level);
    let rest = 0;
    for (let o = 0; o < order.length; o++) {
      const i = order[o];
      let r = weights[i];
      for (let q = rowStart[i]; q < rowStart[i + 1]; q++) {
        const left = residual[rowSite[q]];
        if (left < r) r = left;
      }
      if (r <= 0) {
        lambda[i] = 0;
        rest += weights[i];
        continue;
      }
      lambda[i] = r;
      rest += weights[i] - r;
      for (let q = rowStart[i]; q < rowStart[i + 1]; q++) residual[rowSite[q]] -= r;
    }
    // Levels compare by c_j = level − residual_j; the best one's L(λ) is summed exactly below.
    for (let j = 0; j < candidateCount; j++) c[j] = open[j] ? level - residual[j] : 0;
    const bound = fixedValue + rest + topK(c, k, open).sum;
    if (bound < best.bound) best = { lambda: lambda.slice(), bound, level };
  };
  // Levels low·ratio^t over [0.4, 1.2] × perSite, then the two midpoints next to the best one.
  const low = 0.4 * Math.max(perSite, 1e-300);
  const ratio = Math.pow(3, 1 / Math.max(1, tries - 1));
  for (let t = 0; t < tries; t++) tryLevel(low * Math.pow(ratio, t));
  const centre = best.level;
  tryLevel(centre / Math.sqrt(ratio));
  tryLevel(centre * Math.sqrt(ratio));
  let rest = 0;
  for (let i = 0; i < demandCount; i++) if (degree[i] > 0) rest += weights[i] - best.lambda[i];
  for (let j = 0; j < candidateCount; j++) {
    if (!open[j]) {
      c[j] = 0;
      continue;
    }
    let s = 0;
    for (let p = start[j]; p < start[j + 1]; p++) s += best.lambda[demand[p]];
    c[j] = s;
  }
  best.bound = fixedValue + rest + topK(c, k, open).sum;
  return best;
}

/** Smoothing of the top-k sum: τ from `first` to `last` (geometric), as fractions of the start's k-th largest c_j. */
export interface SmoothingSchedule {
  first: number;
  last: number;
}

/**
 * The same dual, min over 0 ≤ λ ≤ w of L(λ), by projected gradient steps on a smoothed L: the sum of
 * the k largest c_j is replaced by max { Σ c_j x_j + τ Σ H(x_j) : Σ x_j = k, 0 ≤ x ≤ 1 } (H the binary
 * entropy), whose maximiser is x_j = 1 / (1 + e^{−(c_j − ν)/τ}) with ν set so that Σ x_j = k. Its
 * gradient in λ_i is −1 + Σ_{j∈N(i)} x_j: every site near the k-th value counts in proportion, where
 * the subgradient takes exactly k sites and zigzags between near-ties. Steps by Barzilai–Borwein
 * (the first one Polyak's, towards the incumbent), τ shrinking from `schedule.first` to
 * `schedule.last` of the start's k-th value. Every iterate's L(λ) is evaluated exactly (k largest c_j)
 * and the lowest is returned, so the bound is valid whatever the smoothing. On the 1M × 10k clustered
 * case, 60 iterations from the packing start end about 3.2 % above the best known solution, where
 * the deflected subgradient ends 3.6 % above. The soft weights x averaged over the second half,
 * rounded to their k largest (`rounded`), are a good start for the interchange (there: 2,844,483
 * after it, where the greedy start gives 2,813,530).
 * @example smoothedCoverageBound(problem, 50, 2_840_000, 60, packing.lambda).bound // ≥ the optimum
 */
export function smoothedCoverageBound(
  problem: CoverageProblem,
  k: number,
  incumbentValue: number,
  iterations: number,
  startLambda: Float64Array,
  options: { schedule?: SmoothingSchedule; control?: SolveControl; integralWeights?: boolean } = {},
): LagrangianCoverageResult {
  const { schedule = { first: 0.007, last: 0.0005 }, control } = options;
  const { coverage, weights, baseline, open, conflicts } = problem;
  const { start, demand, candidateCount, demandCount } = coverage;
  const active = new Uint8Array(demandCount);
  for (let j = 0; j < candidateCount; j++) {
    if (!open[j]) continue;
    for (let p = start[j]; p < start[j + 1]; p++) {
      const i = demand[p];
      if (!baseline[i] && weights[i] > 0) active[i] = 1;
    }
  }
  let fixedValue = 0;
  for (let i = 0; i < demandCount; i++) if (baseline[i]) fixedValue += weights[i];
  const lambda = new Float64Array(demandCount);
  for (let i = 0; i < demandCount; i++) if (active[i]) lambda[i] = Math.min(weights[i], Math.max(0, startLambda[i]));
  const c = new Float64Array(candidateCount);
  const x = new Float64Array(candidateCount);
  const gradient = new Float64Array(demandCount);
  const previousLambda = new Float64Array(demandCount);
  const previousGradient = new Float64Array(demandCount);
  const cover = new Uint8Array(demandCount);
  let best = Infinity;
  let bestLambda = lambda.slice();
  let bestValue = incumbentValue;
  let improved: { selected: number[]; value: number } | null = null;
  const stopGap = options.integralWeights ? 1 - 1e-9 : 1e-9 * Math.max(1, incumbentValue);
  const average = new Float64Array(candidateCount);
  let scale = 0; // the start's k-th largest c_j: τ is relative to it
  let step = 0;
  let it = 0;
  for (; it < iterations; it++) {
    control?.report(it / iterations);
    let residual = 0;
    for (let i = 0; i < demandCount; i++) if (active[i]) residual += weights[i] - lambda[i];
    let cMax = 0;
    for (let j = 0; j < candidateCount; j++) {
      if (!open[j]) {
        c[j] = 0;
        continue;
      }
      let s = 0;
      for (let p = start[j]; p < start[j + 1]; p++) s += lambda[demand[p]];
      c[j] = s;
      if (s > cMax) cMax = s;
    }
    const chosen = topK(c, k, open);
    const value = fixedValue + residual + chosen.sum;
    if (value < best) {
      best = value;
      bestLambda = lambda.slice();
    }
    if (it === 0) {
      let kth = cMax;
      for (const j of chosen.indices) kth = Math.min(kth, c[j]);
      scale = Math.max(kth, 1e-300);
    }
    if (!conflicts) {
      cover.fill(0);
      for (const j of chosen.indices) for (let p = start[j]; p < start[j + 1]; p++) cover[demand[p]] = 1;
      let v = fixedValue;
      for (let i = 0; i < demandCount; i++) if (active[i] && cover[i]) v += weights[i];
      if (v > bestValue) {
        bestValue = v;
        improved = { selected: Array.from(chosen.indices), value: v };
      }
    }
    if (best - bestValue <= stopGap || it === iterations - 1) break;
    // Soft top-k: ν by bisection so that Σ x_j = k (x_j = 0 for closed sites).
    const tau = scale * schedule.first * Math.pow(schedule.last / schedule.first, it / Math.max(1, iterations - 2));
    let openCount = 0;
    for (let j = 0; j < candidateCount; j++) openCount += open[j];
    if (openCount <= k) break; // every open site fits: L(λ) is minimal at λ = w (the start's L is exact)
    let low = -60 * tau;
    let high = cMax + 60 * tau;
    for (let b = 0; b < 60 && high - low > 1e-9 * tau; b++) {
      const nu = (low + high) / 2;
      let sum = 0;
      for (let j = 0; j < candidateCount; j++) if (open[j]) sum += 1 / (1 + Math.exp((nu - c[j]) / tau));
      if (sum > k) low = nu;
      else high = nu;
    }
    const nu = (low + high) / 2;
    for (let j = 0; j < candidateCount; j++) x[j] = open[j] ? 1 / (1 + Math.exp((nu - c[j]) / tau)) : 0;
    if (2 * it >= iterations - 2) for (let j = 0; j < candidateCount; j++) average[j] += x[j];
    // Gradient −1 + Σ_{j∈N(i)} x_j, projected: 0 where λ_i sits at a bound it would cross.
    for (let i = 0; i < demandCount; i++) gradient[i] = active[i] ? -1 : 0;
    for (let j = 0; j < candidateCount; j++) {
      const xj = x[j];
      if (xj < 1e-12) continue;
      for (let p = start[j]; p < start[j + 1]; p++) gradient[demand[p]] += xj;
    }
    let norm = 0;
    for (let i = 0; i < demandCount; i++) {
      if (!active[i]) continue;
      const g = gradient[i];
      if ((g > 0 && lambda[i] <= 0) || (g < 0 && lambda[i] >= weights[i])) gradient[i] = 0;
      else norm += g * g;
    }
    if (norm === 0) break;
    if (it === 0) step = Math.max(0, value - bestValue) / norm;
    else {
      // Barzilai–Borwein: ‖Δλ‖² / Δλ·Δg when the curvature is positive, else the last step.
      let ss = 0;
      let sy = 0;
      for (let i = 0; i < demandCount; i++) {
        if (!active[i]) continue;
        const s = lambda[i] - previousLambda[i];
        ss += s * s;
        sy += s * (gradient[i] - previousGradient[i]);
      }
      if (sy > 0) step = ss / sy;
    }
    if (!(step > 0)) break;
    previousLambda.set(lambda);
    previousGradient.set(gradient);
    for (let i = 0; i < demandCount; i++) {
      if (!active[i]) continue;
      const next = lambda[i] - step * gradient[i];
      lambda[i] = next < 0 ? 0 : next > weights[i] ? weights[i] : next;
    }
  }
  const rounded = Array.from(topK(average, k, open).indices);
  return { bound: best, iterations: it + 1, improved, lambda: bestLambda, rounded };
}
