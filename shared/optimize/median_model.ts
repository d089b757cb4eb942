/**
 * MIP of the p-median problem with existing service (ReVelle & Swain 1970, strong linking form):
 *   min Σ w_i d_ij y_ij + Σ w_i b_i e_i
 *   Σ_j y_ij + e_i = 1 (every demand with weight > 0),  y_ij ≤ x_j,  Σ x_j ≤ k,  x_a + x_b ≤ 1 (spacing).
 * b_i is the cost to the nearest existing facility (e_i exists only where b_i is finite). A pair with
 * d_ij ≥ b_i is never preferred and gets no variable, which keeps the model small when existing
 * facilities serve much of the area.
 */
import { MipModelBuilder, type MipModel } from './mip_model';
import type { MedianProblem } from './median_state';
import type { ConflictGraph } from './types';

export interface MedianModel {
  model: MipModel;
  siteColumn: Int32Array;
  columnSite: number[];
}

/**
 * Columns and nonzeros the MIP would have.
 * @example medianModelSize(problem) // { columns: 3296, nonzeros: 9856 } for 205 × 16
 */
export function medianModelSize(problem: MedianProblem, conflicts: ConflictGraph | null): { columns: number; nonzeros: number } {
  const { matrix, weights, baselineCost, open } = problem;
  let pairs = 0;
  let extra = 0;
  let sites = 0;
  for (let j = 0; j < matrix.candidateCount; j++) sites += open[j];
  for (let i = 0; i < matrix.demandCount; i++) {
    if (!(weights[i] > 0)) continue;
    for (let p = matrix.rowStart[i]; p < matrix.rowStart[i + 1]; p++) {
      if (matrix.rowCost[p] >= baselineCost[i]) break;
      if (open[matrix.rowCandidate[p]]) pairs++;
    }
    if (Number.isFinite(baselineCost[i])) extra++;
  }
  return { columns: sites + pairs + extra, nonzeros: 3 * pairs + extra + sites + (conflicts ? conflicts.neighbour.length : 0) };
}

/**
 * Builds the MIP.
 * @example buildMedianModel(problem, 4, null).model.columnCount
 */
export function buildMedianModel(problem: MedianProblem, k: number, conflicts: ConflictGraph | null): MedianModel {
  const { matrix, weights, baselineCost, open } = problem;
  const b = new MipModelBuilder('min');
  const siteColumn = new Int32Array(matrix.candidateCount).fill(-1);
  const columnSite: number[] = [];
  for (let j = 0; j < matrix.candidateCount; j++) {
    if (!open[j]) continue;
    siteColumn[j] = b.addColumn(`x${j}`, 0, 0, 1, true);
    columnSite.push(j);
  }
  const assign: number[] = [];
  const ones: number[] = [];
  for (let i = 0; i < matrix.demandCount; i++) {
    const w = weights[i];
    if (!(w > 0)) continue;
    assign.length = 0;
    for (let p = matrix.rowStart[i]; p < matrix.rowStart[i + 1]; p++) {
      const d = matrix.rowCost[p];
      if (d >= baselineCost[i]) break;
      const j = matrix.rowCandidate[p];
      if (!open[j]) continue;
      const y = b.addColumn(`y${i}_${j}`, w * d, 0, 1);
      assign.push(y);
      b.addLessEqual([y, siteColumn[j]], [1, -1], 0);
    }
    if (Number.isFinite(baselineCost[i])) assign.push(b.addColumn(`e${i}`, w * baselineCost[i], 0, 1));
    ones.length = assign.length;
    ones.fill(1);
    b.addEqual(assign, ones, 1);
  }
  b.addLessEqual(columnSite.map((j) => siteColumn[j]), columnSite.map(() => 1), k);
  if (conflicts) {
    for (let a = 0; a < matrix.candidateCount; a++) {
      if (siteColumn[a] < 0) continue;
      for (let q = conflicts.start[a]; q < conflicts.start[a + 1]; q++) {
        const other = conflicts.neighbour[q];
        if (other > a && siteColumn[other] >= 0) b.addLessEqual([siteColumn[a], siteColumn[other]], [1, 1], 1);
      }
    }
  }
  return { model: b.build(), siteColumn, columnSite };
}

/**
 * MIP start from a site set: x = 1 on the sites, each demand assigned to its nearest option.
 * @example medianStart(built, problem, [1, 6, 10, 11])
 */
export function medianStart(built: MedianModel, problem: MedianProblem, sites: readonly number[]): Float64Array {
  const { matrix, weights, baselineCost, open } = problem;
  const values = new Float64Array(built.model.columnCount);
  const isOpen = new Uint8Array(matrix.candidateCount);
  for (const j of sites) {
    isOpen[j] = 1;
    if (built.siteColumn[j] >= 0) values[built.siteColumn[j]] = 1;
  }
  // Columns were added demand by demand in the same order as in buildMedianModel.
  let column = built.columnSite.length;
  for (let i = 0; i < matrix.demandCount; i++) {
    if (!(weights[i] > 0)) continue;
    let chosen = -1;
    for (let p = matrix.rowStart[i]; p < matrix.rowStart[i + 1]; p++) {
      if (matrix.rowCost[p] >= baselineCost[i]) break;
      if (!open[matrix.rowCandidate[p]]) continue;
      if (chosen < 0 && isOpen[matrix.rowCandidate[p]]) chosen = column;
      column++;
    }
    if (Number.isFinite(baselineCost[i])) {
      if (chosen < 0) chosen = column;
      column++;
    }
    if (chosen >= 0) values[chosen] = 1;
  }
  return values;
}

/** Sites open in a solution vector. */
export function medianSitesFromValues(built: MedianModel, values: Float64Array): number[] {
  return built.columnSite.filter((j) => values[built.siteColumn[j]] > 0.5);
}
