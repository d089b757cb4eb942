/**
 * Lagrangian lower bounds on the number of sites of a cover (Beasley 1990), used to prove that k
 * sites cannot cover enough demand: p-center thresholds (full cover within r) and min-facilities
 * (full cover, or a target share of the weight).
 *
 * Full cover: min Σ x_j  s.t.  Σ_{j∈N(i)} x_j ≥ 1 for every demand i to cover. Relaxing the cover rows
 * with multipliers u ≥ 0:  L(u) = Σ_i u_i + Σ_j min(0, 1 − Σ_{i∈N(j)} u_i)  ≤ optimum for every u.
 *
 * Partial cover: min Σ x_j  s.t.  z_i ≤ Σ_{j∈N(i)} x_j,  Σ w_i z_i ≥ R,  z ∈ [0, 1]. Relaxing the
 * cover rows with u ≥ 0 and the target row with μ ≥ 0:
 *   L(u, μ) = μ R + Σ_i min(0, u_i − μ w_i) + Σ_j min(0, 1 − Σ_{i∈N(j)} u_i).
 * For fixed μ the best u_i lies in [0, μ w_i]. Spacing conflicts are relaxed (dropping rows only lowers
 * the optimum), so both bounds stay valid with them.
 */
import type { SolveControl } from './solve_control';
import type { CoverageSets } from './types';

export interface CoverBoundInput {
  /** Candidate → demand within the threshold (only open candidates are listed or used). */
  coverage: CoverageSets;
  open: Uint8Array;
  /** Demand → open candidates covering it (CSR), for the subgradient. */
  byDemand: { start: Int32Array; site: Int32Array };
}

/**
 * Largest L(u) met for a full cover of `need`, stopping as soon as it exceeds `stopAbove` (then
 * more than stopAbove sites are needed). `start` (e.g. 1 on a packing) seeds u.
 * @example setCoverBound(input, need, 10, 200) > 10 // k = 10 sites cannot cover everyone
 */
export function setCoverBound(
  input: CoverBoundInput,
  need: Uint8Array,
  stopAbove: number,
  iterations: number,
  start?: Float64Array,
  control?: SolveControl,
): number {
  const { coverage, open, byDemand } = input;
  const n = need.length;
  const u = dualFeasibleStart(input, need, start);
  const chosen = new Uint8Array(coverage.candidateCount);
  const g = new Float64Array(n);
  // A dual-feasible u (Σ_{i∈N(j)} u_i ≤ 1 for every j) has L(u) = Σ u_i.
  let best = 0;
  for (let i = 0; i < n; i++) best += u[i];
  let theta = 0.25;
  let stall = 0;
  const target = stopAbove + 1;
  for (let it = 0; it < iterations && best <= stopAbove + 1e-9; it++) {
    if ((it & 7) === 0) control?.check();
    let value = 0;
    for (let i = 0; i < n; i++) value += u[i];
    value += columnTerms(coverage, open, u, chosen);
    if (value > best + 1e-12) {
      best = value;
      stall = 0;
    } else if (++stall >= 10) {
      theta /= 2;
      stall = 0;
    }
    if (best > stopAbove + 1e-9 || theta < 1e-3) break;
    let norm = 0;
    for (let i = 0; i < n; i++) {
      if (!need[i]) continue;
      let covered = 0;
      for (let p = byDemand.start[i]; p < byDemand.start[i + 1]; p++) covered += chosen[byDemand.site[p]];
      let gi = 1 - covered;
      if (gi < 0 && u[i] <= 0) gi = 0;
      g[i] = gi;
      norm += gi * gi;
    }
    if (norm === 0) break;
    const step = (theta * Math.max(target - value, 1e-3)) / norm;
    for (let i = 0; i < n; i++) if (need[i]) u[i] = Math.max(0, u[i] + step * g[i]);
  }
  return best;
}

/**
 * A dual-feasible start: u_i = min over i's coverers j of 1 / |N(j)| (or `start`, e.g. a packing, when
 * its sum is larger), then lifted point by point by the least slack 1 − Σ_{i'∈N(j)} u_i' of its
 * coverers (fewest coverers first). Feasibility is kept at every step, so Σ u_i is a valid bound.
 */
function dualFeasibleStart(input: CoverBoundInput, need: Uint8Array, start?: Float64Array): Float64Array {
  const { coverage, open, byDemand } = input;
  const n = need.length;
  const u = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    if (!need[i]) continue;
    let least = Infinity;
    for (let p = byDemand.start[i]; p < byDemand.start[i + 1]; p++) {
      const j = byDemand.site[p];
      least = Math.min(least, 1 / (coverage.start[j + 1] - coverage.start[j]));
    }
    u[i] = Number.isFinite(least) ? least : 0;
    sum += u[i];
  }
  if (start) {
    let startSum = 0;
    for (let i = 0; i < n; i++) if (need[i]) startSum += start[i];
    if (startSum > sum) for (let i = 0; i < n; i++) u[i] = need[i] ? start[i] : 0;
  }
  const load = new Float64Array(coverage.candidateCount);
  for (let j = 0; j < coverage.candidateCount; j++) {
    if (!open[j]) continue;
    for (let p = coverage.start[j]; p < coverage.start[j + 1]; p++) load[j] += u[coverage.demand[p]];
  }
  const order: number[] = [];
  for (let i = 0; i < n; i++) if (need[i]) order.push(i);
  order.sort((a, b) => byDemand.start[a + 1] - byDemand.start[a] - (byDemand.start[b + 1] - byDemand.start[b]) || a - b);
  for (const i of order) {
    let slack = Infinity;
    for (let p = byDemand.start[i]; p < byDemand.start[i + 1]; p++) slack = Math.min(slack, 1 - load[byDemand.site[p]]);
    if (!(slack > 0) || !Number.isFinite(slack)) continue;
    u[i] += slack;
    for (let p = byDemand.start[i]; p < byDemand.start[i + 1]; p++) load[byDemand.site[p]] += slack;
  }
  return u;
}

/**
 * Largest L(u, μ) met for covering at least `required` weight of the demand not yet covered
 * (`weights` of covered demand set to 0), stopping once it exceeds `stopAbove`.
 * @example partialCoverBound(input, weights, 0.9 * total - base, 64, 300) // e.g. 41.3: at least 42 sites
 */
export function partialCoverBound(
  input: CoverBoundInput,
  weights: Float64Array,
  required: number,
  stopAbove: number,
  iterations: number,
  control?: SolveControl,
): number {
  const { coverage, open, byDemand } = input;
  const n = weights.length;
  if (!(required > 0)) return 0;
  // Start: μ so that one site's worth of weight costs 1 (the largest singleton).
  let largest = 0;
  for (let j = 0; j < coverage.candidateCount; j++) {
    if (!open[j]) continue;
    let s = 0;
    for (let p = coverage.start[j]; p < coverage.start[j + 1]; p++) s += weights[coverage.demand[p]];
    if (s > largest) largest = s;
  }
  if (!(largest > 0)) return Infinity;
  let mu = 1 / largest;
  const u = new Float64Array(n);
  for (let i = 0; i < n; i++) u[i] = mu * weights[i];
  const chosen = new Uint8Array(coverage.candidateCount);
  const g = new Float64Array(n);
  let best = -Infinity;
  let theta = 1;
  let stall = 0;
  const target = stopAbove + 1;
  for (let it = 0; it < iterations; it++) {
    if ((it & 7) === 0) control?.check();
    let value = mu * required;
    let gMu = required;
    for (let i = 0; i < n; i++) {
      const slack = u[i] - mu * weights[i];
      // z_i = 1 when its reduced cost u_i − μ w_i is negative.
      if (slack < 0) {
        value += slack;
        gMu -= weights[i];
      }
    }
    value += columnTerms(coverage, open, u, chosen);
    if (value > best + 1e-12) {
      best = value;
      stall = 0;
    } else if (++stall >= 5) {
      theta /= 2;
      stall = 0;
    }
    if (best > stopAbove + 1e-9 || theta < 1e-4) break;
    // Subgradients: ∂L/∂u_i = z_i − Σ x_j (z_i = 1 when u_i < μ w_i), ∂L/∂μ = R − Σ w_i z_i.
    let norm = 0;
    for (let i = 0; i < n; i++) {
      if (!(weights[i] > 0)) continue;
      let covered = 0;
      for (let p = byDemand.start[i]; p < byDemand.start[i + 1]; p++) covered += chosen[byDemand.site[p]];
      let gi = (u[i] < mu * weights[i] ? 1 : 0) - covered;
      if (gi < 0 && u[i] <= 0) gi = 0;
      g[i] = gi;
      norm += gi * gi;
    }
    // μ is scaled by the weights: normalise its step so it moves at the speed of the u_i.
    const muScale = largest;
    norm += (gMu / muScale) * (gMu / muScale);
    if (norm === 0) break;
    const step = (theta * Math.max(target - value, 1e-3)) / norm;
    mu = Math.max(0, mu + (step * gMu) / (muScale * muScale));
    for (let i = 0; i < n; i++) {
      if (!(weights[i] > 0)) continue;
      // For fixed μ an optimal u_i lies in [0, μ w_i].
      u[i] = Math.min(mu * weights[i], Math.max(0, u[i] + step * g[i]));
    }
  }
  return best;
}

/**
 * The columns' part of a set-cover Lagrangian at multipliers u: Σ over open sites of min(0, 1 − Σ u_i
 * over the demand it covers); `chosen` marks the sites with a negative reduced cost (x_j = 1).
 */
function columnTerms(coverage: CoverageSets, open: Uint8Array, u: Float64Array, chosen: Uint8Array): number {
  let value = 0;
  for (let j = 0; j < coverage.candidateCount; j++) {
    chosen[j] = 0;
    if (!open[j]) continue;
    let s = 0;
    for (let p = coverage.start[j]; p < coverage.start[j + 1]; p++) s += u[coverage.demand[p]];
    if (s > 1) {
      value += 1 - s;
      chosen[j] = 1;
    }
  }
  return value;
}
