/**
 * The real Wuhan core population grid (WorldPop 2020, 100 m, 24 470 cells; wuhan_core_grid_100m.csv),
 * read with a plain line split (the file is a simple numeric CSV).
 */
import { readFileSync } from 'node:fs';
import { demandGridFromRecords, type DemandGrid } from '../../../shared/engine/demand_grid';
import { testData } from '../../helpers/test_data';

export const WUHAN_CORE_CSV = testData('wuhan/wuhan_core_grid_100m.csv');
/** 3 arc-seconds (SOURCES.md). */
export const WUHAN_CELL_DEG = 0.000833333;

export interface WuhanCell {
  row: number;
  col: number;
  lon: number;
  lat: number;
  pop20plus: number;
  pop60plus: number;
}

export function wuhanCells(): WuhanCell[] {
  const lines = readFileSync(WUHAN_CORE_CSV, 'utf8').trim().split('\n');
  const header = lines[0].split(',');
  const at = (name: string) => header.indexOf(name);
  return lines.slice(1).map((line) => {
    const v = line.split(',');
    return {
      row: Number(v[at('row')]), col: Number(v[at('col')]), lon: Number(v[at('lon')]), lat: Number(v[at('lat')]),
      pop20plus: Number(v[at('pop20plus')]), pop60plus: Number(v[at('pop60plus')]),
    };
  });
}

/** population = adults 20+ (the only total the source has), elderly = 60+. */
export function wuhanGrid(): { grid: DemandGrid; cells: WuhanCell[] } {
  const cells = wuhanCells();
  return { grid: demandGridFromRecords(cells.map((c) => ({ lon: c.lon, lat: c.lat, population: c.pop20plus, elderly: c.pop60plus }))), cells };
}
