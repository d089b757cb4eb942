/**
 * What the renderer hands the analysis worker: the demand grid as typed arrays (transferred, not
 * copied), and the roads as the snapshot's flat arrays under their version, so that the worker can
 * keep its prepared walking network between runs. `data: null` means "the network you built for this
 * version": the client sends the roads only when the worker it talks to does not hold them yet.
 */
import type { DemandGrid } from '../../shared/engine/demand_grid';
import { roadsBuffers, type SnapshotGrid, type SnapshotRoads } from '../../shared/snapshot/snapshot_codec';

export interface GridPayload {
  /** Version of the population layer the grid was read at (project snapshot); equal keys mean equal cells. */
  key: string;
  count: number;
  fid: Int32Array;
  lon: Float64Array;
  lat: Float64Array;
  population: Float64Array;
  elderly: Float64Array;
  hasPopulation: boolean;
  hasElderly: boolean;
}

export interface RoadsPayload {
  /** Version of the roads layer (project snapshot): an import or another program's change gives a new one. */
  key: string;
  data: SnapshotRoads | null;
}

/** The grid payload as the engine's DemandGrid (the same arrays, not a copy). */
export function toDemandGrid(grid: GridPayload): DemandGrid {
  const { count, fid, lon, lat, population, elderly, hasPopulation, hasElderly } = grid;
  for (const [name, array] of [['fid', fid], ['lon', lon], ['lat', lat], ['population', population], ['elderly', elderly]] as const) {
    if (array.length !== count) throw new RangeError(`grid.${name} has ${array.length} entries for ${count} cells`);
  }
  return { count, fid, lon, lat, population, elderly, hasPopulation, hasElderly };
}

/**
 * The snapshot's grid as a worker payload under its version: fresh copies of the arrays (a memory
 * copy, no decoding), since the worker takes them over and the map keeps drawing the held ones.
 */
export function gridPayload(version: string, grid: SnapshotGrid): GridPayload {
  const { count, fid, lon, lat, population, elderly, hasPopulation, hasElderly } = grid;
  return { key: version, count, fid: fid.slice(), lon: lon.slice(), lat: lat.slice(), population: population.slice(), elderly: elderly.slice(), hasPopulation, hasElderly };
}

/** The buffers of a grid payload, for postMessage's transfer list. */
export function gridTransferables(grid: GridPayload): ArrayBuffer[] {
  return [grid.fid, grid.lon, grid.lat, grid.population, grid.elderly].map((array) => array.buffer as ArrayBuffer);
}

/** The buffer of the roads sent (none when the worker holds them), for postMessage's transfer list. */
export function roadsTransferables(roads: RoadsPayload | null): ArrayBuffer[] {
  return roads?.data ? roadsBuffers(roads.data) : [];
}
