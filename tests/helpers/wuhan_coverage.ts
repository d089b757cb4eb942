/**
 * The Wuhan max-coverage case of issue 14 (3 085 demand points × 772 candidates, k = 10): the shipped
 * sample's 24 470 cells of 100 m merged into 300 m blocks (3 × 3 cells by the CSV's row and column;
 * weight: the block's people aged 60+, position: the mean of its cell centres), every fourth block
 * a candidate, coverage within 1000 m. Shared by the test and the benchmark.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { coverageFromPoints } from '../../shared/optimize/point_costs';
import type { CoverageSets } from '../../shared/optimize/types';
import { SAMPLE_DIR } from './paths';

export interface WuhanCoverageCase {
  coverage: CoverageSets;
  weights: Float64Array;
  candidateIds: string[];
  demand: { lon: Float64Array; lat: Float64Array };
  candidates: { lon: Float64Array; lat: Float64Array };
  k: number;
  radiusM: number;
}

/** @example wuhanCoverageCase().coverage.demandCount // 3085 */
export function wuhanCoverageCase(): WuhanCoverageCase {
  const lines = readFileSync(join(SAMPLE_DIR, 'wuhan_core_grid_100m.csv'), 'utf8').trim().split(/\r?\n/);
  const header = lines[0].split(',');
  const [rowCol, colCol, lonCol, latCol, popCol] = ['row', 'col', 'lon', 'lat', 'pop60plus'].map((name) => header.indexOf(name));
  const blocks = new Map<string, { weight: number; lon: number; lat: number; cells: number }>();
  for (const line of lines.slice(1)) {
    const cells = line.split(',');
    const key = `${Math.floor(Number(cells[rowCol]) / 3)},${Math.floor(Number(cells[colCol]) / 3)}`;
    let block = blocks.get(key);
    if (!block) blocks.set(key, (block = { weight: 0, lon: 0, lat: 0, cells: 0 }));
    block.weight += Number(cells[popCol]);
    block.lon += Number(cells[lonCol]);
    block.lat += Number(cells[latCol]);
    block.cells++;
  }
  const list = [...blocks.values()];
  const demand = { lon: Float64Array.from(list, (b) => b.lon / b.cells), lat: Float64Array.from(list, (b) => b.lat / b.cells) };
  const weights = Float64Array.from(list, (b) => b.weight);
  const chosen = list.map((_, i) => i).filter((i) => i % 4 === 0);
  const candidates = { lon: Float64Array.from(chosen, (i) => demand.lon[i]), lat: Float64Array.from(chosen, (i) => demand.lat[i]) };
  const radiusM = 1000;
  return {
    coverage: coverageFromPoints(demand, candidates, radiusM),
    weights,
    candidateIds: chosen.map((i) => `block${i}`),
    demand,
    candidates,
    k: 10,
    radiusM,
  };
}
