/**
 * The HiGHS bridge and the CPLEX LP writer: a model written as LP text and read back by HiGHS has
 * the same optimum as the model passed directly; LP relaxation and MIP bounds behave as expected.
 */
import { describe, expect, it } from 'vitest';
import { coverageFromCosts } from '../../../shared/optimize/cost_matrix';
import { buildCoverageModel, coverageModelSize } from '../../../shared/optimize/coverage_model';
import { loadHighs, solveMipModel } from '../../../shared/optimize/highs_solver';
import { modelToLpText } from '../../../shared/optimize/lp_format';
import { MipModelBuilder, type MipModel } from '../../../shared/optimize/mip_model';
import { solveMaxCoverage } from '../../../shared/optimize/max_coverage';
import { loadSanFrancisco } from './fixtures';

describe('HiGHS bridge', () => {
  it('solves a small MIP and its LP relaxation', async () => {
    // max 5a + 4b + 3c, 2a + 3b + c ≤ 5, 4a + b + 2c ≤ 11, 3a + 4b + 2c ≤ 8, binaries.
    const b = new MipModelBuilder('max');
    const x = ['a', 'b', 'c'].map((name, k) => b.addColumn(name, [5, 4, 3][k], 0, 1, true));
    b.addLessEqual(x, [2, 3, 1], 5);
    b.addLessEqual(x, [4, 1, 2], 11);
    b.addLessEqual(x, [3, 4, 2], 8);
    const model = b.build();
    const mip = await solveMipModel(model);
    expect(mip.status).toBe('optimal');
    expect(mip.objective).toBe(9);
    expect(Array.from(mip.values)).toEqual([1, 1, 0]); // a + b: 9; a + c would give 8
    const lp = await solveMipModel(model, { relax: true });
    expect(lp.objective).toBeGreaterThanOrEqual(9);
    expect(lp.bound).toBe(lp.objective);
  });

  it('reports infeasible models', async () => {
    const b = new MipModelBuilder('min');
    const x = b.addColumn('x', 1, 0, 1, true);
    b.addGreaterEqual([x], [1], 2);
    expect((await solveMipModel(b.build())).status).toBe('infeasible');
  });

  it('writes CPLEX LP text that HiGHS reads back to the same optimum (SF max-coverage)', async () => {
    const sf = loadSanFrancisco();
    const coverage = coverageFromCosts(sf.matrix, 5000);
    const problem = {
      coverage,
      weights: sf.weights,
      baseline: new Uint8Array(205),
      open: new Uint8Array(16).fill(1),
      conflicts: null,
    };
    const built = buildCoverageModel(problem, { kind: 'max-coverage', k: 4 });
    const text = modelToLpText(built.model);
    expect(text.startsWith('Maximize\n obj:')).toBe(true);
    expect(text).toContain('Generals');
    const highs = await loadHighs();
    const fromText = highs.withModel({ format: 'lp', data: text }, (m) => {
      m.options.set({ output_flag: false, mip_rel_gap: 0 });
      m.run();
      return m.getObjectiveValue();
    });
    const direct = await solveMipModel(built.model);
    expect(fromText).toBeCloseTo(875247, 6);
    expect(direct.objective).toBeCloseTo(875247, 6);
  });

  it('hands every model to onModel', async () => {
    const sf = loadSanFrancisco();
    const seen: MipModel[] = [];
    await solveMaxCoverage(
      { coverage: coverageFromCosts(sf.matrix, 5000), k: 4, weights: sf.weights, candidateIds: sf.candidateIds },
      { method: 'exact', lagrangianIterations: 1, maxSwapScans: 0, onModel: (m) => seen.push(m) },
    );
    expect(seen.length).toBe(1);
    expect(seen[0].columnCount).toBe(16 + 205 - countUncoverable(sf));
  });
});

function countUncoverable(sf: ReturnType<typeof loadSanFrancisco>): number {
  // Tracts beyond 5000 m of every store get no z column.
  let n = 0;
  for (let i = 0; i < 205; i++) {
    let reach = false;
    for (let p = sf.matrix.rowStart[i]; p < sf.matrix.rowStart[i + 1]; p++) if (sf.matrix.rowCost[p] <= 5000) reach = true;
    if (!reach) n++;
  }
  return n;
}

describe('model size estimates', () => {
  it('match the built models (max-coverage, set-cover, partial cover)', () => {
    const sf = loadSanFrancisco();
    const problem = {
      coverage: coverageFromCosts(sf.matrix, 5000),
      weights: sf.weights,
      baseline: new Uint8Array(205),
      open: new Uint8Array(16).fill(1),
      conflicts: null,
    };
    const must = new Uint8Array(205).fill(1);
    for (const spec of [{ kind: 'max-coverage', k: 4 }, { kind: 'set-cover' }, { kind: 'partial-cover', requiredWeight: 800000 }] as const) {
      const built = buildCoverageModel(problem, spec, must);
      expect(coverageModelSize(problem, spec)).toEqual({ columns: built.model.columnCount, nonzeros: built.model.rowIndex.length });
    }
  });
});
