/**
 * Every solver against brute-force enumeration on random tiny instances (fast-check, fixed seeds):
 * the exact path must find the optimum; the heuristic path must return a feasible objective and a
 * valid bound (objective ≤ OPT ≤ bound for maximisation, bound ≤ OPT ≤ objective for minimisation).
 * Instances include unreachable pairs, weight-0 demand, ineligible candidates, existing sites and
 * spacing conflicts.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { costMatrixFromDense, coverageFromCosts } from '../../../shared/optimize/cost_matrix';
import { solveCapacitatedCoverage } from '../../../shared/optimize/capacitated_coverage';
import { solveMaxCoverage } from '../../../shared/optimize/max_coverage';
import { solveMinFacilities } from '../../../shared/optimize/min_facilities';
import { solvePCenter } from '../../../shared/optimize/p_center';
import { solvePMedian } from '../../../shared/optimize/p_median';
import type { ConflictGraph, SitingInput } from '../../../shared/optimize/types';
import { isInputError } from '../../../shared/errors';
import { bruteCapacitated, bruteMaxCoverage, bruteMinFacilities, brutePCenter, brutePMedian, type TinyInstance } from './brute_force';

const instance: fc.Arbitrary<TinyInstance> = fc
  .record({ D: fc.integer({ min: 1, max: 9 }), C: fc.integer({ min: 2, max: 7 }) })
  .chain(({ D, C }) =>
    fc.record({
      cost: fc.array(fc.array(fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 0, max: 30 }) }, { weight: 1, arbitrary: fc.constant(Infinity) }), { minLength: C, maxLength: C }), {
        minLength: D,
        maxLength: D,
      }),
      weights: fc.array(fc.oneof({ weight: 5, arbitrary: fc.integer({ min: 1, max: 9 }) }, { weight: 1, arbitrary: fc.constant(0) }), { minLength: D, maxLength: D }),
      k: fc.integer({ min: 1, max: 3 }),
      fixed: fc.subarray([...Array(C).keys()], { maxLength: 1 }),
      eligible: fc.array(fc.oneof({ weight: 5, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }), { minLength: C, maxLength: C }),
      conflicts: fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: C - 1 }), fc.integer({ min: 0, max: C - 1 })), { maxLength: 3 }),
      radius: fc.integer({ min: 5, max: 25 }),
      capacity: fc.array(fc.integer({ min: 0, max: 20 }), { minLength: C, maxLength: C }),
    }),
  )
  .map((inst) => ({ ...inst, conflicts: inst.conflicts.filter(([a, b]) => a !== b) }))
  .filter((inst) => {
    const open = inst.eligible.filter((e, j) => e && !inst.fixed.includes(j)).length;
    return open >= inst.k;
  });

function toInput(inst: TinyInstance) {
  const D = inst.weights.length;
  const C = inst.eligible.length;
  const costs = costMatrixFromDense(Float64Array.from(inst.cost.flat()), D, C);
  const lists: number[][] = Array.from({ length: C }, () => []);
  for (const [a, b] of inst.conflicts) {
    if (!lists[a].includes(b)) lists[a].push(b);
    if (!lists[b].includes(a)) lists[b].push(a);
  }
  const start = new Int32Array(C + 1);
  lists.forEach((l, j) => (start[j + 1] = start[j] + l.length));
  const conflicts: ConflictGraph = { candidateCount: C, start, neighbour: Int32Array.from(lists.flat()) };
  const base: SitingInput = {
    candidateIds: [...Array(C).keys()].map((j) => `c${j}`),
    weights: Float64Array.from(inst.weights),
    eligible: Uint8Array.from(inst.eligible.map((e) => (e ? 1 : 0))),
    fixed: inst.fixed,
    conflicts,
  };
  return { base, costs, coverage: coverageFromCosts(costs, inst.radius) };
}

const runs = { numRuns: 100, seed: 20261122 };

describe('solvers agree with brute force on tiny instances', () => {
  it('max-coverage', async () => {
    await fc.assert(
      fc.asyncProperty(instance, async (inst) => {
        const { base, coverage } = toInput(inst);
        const opt = bruteMaxCoverage(inst);
        const exact = await solveMaxCoverage({ ...base, coverage, k: inst.k });
        expect(exact.objective).toBe(opt);
        expect(exact.exact).toBe(true);
        const heuristic = await solveMaxCoverage({ ...base, coverage, k: inst.k }, { method: 'heuristic' });
        expect(heuristic.objective).toBeLessThanOrEqual(opt);
        expect(heuristic.bound).toBeGreaterThanOrEqual(opt);
        expect(heuristic.selected.length).toBeLessThanOrEqual(inst.k);
      }),
      runs,
    );
  });

  it('min-facilities (full cover and a 0.7 share)', async () => {
    await fc.assert(
      fc.asyncProperty(instance, async (inst) => {
        const { base, coverage } = toInput(inst);
        for (const share of [1, 0.7]) {
          const opt = bruteMinFacilities(inst, share);
          const run = solveMinFacilities({ ...base, coverage, targetShare: share });
          if (opt === null) {
            const error = await run.catch((e: unknown) => e);
            expect(isInputError(error)).toBe(true);
            continue;
          }
          const r = await run;
          expect(r.objective).toBe(opt);
          expect(r.exact).toBe(true);
          const heuristic = await solveMinFacilities({ ...base, coverage, targetShare: share }, { method: 'heuristic' }).catch((e: unknown) => e);
          if (isInputError(heuristic)) continue; // spacing can defeat the greedy; the exact path decides
          const h = heuristic as Awaited<typeof run>;
          expect(h.objective).toBeGreaterThanOrEqual(opt);
          expect(h.bound).toBeLessThanOrEqual(opt);
        }
      }),
      runs,
    );
  });

  it('p-median', async () => {
    await fc.assert(
      fc.asyncProperty(instance, async (inst) => {
        const { base, costs } = toInput(inst);
        const opt = brutePMedian(inst);
        const run = solvePMedian({ ...base, costs, k: inst.k });
        if (opt === null) {
          expect(isInputError(await run.catch((e: unknown) => e))).toBe(true);
          return;
        }
        const r = await run;
        expect(r.objective).toBeCloseTo(opt, 9);
        expect(r.exact).toBe(true);
        const h = await solvePMedian({ ...base, costs, k: inst.k }, { method: 'heuristic' }).catch((e: unknown) => e);
        if (isInputError(h)) return; // spacing can leave the heuristic short of full reach
        const heuristic = h as Awaited<typeof run>;
        expect(heuristic.objective).toBeGreaterThanOrEqual(opt - 1e-9);
        expect(heuristic.bound).toBeLessThanOrEqual(opt + 1e-9);
      }),
      runs,
    );
  });

  it('p-center', async () => {
    await fc.assert(
      fc.asyncProperty(instance, async (inst) => {
        const { base, costs } = toInput(inst);
        const opt = brutePCenter(inst);
        const run = solvePCenter({ ...base, costs, k: inst.k });
        if (opt === null) {
          expect(isInputError(await run.catch((e: unknown) => e))).toBe(true);
          return;
        }
        const r = await run;
        expect(r.objective).toBe(opt);
        expect(r.exact).toBe(true);
        const h = await solvePCenter({ ...base, costs, k: inst.k }, { method: 'heuristic' }).catch((e: unknown) => e);
        if (isInputError(h)) return;
        const heuristic = h as Awaited<typeof run>;
        expect(heuristic.objective).toBeGreaterThanOrEqual(opt);
        expect(heuristic.bound).toBeLessThanOrEqual(opt);
      }),
      runs,
    );
  });

  it('capacitated max-coverage', async () => {
    await fc.assert(
      fc.asyncProperty(instance, async (inst) => {
        const { base, coverage } = toInput(inst);
        const opt = bruteCapacitated(inst);
        const input = { ...base, coverage, k: inst.k, capacity: Float64Array.from(inst.capacity) };
        const r = await solveCapacitatedCoverage(input);
        expect(r.objective).toBeCloseTo(opt, 6);
        const heuristic = await solveCapacitatedCoverage(input, { method: 'heuristic' });
        expect(heuristic.objective).toBeLessThanOrEqual(opt + 1e-6);
        expect(heuristic.bound).toBeGreaterThanOrEqual(opt - 1e-6);
      }),
      runs,
    );
  });
});
