/**
 * Dominance reductions of a unit-cost set-cover model (Toregas & ReVelle; the row and column rules of
 * every set-cover presolve), used before handing a p-center threshold's "can k sites cover everyone
 * within r?" model to HiGHS, so that the model fits the MIP limits more often:
 *  - a demand row whose coverers include all coverers of another needed row is dropped (covering the
 *    other covers it);
 *  - a site column whose needed demand is a subset of another open site's is dropped (the other does
 *    at least as well at the same cost).
 * Both keep the answer: the fewest sites covering the reduced rows with the reduced columns cover
 * every original row, and no fewer sites could. Rows and columns are bitsets; each pass compares every
 * pair, so it runs only when rows × columns × words stays within `maxWork`.
 */
import type { CoverageSets } from './types';

export interface ReducedCover {
  /** Columns kept (a subset of the given open sites). */
  open: Uint8Array;
  /** Rows kept (a subset of the given needed demand). */
  need: Uint8Array;
  removedRows: number;
  removedColumns: number;
}

/**
 * @example reduceSetCover(coverage, open, need)?.removedRows
 */
export function reduceSetCover(coverage: CoverageSets, open: Uint8Array, need: Uint8Array, maxWork = 3e8): ReducedCover | null {
  const rows: number[] = [];
  for (let i = 0; i < need.length; i++) if (need[i]) rows.push(i);
  const cols: number[] = [];
  for (let j = 0; j < coverage.candidateCount; j++) if (open[j]) cols.push(j);
  const R = rows.length;
  const K = cols.length;
  const rowWords = (K + 31) >>> 5;
  const colWords = (R + 31) >>> 5;
  if (R * R * rowWords + K * K * colWords > maxWork) return null;
  const rowIndex = new Int32Array(need.length).fill(-1);
  rows.forEach((i, r) => (rowIndex[i] = r));
  // rowBits[r]: columns covering row r; colBits[c]: rows column c covers.
  const rowBits = new Uint32Array(R * rowWords);
  const colBits = new Uint32Array(K * colWords);
  cols.forEach((j, c) => {
    for (let q = coverage.start[j]; q < coverage.start[j + 1]; q++) {
      const r = rowIndex[coverage.demand[q]];
      if (r < 0) continue;
      rowBits[r * rowWords + (c >>> 5)] |= 1 << (c & 31);
      colBits[c * colWords + (r >>> 5)] |= 1 << (r & 31);
    }
  });
  const rowAlive = new Uint8Array(R).fill(1);
  const colAlive = new Uint8Array(K).fill(1);
  // a ⊆ b over the words of two bitsets (in the same array).
  const subset = (bits: Uint32Array, words: number, a: number, b: number) => {
    const oa = a * words;
    const ob = b * words;
    for (let w = 0; w < words; w++) if ((bits[oa + w] & ~bits[ob + w]) !== 0) return false;
    return true;
  };
  const clearColumn = (c: number) => {
    colAlive[c] = 0;
    for (let r = 0; r < R; r++) rowBits[r * rowWords + (c >>> 5)] &= ~(1 << (c & 31));
  };
  const clearRow = (r: number) => {
    rowAlive[r] = 0;
    for (let c = 0; c < K; c++) colBits[c * colWords + (r >>> 5)] &= ~(1 << (r & 31));
  };
  let removedRows = 0;
  let removedColumns = 0;
  for (let pass = 0; pass < 4; pass++) {
    let changed = false;
    // Row h ⊆ row i (coverers): drop i; of two equal rows the later goes.
    for (let i = 0; i < R; i++) {
      if (!rowAlive[i]) continue;
      for (let h = 0; h < R; h++) {
        if (h === i || !rowAlive[h]) continue;
        if (subset(rowBits, rowWords, h, i) && (h < i || !subset(rowBits, rowWords, i, h))) {
          clearRow(i);
          removedRows++;
          changed = true;
          break;
        }
      }
    }
    // Column c ⊆ column d (rows covered): drop c; of two equal columns the later goes.
    for (let c = 0; c < K; c++) {
      if (!colAlive[c]) continue;
      for (let d = 0; d < K; d++) {
        if (d === c || !colAlive[d]) continue;
        if (subset(colBits, colWords, c, d) && (d < c || !subset(colBits, colWords, d, c))) {
          clearColumn(c);
          removedColumns++;
          changed = true;
          break;
        }
      }
    }
    if (!changed) break;
  }
  const outOpen = new Uint8Array(open.length);
  cols.forEach((j, c) => (outOpen[j] = colAlive[c]));
  const outNeed = new Uint8Array(need.length);
  rows.forEach((i, r) => (outNeed[i] = rowAlive[r]));
  return { open: outOpen, need: outNeed, removedRows, removedColumns };
}
