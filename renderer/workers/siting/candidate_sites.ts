/**
 * Candidate sites for the optimiser, decided as `siting optimize` decides them
 * (electron/services/optimize/project_candidates.ts): the candidates layer with its floor-area and
 * floor-level filters, or the centres of a regular grid over the population's bounding box, inside the
 * boundaries when there are any, keeping only cells with older people within one grid spacing; then
 * the exclusion zones (polygons, e.g. boundaries the planner excluded) remove sites inside them.
 * The same rules give the same candidate list, so the UI's optimum equals the CLI's.
 */
import KDBush from 'kdbush';
import type { DemandGrid } from '../../../shared/engine/demand_grid';
import { InputError } from '../../../shared/errors';
import { circleBounds, DEG_TO_RAD, EARTH_RADIUS_M, haversineM } from '../../../shared/geodesy/haversine';
import { filterCandidates, type CandidateSite, type ExclusionReason } from '../../../shared/optimize/candidate_filter';
import { gridCandidates } from '../../../shared/optimize/grid_candidates';
import type { ZoneGeometry } from '../../../shared/optimize/point_in_zone';

/** A site of the candidates layer (floor area m², floor level, capacity in day places; null when unknown). */
export interface LayerSite extends CandidateSite {
  name: string;
  capacity?: number | null;
}

export type CandidateSource = (
  | { source: 'grid'; gridM: number }
  | { source: 'layer'; sites: LayerSite[]; minFloorAreaM2?: number; maxFloorLevel?: number }
) & {
  /** Polygons no new site may lie in (as `siting optimize --exclude`). */
  exclusionZones?: ZoneGeometry[];
};

export interface CandidateSet {
  source: 'grid' | 'layer';
  ids: string[];
  /** Layer: the site's name; grid: null (the UI names grid cells in its language). */
  names: (string | null)[];
  lon: Float64Array;
  lat: Float64Array;
  floorAreaM2: (number | null)[];
  floorLevel: (number | null)[];
  /** Day places of each site (layer column `capacity`); null when unknown, always for grid cells. */
  capacity: (number | null)[];
  /** Sites considered before the filters. */
  considered: number;
  /** Sites left out by the filters, by first failing reason. */
  excluded: Partial<Record<ExclusionReason, number>>;
  /** Grid only: cells dropped because no older person lives within gridM of their centre. */
  gridCellsWithoutPopulation: number;
}

/**
 * @example candidateSites(grid, grid.elderly, boundaries, { source: 'grid', gridM: 250 }).ids.length
 */
export function candidateSites(grid: DemandGrid, weights: Float64Array, boundaries: readonly ZoneGeometry[], options: CandidateSource): CandidateSet {
  let sites: CandidateSite[];
  let names: (string | null)[];
  let capacities: (number | null)[];
  let gridCellsWithoutPopulation = 0;
  if (options.source === 'layer') {
    if (options.sites.length === 0) {
      throw new InputError('the candidates layer is empty: import candidate sites or use grid candidates', { field: 'candidates' });
    }
    sites = options.sites;
    names = options.sites.map((site) => site.name);
    capacities = options.sites.map((site) => site.capacity ?? null);
  } else {
    const { gridM } = options;
    if (!(gridM > 0) || !Number.isFinite(gridM)) throw new InputError(`grid spacing must be > 0 m, got ${gridM}`, { field: 'gridM' });
    const cells = gridCandidates(populationBox(grid, gridM), gridM, boundaries.length > 0 ? boundaries : undefined);
    const populated = populatedNear(grid, weights, cells, gridM);
    sites = [];
    names = [];
    capacities = [];
    for (let j = 0; j < cells.ids.length; j++) {
      if (!populated[j]) {
        gridCellsWithoutPopulation++;
        continue;
      }
      sites.push({ id: cells.ids[j], lon: cells.lon[j], lat: cells.lat[j], floorAreaM2: null, floorLevel: null });
      names.push(null);
      capacities.push(null);
    }
  }
  const exclusionZones = options.exclusionZones && options.exclusionZones.length > 0 ? options.exclusionZones : undefined;
  const filtered =
    options.source === 'layer'
      ? filterCandidates(sites, { minFloorAreaM2: options.minFloorAreaM2, maxFloorLevel: options.maxFloorLevel, exclusionZones })
      : filterCandidates(sites, { exclusionZones });
  const kept: number[] = [];
  const excluded: Partial<Record<ExclusionReason, number>> = {};
  sites.forEach((_, j) => {
    const reason = filtered.reasons[j];
    if (reason === null) kept.push(j);
    else excluded[reason] = (excluded[reason] ?? 0) + 1;
  });
  if (kept.length === 0) {
    const why = Object.entries(excluded)
      .map(([reason, n]) => `${n} ${reason}`)
      .join(', ');
    throw new InputError(
      sites.length === 0
        ? `no ${options.source} candidate sites: ${options.source === 'grid' ? 'no grid cell has older people within the grid spacing of its centre' : 'the layer is empty'}`
        : `all ${sites.length} candidate sites were excluded by the filters (${why})`,
      { field: 'candidates' },
    );
  }
  return {
    source: options.source,
    ids: kept.map((j) => sites[j].id),
    names: kept.map((j) => names[j]),
    lon: Float64Array.from(kept, (j) => sites[j].lon),
    lat: Float64Array.from(kept, (j) => sites[j].lat),
    floorAreaM2: kept.map((j) => sites[j].floorAreaM2),
    floorLevel: kept.map((j) => sites[j].floorLevel),
    capacity: kept.map((j) => capacities[j]),
    considered: sites.length,
    excluded,
    gridCellsWithoutPopulation,
  };
}

/** The population's bounding box, widened by half a grid cell when it has no width or height. */
function populationBox(grid: DemandGrid, gridM: number): [number, number, number, number] {
  if (grid.count === 0) throw new InputError('the population layer is empty: import population cells first', { field: 'population' });
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  for (let i = 0; i < grid.count; i++) {
    if (grid.lon[i] < west) west = grid.lon[i];
    if (grid.lon[i] > east) east = grid.lon[i];
    if (grid.lat[i] < south) south = grid.lat[i];
    if (grid.lat[i] > north) north = grid.lat[i];
  }
  const halfLat = gridM / 2 / (EARTH_RADIUS_M * DEG_TO_RAD);
  if (north - south < halfLat) {
    south -= halfLat;
    north += halfLat;
  }
  const halfLon = halfLat / Math.cos(((south + north) / 2) * DEG_TO_RAD);
  if (east - west < halfLon) {
    west -= halfLon;
    east += halfLon;
  }
  return [west, south, east, north];
}

/** 1 where some demand cell with weight > 0 lies within radiusM of the grid cell's centre. */
function populatedNear(grid: DemandGrid, weights: Float64Array, cells: { lon: Float64Array; lat: Float64Array }, radiusM: number): Uint8Array {
  const positive: number[] = [];
  for (let i = 0; i < grid.count; i++) if (weights[i] > 0) positive.push(i);
  const out = new Uint8Array(cells.lon.length);
  if (positive.length === 0) return out;
  const index = new KDBush(positive.length, 64, Float64Array);
  for (const i of positive) index.add(grid.lon[i], grid.lat[i]);
  index.finish();
  for (let j = 0; j < cells.lon.length; j++) {
    const lon = cells.lon[j];
    const lat = cells.lat[j];
    const [minX, minY, maxX, maxY] = circleBounds(lon, lat, radiusM);
    for (const k of index.range(minX, minY, maxX, maxY)) {
      const i = positive[k];
      if (haversineM(lon, lat, grid.lon[i], grid.lat[i]) <= radiusM) {
        out[j] = 1;
        break;
      }
    }
  }
  return out;
}
