/**
 * The candidate sites of a project for the optimiser: the candidates layer (real buildings or lots
 * with floor area and floor level) or, when there is none, the centres of a regular grid over the
 * population. Filters (minimum floor area, maximum floor level, exclusion zones) are applied here and
 * only the sites that may be opened are handed to the solver; the others are counted by reason.
 */
import KDBush from 'kdbush';
import { InputError } from '../../../shared/errors';
import type { DemandGrid } from '../../../shared/engine/demand_grid';
import { circleBounds, DEG_TO_RAD, EARTH_RADIUS_M, haversineM } from '../../../shared/geodesy/haversine';
import { filterCandidates, type CandidateSite, type ExclusionReason } from '../../../shared/optimize/candidate_filter';
import { gridCandidates } from '../../../shared/optimize/grid_candidates';
import type { ZoneGeometry } from '../../../shared/optimize/point_in_zone';
import type { ProjectStore } from '../store/project_store';

export type CandidateSource = 'layer' | 'grid';

/** Grid candidate spacing when --grid-m is not given, metres. */
export const DEFAULT_GRID_M = 250;

export interface CandidateOptions {
  /** Default: 'layer' when the candidates layer has features, else 'grid'. */
  source?: CandidateSource;
  /** Grid spacing for grid candidates, metres (default 250). */
  gridM?: number;
  minFloorAreaM2?: number;
  maxFloorLevel?: number;
  exclusionZones?: readonly ZoneGeometry[];
  /** Boundaries of the project (by name or id) whose area no new site may take, as exclusion zones. */
  excludeBoundaries?: readonly string[];
}

/** The sites that may be opened (columns aligned by index) and what was left out. */
export interface CandidateSet {
  source: CandidateSource;
  ids: string[];
  names: string[];
  lon: Float64Array;
  lat: Float64Array;
  floorAreaM2: (number | null)[];
  floorLevel: (number | null)[];
  /** Day places each site could offer (candidates layer column `capacity`); null when unknown (always for grid cells). */
  capacity: (number | null)[];
  /** Sites considered before the filters (grid: cells inside the boundaries with older people nearby). */
  considered: number;
  /** Sites left out, by first failing reason. */
  excluded: Partial<Record<ExclusionReason, number>>;
  /** Layer candidates only: which site was left out and why. */
  excludedSites: { id: string; reason: ExclusionReason }[];
  /** Grid only: cells dropped because no older person lives within gridM of their centre. */
  gridCellsWithoutPopulation: number;
  /** Grid only: cells dropped because they lie outside every boundary polygon. */
  gridBoundaryPolygons: number;
}

/**
 * Loads or generates candidate sites and keeps those that pass the filters.
 * @example const sites = projectCandidates(store, grid, grid.elderly, { source: 'grid', gridM: 250 }); sites.ids.length
 */
export function projectCandidates(store: ProjectStore, grid: DemandGrid, weights: Float64Array, options: CandidateOptions): CandidateSet {
  const layerCount = store.counts().candidates;
  const source = options.source ?? (layerCount > 0 ? 'layer' : 'grid');
  let sites: CandidateSite[];
  let names: string[];
  let capacities: (number | null)[];
  let gridCellsWithoutPopulation = 0;
  let gridBoundaryPolygons = 0;
  if (source === 'layer') {
    if (options.gridM !== undefined) {
      throw new InputError('--grid-m applies to grid candidates, but this run uses the candidates layer: add --candidates grid', { field: 'grid-m' });
    }
    if (layerCount === 0) {
      throw new InputError(
        'the candidates layer is empty: import candidate sites (siting import <project> candidates <file>) or use --candidates grid',
        { field: 'candidates' },
      );
    }
    const features = store.listFeatures('candidates');
    sites = features.map((f) => {
      const [lon, lat] = (f.geometry as { coordinates: number[] }).coordinates;
      return {
        id: String(f.properties.id),
        lon,
        lat,
        floorAreaM2: numberOrNull(f.properties.floor_area_m2),
        floorLevel: numberOrNull(f.properties.floor_level),
      };
    });
    names = features.map((f) => String(f.properties.name ?? f.properties.id));
    capacities = features.map((f) => numberOrNull(f.properties.capacity));
  } else {
    if (options.minFloorAreaM2 !== undefined || options.maxFloorLevel !== undefined) {
      const flag = options.minFloorAreaM2 !== undefined ? 'min-floor-area' : 'max-floor-level';
      throw new InputError(`--${flag} needs real sites with floor areas and levels: grid candidates have none; import a candidates layer`, {
        field: flag,
      });
    }
    const gridM = options.gridM ?? DEFAULT_GRID_M;
    if (!(gridM > 0) || !Number.isFinite(gridM)) throw new InputError(`--grid-m must be a spacing in metres > 0, got ${gridM}`, { field: 'grid-m' });
    const boundaries = store.boundaryAreas().map((b) => b.geometry);
    gridBoundaryPolygons = boundaries.length;
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
      names.push(`grid cell ${cells.ids[j]}`);
      capacities.push(null);
    }
  }
  const zones = [...(options.exclusionZones ?? []), ...boundaryZones(store, options.excludeBoundaries ?? [])];
  const filtered = filterCandidates(sites, {
    minFloorAreaM2: options.minFloorAreaM2,
    maxFloorLevel: options.maxFloorLevel,
    exclusionZones: zones.length > 0 ? zones : undefined,
  });
  const kept: number[] = [];
  const excluded: Partial<Record<ExclusionReason, number>> = {};
  const excludedSites: { id: string; reason: ExclusionReason }[] = [];
  sites.forEach((site, j) => {
    const reason = filtered.reasons[j];
    if (reason === null) {
      kept.push(j);
      return;
    }
    excluded[reason] = (excluded[reason] ?? 0) + 1;
    if (source === 'layer') excludedSites.push({ id: site.id, reason });
  });
  if (kept.length === 0) {
    const why = Object.entries(excluded)
      .map(([reason, n]) => `${n} ${reason}`)
      .join(', ');
    throw new InputError(
      sites.length === 0
        ? `no ${source} candidate sites: ${source === 'grid' ? 'no grid cell has older people within --grid-m of its centre' : 'the layer is empty'}`
        : `all ${sites.length} candidate sites were excluded by the filters (${why})`,
      { field: 'candidates' },
    );
  }
  return {
    source,
    ids: kept.map((j) => sites[j].id),
    names: kept.map((j) => names[j]),
    lon: Float64Array.from(kept, (j) => sites[j].lon),
    lat: Float64Array.from(kept, (j) => sites[j].lat),
    floorAreaM2: kept.map((j) => sites[j].floorAreaM2),
    floorLevel: kept.map((j) => sites[j].floorLevel),
    capacity: kept.map((j) => capacities[j]),
    considered: sites.length,
    excluded,
    excludedSites,
    gridCellsWithoutPopulation,
    gridBoundaryPolygons,
  };
}

/** The polygons of the named (or id-given) boundaries; InputError naming what the project has. */
function boundaryZones(store: ProjectStore, names: readonly string[]): ZoneGeometry[] {
  if (names.length === 0) return [];
  const areas = store.boundaryAreas();
  return names.map((name) => {
    const matches = areas.filter((a) => a.name === name || a.id === name);
    if (matches.length === 0) {
      const known = areas.slice(0, 10).map((a) => `"${a.name}"`).join(', ');
      throw new InputError(
        `no boundary named "${name}" in the project${areas.length > 0 ? ` (boundaries: ${known}${areas.length > 10 ? ', …' : ''})` : ' (the boundaries layer is empty)'}`,
        { field: 'exclude' },
      );
    }
    if (matches.length > 1) throw new InputError(`${matches.length} boundaries are named "${name}": give the boundary id instead`, { field: 'exclude' });
    return matches[0].geometry as ZoneGeometry;
  });
}

function numberOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
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
