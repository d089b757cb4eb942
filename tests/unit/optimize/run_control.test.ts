/**
 * Progress and cancellation: progress is non-decreasing in [0, 1] and ends at 1; setting
 * `aborted` stops a solve with CancelledError, also from inside a running HiGHS solve.
 */
import { describe, expect, it } from 'vitest';
import { CancelledError } from '../../../shared/errors';
import { coverageFromCosts } from '../../../shared/optimize/cost_matrix';
import { solveMaxCoverage } from '../../../shared/optimize/max_coverage';
import { solvePCenter } from '../../../shared/optimize/p_center';
import { solvePMedian } from '../../../shared/optimize/p_median';
import { loadPmed, loadSanFrancisco } from './fixtures';

const sf = loadSanFrancisco();
const coverage = coverageFromCosts(sf.matrix, 5000);
const base = { weights: sf.weights, candidateIds: sf.candidateIds };

describe('progress', () => {
  it('is non-decreasing, within [0, 1] and ends at 1 for every solver', async () => {
    for (const solve of [
      (onProgress: (f: number) => void) => solveMaxCoverage({ ...base, coverage, k: 4 }, { onProgress }),
      (onProgress: (f: number) => void) => solvePMedian({ ...base, costs: sf.matrix, k: 4 }, { onProgress }),
      (onProgress: (f: number) => void) => solvePCenter({ ...base, costs: sf.matrix, k: 4 }, { onProgress }),
    ]) {
      const seen: number[] = [];
      await solve((f) => seen.push(f));
      expect(seen.length).toBeGreaterThan(1);
      expect(seen.every((f, t) => f >= 0 && f <= 1 && (t === 0 || f >= seen[t - 1]))).toBe(true);
      expect(seen[seen.length - 1]).toBe(1);
    }
  });
});

describe('cancellation', () => {
  it('stops a heuristic run when aborted from a progress callback', async () => {
    const inst = loadPmed(10);
    const signal = { aborted: false };
    const run = solvePMedian(
      { costs: inst.costs, k: inst.p, weights: new Float64Array(inst.n).fill(1), candidateIds: ids(inst.n) },
      { signal, onProgress: (f) => (signal.aborted = f > 0.2) },
    );
    await expect(run).rejects.toBeInstanceOf(CancelledError);
  });

  it('stops during the HiGHS phase (flag read by the solver callbacks)', async () => {
    let armed = false;
    let reads = 0;
    // A flag that turns true once HiGHS is running (as a SharedArrayBuffer-backed flag would).
    const signal = {
      get aborted() {
        return armed && ++reads > 1;
      },
    };
    const run = solveMaxCoverage(
      { ...base, coverage, k: 4 },
      { method: 'exact', lagrangianIterations: 1, maxSwapScans: 0, signal, onModel: () => (armed = true) },
    );
    await expect(run).rejects.toBeInstanceOf(CancelledError);
    expect(reads).toBeGreaterThan(1);
  });
});

function ids(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `v${i + 1}`);
}
