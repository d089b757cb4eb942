/**
 * Grid-cell candidates, for when no candidate layer exists: the centres of a regular grid of
 * `cellSizeM` over a bounding box (metres converted to degrees at the box's middle latitude),
 * optionally only those inside given polygons (e.g. the district boundary).
 */
import { InputError } from '../errors';
import { DEG_TO_RAD, EARTH_RADIUS_M } from '../geodesy/haversine';
import { pointInZone, prepareZone, type ZoneGeometry } from './point_in_zone';

export interface GridCandidates {
  /** "grid-<row>-<column>", row 0 at the south edge. */
  ids: string[];
  lon: Float64Array;
  lat: Float64Array;
}

/** Refuse grids beyond this many cells (a typo in cellSizeM should not exhaust memory). */
export const MAX_GRID_CELLS = 5_000_000;

/**
 * Cell centres of a grid over bbox [west, south, east, north].
 * @example gridCandidates([114.30, 30.60, 114.32, 30.62], 1000).ids.length // 6 (2 columns × 3 rows)
 */
export function gridCandidates(
  bbox: readonly [number, number, number, number],
  cellSizeM: number,
  within?: readonly ZoneGeometry[],
): GridCandidates {
  const [west, south, east, north] = bbox;
  if (!(cellSizeM > 0) || !Number.isFinite(cellSizeM)) {
    throw new InputError(`cellSizeM must be > 0, got ${cellSizeM}`, { field: 'cellSizeM' });
  }
  if (!(west < east) || !(south < north) || south < -90 || north > 90) {
    throw new InputError(`bbox must be [west, south, east, north] with west < east and south < north, got [${bbox.join(', ')}]`, {
      field: 'bbox',
    });
  }
  const dLat = cellSizeM / (EARTH_RADIUS_M * DEG_TO_RAD);
  const dLon = dLat / Math.cos(((south + north) / 2) * DEG_TO_RAD);
  const rows = Math.max(1, Math.ceil((north - south) / dLat));
  const cols = Math.max(1, Math.ceil((east - west) / dLon));
  if (rows * cols > MAX_GRID_CELLS) {
    throw new InputError(
      `a ${cellSizeM} m grid over this box has ${rows * cols} cells (limit ${MAX_GRID_CELLS})`,
      { field: 'cellSizeM' },
      { reason: 'grid_candidates_too_many', params: { metres: cellSizeM, cells: rows * cols, limit: MAX_GRID_CELLS } },
    );
  }
  const zones = (within ?? []).map((z, index) => prepareZone(z, index));
  const ids: string[] = [];
  const lon: number[] = [];
  const lat: number[] = [];
  for (let r = 0; r < rows; r++) {
    const y = south + (r + 0.5) * dLat;
    for (let c = 0; c < cols; c++) {
      const x = west + (c + 0.5) * dLon;
      if (zones.length > 0 && !zones.some((z) => pointInZone(z, x, y))) continue;
      ids.push(`grid-${r}-${c}`);
      lon.push(x);
      lat.push(y);
    }
  }
  return { ids, lon: Float64Array.from(lon), lat: Float64Array.from(lat) };
}
