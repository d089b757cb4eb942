/**
 * Lagrangian branch-and-bound for p-median (median_branch_bound.ts): proofs on real instances
 * (OR-Library, spopt SF) against published optima and brute force computed here, and a seeded
 * property test on random small matrices (optimum = enumeration, bound ≤ objective, a cancelled
 * tree returns a real incumbent and a valid bound).
 *
 * Before the tree existed, 14 of the 40 OR-Library instances ended unproven (bound gaps 0.05–1.04 %):
 * pmed6, 11, 12, 16, 17, 22, 26, 27, 31, 32, 35, 36, 38, 39. pmed6, 11, 12 and 17 are proven below.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { costMatrixFromDense } from '../../../shared/optimize/cost_matrix';
import { medianBranchAndBound } from '../../../shared/optimize/median_branch_bound';
import { medianProblem, MedianState } from '../../../shared/optimize/median_state';
import { solvePMedian } from '../../../shared/optimize/p_median';
import { SolveControl } from '../../../shared/optimize/solve_control';
import { loadPmed, loadSanFrancisco } from './fixtures';

/** Σ w_i × min over `sites` of d_ij, from the dense matrix (Infinity when weighted demand is unreached). */
function denseValue(dense: Float64Array, weights: ArrayLike<number>, C: number, sites: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) {
    if (weights[i] === 0) continue;
    let best = Infinity;
    for (const j of sites) best = Math.min(best, dense[i * C + j]);
    sum += weights[i] * best;
  }
  return sum;
}

/** Every k-subset of 0..C-1. */
function subsets(C: number, k: number): number[][] {
  const out: number[][] = [];
  const pick = (from: number, chosen: number[]) => {
    if (chosen.length === k) {
      out.push(chosen.slice());
      return;
    }
    for (let j = from; j <= C - (k - chosen.length); j++) pick(j + 1, [...chosen, j]);
  };
  pick(0, []);
  return out;
}

function problemOf(dense: Float64Array, weights: Float64Array, D: number, C: number) {
  const costs = costMatrixFromDense(dense, D, C);
  return medianProblem({ costs, weights }, new Uint8Array(C).fill(1), new Int32Array(0));
}

function valueOn(problem: ReturnType<typeof problemOf>, sites: readonly number[]): number {
  const state = new MedianState(problem);
  state.setSites(sites);
  return state.objective();
}

/** A flag that turns true at its `after`-th read: cancels the tree at a reproducible point. */
function cancelAfter(after: number): { readonly aborted: boolean } {
  let reads = 0;
  return {
    get aborted() {
      return ++reads >= after;
    },
  };
}

describe('Lagrangian branch-and-bound on OR-Library instances', () => {
  for (const index of [1, 2, 3, 4, 5]) {
    it(`pmed${index}: from the first p vertices as incumbent, the tree finds and proves the published optimum`, () => {
      const inst = loadPmed(index);
      const problem = medianProblem({ costs: inst.costs, weights: new Float64Array(inst.n).fill(1) }, new Uint8Array(inst.n).fill(1), new Int32Array(0));
      const start = Array.from({ length: inst.p }, (_, j) => j);
      const startValue = denseValue(inst.dense, new Float64Array(inst.n).fill(1), inst.n, start);
      expect(startValue).toBeGreaterThan(inst.optimum);
      const r = medianBranchAndBound(problem, inst.p, start, startValue, { integral: true, nodeLimit: 100_000, timeLimitSeconds: 600 });
      expect(r.complete).toBe(true);
      expect(r.stoppedBy).toBeNull();
      expect(r.value).toBe(inst.optimum);
      expect(r.bound).toBe(inst.optimum);
      expect(r.sites).toHaveLength(inst.p);
      expect(new Set(r.sites).size).toBe(inst.p);
      expect(denseValue(inst.dense, new Float64Array(inst.n).fill(1), inst.n, r.sites)).toBe(inst.optimum);
    });
  }

  for (const index of [6, 11, 12, 17]) {
    it(`pmed${index} (unproven before the tree) is proven optimal by the default path`, async () => {
      const inst = loadPmed(index);
      const r = await solvePMedian({ costs: inst.costs, k: inst.p, weights: new Float64Array(inst.n).fill(1), candidateIds: ids(inst.n) });
      expect(r.objective).toBe(inst.optimum);
      expect(r.bound).toBe(inst.optimum);
      expect(r.exact).toBe(true);
      expect(r.gap).toBe(0);
      expect(r.notes.join('\n')).toMatch(/proven optimal by Lagrangian branch-and-bound: \d+ nodes/);
      // The chosen vertices, read back from their ids, give the optimum on the shortest-path matrix.
      expect(denseValue(inst.dense, new Float64Array(inst.n).fill(1), inst.n, r.selected.map((id) => Number(id) - 1))).toBe(inst.optimum);
    });
  }

  it('pmed12 stopped at a node limit reports a valid bound below the optimum, not a proof', async () => {
    const inst = loadPmed(12);
    const r = await solvePMedian({ costs: inst.costs, k: inst.p, weights: new Float64Array(inst.n).fill(1), candidateIds: ids(inst.n) }, { treeNodeLimit: 3 });
    expect(r.exact).toBe(false);
    expect(r.objective).toBeGreaterThanOrEqual(inst.optimum);
    expect(r.bound).toBeLessThanOrEqual(inst.optimum);
    expect(r.bound).toBeLessThan(r.objective);
    expect(r.notes.join('\n')).toMatch(/Lagrangian branch-and-bound: 3 nodes, stopped at its node limit/);
  });

  it('pmed12 cancelled inside the tree: the incumbent is a real p-site solution and the bound stays valid', () => {
    const inst = loadPmed(12);
    const weights = new Float64Array(inst.n).fill(1);
    const problem = medianProblem({ costs: inst.costs, weights }, new Uint8Array(inst.n).fill(1), new Int32Array(0));
    const start = Array.from({ length: inst.p }, (_, j) => j);
    const control = new SolveControl(undefined, cancelAfter(300));
    const r = medianBranchAndBound(problem, inst.p, start, denseValue(inst.dense, weights, inst.n, start), { integral: true, nodeLimit: 100_000, timeLimitSeconds: 600 }, control);
    expect(r.complete).toBe(false);
    expect(r.stoppedBy).toBe('cancelled');
    expect(r.nodes).toBeGreaterThan(1);
    expect(r.sites).toHaveLength(inst.p);
    expect(denseValue(inst.dense, weights, inst.n, r.sites)).toBe(r.value);
    expect(r.value).toBeGreaterThanOrEqual(inst.optimum);
    expect(r.bound).toBeLessThanOrEqual(inst.optimum);
  });
});

describe('Lagrangian branch-and-bound on spopt San Francisco (real-valued weights and distances)', () => {
  it('k = 2..6: the proven optimum equals enumeration of every k of the 16 stores', () => {
    const sf = loadSanFrancisco();
    const { matrix, weights } = sf;
    const D = matrix.demandCount;
    const C = matrix.candidateCount;
    const dense = new Float64Array(D * C).fill(Infinity);
    for (let i = 0; i < D; i++) for (let p = matrix.rowStart[i]; p < matrix.rowStart[i + 1]; p++) dense[i * C + matrix.rowCandidate[p]] = matrix.rowCost[p];
    const problem = medianProblem({ costs: matrix, weights }, new Uint8Array(C).fill(1), new Int32Array(0));
    for (const k of [2, 3, 4, 5, 6]) {
      const brute = Math.min(...subsets(C, k).map((s) => denseValue(dense, weights, C, s)));
      const start = Array.from({ length: k }, (_, j) => C - 1 - j);
      const r = medianBranchAndBound(problem, k, start, valueOn(problem, start), { integral: false, nodeLimit: 100_000, timeLimitSeconds: 600 });
      expect(r.complete).toBe(true);
      expect(r.value).toBeCloseTo(brute, 6);
      expect(Math.abs(r.value - brute)).toBeLessThanOrEqual(1e-9 * brute);
      expect(r.bound).toBeLessThanOrEqual(r.value);
      expect(r.bound).toBeGreaterThanOrEqual(brute * (1 - 1e-9));
      if (k === 4) expect(r.value / weights.reduce((a, b) => a + b, 0)).toBeCloseTo(2982.1268579890657, 9); // spopt's published mean
    }
  });
});

describe('Lagrangian branch-and-bound against enumeration (fast-check, seeded)', () => {
  const small = fc
    .record({ D: fc.integer({ min: 1, max: 12 }), C: fc.integer({ min: 2, max: 8 }), real: fc.boolean() })
    .chain(({ D, C, real }) =>
      fc.record({
        D: fc.constant(D),
        C: fc.constant(C),
        real: fc.constant(real),
        cost: fc.array(
          fc.oneof(
            { weight: 8, arbitrary: real ? fc.double({ min: 0, max: 50, noNaN: true }) : fc.integer({ min: 0, max: 50 }) },
            { weight: 1, arbitrary: fc.constant(Infinity) },
          ),
          { minLength: D * C, maxLength: D * C },
        ),
        weights: fc.array(fc.oneof({ weight: 6, arbitrary: real ? fc.double({ min: 0.1, max: 9, noNaN: true }) : fc.integer({ min: 1, max: 9 }) }, { weight: 1, arbitrary: fc.constant(0) }), {
          minLength: D,
          maxLength: D,
        }),
        k: fc.integer({ min: 1, max: Math.min(4, C - 1) }),
        cancelAt: fc.integer({ min: 1, max: 60 }),
      }),
    );

  it('proves the enumerated optimum; bound ≤ objective; a cancelled tree keeps a real incumbent and a valid bound', () => {
    let checked = 0;
    fc.assert(
      fc.property(small, (inst) => {
        const dense = Float64Array.from(inst.cost);
        const weights = Float64Array.from(inst.weights);
        const all = subsets(inst.C, inst.k).map((s) => ({ s, v: denseValue(dense, weights, inst.C, s) }));
        const finite = all.filter((x) => Number.isFinite(x.v));
        if (finite.length === 0) return; // no k sites reach every weighted demand: not a p-median instance
        let problem;
        try {
          problem = problemOf(dense, weights, inst.D, inst.C);
        } catch {
          return; // weighted demand no candidate reaches (refused by medianProblem, tested elsewhere)
        }
        const brute = Math.min(...finite.map((x) => x.v));
        // The worst feasible k-set as incumbent, so the tree has to find the optimum itself.
        const worst = finite.reduce((a, b) => (b.v > a.v ? b : a));
        const settings = { integral: !inst.real, nodeLimit: 100_000, timeLimitSeconds: 600 };
        const r = medianBranchAndBound(problem, inst.k, worst.s, valueOn(problem, worst.s), settings);
        const tol = 1e-9 * Math.max(1, brute);
        expect(r.complete).toBe(true);
        expect(r.sites).toHaveLength(inst.k);
        expect(Math.abs(r.value - brute)).toBeLessThanOrEqual(tol);
        expect(Math.abs(denseValue(dense, weights, inst.C, r.sites) - r.value)).toBeLessThanOrEqual(tol);
        expect(r.bound).toBeLessThanOrEqual(r.value + tol);
        expect(r.bound).toBeGreaterThanOrEqual(brute - tol - (inst.real ? 0 : 1));

        const cancelled = medianBranchAndBound(problem, inst.k, worst.s, valueOn(problem, worst.s), settings, new SolveControl(undefined, cancelAfter(inst.cancelAt)));
        expect(cancelled.sites).toHaveLength(inst.k);
        expect(Math.abs(denseValue(dense, weights, inst.C, cancelled.sites) - cancelled.value)).toBeLessThanOrEqual(tol);
        expect(cancelled.value).toBeGreaterThanOrEqual(brute - tol);
        expect(cancelled.value).toBeLessThanOrEqual(worst.v + tol);
        expect(cancelled.bound).toBeLessThanOrEqual(brute + tol);
        if (!cancelled.complete) expect(cancelled.stoppedBy).toBe('cancelled');
        checked++;
      }),
      { seed: 20261207, numRuns: 300 },
    );
    expect(checked).toBeGreaterThan(150);
  });
});

function ids(n: number): string[] {
  return Array.from({ length: n }, (_, i) => String(i + 1));
}
