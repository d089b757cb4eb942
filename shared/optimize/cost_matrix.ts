/**
 * Building the sparse two-way cost structure (`CostMatrix`) from a dense matrix or from pairs, and
 * deriving "who covers whom" (`CoverageSets`) from it for a cost threshold.
 */
import { InputError } from '../errors';
import { sortPairsByCost } from './pair_sort';
import type { CostMatrix, CoverageSets } from './types';

/**
 * Builds a CostMatrix from a dense row-major matrix (demand rows × candidate columns). Entries that
 * are not finite (Infinity, NaN) mean "unreachable" and are left out.
 * @example
 *   const m = costMatrixFromDense(new Float64Array([1, 5, 3, Infinity]), 2, 2);
 *   m.rowCandidate // Int32Array [0, 1, 0]  (demand 1 reaches only candidate 0)
 */
export function costMatrixFromDense(values: Float64Array, demandCount: number, candidateCount: number): CostMatrix {
  checkCount(demandCount, 'demandCount');
  checkCount(candidateCount, 'candidateCount');
  if (values.length !== demandCount * candidateCount) {
    throw new InputError(
      `cost matrix has ${values.length} values, expected demandCount × candidateCount = ${demandCount * candidateCount}`,
      { field: 'costs' },
    );
  }
  let nnz = 0;
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    if (v < 0) {
      const i = Math.floor(k / candidateCount);
      throw new InputError(`cost must be ≥ 0, got ${v} (demand ${i}, candidate ${k - i * candidateCount})`, {
        field: 'costs',
      });
    }
    if (Number.isFinite(v)) nnz++;
  }
  const demand = new Int32Array(nnz);
  const candidate = new Int32Array(nnz);
  const cost = new Float64Array(nnz);
  let p = 0;
  for (let i = 0; i < demandCount; i++) {
    const base = i * candidateCount;
    for (let j = 0; j < candidateCount; j++) {
      const v = values[base + j];
      if (!Number.isFinite(v)) continue;
      demand[p] = i;
      candidate[p] = j;
      cost[p] = v;
      p++;
    }
  }
  return costMatrixFromPairs(demandCount, candidateCount, demand, candidate, cost);
}

/**
 * Builds a CostMatrix from parallel pair arrays (any order). Costs must be finite and ≥ 0; a pair
 * given twice calls `onDuplicate(firstPairIndex, secondPairIndex)`, which should throw (the default
 * throws an InputError).
 * @example
 *   const m = costMatrixFromPairs(2, 2, new Int32Array([1, 0]), new Int32Array([0, 1]), new Float64Array([7, 2]));
 *   m.colDemand // Int32Array [1, 0]  (candidate 0 reaches demand 1, candidate 1 reaches demand 0)
 */
export function costMatrixFromPairs(
  demandCount: number,
  candidateCount: number,
  demand: Int32Array,
  candidate: Int32Array,
  cost: Float64Array,
  onDuplicate: (first: number, second: number) => never = (first, second) => {
    throw new InputError(
      `pair (demand ${demand[second]}, candidate ${candidate[second]}) is given twice (pairs ${first} and ${second})`,
      { field: 'costs' },
    );
  },
): CostMatrix {
  checkCount(demandCount, 'demandCount');
  checkCount(candidateCount, 'candidateCount');
  const nnz = demand.length;
  if (candidate.length !== nnz || cost.length !== nnz) {
    throw new InputError(`pair arrays differ in length: ${nnz}, ${candidate.length}, ${cost.length}`, { field: 'costs' });
  }
  const rowStart = new Int32Array(demandCount + 1);
  const colStart = new Int32Array(candidateCount + 1);
  for (let k = 0; k < nnz; k++) {
    const i = demand[k];
    const j = candidate[k];
    const c = cost[k];
    if (!(i >= 0 && i < demandCount) || !Number.isInteger(i)) {
      throw new InputError(`demand index ${i} out of range [0, ${demandCount})`, { field: 'costs' });
    }
    if (!(j >= 0 && j < candidateCount) || !Number.isInteger(j)) {
      throw new InputError(`candidate index ${j} out of range [0, ${candidateCount})`, { field: 'costs' });
    }
    if (!(c >= 0) || !Number.isFinite(c)) {
      throw new InputError(`cost must be finite and ≥ 0, got ${c} (demand ${i}, candidate ${j})`, { field: 'costs' });
    }
    rowStart[i + 1]++;
    colStart[j + 1]++;
  }
  for (let i = 0; i < demandCount; i++) rowStart[i + 1] += rowStart[i];
  for (let j = 0; j < candidateCount; j++) colStart[j + 1] += colStart[j];

  // Pair indices grouped by demand (stable: within a row, pairs keep input order for now).
  const byRow = new Int32Array(nnz);
  const fill = rowStart.slice(0, demandCount);
  for (let k = 0; k < nnz; k++) byRow[fill[demand[k]]++] = k;

  // Duplicate check: stamp each candidate with the row that last used it.
  const seenRow = new Int32Array(candidateCount).fill(-1);
  const seenPair = new Int32Array(candidateCount);
  for (let i = 0; i < demandCount; i++) {
    for (let p = rowStart[i]; p < rowStart[i + 1]; p++) {
      const k = byRow[p];
      const j = candidate[k];
      if (seenRow[j] === i) onDuplicate(Math.min(seenPair[j], k), Math.max(seenPair[j], k));
      seenRow[j] = i;
      seenPair[j] = k;
    }
  }

  // Sort each row by (cost, candidate).
  for (let i = 0; i < demandCount; i++) sortPairsByCost(byRow, rowStart[i], rowStart[i + 1], cost, candidate);
  const rowCandidate = new Int32Array(nnz);
  const rowCost = new Float64Array(nnz);
  for (let p = 0; p < nnz; p++) {
    rowCandidate[p] = candidate[byRow[p]];
    rowCost[p] = cost[byRow[p]];
  }

  // Columns: walking rows in demand order leaves every column sorted by demand index.
  const colDemand = new Int32Array(nnz);
  const colCost = new Float64Array(nnz);
  const colFill = colStart.slice(0, candidateCount);
  for (let i = 0; i < demandCount; i++) {
    for (let p = rowStart[i]; p < rowStart[i + 1]; p++) {
      const q = colFill[rowCandidate[p]]++;
      colDemand[q] = i;
      colCost[q] = rowCost[p];
    }
  }
  return { demandCount, candidateCount, rowStart, rowCandidate, rowCost, colStart, colDemand, colCost };
}

/**
 * Demand within `maxCost` of each candidate (cost ≤ maxCost), as CoverageSets.
 * @example coverageFromCosts(costMatrixFromDense(new Float64Array([1, 5]), 1, 2), 3).start // Int32Array [0, 1, 1]
 */
export function coverageFromCosts(matrix: CostMatrix, maxCost: number): CoverageSets {
  if (!(maxCost >= 0)) throw new InputError(`cost threshold must be ≥ 0, got ${maxCost}`, { field: 'maxCost' });
  const { candidateCount, colStart, colDemand, colCost } = matrix;
  const start = new Int32Array(candidateCount + 1);
  for (let j = 0; j < candidateCount; j++) {
    let n = 0;
    for (let q = colStart[j]; q < colStart[j + 1]; q++) if (colCost[q] <= maxCost) n++;
    start[j + 1] = start[j] + n;
  }
  const demand = new Int32Array(start[candidateCount]);
  let p = 0;
  for (let j = 0; j < candidateCount; j++) {
    for (let q = colStart[j]; q < colStart[j + 1]; q++) if (colCost[q] <= maxCost) demand[p++] = colDemand[q];
  }
  return { demandCount: matrix.demandCount, candidateCount, start, demand };
}

/**
 * Cost of one pair, Infinity when unreachable (binary search in the candidate's column).
 * @example pairCost(costMatrixFromDense(new Float64Array([1, 5]), 1, 2), 0, 1) // 5
 */
export function pairCost(matrix: CostMatrix, demandIndex: number, candidateIndex: number): number {
  let lo = matrix.colStart[candidateIndex];
  let hi = matrix.colStart[candidateIndex + 1] - 1;
  const d = matrix.colDemand;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = d[mid];
    if (v === demandIndex) return matrix.colCost[mid];
    if (v < demandIndex) lo = mid + 1;
    else hi = mid - 1;
  }
  return Infinity;
}

/**
 * Largest finite cost in the matrix (0 when empty).
 * @example maxFiniteCost(costMatrixFromDense(new Float64Array([1, 5]), 1, 2)) // 5
 */
export function maxFiniteCost(matrix: CostMatrix): number {
  let max = 0;
  const c = matrix.rowCost;
  for (let p = 0; p < c.length; p++) if (c[p] > max) max = c[p];
  return max;
}

function checkCount(n: number, field: string): void {
  if (!Number.isInteger(n) || n < 0) throw new InputError(`${field} must be an integer ≥ 0, got ${n}`, { field });
}
