/**
 * The fast interchange and its perturbation rounds (coverage_interchange.ts) and the smoothed dual
 * (coverage_lagrangian.ts smoothedCoverageBound), against computations written here from the
 * definitions: the incremental tables against a recount after random moves, the interchange's result
 * a true swap-local optimum (every swap tried), every objective ≤ the brute-force optimum, every bound
 * L(λ) at some 0 ≤ λ ≤ w and ≥ the optimum; on the Wuhan case against the HiGHS optimum.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { CoverageProblem } from '../../../shared/optimize/coverage_greedy';
import { greedyCoverage } from '../../../shared/optimize/coverage_greedy';
import { coverersOf, fastInterchange, InterchangeState, perturbedInterchange } from '../../../shared/optimize/coverage_interchange';
import { lagrangianCoverageBound, packingMultipliers, smoothedCoverageBound } from '../../../shared/optimize/coverage_lagrangian';
import { reduceCoverage } from '../../../shared/optimize/coverage_reduce';
import { solveMaxCoverage } from '../../../shared/optimize/max_coverage';
import { coverageFromPoints } from '../../../shared/optimize/point_costs';
import { mulberry32 } from '../../../shared/optimize/random';
import { bruteCoverageOptimum, coverageInstances, coverageProblemOf } from '../../helpers/coverage_instances';
import { wuhanCoverageCase } from '../../helpers/wuhan_coverage';

/** Covered weight of a site set, from the definition (baseline counted, each demand once). */
function covered(p: CoverageProblem, sites: readonly number[]): number {
  const hit = new Set<number>();
  for (let i = 0; i < p.weights.length; i++) if (p.baseline[i]) hit.add(i);
  for (const j of sites) for (let q = p.coverage.start[j]; q < p.coverage.start[j + 1]; q++) hit.add(p.coverage.demand[q]);
  let v = 0;
  for (const i of hit) v += p.weights[i];
  return v;
}

/** L(λ) from the definition (as in coverage_packing.test.ts, written again here). */
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

const instances = (maxD: number, maxC: number, maxK: number) => coverageInstances(maxD, maxC, maxK, () => ({ seed: fc.integer({ min: 1, max: 1e6 }) }));

describe('InterchangeState by hand', () => {
  it('keeps gain, once and extra as a recount gives them', () => {
    // Site 0 covers {0, 1}, site 1 {1, 2}, site 2 {2, 3}; weights 1, 2, 4, 8.
    const p = coverageProblemOf([[0, 1], [1, 2], [2, 3]], [1, 2, 4, 8]);
    const state = new InterchangeState(p, coverersOf(p), 2);
    expect(Array.from(state.gain)).toEqual([3, 6, 12]);
    state.add(1); // covers 1, 2 once
    expect(Array.from(state.gain)).toEqual([1, 0, 8]);
    expect(Array.from(state.once)).toEqual([2, 6, 4]);
    state.add(2); // 2 now twice, 3 once
    expect(Array.from(state.once)).toEqual([2, 2, 8]);
    // Swap site 0 in for site 1: gain 1 + extra(0, slot of 1) 2 − once[1] 2 = +1 (covers 0, 1, 2, 3: 15).
    const slot1 = state.slot[1];
    expect(state.extra[0 * 2 + slot1]).toBe(2);
    expect(state.value()).toBe(14);
    expect(state.improve(10)).toBe(1);
    expect(state.value()).toBe(15);
    expect(state.selected.sort()).toEqual([0, 2]);
  });
});

describe('fast interchange and perturbation rounds against brute force (seeded)', () => {
  it('tables equal a recount after random moves; the result is swap-local optimal and ≤ the optimum', () => {
    fc.assert(
      fc.property(fc.oneof(instances(12, 8, 3), instances(30, 14, 5)), (t) => {
        const p = coverageProblemOf(t.sets, t.weights, { baseline: t.baseline, closed: t.closed });
        const cov = coverersOf(p);
        const openSites = [...Array(p.coverage.candidateCount).keys()].filter((j) => p.open[j]);
        const k = Math.min(t.k, openSites.length);
        if (k === 0) return;
        const optimum = bruteCoverageOptimum(p, k);
        const tolerance = 1e-9 * Math.max(1, optimum);
        // Random adds and removes, then every table recounted from the definition.
        const random = mulberry32(t.seed);
        const state = new InterchangeState(p, cov, k);
        for (let m = 0; m < 12; m++) {
          const chosen = state.selected;
          if (chosen.length > 0 && (chosen.length === k || random() < 0.4)) state.remove(chosen[Math.floor(random() * chosen.length)]);
          else {
            const free = openSites.filter((j) => !state.isSelected[j]);
            if (free.length > 0) state.add(free[Math.floor(random() * free.length)]);
          }
        }
        const chosen = state.selected;
        const matters = (i: number) => !p.baseline[i] && p.weights[i] > 0;
        const countOf = (i: number) => chosen.filter((s) => Array.from(p.coverage.demand.subarray(p.coverage.start[s], p.coverage.start[s + 1])).includes(i)).length;
        for (const c of openSites) {
          let gain = 0;
          let once = 0;
          const extra = new Map<number, number>();
          for (let q = p.coverage.start[c]; q < p.coverage.start[c + 1]; q++) {
            const i = p.coverage.demand[q];
            if (!matters(i)) continue;
            const n = countOf(i);
            if (n === 0) gain += p.weights[i];
            if (n === 1) {
              once += p.weights[i];
              const owner = chosen.find((s) => Array.from(p.coverage.demand.subarray(p.coverage.start[s], p.coverage.start[s + 1])).includes(i))!;
              extra.set(owner, (extra.get(owner) ?? 0) + p.weights[i]);
            }
          }
          expect(state.gain[c]).toBeCloseTo(gain, 9);
          expect(state.once[c]).toBeCloseTo(once, 9);
          for (const s of chosen) expect(state.extra[c * k + state.slot[s]]).toBeCloseTo(extra.get(s) ?? 0, 9);
        }
        expect(state.value()).toBeCloseTo(covered(p, chosen), 9);

        // The interchange from the greedy: value exact, no better single swap exists, ≤ optimum.
        const greedy = greedyCoverage(p, k);
        if (greedy.selected.length === 0) return;
        const local = fastInterchange(p, cov, greedy.selected, 1000);
        expect(local.value).toBeCloseTo(covered(p, local.selected), 9);
        expect(local.value).toBeGreaterThanOrEqual(greedy.value - tolerance);
        expect(local.value).toBeLessThanOrEqual(optimum + tolerance);
        expect(new Set(local.selected).size).toBe(greedy.selected.length);
        for (const out of local.selected) {
          for (const into of openSites) {
            if (local.selected.includes(into)) continue;
            const swapped = local.selected.map((j) => (j === out ? into : j));
            expect(covered(p, swapped)).toBeLessThanOrEqual(local.value + tolerance);
          }
        }
        // Perturbation rounds: never below the interchange, never above the optimum, value exact.
        const perturbed = perturbedInterchange(p, cov, greedy.selected, { rounds: 30, seed: t.seed });
        expect(perturbed.value).toBeCloseTo(covered(p, perturbed.selected), 9);
        expect(perturbed.value).toBeGreaterThanOrEqual(local.value - tolerance);
        expect(perturbed.value).toBeLessThanOrEqual(optimum + tolerance);
        expect(new Set(perturbed.selected).size).toBe(greedy.selected.length);
      }),
      { seed: 2014, numRuns: 300 },
    );
  });
});

describe('smoothed dual against brute force (seeded)', () => {
  it('its bound is L(λ) at some 0 ≤ λ ≤ w, ≥ the optimum, and never above its start', () => {
    fc.assert(
      fc.property(fc.oneof(instances(12, 8, 3), instances(30, 14, 4)), (t) => {
        const p = coverageProblemOf(t.sets, t.weights, { baseline: t.baseline, closed: t.closed });
        const optimum = bruteCoverageOptimum(p, t.k);
        const tolerance = 1e-9 * Math.max(1, optimum);
        const integral = t.weights.every((w) => Number.isInteger(w));
        const packing = packingMultipliers(p, t.k, Math.max(1, optimum) / t.k);
        const sub = lagrangianCoverageBound(p, t.k, 0, 5, undefined, integral, -Infinity, { theta: 1, patience: 5, deflection: 1.5 }, packing.lambda);
        for (const start of [packing.lambda, sub.lambda]) {
          const r = smoothedCoverageBound(p, t.k, 0, 25, start, { integralWeights: integral, schedule: { first: 0.02 + (t.seed % 10) / 100, last: 0.001 } });
          for (let i = 0; i < t.weights.length; i++) {
            expect(r.lambda[i]).toBeGreaterThanOrEqual(0);
            expect(r.lambda[i]).toBeLessThanOrEqual(t.weights[i]);
          }
          expect(Math.abs(r.bound - lagrangianValue(p, t.k, r.lambda))).toBeLessThanOrEqual(tolerance);
          expect(r.bound).toBeGreaterThanOrEqual(optimum - tolerance);
          expect(r.bound).toBeLessThanOrEqual(lagrangianValue(p, t.k, start) + tolerance);
          // The rounded averaged soft top-k: at most k distinct open sites.
          expect(r.rounded!.length).toBeLessThanOrEqual(t.k);
          expect(new Set(r.rounded).size).toBe(r.rounded!.length);
          for (const j of r.rounded!) expect(p.open[j]).toBe(1);
          if (r.improved) {
            expect(r.improved.value).toBeCloseTo(covered(p, r.improved.selected), 9);
            expect(r.improved.value).toBeLessThanOrEqual(optimum + tolerance);
          }
        }
      }),
      { seed: 2015, numRuns: 300 },
    );
  });
});

describe('solveMaxCoverage with perturbation rounds and smoothed steps against brute force (seeded)', () => {
  it('objective = covered weight of its sites ≤ optimum ≤ bound, with and without spacing rules', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(instances(12, 8, 3), instances(30, 14, 4)).chain((t) =>
          fc.record({ t: fc.constant(t), conflicts: fc.array(fc.tuple(fc.nat({ max: t.sets.length - 1 }), fc.nat({ max: t.sets.length - 1 })), { maxLength: 3 }) }),
        ),
        async ({ t, conflicts }) => {
          const p = coverageProblemOf(t.sets, t.weights, { baseline: t.baseline, closed: t.closed, conflicts });
          const k = Math.min(t.k, p.open.reduce((a, b) => a + b, 0));
          if (k === 0) return;
          const optimum = bruteCoverageOptimum(p, k);
          const tolerance = 1e-9 * Math.max(1, optimum);
          const candidateIds = t.sets.map((_, j) => `c${j}`);
          const r = await solveMaxCoverage(
            { coverage: p.coverage, k, weights: p.weights, candidateIds, baselineCovered: p.baseline, eligible: p.open, conflicts: p.conflicts ?? undefined },
            // Few subgradient steps from the packing start leave a gap for the new steps to work on.
            { method: 'heuristic', lagrangianStart: 'packing', lagrangianIterations: 1, perturbRounds: 20, seed: t.seed, limits: { lpBoundMinGap: 0 } },
          );
          const indices = r.selected.map((id) => candidateIds.indexOf(id));
          expect(r.objective).toBeCloseTo(covered(p, indices), 9);
          expect(r.objective).toBeLessThanOrEqual(optimum + tolerance);
          expect(r.bound).toBeGreaterThanOrEqual(optimum - tolerance);
        },
      ),
      { seed: 2016, numRuns: 200 },
    );
  });
});

describe('a clustered town, 4000 points × 300 candidates, 1000 m, k = 8 (seeded)', () => {
  it('the gap steps run, raise the objective and lower the bound, and bracket the HiGHS optimum', async () => {
    // Six neighbourhoods (σ 600 m) plus uniform points over 12 km, as the bench's clustered city at small scale.
    const random = mulberry32(20261207);
    const lat0 = 30.5;
    const lon0 = 114.3;
    const degLat = 1 / 111_195;
    const degLon = degLat / Math.cos((lat0 * Math.PI) / 180);
    const centres = Array.from({ length: 6 }, () => [2000 + random() * 8000, 2000 + random() * 8000]);
    const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    const place = (n: number, clusteredShare: number) => {
      const lon = new Float64Array(n);
      const lat = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        let [x, y] = [random() * 12_000, random() * 12_000];
        if (random() < clusteredShare) {
          const [cx, cy] = centres[Math.floor(random() * centres.length)];
          [x, y] = [cx + 600 * gaussian(), cy + 600 * gaussian()];
        }
        lon[i] = lon0 + x * degLon;
        lat[i] = lat0 + y * degLat;
      }
      return { lon, lat };
    };
    const demand = place(4000, 0.7);
    const sites = place(300, 0.5);
    const weights = Float64Array.from({ length: 4000 }, () => Math.floor(random() * 20));
    const coverage = coverageFromPoints(demand, sites, 1000);
    const input = { coverage, k: 8, weights, candidateIds: Array.from({ length: 300 }, (_, j) => `s${j}`) };
    const mip = await solveMaxCoverage(input, { method: 'exact', perturbRounds: 0 });
    expect(mip.exact).toBe(true);
    // Few subgradient steps from the packing start leave a gap; heuristic only (no branch-and-bound).
    const base = { method: 'heuristic' as const, lagrangianStart: 'packing' as const, lagrangianIterations: 3, limits: { lpBoundMinGap: 0 } };
    const without = await solveMaxCoverage(input, { ...base, perturbRounds: 0, smoothedIterations: 0 });
    const withSteps = await solveMaxCoverage(input, { ...base, perturbRounds: 100, smoothedIterations: 40 });
    for (const r of [without, withSteps]) {
      expect(r.objective).toBeLessThanOrEqual(mip.objective + 1e-6);
      expect(r.bound).toBeGreaterThanOrEqual(mip.objective - 1e-6);
      const problem: CoverageProblem = { coverage, weights, baseline: new Uint8Array(4000), open: new Uint8Array(300).fill(1), conflicts: null };
      expect(covered(problem, r.selected.map((id) => Number(id.slice(1))))).toBeCloseTo(r.objective, 6);
    }
    expect(without.gap).toBeGreaterThan(0);
    expect(withSteps.objective).toBeGreaterThanOrEqual(without.objective);
    expect(withSteps.bound).toBeLessThan(without.bound);
  });
});

describe('Wuhan sample, 3085 blocks × 772 candidates, k = 10', () => {
  it('interchange, perturbation rounds and the smoothed dual bracket the HiGHS optimum', async () => {
    const wuhan = wuhanCoverageCase();
    const input = { coverage: wuhan.coverage, k: wuhan.k, weights: wuhan.weights, candidateIds: wuhan.candidateIds };
    const mip = await solveMaxCoverage(input, { method: 'exact', lagrangianIterations: 1, maxSwapScans: 0, perturbRounds: 0 });
    expect(mip.exact).toBe(true);
    expect(mip.objective).toBeCloseTo(132863.1324, 3);
    const problem: CoverageProblem = { coverage: wuhan.coverage, weights: wuhan.weights, baseline: new Uint8Array(3085), open: new Uint8Array(772).fill(1), conflicts: null };
    const red = reduceCoverage(problem);
    const greedy = greedyCoverage(red.problem, wuhan.k);
    const local = fastInterchange(red.problem, red.coverers, greedy.selected, 1000);
    const perturbed = perturbedInterchange(red.problem, red.coverers, greedy.selected, { rounds: 200 });
    // Mapped back to the original candidates, the same covered weight.
    expect(covered(problem, Array.from(perturbed.selected, (s) => red.site[s]))).toBeCloseTo(perturbed.value + red.constant, 6);
    expect(local.value).toBeGreaterThanOrEqual(greedy.value);
    expect(perturbed.value).toBeGreaterThanOrEqual(local.value);
    expect(perturbed.value + red.constant).toBeLessThanOrEqual(mip.objective + 1e-6);
    const packing = packingMultipliers(red.problem, wuhan.k, mip.objective / wuhan.k, { coverers: red.coverers });
    const smooth = smoothedCoverageBound(red.problem, wuhan.k, perturbed.value, 60, packing.lambda);
    expect(smooth.bound + red.constant).toBeGreaterThanOrEqual(mip.objective - 1e-6);
    expect(smooth.bound).toBeCloseTo(lagrangianValue(red.problem, wuhan.k, smooth.lambda), 6);
    expect(smooth.bound).toBeLessThan(packing.bound);
  });
});
