/**
 * Published results on spopt's San Francisco set (spopt_sf/EXPECTED.md), computed from the CSVs:
 * LSCP 8 sites; MCLP p = 4, S = 5000 m: 875 247 covered, 184 of 205 tracts; p-median p = 4: mean
 * 2982.1268579890657; p-center p = 4: 7403.06.
 */
import { describe, expect, it } from 'vitest';
import { coverageFromCosts } from '../../../shared/optimize/cost_matrix';
import { solveCapacitatedCoverage } from '../../../shared/optimize/capacitated_coverage';
import { solveMaxCoverage } from '../../../shared/optimize/max_coverage';
import { solveMinFacilities } from '../../../shared/optimize/min_facilities';
import { solvePCenter } from '../../../shared/optimize/p_center';
import { solvePMedian } from '../../../shared/optimize/p_median';
import { optimize } from '../../../shared/optimize/optimize';
import { loadSanFrancisco } from './fixtures';

const sf = loadSanFrancisco();
const coverage = coverageFromCosts(sf.matrix, 5000);
const base = { weights: sf.weights, candidateIds: sf.candidateIds, demandIds: sf.demandIds };

describe('spopt San Francisco set', () => {
  it('reads 205 tracts, 16 stores, 3 280 distances and POP2000 = 955 113', () => {
    expect(sf.demandIds).toHaveLength(205);
    expect(sf.candidateIds).toHaveLength(16);
    expect(sf.matrix.rowCost).toHaveLength(3280);
    expect(sf.weights.reduce((a, b) => a + b, 0)).toBe(955113);
    expect(sf.unreachableRows).toBe(0);
  });

  it('min-facilities (LSCP, S = 5000 m) needs 8 stores and proves it', async () => {
    const r = await solveMinFacilities({ ...base, coverage });
    expect(r.objective).toBe(8);
    expect(r.selected).toHaveLength(8);
    expect(r.bound).toBe(8);
    expect(r.exact).toBe(true);
    expect(r.covered).toEqual({ weight: 955113, count: 205, ratio: 1 });
  });

  it('min-facilities with the exact MIP also gives 8', async () => {
    // 'exact' hands the set-cover model to HiGHS although the packing bound already proves 8.
    const models: number[] = [];
    const r = await solveMinFacilities({ ...base, coverage }, { method: 'exact', onModel: (m) => models.push(m.columnCount) });
    expect(r.path).toBe('mip');
    expect(models).toEqual([16]);
    expect(r.model).toMatchObject({ columns: 16, relaxed: false });
    expect(r.objective).toBe(8);
    expect(r.bound).toBe(8);
    expect(r.exact).toBe(true);
    expect(r.covered.count).toBe(205);
  });

  it('max-coverage p = 4, S = 5000 m covers 875 247 people in 184 of 205 tracts', async () => {
    const r = await solveMaxCoverage({ ...base, coverage, k: 4 });
    expect(r.objective).toBe(875247);
    expect(r.covered.weight).toBe(875247);
    expect(r.covered.count).toBe(184);
    expect((100 * r.covered.count) / 205).toBeCloseTo(89.75609756097561, 12);
    expect(r.exact).toBe(true);
    expect(r.gap).toBe(0);
    expect([...r.selected].sort()).toEqual(['Store_11', 'Store_12', 'Store_15', 'Store_2']);
    // Marginal gains: the weight lost when each store alone is removed, largest first.
    expect(r.marginalGains).toEqual([...r.marginalGains].sort((a, b) => b - a));
    expect(r.marginalGains.every((g) => g > 0)).toBe(true);
  });

  it('max-coverage heuristic alone reaches the optimum and a valid bound', async () => {
    const r = await solveMaxCoverage({ ...base, coverage, k: 4 }, { method: 'heuristic' });
    expect(r.objective).toBe(875247);
    expect(r.bound).toBeGreaterThanOrEqual(875247);
    expect(r.path).toBe('heuristic');
  });

  it('p-median p = 4: mean distance 2982.1268579890657 m, Σ a·d = 2 848 268 129.7145', async () => {
    const r = await solvePMedian({ ...base, costs: sf.matrix, k: 4 });
    expect(r.meanCost).toBeCloseTo(2982.1268579890657, 9);
    expect(r.objective).toBeCloseTo(2848268129.7145104, 3);
    expect([...r.selected].sort()).toEqual(['Store_11', 'Store_12', 'Store_15', 'Store_2']);
    expect(r.exact).toBe(true);
    expect(r.objective - r.bound).toBeLessThan(1e-6 * r.objective);
  });

  it('a forced exact solve beyond the model limits is refused, naming the sizes', async () => {
    const limits = { maxMipColumns: 10, maxMipNonzeros: 100 };
    const refusal = /^field method: exact solve refused: (the|a set-cover) MIP would have \d+ columns and \d+ nonzeros \(limits 10 \/ 100\)$/;
    const runs = [
      () => solveMinFacilities({ ...base, coverage }, { method: 'exact', limits }),
      () => solveMaxCoverage({ ...base, coverage, k: 4 }, { method: 'exact', limits }),
      () => solvePMedian({ ...base, costs: sf.matrix, k: 4 }, { method: 'exact', limits }),
    ];
    // (p-center needs no MIP here: packing and Lagrangian bounds decide every threshold.)
    for (const run of runs) await expect(run()).rejects.toThrow(refusal);
    // The same limits without forcing: solved heuristically, with the published value.
    const auto = await solveMaxCoverage({ ...base, coverage, k: 4 }, { limits });
    expect(auto.covered.weight).toBe(875247);
  });

  it('p-median through the MIP gives the same mean', async () => {
    const r = await solvePMedian({ ...base, costs: sf.matrix, k: 4 }, { method: 'exact', lagrangianIterations: 1, vnsRounds: 0 });
    expect(r.meanCost).toBeCloseTo(2982.1268579890657, 9);
    expect(r.exact).toBe(true);
    expect(r.path).toBe('mip');
    expect(r.boundSource).toBe('mip');
    expect(r.model?.columns).toBe(16 + 3280);
  });

  it('p-center p = 4: worst distance 7403.06 m', async () => {
    const r = await solvePCenter({ ...base, costs: sf.matrix, k: 4 });
    expect(r.objective).toBeCloseTo(7403.06, 2);
    expect(r.maxCost).toBe(r.objective);
    expect(r.exact).toBe(true);
    expect(r.bound).toBe(r.objective);
  });

  it('capacitated max-coverage with unlimited capacity equals MCLP; with 200 000 per store it serves 800 000', async () => {
    const unlimited = await solveCapacitatedCoverage({ ...base, coverage, k: 4, capacity: new Float64Array(16).fill(1e9) });
    expect(unlimited.objective).toBe(875247);
    expect(unlimited.exact).toBe(true);
    const limited = await solveCapacitatedCoverage({ ...base, coverage, k: 4, capacity: new Float64Array(16).fill(200000) });
    expect(limited.objective).toBeCloseTo(800000, 6);
    expect(limited.exact).toBe(true);
  });

  it('LSCP with S = 20 m is infeasible and says why', async () => {
    await expect(solveMinFacilities({ ...base, coverage: coverageFromCosts(sf.matrix, 20) })).rejects.toThrow(
      /205 demand points are beyond the threshold of every eligible candidate/,
    );
  });

  it('k larger than the number of candidates is refused (spopt: p = 17 infeasible)', async () => {
    await expect(solveMaxCoverage({ ...base, coverage, k: 17 })).rejects.toThrow(/k = 17 new sites requested but only 16/);
    await expect(solvePMedian({ ...base, costs: sf.matrix, k: 0 })).rejects.toThrow(/k must be an integer ≥ 1, got 0/);
  });

  it('an existing store stays open: it is not selected again and its coverage is the baseline', async () => {
    const store2 = sf.candidateIds.indexOf('Store_2');
    const r = await solveMaxCoverage({ ...base, coverage, k: 3, fixed: [store2] });
    expect(r.selected).not.toContain('Store_2');
    expect(r.baseline.weight).toBeGreaterThan(0);
    // With Store_2 already open, 3 new stores reach the same optimum as 4 free ones.
    expect(r.objective).toBe(875247);
    const m = await solvePMedian({ ...base, costs: sf.matrix, k: 3, fixed: [store2] });
    expect(m.meanCost).toBeCloseTo(2982.1268579890657, 9);
  });

  it('optimize() dispatches by problem and returns the JSON fields of the issue', async () => {
    const r = await optimize({ problem: 'max-coverage', ...base, coverage, k: 4 });
    const json = JSON.parse(JSON.stringify(r)) as Record<string, unknown>;
    for (const field of ['problem', 'selected', 'objective', 'bound', 'gap', 'exact', 'covered', 'meanCost', 'maxCost', 'seconds']) {
      expect(json).toHaveProperty(field);
    }
    expect(json.problem).toBe('max-coverage');
    expect(Object.keys(json.covered as object).sort()).toEqual(['count', 'ratio', 'weight']);
    const median = await optimize({ problem: 'p-median', ...base, costs: sf.matrix, k: 4 });
    expect(median.problem).toBe('p-median');
    expect(median.meanCost).toBeCloseTo(2982.1268579890657, 9);
  });
});
