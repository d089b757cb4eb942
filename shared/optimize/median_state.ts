/**
 * Assignment state shared by the p-median and p-center heuristics: which sites are open and, per
 * demand point, the cost to its nearest and second-nearest open option. Existing service (fixed sites
 * or a baseline cost) is an option that never closes, and so is the virtual option of a cut-down
 * matrix (far_pairs.ts: every absent pair costs more than the cutoff, the option costs the cutoff).
 * Otherwise a missing pair costs `penalty`, a finite stand-in for "unreachable" large enough that
 * serving everyone always wins (see `unreachablePenalty`).
 */
import { InputError } from '../errors';
import { maxFiniteCost } from './cost_matrix';
import { checkDistanceCutoff, type DistanceCutoff } from './far_pairs';
import { baselineCosts, demandLabel } from './siting_input';
import type { CostMatrix } from './types';

export interface MedianProblem {
  matrix: CostMatrix;
  weights: Float64Array;
  /**
   * Cost of the option that never closes per demand: the existing service, or the virtual option of a
   * cut-down matrix when that is cheaper (Infinity where neither exists). Solvers and bounds use this.
   */
  baselineCost: Float64Array;
  /** Cost of the existing service alone (Infinity where none): what counts as served by existing facilities. */
  existingCost: Float64Array;
  /** 1 where a candidate may be opened as a new site. */
  open: Uint8Array;
  /** Fixed (existing) candidate indices, always open. */
  fixed: Int32Array;
  /** Finite cost used for a demand point no open option reaches. */
  penalty: number;
}

/**
 * A penalty so large that any solution reaching every demand point is cheaper than any solution
 * leaving one out: (1 + W / w_min) × max finite cost, W = total weight, w_min = least positive weight.
 * @example unreachablePenalty(matrix, weights) // e.g. 5.1e9 for costs up to 5 km and 1e6 people
 */
export function unreachablePenalty(matrix: CostMatrix, weights: Float64Array): number {
  let maxCost = 0;
  for (let p = 0; p < matrix.rowCost.length; p++) if (matrix.rowCost[p] > maxCost) maxCost = matrix.rowCost[p];
  let total = 0;
  let least = Infinity;
  for (let i = 0; i < weights.length; i++) {
    total += weights[i];
    if (weights[i] > 0 && weights[i] < least) least = weights[i];
  }
  if (least === Infinity) return Math.max(1, maxCost) * 2;
  return Math.max(1, maxCost) * (2 + total / least);
}

export class MedianState {
  readonly problem: MedianProblem;
  /** 1 for open sites (new and fixed). */
  readonly isOpen: Uint8Array;
  /** 1 for fixed sites (never closed by a move). */
  readonly isFixed: Uint8Array;
  /** Nearest and second-nearest option costs; a1 = nearest site index or −1 for the baseline / penalty. */
  readonly c1: Float64Array;
  readonly c2: Float64Array;
  readonly a1: Int32Array;
  /** Second-nearest site index, or −1 for the baseline / penalty. */
  readonly a2: Int32Array;
  /** New sites currently open. */
  selected: number[] = [];

  constructor(problem: MedianProblem) {
    this.problem = problem;
    const { matrix, fixed } = problem;
    this.isOpen = new Uint8Array(matrix.candidateCount);
    this.isFixed = new Uint8Array(matrix.candidateCount);
    for (const j of fixed) {
      this.isOpen[j] = 1;
      this.isFixed[j] = 1;
    }
    this.c1 = new Float64Array(matrix.demandCount);
    this.c2 = new Float64Array(matrix.demandCount);
    this.a1 = new Int32Array(matrix.demandCount);
    this.a2 = new Int32Array(matrix.demandCount);
  }

  /** Opens exactly `sites` (plus the fixed ones) and recomputes every assignment. */
  setSites(sites: readonly number[]): void {
    for (const j of this.selected) this.isOpen[j] = this.isFixed[j];
    this.selected = sites.slice();
    for (const j of sites) this.isOpen[j] = 1;
    this.reassignAll();
  }

  /**
   * Replaces site `out` by `into`. Only demand whose nearest or second-nearest site was `out`, or
   * that `into` reaches more cheaply than its second option, is reassigned.
   */
  swap(out: number, into: number): void {
    const s = this.selected.indexOf(out);
    this.selected[s] = into;
    this.isOpen[out] = 0;
    this.isOpen[into] = 1;
    const { matrix } = this.problem;
    const { a1, a2, c2 } = this;
    for (let i = 0; i < matrix.demandCount; i++) if (a1[i] === out || a2[i] === out) this.reassign(i);
    for (let q = matrix.colStart[into]; q < matrix.colStart[into + 1]; q++) {
      const i = matrix.colDemand[q];
      if (matrix.colCost[q] < c2[i]) this.reassign(i);
    }
  }

  reassignAll(): void {
    for (let i = 0; i < this.problem.matrix.demandCount; i++) this.reassign(i);
  }

  /** Nearest and second-nearest open option of demand i (sorted row: a short scan). */
  private reassign(i: number): void {
    const { matrix, baselineCost, penalty } = this.problem;
    const { rowStart, rowCandidate, rowCost } = matrix;
    const isOpen = this.isOpen;
    const base = baselineCost[i] < penalty ? baselineCost[i] : penalty;
    let best1 = base;
    let site1 = -1;
    let best2 = penalty;
    let site2 = -1;
    for (let p = rowStart[i]; p < rowStart[i + 1]; p++) {
      const d = rowCost[p];
      if (d >= best2) break;
      if (!isOpen[rowCandidate[p]]) continue;
      if (d < best1) {
        best2 = best1;
        site2 = site1;
        best1 = d;
        site1 = rowCandidate[p];
      } else {
        best2 = d;
        site2 = rowCandidate[p];
        break;
      }
    }
    this.c1[i] = best1;
    this.c2[i] = best2;
    this.a1[i] = site1;
    this.a2[i] = site2;
  }

  /** Σ weight × nearest cost (penalties included). */
  objective(): number {
    const { weights } = this.problem;
    let sum = 0;
    for (let i = 0; i < this.c1.length; i++) sum += weights[i] * this.c1[i];
    return sum;
  }

  /** Largest nearest cost over demand with weight > 0. */
  maxCost(): number {
    const { weights } = this.problem;
    let max = 0;
    for (let i = 0; i < this.c1.length; i++) if (weights[i] > 0 && this.c1[i] > max) max = this.c1[i];
    return max;
  }
}

/**
 * The internal problem: existing facilities folded into a per-demand baseline cost; refuses demand
 * (weight > 0) that nothing can reach.
 * @example medianProblem({ costs, weights }, open, fixed).penalty
 */
export function medianProblem(
  input: { costs: CostMatrix; weights: Float64Array; baselineCost?: Float64Array; demandIds?: readonly string[]; cutoff?: DistanceCutoff },
  open: Uint8Array,
  fixed: Int32Array,
): MedianProblem {
  const matrix = input.costs;
  if (input.cutoff) checkDistanceCutoff(input.cutoff, matrix.demandCount, matrix.candidateCount);
  const existingCost = baselineCosts(matrix, fixed, input.baselineCost);
  const baselineCost = existingCost.slice();
  if (input.cutoff) {
    const far = input.cutoff.cutoffM;
    for (let i = 0; i < baselineCost.length; i++) if (far < baselineCost[i]) baselineCost[i] = far;
  }
  const unreachable: number[] = [];
  let missingPairs = false;
  for (let i = 0; i < matrix.demandCount; i++) {
    let reachable = Number.isFinite(baselineCost[i]);
    for (let p = matrix.rowStart[i]; p < matrix.rowStart[i + 1] && !reachable; p++) {
      if (open[matrix.rowCandidate[p]]) reachable = true;
    }
    if (matrix.rowStart[i + 1] - matrix.rowStart[i] < matrix.candidateCount) missingPairs = true;
    if (!reachable && input.weights[i] > 0) unreachable.push(i);
  }
  if (unreachable.length > 0) {
    const names = unreachable.slice(0, 5).map((i) => demandLabel(input, i)).join(', ');
    throw new InputError(
      `${unreachable.length} demand points with weight > 0 are reached by no eligible candidate and no existing facility ` +
        `(${names}${unreachable.length > 5 ? ', …' : ''}); give them weight 0 or widen the cost cutoff`,
      { field: 'costs' },
    );
  }
  const penalty = missingPairs ? unreachablePenalty(matrix, input.weights) : 2 * maxFiniteCost(matrix) + 1;
  return { matrix, weights: input.weights, baselineCost, existingCost, open, fixed: new Int32Array(0), penalty };
}
