/**
 * Demand points (population cell centres) in columnar typed arrays, the form every hot loop of the
 * engine works on. Counts that are unknown for a cell are stored as 0 and flagged per column.
 */
import KDBush from 'kdbush';

export interface DemandGrid {
  readonly count: number;
  /** Cell-centre longitude / latitude, WGS84 degrees. */
  readonly lon: Float64Array;
  readonly lat: Float64Array;
  /** Persons in the cell (total population where known; 0 where unknown). */
  readonly population: Float64Array;
  /** Persons aged 60+ in the cell. */
  readonly elderly: Float64Array;
  /** Whether any cell had a known total population / elderly count (else totals are not meaningful). */
  readonly hasPopulation: boolean;
  readonly hasElderly: boolean;
  /** Optional stable ids (project fid) aligned with the arrays. */
  readonly fid?: Int32Array;
}

export interface DemandInput {
  lon: number;
  lat: number;
  population: number | null;
  elderly: number | null;
  fid?: number;
}

/**
 * Builds a DemandGrid from records.
 * @example const grid = demandGridFromRecords([{ lon: 114.3, lat: 30.6, population: 50, elderly: 9 }]);
 */
export function demandGridFromRecords(records: readonly DemandInput[]): DemandGrid {
  const count = records.length;
  const lon = new Float64Array(count);
  const lat = new Float64Array(count);
  const population = new Float64Array(count);
  const elderly = new Float64Array(count);
  const fid = new Int32Array(count);
  let hasPopulation = false;
  let hasElderly = false;
  for (let i = 0; i < count; i++) {
    const r = records[i];
    lon[i] = r.lon;
    lat[i] = r.lat;
    if (r.population !== null && Number.isFinite(r.population)) {
      population[i] = r.population;
      hasPopulation = true;
    }
    if (r.elderly !== null && Number.isFinite(r.elderly)) {
      elderly[i] = r.elderly;
      hasElderly = true;
    }
    fid[i] = r.fid ?? i;
  }
  return { count, lon, lat, population, elderly, hasPopulation, hasElderly, fid };
}

const indexCache = new WeakMap<DemandGrid, KDBush>();

/** A kd-tree over the grid's cell centres (lon/lat degrees), built once per grid and cached. */
export function demandIndex(grid: DemandGrid): KDBush {
  let index = indexCache.get(grid);
  if (!index) {
    index = new KDBush(grid.count, 64, Float64Array);
    for (let i = 0; i < grid.count; i++) index.add(grid.lon[i], grid.lat[i]);
    index.finish();
    indexCache.set(grid, index);
  }
  return index;
}
