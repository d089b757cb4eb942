/**
 * What the renderer hands the analysis worker: the demand grid as typed arrays and the roads as the
 * snapshot's flat arrays, each under its version (transferred, not copied), so that the worker keeps
 * them — and its prepared walking network — between runs. `data: null` means "the one you hold for
 * this version": the client sends a part only when the worker it talks to does not hold it yet.
 */
import type { DemandGrid } from '../../shared/engine/demand_grid';
import { roadsBuffers, type SnapshotGrid, type SnapshotRoads } from '../../shared/snapshot/snapshot_codec';

/** The population grid's arrays as they cross to the worker. */
export interface GridArrays {
  count: number;
  fid: Int32Array;
  lon: Float64Array;
  lat: Float64Array;
  population: Float64Array;
  elderly: Float64Array;
  hasPopulation: boolean;
  hasElderly: boolean;
}

export interface GridPayload {
  /** Version of the population layer the grid was read at (project snapshot); equal keys mean equal cells. */
  key: string;
  data: GridArrays | null;
}

export interface RoadsPayload {
  /** Version of the roads layer (project snapshot): an import or another program's change gives a new one. */
  key: string;
  data: SnapshotRoads | null;
}

/** The grid's arrays as the engine's DemandGrid (the same arrays, not a copy). */
export function toDemandGrid(grid: GridArrays): DemandGrid {
  const { count, fid, lon, lat, population, elderly, hasPopulation, hasElderly } = grid;
  for (const [name, array] of [['fid', fid], ['lon', lon], ['lat', lat], ['population', population], ['elderly', elderly]] as const) {
    if (array.length !== count) throw new RangeError(`grid.${name} has ${array.length} entries for ${count} cells`);
  }
  return { count, fid, lon, lat, population, elderly, hasPopulation, hasElderly };
}

/**
 * The snapshot's grid as a worker payload under its version: nothing when the worker holds this
 * version (`workerHolds`), else fresh copies of the arrays (a memory copy, no decoding), since the
 * worker takes them over and the map keeps drawing the held ones.
 */
export function gridPayload(version: string, grid: SnapshotGrid, workerHolds: boolean): GridPayload {
  if (workerHolds) return { key: version, data: null };
  const { count, fid, lon, lat, population, elderly, hasPopulation, hasElderly } = grid;
  return {
    key: version,
    data: { count, fid: fid.slice(), lon: lon.slice(), lat: lat.slice(), population: population.slice(), elderly: elderly.slice(), hasPopulation, hasElderly },
  };
}

/** The buffers of the grid sent (none when the worker holds it), for postMessage's transfer list. */
export function gridTransferables(grid: GridPayload): ArrayBuffer[] {
  const { data } = grid;
  return data ? [data.fid, data.lon, data.lat, data.population, data.elderly].map((array) => array.buffer as ArrayBuffer) : [];
}

/** The buffer of the roads sent (none when the worker holds them), for postMessage's transfer list. */
export function roadsTransferables(roads: RoadsPayload | null): ArrayBuffer[] {
  return roads?.data ? roadsBuffers(roads.data) : [];
}
