/**
 * Real demand at city scale: the 24 470 cells of central Wuhan (WorldPop 60+, 100 m) with grid
 * candidates every 1 km and a 1000 m circle. Checks that the bounds are valid against an exact MIP
 * (limits raised) and that the Lagrangian and LP paths agree with it.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { gridCandidates } from '../../../shared/optimize/grid_candidates';
import { solveMaxCoverage } from '../../../shared/optimize/max_coverage';
import { solvePMedian } from '../../../shared/optimize/p_median';
import { costMatrixFromPoints, coverageFromPoints } from '../../../shared/optimize/point_costs';
import { testData } from '../../helpers/test_data';

function loadWuhanCore() {
  const lines = readFileSync(testData('wuhan/wuhan_core_grid_100m.csv'), 'utf8').trim().split(/\r?\n/);
  const header = lines[0].split(',');
  const [lonCol, latCol, popCol] = ['lon', 'lat', 'pop60plus'].map((name) => header.indexOf(name));
  const n = lines.length - 1;
  const lon = new Float64Array(n);
  const lat = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const cells = lines[i + 1].split(',');
    lon[i] = Number(cells[lonCol]);
    lat[i] = Number(cells[latCol]);
    weights[i] = Number(cells[popCol]);
  }
  return { lon, lat, weights };
}

const wuhan = loadWuhanCore();
const box: [number, number, number, number] = [
  Math.min(...wuhan.lon),
  Math.min(...wuhan.lat),
  Math.max(...wuhan.lon),
  Math.max(...wuhan.lat),
];
const candidates = gridCandidates(box, 1000);

describe('central Wuhan, 24 470 demand cells', () => {
  it('reads the published column sum of people aged 60+', () => {
    expect(wuhan.weights.length).toBe(24470);
    expect(wuhan.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(518264.5, 0);
  });

  it('max-coverage k = 10 within 1000 m: heuristic, Lagrangian, LP and MIP agree', async () => {
    const coverage = coverageFromPoints(wuhan, candidates, 1000);
    const input = { coverage, k: 10, weights: wuhan.weights, candidateIds: candidates.ids };
    const mip = await solveMaxCoverage(input, {
      method: 'exact',
      lagrangianIterations: 1,
      maxSwapScans: 0,
      limits: { maxMipColumns: 40_000, maxMipNonzeros: 400_000 },
    });
    expect(mip.exact).toBe(true);
    expect(mip.path).toBe('mip');
    const optimum = mip.objective;
    const heuristic = await solveMaxCoverage(input, { method: 'heuristic' });
    expect(heuristic.objective).toBeLessThanOrEqual(optimum + 1e-6);
    expect(heuristic.bound).toBeGreaterThanOrEqual(optimum - 1e-6);
    expect(heuristic.gap).toBeLessThan(0.01);
    // The LP bound is solved to the end here (by default it stops after a few seconds: see below).
    const lp = await solveMaxCoverage(input, { lagrangianIterations: 1, maxSwapScans: 0, limits: { lpBoundMinGap: 0, maxLpSeconds: 600, lpSecondsPerMillionNonzeros: 1e4 } });
    expect(lp.boundSource).toBe('lp');
    expect(lp.model?.relaxed).toBe(true);
    expect(lp.bound).toBeGreaterThanOrEqual(optimum - 1e-6);
    expect(lp.covered.ratio).toBeGreaterThan(0.1);
  });

  it('max-coverage on 500 m candidates: the LP is skipped when the gap is small, and an LP stopped at its time limit says so', async () => {
    const fine = gridCandidates(box, 500);
    const coverage = coverageFromPoints(wuhan, fine, 1000);
    const small = await solveMaxCoverage({ coverage, k: 5, weights: wuhan.weights, candidateIds: fine.ids });
    expect(small.gap).toBeGreaterThan(0);
    expect(small.gap).toBeLessThanOrEqual(0.005);
    expect(small.model).toBeNull();
    expect(small.notes.join('\n')).toMatch(/LP bound skipped: the gap is already 0\.\d{3} % ≤ 0\.50 % and the MIP is too large \(\d+ columns, \d+ nonzeros\)/);
    // Same model with the LP forced and 0.1 s allowed: HiGHS stops, the Lagrangian bound stays, the note says why.
    const stopped = await solveMaxCoverage({ coverage, k: 5, weights: wuhan.weights, candidateIds: fine.ids }, { limits: { lpBoundMinGap: 0, maxLpSeconds: 0.1 } });
    expect(stopped.model?.relaxed).toBe(true);
    expect(stopped.notes.join('\n')).toMatch(/LP relaxation \(\d+ columns, \d+ nonzeros\) stopped at its time limit of 0\.1 s without a bound/);
    expect(stopped.bound).toBe(small.bound);
    expect(stopped.boundSource).toBe('lagrangian');
    expect(stopped.objective).toBe(small.objective);
  });

  it('p-median k = 20 on straight-line distances within 3 km: objective ≥ bound, gap below 2 %', async () => {
    const costs = costMatrixFromPoints(wuhan, candidates, 3000);
    const r = await solvePMedian({ costs, k: 20, weights: wuhan.weights, candidateIds: candidates.ids }, { seed: 3 });
    expect(r.selected).toHaveLength(20);
    expect(r.objective).toBeGreaterThanOrEqual(r.bound);
    expect(r.gap).toBeLessThan(0.02);
    expect(r.meanCost! * wuhan.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(r.objective, 0);
    expect(r.maxCost).toBeLessThanOrEqual(3000);
  });
});
