/**
 * What the renderer hands the analysis worker: the demand grid as typed arrays (transferred, not
 * copied), and the roads under a key so that the worker can keep its prepared walking network between
 * runs. `data: null` means "the network you built for this key": the client sends the roads only when
 * the worker it talks to does not hold them yet.
 */
import type { DemandGrid } from '../../shared/engine/demand_grid';
import type { RoadInput } from '../../shared/engine/network/build_walk_graph';

export interface GridPayload {
  /** Fingerprint of the cell positions (see decode_inputs.ts); equal keys mean equal cells. */
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
  /** Identity of the roads layer as fetched (a new fetch after an import gets a new key). */
  key: string;
  data: RoadInput[] | null;
}

/** The grid payload as the engine's DemandGrid (the same arrays, not a copy). */
export function toDemandGrid(grid: GridPayload): DemandGrid {
  const { count, fid, lon, lat, population, elderly, hasPopulation, hasElderly } = grid;
  for (const [name, array] of [['fid', fid], ['lon', lon], ['lat', lat], ['population', population], ['elderly', elderly]] as const) {
    if (array.length !== count) throw new RangeError(`grid.${name} has ${array.length} entries for ${count} cells`);
  }
  return { count, fid, lon, lat, population, elderly, hasPopulation, hasElderly };
}

/** The buffers of a grid payload, for postMessage's transfer list. */
export function gridTransferables(grid: GridPayload): ArrayBuffer[] {
  return [grid.fid, grid.lon, grid.lat, grid.population, grid.elderly].map((array) => array.buffer as ArrayBuffer);
}
