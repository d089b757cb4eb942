/**
 * Max-coverage model reduction (coverage_reduce.ts) and the Lagrangian branch-and-bound
 * (coverage_branch.ts): hand-checked reductions, a seeded property against brute-force enumeration
 * (reduced optimum = original optimum; bound ≥ optimum ≥ incumbent, also when the node budget runs
 * out), and on real data the same optimum as HiGHS on the unreduced MIP.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { branchAndBoundCoverage } from '../../../shared/optimize/coverage_branch';
import type { CoverageProblem } from '../../../shared/optimize/coverage_greedy';
import { reduceCoverage } from '../../../shared/optimize/coverage_reduce';
import { coverageFromCosts } from '../../../shared/optimize/cost_matrix';
import { coverageModelSize } from '../../../shared/optimize/coverage_model';
import { solveMaxCoverage } from '../../../shared/optimize/max_coverage';
import { bruteCoverageOptimum as bruteOptimum, coverageInstances, coverageProblemOf as problemOf } from '../../helpers/coverage_instances';
import { wuhanCoverageCase } from '../../helpers/wuhan_coverage';
import { loadSanFrancisco } from './fixtures';

/** Covered weight of a site set of the original problem (baseline included). */
function valueOf(p: CoverageProblem, sites: readonly number[]): number {
  const covered = new Set<number>();
  for (let i = 0; i < p.weights.length; i++) if (p.baseline[i]) covered.add(i);
  for (const j of sites) for (let q = p.coverage.start[j]; q < p.coverage.start[j + 1]; q++) covered.add(p.coverage.demand[q]);
  let v = 0;
  for (const i of covered) v += p.weights[i];
  return v;
}

const setsOf = (p: CoverageProblem) =>
  Array.from({ length: p.coverage.candidateCount }, (_, j) => Array.from(p.coverage.demand.subarray(p.coverage.start[j], p.coverage.start[j + 1])).sort((a, b) => a - b));

describe('reduceCoverage by hand', () => {
  it('merges demand with the same coverers, drops covered, weightless and unreachable demand, and dominated sites', () => {
    // Demand 0..6. Candidate 0 covers {0,1,2}, 1 covers {1,2} (inside 0's: dropped), 2 covers {3,4}, 3 covers {4}
    // (inside 2's: dropped). Demand 5 is covered by the baseline (constant 7), 6 by nothing.
    const p = problemOf(
      [
        [0, 1, 2],
        [1, 2],
        [3, 4, 5],
        [4],
      ],
      [1, 2, 3, 4, 0, 7, 9],
      { baseline: [5] },
    );
    const r = reduceCoverage(p);
    expect(r.constant).toBe(7);
    expect(r.activeDemand).toBe(4); // 0, 1, 2, 3 (4 has weight 0, 5 is covered, 6 unreachable)
    expect(Array.from(r.site)).toEqual([0, 2]);
    expect(r.droppedCandidates).toBe(2);
    // After dropping 1, demand 0, 1, 2 share the coverer {0}: one group of weight 6; demand 3 alone (4).
    expect(r.problem.coverage.demandCount).toBe(2);
    expect(setsOf(r.problem)).toEqual([[0], [1]]);
    expect(Array.from(r.problem.weights)).toEqual([6, 4]);
  });

  it('keeps equal sites once (the lower index) and keeps a dominated site whose dominator has other conflicts', () => {
    const equal = reduceCoverage(problemOf([[0, 1], [0, 1], [2]], [1, 1, 1]));
    expect(Array.from(equal.site)).toEqual([0, 2]);
    // 1 ⊂ 0, but 0 clashes with 2 while 1 does not: with 2 open, 0 cannot replace 1, so 1 stays.
    const spaced = reduceCoverage(problemOf([[0, 1], [1], [2]], [1, 5, 1], { conflicts: [[0, 2]] }));
    expect(Array.from(spaced.site)).toEqual([0, 1, 2]);
    expect(bruteOptimum(spaced.problem, 2) + spaced.constant).toBe(6);
    // The same without the conflict: 1 goes.
    expect(Array.from(reduceCoverage(problemOf([[0, 1], [1], [2]], [1, 5, 1])).site)).toEqual([0, 2]);
  });

  it('leaves closed candidates out and counts only the demand the open ones reach', () => {
    const r = reduceCoverage(problemOf([[0], [1], [2]], [2, 3, 4], { closed: [1] }));
    expect(Array.from(r.site)).toEqual([0, 2]);
    expect(r.activeDemand).toBe(2);
    expect(Array.from(r.problem.weights).sort()).toEqual([2, 4]);
  });
});

const instances = (maxD: number, maxC: number, maxK: number) =>
  coverageInstances(maxD, maxC, maxK, (_D, C) => ({
    conflicts: fc.array(fc.tuple(fc.integer({ min: 0, max: C - 1 }), fc.integer({ min: 0, max: C - 1 })), { maxLength: 3 }),
  }));

describe('reduction and branch-and-bound against brute force (seeded)', () => {
  it('reduced optimum + constant = original optimum; the search proves it; a cut-short search keeps bound ≥ optimum ≥ incumbent', () => {
    fc.assert(
      fc.property(fc.oneof(instances(12, 8, 3), instances(30, 14, 4)), (t) => {
        const p = problemOf(t.sets, t.weights, { baseline: t.baseline, closed: t.closed, conflicts: t.conflicts });
        const optimum = bruteOptimum(p, t.k);
        const r = reduceCoverage(p);
        expect(r.modelSize).toEqual(coverageModelSize(p, { kind: 'max-coverage', k: t.k }));
        const tolerance = 1e-9 * Math.max(1, optimum);
        expect(Math.abs(bruteOptimum(r.problem, t.k) + r.constant - optimum)).toBeLessThanOrEqual(tolerance);
        const integral = t.weights.every((w) => Number.isInteger(w));
        const full = branchAndBoundCoverage(r.problem, t.k, [], { integral });
        expect(full.proven).toBe(true);
        expect(Math.abs(full.value + r.constant - optimum)).toBeLessThanOrEqual(tolerance);
        // Its sites, mapped back, are feasible in the original problem and worth what it says.
        const sites = Array.from(full.selected, (s) => r.site[s]);
        expect(sites.length).toBeLessThanOrEqual(t.k);
        for (const a of sites) {
          expect(p.open[a]).toBe(1);
          if (p.conflicts) for (let q = p.conflicts.start[a]; q < p.conflicts.start[a + 1]; q++) expect(sites).not.toContain(p.conflicts.neighbour[q]);
        }
        expect(Math.abs(valueOf(p, sites) - optimum)).toBeLessThanOrEqual(tolerance);
        const cut = branchAndBoundCoverage(r.problem, t.k, [], { integral, maxNodes: 1, rootIterations: 3 });
        expect(cut.bound + r.constant).toBeGreaterThanOrEqual(optimum - tolerance);
        expect(cut.value + r.constant).toBeLessThanOrEqual(optimum + tolerance);
      }),
      { seed: 14, numRuns: 400 },
    );
  });
});

describe('the new path gives the HiGHS optimum of the unreduced model', () => {
  it('spopt San Francisco, k = 1..5 within 5000 m and 3000 m', async () => {
    const sf = loadSanFrancisco();
    for (const radius of [5000, 3000]) {
      const coverage = coverageFromCosts(sf.matrix, radius);
      for (let k = 1; k <= 5; k++) {
        const input = { coverage, k, weights: sf.weights, candidateIds: sf.candidateIds };
        const mip = await solveMaxCoverage(input, { method: 'exact', lagrangianIterations: 1, maxSwapScans: 0 });
        const ours = await solveMaxCoverage(input);
        expect(mip.path).toBe('mip');
        expect(ours.objective).toBe(mip.objective);
        expect(ours.exact).toBe(true);
        expect(ours.bound).toBe(ours.objective);
      }
    }
    // The published value (spopt, p = 4, 5000 m).
    expect((await solveMaxCoverage({ coverage: coverageFromCosts(sf.matrix, 5000), k: 4, weights: sf.weights, candidateIds: sf.candidateIds })).objective).toBe(875247);
  });

  it('Wuhan sample, 3085 blocks × 772 candidates, k = 10: branch-and-bound proves the MIP optimum', async () => {
    const wuhan = wuhanCoverageCase();
    expect([wuhan.coverage.demandCount, wuhan.coverage.candidateCount]).toEqual([3085, 772]);
    const input = { coverage: wuhan.coverage, k: wuhan.k, weights: wuhan.weights, candidateIds: wuhan.candidateIds };
    const ours = await solveMaxCoverage(input);
    expect(ours.path).toBe('branch-and-bound');
    expect(ours.exact).toBe(true);
    expect(ours.model).toBeNull();
    const mip = await solveMaxCoverage(input, { method: 'exact', lagrangianIterations: 1, maxSwapScans: 0 });
    expect(mip.exact).toBe(true);
    expect(mip.model).toMatchObject({ columns: 772 + 3085, relaxed: false });
    expect(ours.objective).toBeCloseTo(mip.objective, 6);
    expect(ours.bound).toBeGreaterThanOrEqual(mip.objective - 1e-6);
    expect(ours.bound - ours.objective).toBeLessThanOrEqual(1e-9 * ours.objective);
    // The reduction on this case: fewer demand groups and candidates, the same optimum.
    const problem = { coverage: wuhan.coverage, weights: wuhan.weights, baseline: new Uint8Array(3085), open: new Uint8Array(772).fill(1), conflicts: null };
    const r = reduceCoverage(problem);
    expect(r.modelSize).toEqual({ columns: 772 + 3085, nonzeros: mip.model!.nonzeros });
    expect(r.problem.coverage.demandCount).toBeLessThan(3085);
    expect(r.problem.coverage.candidateCount).toBeLessThan(772);
  });
});
