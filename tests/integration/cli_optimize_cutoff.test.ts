/**
 * issue-4 regression: p-median / p-center on the Wuhan sample project as created (no existing
 * facilities, 250 m grid candidates) failed with "19629 demand points unreached" because the
 * straight-line matrix is cut down to the pair budget. They must succeed, report true distances of
 * the chosen sites (checked against @turf/distance over the grid CSV) and a bound that holds for the
 * true problem (tests/unit/optimize/far_pairs.test.ts checks it against the full model).
 */
import { join } from 'node:path';
import * as turf from '@turf/turf';
import { beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_DIR, tempDir } from '../helpers/paths';
import { readGridCsv } from '../helpers/read_grid_csv';
import { runCli } from '../helpers/run_cli';

const grid = readGridCsv(join(SAMPLE_DIR, 'wuhan_core_grid_100m.csv'));
const total = grid.reduce((sum, cell) => sum + cell.pop60plus, 0);

/** Σ older people × distance and the largest distance (cells with older people) to the nearest site. */
function trueFigures(sites: { lon: number; lat: number }[]) {
  let sum = 0;
  let max = 0;
  for (const cell of grid) {
    if (!(cell.pop60plus > 0)) continue;
    const d = Math.min(...sites.map((s) => turf.distance([s.lon, s.lat], [cell.lon, cell.lat], { units: 'meters' })));
    sum += cell.pop60plus * d;
    max = Math.max(max, d);
  }
  return { sum, max };
}

describe('siting optimize on the sample project without facilities (cut-down straight-line costs)', () => {
  const project = join(tempDir(), 'sample.gpkg');
  beforeAll(() => {
    expect(runCli(['new', project, '--sample', 'wuhan-core']).status).toBe(0);
  });

  it('p-median --sites 3 succeeds: objective = true Σ older people × distance, honest bound and gap', () => {
    const r = runCli(['optimize', project, '--problem', 'p-median', '--sites', '3', '--json']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const json = r.json;
    expect(json.existing.facilities).toBe(0);
    expect(json.costCutoff).toMatchObject({ exact: false, neededM: null });
    expect(json.demand.leftOut).toBeNull();
    expect(json.selected).toHaveLength(3);
    const truth = trueFigures(json.sites);
    expect(Math.abs(json.objective - truth.sum) / truth.sum).toBeLessThan(1e-9);
    expect(Math.abs(json.meanCost - truth.sum / total) / json.meanCost).toBeLessThan(1e-9);
    expect(json.maxCost).toBeCloseTo(truth.max, 6);
    expect(json.covered.ratio).toBe(1);
    expect(json.bound).toBeGreaterThan(0);
    expect(json.bound).toBeLessThanOrEqual(json.objective);
    expect(json.gap).toBeCloseTo((json.objective - json.bound) / json.objective, 12);
    expect(json.exact).toBe(false);
    // The bound is far above what the cutoff alone gives (every point counted at most at the cutoff).
    expect(json.bound).toBeGreaterThan(json.costCutoff.cutoffM * total);
    expect(json.gap).toBeLessThan(0.1);
    expect(json.notes.join('\n')).toMatch(/farther than the cutoff \(\d+ m\) from every open site/);
  });

  it('p-center --sites 3 succeeds: objective = true largest distance, bound above the cutoff', () => {
    const r = runCli(['optimize', project, '--problem', 'p-center', '--sites', '3', '--json']);
    expect(r.status).toBe(0);
    const json = r.json;
    const truth = trueFigures(json.sites);
    expect(json.objective).toBeCloseTo(truth.max, 6);
    expect(json.maxCost).toBe(json.objective);
    expect(json.bound).toBeLessThanOrEqual(json.objective);
    expect(json.bound).toBeGreaterThan(json.costCutoff.cutoffM);
    expect(json.gap).toBeLessThan(0.25);
    expect(json.marginalGains).toHaveLength(3);
  });

  it('max-coverage --sites 5 skips the LP when the gap is already small and says so', () => {
    const r = runCli(['optimize', project, '--problem', 'max-coverage', '--sites', '5', '--json']);
    expect(r.status).toBe(0);
    expect(r.json.model).toBeNull();
    expect(r.json.gap).toBeLessThanOrEqual(0.005);
    expect(r.json.notes.join('\n')).toMatch(/LP bound skipped: the gap is already 0\.\d{3} % ≤ 0\.50 %/);
  });
});
