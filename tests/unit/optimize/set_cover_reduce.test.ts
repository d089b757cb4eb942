/**
 * Set-cover dominance reductions (set_cover_reduce.ts) and what they buy the p-center threshold
 * search: the fewest sites covering the reduced model equal the fewest covering the original
 * (enumeration, fast-check seeded), and OR-Library p-center cases that were left with a gap before
 * (the set-cover MIP did not fit the limits) are proven.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { reduceSetCover } from '../../../shared/optimize/set_cover_reduce';
import { coverageFromCosts } from '../../../shared/optimize/cost_matrix';
import { solveMinFacilities } from '../../../shared/optimize/min_facilities';
import { solvePCenter } from '../../../shared/optimize/p_center';
import type { CoverageSets } from '../../../shared/optimize/types';
import { loadPmed } from './fixtures';

/** Fewest of the `open` columns covering every needed row (enumeration by size), Infinity if none. */
function fewest(coverage: CoverageSets, open: Uint8Array, need: Uint8Array): { size: number; sites: number[] } {
  const cols = [...Array(coverage.candidateCount).keys()].filter((j) => open[j]);
  const covers = (sites: number[]) => {
    const hit = new Uint8Array(coverage.demandCount);
    for (const j of sites) for (let q = coverage.start[j]; q < coverage.start[j + 1]; q++) hit[coverage.demand[q]] = 1;
    return need.every((n, i) => !n || hit[i] === 1);
  };
  for (let size = 0; size <= cols.length; size++) {
    let found: number[] | null = null;
    const pick = (from: number, chosen: number[]) => {
      if (found) return;
      if (chosen.length === size) {
        if (covers(chosen)) found = chosen.slice();
        return;
      }
      for (let c = from; c < cols.length; c++) pick(c + 1, [...chosen, cols[c]]);
    };
    pick(0, []);
    if (found) return { size, sites: found };
  }
  return { size: Infinity, sites: [] };
}

describe('reduceSetCover', () => {
  it('keeps the fewest-sites answer and every optimal reduced cover covers the original rows (fast-check, seeded)', () => {
    const arb = fc
      .record({ D: fc.integer({ min: 1, max: 9 }), C: fc.integer({ min: 1, max: 7 }) })
      .chain(({ D, C }) =>
        fc.record({
          D: fc.constant(D),
          C: fc.constant(C),
          cells: fc.array(fc.boolean(), { minLength: D * C, maxLength: D * C }),
          need: fc.array(fc.boolean(), { minLength: D, maxLength: D }),
          open: fc.array(fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }), { minLength: C, maxLength: C }),
        }),
      );
    let reducedSome = 0;
    fc.assert(
      fc.property(arb, ({ D, C, cells, need, open }) => {
        const start = new Int32Array(C + 1);
        const demand: number[] = [];
        for (let j = 0; j < C; j++) {
          for (let i = 0; i < D; i++) if (cells[i * C + j]) demand.push(i);
          start[j + 1] = demand.length;
        }
        const coverage: CoverageSets = { demandCount: D, candidateCount: C, start, demand: Int32Array.from(demand) };
        const openMask = Uint8Array.from(open.map(Number));
        const needMask = Uint8Array.from(need.map(Number));
        const original = fewest(coverage, openMask, needMask);
        const r = reduceSetCover(coverage, openMask, needMask)!;
        for (let j = 0; j < C; j++) expect(r.open[j]).toBeLessThanOrEqual(openMask[j]);
        for (let i = 0; i < D; i++) expect(r.need[i]).toBeLessThanOrEqual(needMask[i]);
        const reduced = fewest(coverage, r.open, r.need);
        expect(reduced.size).toBe(original.size);
        // The reduced optimum, used as it is, covers every row of the original model.
        if (Number.isFinite(reduced.size)) expect(fewest(coverage, maskOf(C, reduced.sites), needMask).size).toBe(reduced.size);
        if (r.removedRows + r.removedColumns > 0) reducedSome++;
      }),
      { seed: 20261207, numRuns: 400 },
    );
    expect(reducedSome).toBeGreaterThan(100);
  });

  it('refuses work beyond its limit', () => {
    const coverage: CoverageSets = { demandCount: 2, candidateCount: 2, start: Int32Array.from([0, 1, 2]), demand: Int32Array.from([0, 1]) };
    expect(reduceSetCover(coverage, Uint8Array.from([1, 1]), Uint8Array.from([1, 1]), 1)).toBeNull();
    expect(reduceSetCover(coverage, Uint8Array.from([1, 1]), Uint8Array.from([1, 1]))).toMatchObject({ removedRows: 0, removedColumns: 0 });
  });
});

describe('p-center on OR-Library instances the set-cover MIP did not fit before the reductions', () => {
  for (const [index, radius] of [
    [26, 38],
    [31, 30],
  ] as const) {
    it(`pmed${index}: proven optimal at ${radius}`, async () => {
      const inst = loadPmed(index);
      const r = await solvePCenter({ costs: inst.costs, k: inst.p, weights: new Float64Array(inst.n).fill(1), candidateIds: ids(inst.n) });
      expect(r.objective).toBe(radius);
      expect(r.bound).toBe(radius);
      expect(r.exact).toBe(true);
      // The worst shortest-path distance to the chosen vertices, computed here.
      const chosen = r.selected.map((id) => Number(id) - 1);
      let worst = 0;
      for (let i = 0; i < inst.n; i++) worst = Math.max(worst, Math.min(...chosen.map((j) => inst.dense[i * inst.n + j])));
      expect(worst).toBe(radius);
    });
  }
});

describe('min-facilities on an OR-Library set cover the MIP did not fit before the reductions', () => {
  it('pmed36 within 28 (before: 9 sites, bound 8): proven, and the chosen vertices cover every vertex', async () => {
    const inst = loadPmed(36);
    const r = await solveMinFacilities({ coverage: coverageFromCosts(inst.costs, 28), weights: new Float64Array(inst.n).fill(1), candidateIds: ids(inst.n) });
    expect(r.exact).toBe(true);
    expect(r.bound).toBe(r.objective);
    expect(r.objective).toBe(8);
    expect(r.path).toBe('mip');
    expect(r.notes.join('\n')).toMatch(/set-cover model reduced by dominance: \d+ demand rows and \d+ site columns dropped/);
    const chosen = r.selected.map((id) => Number(id) - 1);
    for (let i = 0; i < inst.n; i++) expect(Math.min(...chosen.map((j) => inst.dense[i * inst.n + j]))).toBeLessThanOrEqual(28);
  });
});

function maskOf(C: number, sites: number[]): Uint8Array {
  const m = new Uint8Array(C);
  for (const j of sites) m[j] = 1;
  return m;
}

function ids(n: number): string[] {
  return Array.from({ length: n }, (_, i) => String(i + 1));
}
