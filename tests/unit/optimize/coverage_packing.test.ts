/**
 * The greedy dual packing that starts the max-coverage Lagrangian bound (coverage_lagrangian.ts,
 * packingMultipliers): a hand-checked packing, a seeded property against brute-force enumeration (its
 * bound, and the subgradient's bound started from it, are ≥ the optimum and equal L(λ) written out
 * here from the definition), and on the Wuhan case ≥ the HiGHS optimum of the unreduced MIP.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { CoverageProblem } from '../../../shared/optimize/coverage_greedy';
import { budgetSteps, lagrangianCoverageBound, packingMultipliers } from '../../../shared/optimize/coverage_lagrangian';
import { reduceCoverage } from '../../../shared/optimize/coverage_reduce';
import { solveMaxCoverage } from '../../../shared/optimize/max_coverage';
import { bruteCoverageOptimum as bruteOptimum, coverageInstances, coverageProblemOf as problemOf } from '../../helpers/coverage_instances';
import { wuhanCoverageCase } from '../../helpers/wuhan_coverage';

/**
 * L(λ) from the definition: baseline weight + Σ over demand that an open site reaches (not baseline)
 * of max(0, w_i − λ_i) + the k largest positive c_j = Σ_{i∈N(j)} λ_i over open sites.
 */
function lagrangianValue(p: CoverageProblem, k: number, lambda: Float64Array): number {
  const { coverage, weights, baseline, open } = p;
  const reached = new Set<number>();
  const c: number[] = [];
  for (let j = 0; j < coverage.candidateCount; j++) {
    if (!open[j]) continue;
    let s = 0;
    for (let q = coverage.start[j]; q < coverage.start[j + 1]; q++) {
      reached.add(coverage.demand[q]);
      s += lambda[coverage.demand[q]];
    }
    c.push(s);
  }
  let v = 0;
  for (let i = 0; i < weights.length; i++) {
    if (baseline[i]) v += weights[i];
    else if (reached.has(i)) v += Math.max(0, weights[i] - lambda[i]);
  }
  return v + c.filter((x) => x > 0).sort((a, b) => b - a).slice(0, k).reduce((a, b) => a + b, 0);
}

describe('packingMultipliers by hand', () => {
  it('raises the demand with fewest coverers first, up to the level of its sites', () => {
    // Site 0 covers {0, 1}, site 1 covers {1, 2}, site 2 covers {2}. Weights 3, 5, 2; k = 1.
    // Demand 0 has one coverer (site 0), demand 1 two, demand 2 two. Optimum: site 0 or 1, 8 or 7 → 8.
    const p = problemOf([[0, 1], [1, 2], [2]], [3, 5, 2]);
    const r = packingMultipliers(p, 1, 8);
    // Levels tried from 0.4 × 8 = 3.2 up; at any μ ≥ 3: λ_0 = 3, λ_1 = min(5, μ − 3), λ_2 = min(2, μ − λ_1), and
    // L = (3 − λ_0) + (5 − λ_1) + (2 − λ_2) + max(λ_0 + λ_1, λ_1 + λ_2, λ_2) = 8 (e.g. μ = 3.2: λ = 3, 0.2, 2).
    expect(r.bound).toBeCloseTo(lagrangianValue(p, 1, r.lambda), 12);
    expect(r.bound).toBeGreaterThanOrEqual(bruteOptimum(p, 1));
    expect(r.bound).toBeCloseTo(8, 12);
    expect(r.lambda[0]).toBe(3);
  });

  it('gives λ = 0 to demand that does not matter (baseline, weight 0, only closed coverers)', () => {
    const p = problemOf([[0, 1], [2, 3], [3]], [4, 6, 0, 5], { baseline: [1], closed: [1] });
    const r = packingMultipliers(p, 1, 5);
    expect(r.lambda[1]).toBe(0);
    expect(r.lambda[2]).toBe(0);
    expect(r.bound).toBeCloseTo(lagrangianValue(p, 1, r.lambda), 12);
    expect(r.bound).toBeGreaterThanOrEqual(bruteOptimum(p, 1) - 1e-12);
  });
});

const instances = (maxD: number, maxC: number, maxK: number) =>
  coverageInstances(maxD, maxC, maxK, () => ({ perSite: fc.double({ min: 0.5, max: 40, noNaN: true }), tries: fc.integer({ min: 1, max: 9 }) }));

describe('packing bound against brute force (seeded)', () => {
  it('the packing bound and the subgradient bound started from it are L(λ) at some 0 ≤ λ ≤ w and ≥ the optimum', () => {
    fc.assert(
      fc.property(fc.oneof(instances(12, 8, 3), instances(30, 14, 4)), (t) => {
        const p = problemOf(t.sets, t.weights, { baseline: t.baseline, closed: t.closed });
        const optimum = bruteOptimum(p, t.k);
        const tolerance = 1e-9 * Math.max(1, optimum);
        const r = packingMultipliers(p, t.k, t.perSite, { tries: t.tries });
        for (let i = 0; i < t.weights.length; i++) {
          expect(r.lambda[i]).toBeGreaterThanOrEqual(0);
          expect(r.lambda[i]).toBeLessThanOrEqual(t.weights[i]);
        }
        expect(Math.abs(r.bound - lagrangianValue(p, t.k, r.lambda))).toBeLessThanOrEqual(tolerance);
        expect(r.bound).toBeGreaterThanOrEqual(optimum - tolerance);
        // The same from the reduced problem with its demand → site lists given.
        const red = reduceCoverage(p);
        if (red.problem.coverage.demandCount > 0) {
          const viaLists = packingMultipliers(red.problem, t.k, t.perSite, { tries: t.tries, coverers: red.coverers });
          const internal = packingMultipliers(red.problem, t.k, t.perSite, { tries: t.tries });
          expect(viaLists.bound).toBe(internal.bound);
          expect(viaLists.bound + red.constant).toBeGreaterThanOrEqual(optimum - tolerance);
        }
        const integral = t.weights.every((w) => Number.isInteger(w));
        // Plain and deflected subgradient steps (the latter as max_coverage.ts runs them from the packing).
        for (const steps of [{ ...budgetSteps(20), theta: 1 }, { theta: 1, patience: 5, deflection: 1.5 }]) {
          const lagrangian = lagrangianCoverageBound(p, t.k, 0, 20, undefined, integral, -Infinity, steps, r.lambda);
          expect(lagrangian.bound).toBeGreaterThanOrEqual(optimum - tolerance);
          expect(lagrangian.bound).toBeLessThanOrEqual(r.bound + tolerance);
          expect(Math.abs(lagrangian.bound - lagrangianValue(p, t.k, lagrangian.lambda))).toBeLessThanOrEqual(tolerance);
        }
      }),
      { seed: 1914, numRuns: 400 },
    );
  });
});

describe('Wuhan sample, 3085 blocks × 772 candidates, k = 10', () => {
  it('the packing bound is ≥ the HiGHS optimum and far below the bound at λ = w', async () => {
    const wuhan = wuhanCoverageCase();
    const mip = await solveMaxCoverage(
      { coverage: wuhan.coverage, k: wuhan.k, weights: wuhan.weights, candidateIds: wuhan.candidateIds },
      { method: 'exact', lagrangianIterations: 1, maxSwapScans: 0 },
    );
    expect(mip.exact).toBe(true);
    const problem: CoverageProblem = { coverage: wuhan.coverage, weights: wuhan.weights, baseline: new Uint8Array(3085), open: new Uint8Array(772).fill(1), conflicts: null };
    const perSite = mip.objective / wuhan.k;
    const packing = packingMultipliers(problem, wuhan.k, perSite);
    expect(packing.bound).toBeCloseTo(lagrangianValue(problem, wuhan.k, packing.lambda), 6);
    expect(packing.bound).toBeGreaterThanOrEqual(mip.objective - 1e-6);
    // At λ = w, L is the sum of the k largest site weights (the greedy's first bound); the packing
    // starts much nearer the optimum.
    const atWeights = lagrangianValue(problem, wuhan.k, wuhan.weights);
    expect(packing.bound - mip.objective).toBeLessThan(0.5 * (atWeights - mip.objective));
    const red = reduceCoverage(problem);
    const reduced = packingMultipliers(red.problem, wuhan.k, perSite, { coverers: red.coverers });
    expect(reduced.bound + red.constant).toBeGreaterThanOrEqual(mip.objective - 1e-6);
    const lagrangian = lagrangianCoverageBound(red.problem, wuhan.k, mip.objective, 300, undefined, false, -Infinity, { theta: 1, patience: 5, deflection: 1.5 }, reduced.lambda);
    expect(lagrangian.bound + red.constant).toBeGreaterThanOrEqual(mip.objective - 1e-6);
    expect(lagrangian.bound).toBeLessThanOrEqual(reduced.bound);
    // The solver with the packing start and no search after the relaxation: a valid Lagrangian bound.
    const heuristic = await solveMaxCoverage(
      { coverage: wuhan.coverage, k: wuhan.k, weights: wuhan.weights, candidateIds: wuhan.candidateIds },
      { method: 'heuristic', lagrangianStart: 'packing' },
    );
    expect(heuristic.boundSource).toBe('lagrangian');
    expect(heuristic.bound).toBeGreaterThanOrEqual(mip.objective - 1e-6);
    expect(heuristic.objective).toBeLessThanOrEqual(mip.objective + 1e-6);
  });
});
