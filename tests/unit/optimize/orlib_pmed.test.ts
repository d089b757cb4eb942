/**
 * OR-Library p-median instances (Beasley 1985): parsing with the "last occurrence wins" rule,
 * shortest paths, and pmed1..pmed5 solved to their proven optima (pmedopt.txt).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { costMatrixFromDense } from '../../../shared/optimize/cost_matrix';
import { parseOrlibPmed } from '../../../shared/optimize/orlib_pmed';
import { solvePMedian } from '../../../shared/optimize/p_median';
import { isInputError } from '../../../shared/errors';
import { loadPmed, PMED_DIR } from './fixtures';

describe('parseOrlibPmed', () => {
  it('uses shortest paths and lets the last duplicate edge win', () => {
    // Edge 1-2 is given as 5, then 50 (Beasley: the last one counts), and 3-1 = 9 reversed.
    const inst = parseOrlibPmed('3 3 1\n1 2 5\n2 1 50\n3 1 9\n', 'tiny.txt');
    expect(inst.vertexCount).toBe(3);
    expect(inst.p).toBe(1);
    expect(Array.from(inst.costs)).toEqual([0, 50, 9, 50, 0, 59, 9, 59, 0]);
  });

  it('gives Infinity between disconnected vertices', () => {
    const inst = parseOrlibPmed('3 1 1\n1 2 4\n', 'tiny.txt');
    expect(inst.costs[2]).toBe(Infinity);
    expect(inst.costs[1]).toBe(4);
  });

  it('rejects malformed files with the line number', () => {
    const bad = (text: string) => {
      try {
        parseOrlibPmed(text, 'bad.txt');
      } catch (error) {
        if (isInputError(error)) return error.location;
        throw error;
      }
      throw new Error('no error');
    };
    expect(bad('3 2 1\n1 2 5\n')).toMatchObject({ file: 'bad.txt' });
    expect(bad('3 1 1\n1 4 5\n')).toMatchObject({ file: 'bad.txt', row: 2 });
    expect(bad('3 1 1\n1 2 -5\n')).toMatchObject({ file: 'bad.txt', row: 2 });
    expect(bad('x y z\n')).toMatchObject({ file: 'bad.txt', row: 1 });
  });

  it('pmed1 has duplicate edges, and the rule matters for its distances', () => {
    const text = readFileSync(path.join(PMED_DIR, 'pmed1.txt'), 'utf8');
    const lines = text.trim().split(/\r?\n/).slice(1).map((l) => l.trim().split(/\s+/).map(Number));
    const seen = new Map<string, number>();
    let duplicates = 0;
    for (const [i, j] of lines) {
      const key = `${Math.min(i, j)}-${Math.max(i, j)}`;
      if (seen.has(key)) duplicates++;
      seen.set(key, 1);
    }
    expect(duplicates).toBeGreaterThan(0);
    const inst = loadPmed(1);
    expect(inst.n).toBe(100);
    expect(inst.p).toBe(5);
    // Symmetric, zero diagonal, all connected.
    for (let a = 0; a < 100; a++) {
      expect(inst.dense[a * 100 + a]).toBe(0);
      for (let b = 0; b < 100; b++) expect(inst.dense[a * 100 + b]).toBe(inst.dense[b * 100 + a]);
    }
    expect(inst.dense.every((v) => Number.isFinite(v))).toBe(true);
  });
});

describe('p-median on OR-Library pmed1..pmed5', () => {
  for (const index of [1, 2, 3, 4, 5]) {
    it(`pmed${index} reaches its proven optimum`, async () => {
      const inst = loadPmed(index);
      const r = await solvePMedian(
        { costs: inst.costs, k: inst.p, weights: new Float64Array(inst.n).fill(1), candidateIds: ids(inst.n) },
        { method: 'heuristic', seed: 1 },
      );
      expect(r.objective).toBe(inst.optimum);
      expect(r.selected).toHaveLength(inst.p);
      expect(r.bound).toBeLessThanOrEqual(inst.optimum);
      expect(r.meanCost).toBeCloseTo(inst.optimum / inst.n, 12);
    });
  }

  it('pmed2 with the exact path closes the gap the Lagrangian bound leaves open', async () => {
    const inst = loadPmed(2);
    const heuristic = await solvePMedian(
      { costs: inst.costs, k: inst.p, weights: new Float64Array(inst.n).fill(1), candidateIds: ids(inst.n) },
      { method: 'heuristic' },
    );
    expect(heuristic.exact).toBe(false);
    expect(heuristic.bound).toBeLessThan(inst.optimum);
    const exact = await solvePMedian(
      { costs: inst.costs, k: inst.p, weights: new Float64Array(inst.n).fill(1), candidateIds: ids(inst.n) },
      { method: 'exact' },
    );
    expect(exact.objective).toBe(4093);
    expect(exact.exact).toBe(true);
    expect(exact.path).toBe('mip');
    expect(exact.bound).toBe(4093);
  });

  it('is deterministic for a seed', async () => {
    const inst = loadPmed(3);
    const run = () =>
      solvePMedian(
        { costs: inst.costs, k: inst.p, weights: new Float64Array(inst.n).fill(1), candidateIds: ids(inst.n) },
        { method: 'heuristic', seed: 7 },
      );
    const [a, b] = [await run(), await run()];
    expect(a.selected).toEqual(b.selected);
    expect(a.objective).toBe(b.objective);
    expect(a.bound).toBe(b.bound);
  });

  it('a dense matrix and its costMatrixFromDense copy agree with pairwise lookups', () => {
    const inst = loadPmed(4);
    const again = costMatrixFromDense(inst.dense, inst.n, inst.n);
    expect(again.rowCost).toEqual(inst.costs.rowCost);
    // Rows sorted by cost.
    for (let i = 0; i < inst.n; i++) {
      for (let p = again.rowStart[i] + 1; p < again.rowStart[i + 1]; p++) expect(again.rowCost[p]).toBeGreaterThanOrEqual(again.rowCost[p - 1]);
    }
  });
});

function ids(n: number): string[] {
  return Array.from({ length: n }, (_, i) => String(i + 1));
}
