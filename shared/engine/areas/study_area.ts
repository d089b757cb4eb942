/**
 * The study area: one or more areas of the boundaries layer (a district, some streets …) that an
 * analysis, the gap search and the site suggestion are limited to. A population cell belongs to the
 * study area when its centre lies inside one of the areas' polygons (the same even-odd test as the
 * per-area table, PolygonIndex); this file is the one place that decides it, for the CLI, the app's
 * worker and the hosts. Resolving the areas the user named (by id, or by name when unique) lives here
 * too, so every entry point refuses an unknown or ambiguous name the same way.
 */
import { InputError } from '../../errors';
import { MAX_STUDY_AREAS } from '../../settings/siting_settings';
import type { DemandGrid } from '../demand_grid';
import type { PreparedCells } from '../network/prepare_network';
import { pointsByEdge } from '../network/snap_points';
import type { AreaInput } from './area_coverage';
import { PolygonIndex } from './polygon_index';

export { MAX_STUDY_AREAS };

/** What a limited run says about its study area (in results, the CLI's JSON and the panel). */
export interface StudyAreaSummary {
  /** The areas' ids, in the order given. */
  ids: string[];
  names: string[];
  /** Population cells whose centre lies inside, and all cells of the project. */
  cellsInside: number;
  cellsTotal: number;
  /** Persons and older people (60+) in the cells inside. */
  population: number;
  elderly: number;
}

/**
 * The areas `refs` name: each ref is an area id, or a name only one area has. An unknown or ambiguous
 * ref is refused naming it (reason study_area_unknown / study_area_ambiguous); an empty list means
 * "the whole project" and gives [].
 * @example resolveStudyArea(boundaries, ['江汉区']).map((a) => a.id)
 */
export function resolveStudyArea(boundaries: readonly AreaInput[], refs: readonly string[]): AreaInput[] {
  if (refs.length === 0) return [];
  if (boundaries.length === 0) {
    throw new InputError('a study area needs a boundaries layer: import districts, streets or towns first', { field: 'studyArea' }, { reason: 'boundaries_missing' });
  }
  if (refs.length > MAX_STUDY_AREAS) {
    throw new InputError(`a study area may name at most ${MAX_STUDY_AREAS} areas, got ${refs.length}`, { field: 'studyArea' });
  }
  const byId = new Map(boundaries.map((b) => [b.id, b]));
  const chosen: AreaInput[] = [];
  const seen = new Set<string>();
  for (const raw of refs) {
    const ref = raw.trim();
    let area = byId.get(ref);
    if (!area) {
      const named = boundaries.filter((b) => b.name === ref);
      if (named.length > 1) {
        throw new InputError(`${named.length} areas are named "${ref}" (${named.map((b) => b.id).join(', ')}); give the id`, { field: 'studyArea' }, {
          reason: 'study_area_ambiguous',
          params: { name: ref, count: named.length },
        });
      }
      area = named[0];
    }
    if (!area) {
      const some = boundaries.slice(0, 8).map((b) => `${b.id} (${b.name})`).join(', ');
      throw new InputError(`no area of the boundaries layer has the id or name "${ref}"; some areas: ${some}`, { field: 'studyArea' }, {
        reason: 'study_area_unknown',
        params: { name: ref },
      });
    }
    if (seen.has(area.id)) continue;
    seen.add(area.id);
    chosen.push(area);
  }
  return chosen;
}

/**
 * 1 for each point whose position lies inside one of the areas (even-odd over all rings, so holes and
 * multi-part areas count right), aligned with the points.
 * @example insideAreas(grid.lon, grid.lat, resolveStudyArea(boundaries, ['江汉区']))
 */
export function insideAreas(lon: ArrayLike<number>, lat: ArrayLike<number>, areas: readonly Pick<AreaInput, 'geometry'>[]): Uint8Array {
  const inside = new Uint8Array(lon.length);
  if (areas.length === 0) return inside;
  const index = new PolygonIndex(areas.map((a) => a.geometry.coordinates));
  const found: number[] = [];
  for (let i = 0; i < lon.length; i++) if (index.containing(lon[i], lat[i], found).length > 0) inside[i] = 1;
  return inside;
}

/** The grid's cells inside the study area (centre inside), as a grid of their own, and their indices in the full grid. */
export interface StudyAreaGrid {
  grid: DemandGrid;
  /** Index in the full grid of each cell kept, ascending. */
  indices: Int32Array;
  summary: StudyAreaSummary;
}

/**
 * Keeps the cells whose centre lies inside the areas (the project fids travel along, so results still
 * name the project's cells).
 * @example const { grid, summary } = studyAreaGrid(snapshot.grid, areas); summary.elderly
 */
export function studyAreaGrid(full: DemandGrid, areas: readonly AreaInput[]): StudyAreaGrid {
  const inside = insideAreas(full.lon, full.lat, areas);
  let count = 0;
  for (let i = 0; i < inside.length; i++) count += inside[i];
  const indices = new Int32Array(count);
  for (let i = 0, k = 0; i < inside.length; i++) if (inside[i] === 1) indices[k++] = i;
  const pick = (column: Float64Array) => Float64Array.from(indices, (i) => column[i]);
  const fid = full.fid ? Int32Array.from(indices, (i) => full.fid![i]) : Int32Array.from(indices);
  const grid: DemandGrid = {
    count,
    lon: pick(full.lon),
    lat: pick(full.lat),
    population: pick(full.population),
    elderly: pick(full.elderly),
    hasPopulation: full.hasPopulation,
    hasElderly: full.hasElderly,
    fid,
  };
  let population = 0, elderly = 0;
  for (let i = 0; i < count; i++) {
    population += grid.population[i];
    elderly += grid.elderly[i];
  }
  return {
    grid,
    indices,
    summary: { ids: areas.map((a) => a.id), names: areas.map((a) => a.name), cellsInside: count, cellsTotal: full.count, population, elderly },
  };
}

/**
 * The full grid's cells snapped onto the network, cut down to the study area's cells (no snapping
 * again: the snaps are the same, only fewer).
 * @example restrictPreparedCells(source.preparedCells(300), studyArea.grid, studyArea.indices)
 */
export function restrictPreparedCells(full: PreparedCells, grid: DemandGrid, indices: Int32Array): PreparedCells {
  const s = full.snaps;
  const snaps = {
    count: indices.length,
    edge: Int32Array.from(indices, (i) => s.edge[i]),
    alongM: Float64Array.from(indices, (i) => s.alongM[i]),
    offM: Float64Array.from(indices, (i) => s.offM[i]),
    snapLon: Float64Array.from(indices, (i) => s.snapLon[i]),
    snapLat: Float64Array.from(indices, (i) => s.snapLat[i]),
    maxSnapM: s.maxSnapM,
  };
  return { network: full.network, grid, snaps, byEdge: pointsByEdge(snaps, full.network.graph.edgeCount) };
}

/**
 * One outline of the study area for maps (the areas' polygons as one MultiPolygon), null for the whole project.
 * @example studyAreaOutline(areas)?.coordinates.length
 */
export function studyAreaOutline(areas: readonly AreaInput[]): { type: 'MultiPolygon'; coordinates: number[][][][] } | null {
  if (areas.length === 0) return null;
  return { type: 'MultiPolygon', coordinates: areas.flatMap((a) => a.geometry.coordinates) };
}
