/**
 * The candidate sites of a project for the optimiser: the candidates layer (real buildings or lots
 * with floor area, floor level and day places) or, when there is none, the centres of a regular grid
 * over the population's bounding box, inside the boundaries when there are any, keeping only cells
 * with older people within one grid spacing. Filters (minimum floor area, maximum floor level,
 * exclusion zones and excluded boundaries) are applied here; only the sites that may be opened go to
 * the solver, the others are counted by reason.
 */
import KDBush from 'kdbush';
import type { AreaInput } from '../../engine/areas/area_coverage';
import type { DemandGrid } from '../../engine/demand_grid';
import { InputError } from '../../errors';
import { circleBounds, DEG_TO_RAD, EARTH_RADIUS_M, haversineM } from '../../geodesy/haversine';
import { DEFAULTS, type CandidateOptions } from '../../settings/siting_settings';
import type { CandidateLayerSite } from '../../usecases/project_snapshot';
import { filterCandidates, type CandidateSite, type ExclusionReason } from '../candidate_filter';
import { gridCandidates } from '../grid_candidates';
import type { ZoneGeometry } from '../point_in_zone';

export type CandidateSource = 'layer' | 'grid';

/** The sites that may be opened (columns aligned by index) and what was left out. */
export interface CandidateSet {
  source: CandidateSource;
  ids: string[];
  /** Layer: the site's name; grid: null (each output names grid cells in its own language). */
  names: (string | null)[];
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
  /** Grid only: boundary polygons the grid was kept inside (0: none, the whole bounding box). */
  gridBoundaryPolygons: number;
}

/** The study area a run is limited to: its polygons, and whether candidates outside it may be chosen too. */
export interface CandidateStudyArea {
  zones: ZoneGeometry[];
  candidatesOutside: boolean;
}

/**
 * Loads or generates candidate sites and keeps those that pass the filters. Layer sites below the
 * lowest floor (default 1: no basements) are left out with reason floor-level-low; with a study area,
 * grid sites are generated inside it and layer sites outside it are left out (outside-study-area),
 * unless its candidatesOutside.
 * @example candidateSites(grid, grid.elderly, snapshot.candidates, snapshot.boundaries, { source: 'grid', gridM: 250 }).ids.length
 */
export function candidateSites(
  grid: DemandGrid,
  weights: Float64Array,
  layer: readonly CandidateLayerSite[],
  boundaries: readonly AreaInput[],
  options: CandidateOptions,
  studyArea: CandidateStudyArea | null = null,
): CandidateSet {
  const source = options.source ?? (layer.length > 0 ? 'layer' : 'grid');
  let sites: CandidateSite[];
  let names: (string | null)[];
  let capacities: (number | null)[];
  let gridCellsWithoutPopulation = 0;
  let gridBoundaryPolygons = 0;
  if (source === 'layer') {
    if (options.gridM !== undefined) {
      throw new InputError('a grid spacing applies to grid candidates, but this run uses the candidates layer', { field: 'gridM' }, { reason: 'grid_spacing_with_layer' });
    }
    if (layer.length === 0) {
      throw new InputError('the candidates layer is empty: import candidate sites or use grid candidates', { field: 'candidates' }, { reason: 'candidates_empty' });
    }
    sites = layer.map(({ id, lon, lat, floorAreaM2, floorLevel }) => ({ id, lon, lat, floorAreaM2, floorLevel }));
    names = layer.map((site) => site.name);
    capacities = layer.map((site) => site.capacity);
  } else {
    if (options.minFloorAreaM2 !== undefined || options.maxFloorLevel !== undefined || typeof options.minFloorLevel === 'number') {
      const field = options.minFloorAreaM2 !== undefined ? 'minFloorAreaM2' : options.maxFloorLevel !== undefined ? 'maxFloorLevel' : 'minFloorLevel';
      throw new InputError('floor-area and floor-level filters need real sites: grid candidates have none; import a candidates layer', { field }, { reason: 'floor_filters_with_grid' });
    }
    const gridM = options.gridM ?? DEFAULTS.gridM;
    if (!(gridM > 0) || !Number.isFinite(gridM)) throw new InputError(`grid spacing must be > 0 m, got ${gridM}`, { field: 'gridM' });
    const limited = studyArea !== null && !studyArea.candidatesOutside;
    const polygons = limited ? studyArea.zones : boundaries.map((b) => b.geometry);
    gridBoundaryPolygons = polygons.length;
    const cells = gridCandidates(populationBox(grid, gridM), gridM, polygons.length > 0 ? polygons : undefined);
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
  const zones = [...(options.exclusionZones ?? []), ...boundaryZones(boundaries, options.excludeBoundaries ?? [])];
  const filtered = filterCandidates(sites, {
    minFloorAreaM2: options.minFloorAreaM2,
    maxFloorLevel: options.maxFloorLevel,
    minFloorLevel: source === 'layer' ? lowestFloor(options) : undefined,
    insideZones: source === 'layer' && studyArea !== null && !studyArea.candidatesOutside ? studyArea.zones : undefined,
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
        ? `no ${source} candidate sites: ${source === 'grid' ? 'no grid cell has older people within the grid spacing of its centre' : 'the layer is empty'}`
        : `all ${sites.length} candidate sites were excluded by the filters (${why})`,
      { field: 'candidates' },
      sites.length === 0 ? { reason: source === 'grid' ? 'no_grid_candidates' : 'candidates_empty' } : { reason: 'candidates_all_excluded', params: { count: sites.length } },
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

/** The lowest floor of layer sites: the request's, DEFAULTS.minFloorLevel when absent, none when null. */
export function lowestFloor(options: Pick<CandidateOptions, 'minFloorLevel'>): number | undefined {
  if (options.minFloorLevel === null) return undefined;
  return options.minFloorLevel ?? DEFAULTS.minFloorLevel;
}

/** The polygons of the boundaries given by id (or by name, when unique); InputError naming what the project has. */
function boundaryZones(areas: readonly AreaInput[], names: readonly string[]): ZoneGeometry[] {
  return names.map((name) => {
    const byId = areas.filter((a) => a.id === name);
    const matches = byId.length > 0 ? byId : areas.filter((a) => a.name === name);
    if (matches.length === 0) {
      const known = areas.slice(0, 10).map((a) => `"${a.name}"`).join(', ');
      throw new InputError(
        `no boundary named "${name}" in the project${areas.length > 0 ? ` (boundaries: ${known}${areas.length > 10 ? ', …' : ''})` : ' (the boundaries layer is empty)'}`,
        { field: 'excludeBoundaries' },
      );
    }
    if (matches.length > 1) throw new InputError(`${matches.length} boundaries are named "${name}": give the boundary id instead`, { field: 'excludeBoundaries' });
    return matches[0].geometry;
  });
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
