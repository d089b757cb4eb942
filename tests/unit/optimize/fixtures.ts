/**
 * Real data for the optimiser tests, kept in tests/data (see its README.md): spopt's San
 * Francisco set and the OR-Library p-median instances. Everything is computed from these files.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { costMatrixFromDense } from '../../../shared/optimize/cost_matrix';
import { parseCostMatrixCsv, parseDemandWeightsCsv, type ImportedCosts } from '../../../shared/optimize/matrix_csv';
import { parseOrlibPmed } from '../../../shared/optimize/orlib_pmed';
import type { CostMatrix } from '../../../shared/optimize/types';
import { testData } from '../../helpers/test_data';

export const SF_DIR = testData('spopt_sf');
export const PMED_DIR = testData('orlib_pmed');

/** spopt's SF set: 205 tracts (POP2000 weights) × 16 stores, network distances in metres. */
export function loadSanFrancisco(): ImportedCosts {
  const weights = parseDemandWeightsCsv(readFileSync(path.join(SF_DIR, 'SF_demand_205_centroid_uniform_weight.csv'), 'utf8'), {
    file: 'SF_demand_205_centroid_uniform_weight.csv',
    columns: { id: 'NAME', weight: 'POP2000' },
  });
  return parseCostMatrixCsv(readFileSync(path.join(SF_DIR, 'SF_network_distance_candidateStore_16_censusTract_205_new.csv'), 'utf8'), {
    file: 'SF_network_distance_candidateStore_16_censusTract_205_new.csv',
    columns: { demand: 'DestinationName', candidate: 'name', cost: 'distance' },
    demand: weights,
  });
}

/** Store coordinates of the SF set, aligned with the candidate ids of `loadSanFrancisco()`. */
export function sanFranciscoStores(candidateIds: readonly string[]): { lon: Float64Array; lat: Float64Array } {
  const lines = readFileSync(path.join(SF_DIR, 'SF_store_site_16_longlat.csv'), 'utf8').trim().split(/\r?\n/).slice(1);
  const byName = new Map<string, [number, number]>();
  for (const line of lines) {
    const cells = line.split(',').map((c) => c.replace(/"/g, ''));
    byName.set(cells[2], [Number(cells[3]), Number(cells[4])]);
  }
  const lon = new Float64Array(candidateIds.length);
  const lat = new Float64Array(candidateIds.length);
  candidateIds.forEach((id, j) => {
    const p = byName.get(id);
    if (!p) throw new Error(`store ${id} has no coordinates`);
    [lon[j], lat[j]] = p;
  });
  return { lon, lat };
}

export interface PmedInstance {
  name: string;
  n: number;
  p: number;
  optimum: number;
  costs: CostMatrix;
  dense: Float64Array;
}

/** The proven optima of pmedopt.txt. */
export function pmedOptima(): Map<string, number> {
  const lines = readFileSync(path.join(PMED_DIR, 'pmedopt.txt'), 'utf8').trim().split(/\r?\n/).slice(1);
  return new Map(lines.map((l) => l.trim().split(/\s+/)).map(([name, value]) => [name, Number(value)]));
}

export function loadPmed(index: number): PmedInstance {
  const name = `pmed${index}`;
  const inst = parseOrlibPmed(readFileSync(path.join(PMED_DIR, `${name}.txt`), 'utf8'), `${name}.txt`);
  const optimum = pmedOptima().get(name);
  if (optimum === undefined) throw new Error(`no optimum for ${name}`);
  return {
    name,
    n: inst.vertexCount,
    p: inst.p,
    optimum,
    costs: costMatrixFromDense(inst.costs, inst.vertexCount, inst.vertexCount),
    dense: inst.costs,
  };
}
