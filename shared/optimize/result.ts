/**
 * Assembling the result JSON: gap, nearest-site costs, served figures, marginal gains, ordering.
 */
import type { MipModel } from './mip_model';
import { modelSize } from './mip_model';
import type { BoundSource, CostMatrix, CoveredFigures, ModelLimits, OptimizeResult, ProblemKind, SolvePath } from './types';

/**
 * Relative gap |objective − bound| / |objective| (0 when both are 0, Infinity when only the
 * objective is 0).
 * @example relativeGap(95, 100) // 0.05263157894736842
 */
export function relativeGap(objective: number, bound: number): number {
  const diff = Math.abs(objective - bound);
  if (diff === 0) return 0;
  if (!Number.isFinite(bound)) return Infinity;
  return objective === 0 ? Infinity : diff / Math.abs(objective);
}

/**
 * Time limit of a bound-only LP relaxation, proportionate to its size (see ModelLimits).
 * @example lpTimeLimit(DEFAULT_LIMITS, 1_155_389) // 5.78 s
 */
export function lpTimeLimit(limits: ModelLimits, nonzeros: number): number {
  return Math.min(limits.maxLpSeconds, Math.max(1, (limits.lpSecondsPerMillionNonzeros * nonzeros) / 1e6));
}

/**
 * The note of a bound-only LP that stopped at its time limit without a bound.
 * @example lpTimeoutNote(3.2, { columns: 27874, nonzeros: 1155389 }, 'lagrangian')
 */
export function lpTimeoutNote(seconds: number, size: { columns: number; nonzeros: number }, boundSource: BoundSource): string {
  return (
    `LP relaxation (${size.columns} columns, ${size.nonzeros} nonzeros) stopped at its time limit of ${seconds.toFixed(1)} s ` +
    `without a bound; the bound is from the ${boundSource === 'lagrangian' ? 'Lagrangian relaxation' : boundSource} (raise the LP limit for more)`
  );
}

/**
 * Rounds a bound on an integer-valued optimum to the integer it proves (floor of an upper bound,
 * ceiling of a lower bound), with a small tolerance for floating-point noise in the bound.
 * @example integralBound(41.9999999999, 'upper') // 42
 */
export function integralBound(bound: number, kind: 'upper' | 'lower'): number {
  if (!Number.isFinite(bound)) return bound;
  const tolerance = 1e-9 * Math.max(1, Math.abs(bound));
  return kind === 'upper' ? Math.floor(bound + tolerance) : Math.ceil(bound - tolerance);
}

/**
 * True when every weight is an integer (then coverage optima are integers too).
 * @example allIntegers(new Float64Array([1, 2.5])) // false
 */
export function allIntegers(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) if (!Number.isInteger(values[i])) return false;
  return true;
}

/**
 * Per demand the cost to the nearest open site (selected new sites, fixed sites) or the baseline
 * cost, whichever is lower; Infinity when none reaches it. Rows are sorted, so this is a short scan.
 * @example nearestCosts(matrix, isOpen, baselineCost)[0] // cost of demand 0
 */
export function nearestCosts(matrix: CostMatrix, isOpen: Uint8Array, baselineCost?: Float64Array): Float64Array {
  const out = new Float64Array(matrix.demandCount);
  for (let i = 0; i < matrix.demandCount; i++) {
    let best = baselineCost ? baselineCost[i] : Infinity;
    for (let p = matrix.rowStart[i]; p < matrix.rowStart[i + 1]; p++) {
      if (matrix.rowCost[p] >= best) break;
      if (isOpen[matrix.rowCandidate[p]]) {
        best = matrix.rowCost[p];
        break;
      }
    }
    out[i] = best;
  }
  return out;
}

/**
 * Weighted mean and maximum of `cost` over demand with `served[i]` (and weight > 0 for the max).
 * @example costFigures(new Float64Array([100, 300]), new Float64Array([1, 3]), null) // { meanCost: 250, maxCost: 300 }
 */
export function costFigures(
  cost: Float64Array,
  weights: Float64Array,
  served: Uint8Array | null,
): { meanCost: number | null; maxCost: number | null } {
  let sum = 0;
  let total = 0;
  let max = -Infinity;
  for (let i = 0; i < cost.length; i++) {
    if (served ? !served[i] : !Number.isFinite(cost[i])) continue;
    const w = weights[i];
    if (!(w > 0)) continue;
    sum += w * cost[i];
    total += w;
    if (cost[i] > max) max = cost[i];
  }
  return { meanCost: total > 0 ? sum / total : null, maxCost: max === -Infinity ? null : max };
}

/**
 * Served weight, count of served demand with weight > 0, and ratio to the total weight.
 * @example coveredFigures(new Uint8Array([1, 0]), new Float64Array([2, 2])) // { weight: 2, count: 1, ratio: 0.5 }
 */
export function coveredFigures(served: Uint8Array, weights: Float64Array): CoveredFigures {
  let weight = 0;
  let count = 0;
  let total = 0;
  for (let i = 0; i < served.length; i++) {
    total += weights[i];
    if (served[i]) {
      weight += weights[i];
      if (weights[i] > 0) count++;
    }
  }
  return { weight, count, ratio: total > 0 ? weight / total : 0 };
}

export interface ResultParts {
  problem: ProblemKind;
  candidateIds: readonly string[];
  selected: readonly number[];
  marginalGains: ArrayLike<number>;
  objective: number;
  bound: number;
  /** Proven optimal by the MIP (the bound check is applied as well). */
  provenByMip: boolean;
  covered: CoveredFigures;
  baseline: { weight: number; count: number };
  meanCost: number | null;
  maxCost: number | null;
  path: SolvePath;
  boundSource: BoundSource;
  model: MipModel | null;
  modelRelaxed: boolean;
  notes: string[];
  seconds: number;
}

/**
 * The JSON result; selected sites are ordered by decreasing marginal gain (ties by id).
 * @example finishResult(parts).selected // ['Store_2', 'Store_15', ...]
 */
export function finishResult(parts: ResultParts): OptimizeResult {
  const order = parts.selected.map((j, s) => ({ id: parts.candidateIds[j], gain: parts.marginalGains[s] }));
  order.sort((a, b) => b.gain - a.gain || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const gap = relativeGap(parts.objective, parts.bound);
  return {
    problem: parts.problem,
    selected: order.map((o) => o.id),
    objective: parts.objective,
    bound: parts.bound,
    gap,
    exact: parts.provenByMip || gap <= 1e-9,
    covered: parts.covered,
    meanCost: parts.meanCost,
    maxCost: parts.maxCost,
    seconds: parts.seconds,
    marginalGains: order.map((o) => o.gain),
    baseline: parts.baseline,
    path: parts.path,
    boundSource: parts.boundSource,
    model: parts.model ? modelSize(parts.model, parts.modelRelaxed) : null,
    notes: parts.notes,
  };
}
