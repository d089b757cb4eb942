/**
 * Circle-mode service areas as polygons: the merged area of all facilities per radius (the union of
 * their discs, what circle coverage counts) and, optionally, each facility's own disc. Built as the
 * network isochrones are — a fine pixel raster in local metres, a pixel belonging to the area when the
 * haversine distance from its centre to a facility is ≤ the radius, outlined exactly — so the union
 * needs no polygon clipping and costs O(pixels near the facilities).
 */
import { haversineM } from '../../geodesy/haversine';
import { checkFacilities, type FacilityInput } from '../network/facility_input';
import { localProjection, projectX, projectY, unprojectLat, unprojectLon, type LocalProjection } from '../network/local_projection';
import { rasterOutline, type MultiPolygonCoordinates } from '../network/raster_outline';
import { checkRun, type RunControl } from '../../run_control';

/** Raster size limit (64 MB of labels): beyond it the pixels grow, e.g. ~20 m for discs over 80 × 90 km. */
const MAX_PIXELS = 16_000_000;

export interface CircleAreaOptions extends RunControl {
  /**
   * Pixel size in metres; default max(10, radius / 100), i.e. within 1 % of the radius. Either way it
   * grows as needed to keep the raster at about 16 M pixels at most.
   */
  pixelM?: number;
}

export interface CircleArea {
  /** null for the merged area of all facilities */
  facilityId: string | null;
  radiusM: number;
  coordinates: MultiPolygonCoordinates;
}

/**
 * The merged disc union per radius, then (perFacility) every facility's disc per radius; areas that
 * would be empty (no facilities) are left out.
 * @example circleServiceAreas(facilities, [300, 1000], false).map((a) => a.radiusM) // [300, 1000]
 */
export function circleServiceAreas(
  facilities: readonly FacilityInput[],
  radiiM: readonly number[],
  perFacility: boolean,
  options: CircleAreaOptions = {},
): CircleArea[] {
  checkFacilities(facilities);
  for (const radiusM of radiiM) if (!(radiusM > 0) || !Number.isFinite(radiusM)) throw new RangeError(`radiusM must be > 0, got ${radiusM}`);
  const areas: CircleArea[] = [];
  if (facilities.length === 0) return areas;
  const steps = radiiM.length * (perFacility ? 1 + facilities.length : 1);
  let step = 0;
  for (const radiusM of radiiM) {
    checkRun(options, step++ / steps, 'drawing circle service areas');
    const coordinates = discUnion(facilities, radiusM, options.pixelM);
    if (coordinates.length > 0) areas.push({ facilityId: null, radiusM, coordinates });
  }
  if (perFacility) {
    for (const radiusM of radiiM) {
      for (const facility of facilities) {
        checkRun(options, step++ / steps, 'drawing circle service areas');
        areas.push({ facilityId: facility.id, radiusM, coordinates: discUnion([facility], radiusM, options.pixelM) });
      }
    }
  }
  checkRun(options, 1, 'drawing circle service areas');
  return areas;
}

/** Outline of the pixels whose centre lies within radiusM (haversine) of some facility. */
function discUnion(facilities: readonly FacilityInput[], radiusM: number, pixelOption: number | undefined): MultiPolygonCoordinates {
  const requested = pixelOption ?? Math.max(10, radiusM / 100);
  if (!(requested > 0) || !Number.isFinite(requested)) throw new RangeError(`pixelM must be > 0, got ${requested}`);
  let lon0 = 0, lat0 = 0;
  for (const f of facilities) {
    lon0 += f.lon / facilities.length;
    lat0 += f.lat / facilities.length;
  }
  const projection: LocalProjection = localProjection(lon0, lat0);
  // The equirectangular scale is off by < 0.5 % over a city; a wider frame keeps every disc inside it.
  let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
  for (const f of facilities) {
    const x = projectX(projection, f.lon), y = projectY(projection, f.lat);
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  const frame = (extra: number) => (maxX - minX + 2 * extra) * (maxY - minY + 2 * extra);
  const pixelM = Math.max(requested, Math.sqrt(frame(radiusM * 1.02 + 2 * requested) / MAX_PIXELS));
  const margin = radiusM * 1.02 + 2 * pixelM;
  minX -= margin;
  maxX += margin;
  minY -= margin;
  maxY += margin;
  const columns = Math.ceil((maxX - minX) / pixelM);
  const rows = Math.ceil((maxY - minY) / pixelM);
  const labels = new Int32Array(columns * rows).fill(-1);
  const pixelLon = new Float64Array(columns);
  for (let c = 0; c < columns; c++) pixelLon[c] = unprojectLon(projection, minX + (c + 0.5) * pixelM);
  for (const f of facilities) {
    const x = projectX(projection, f.lon), y = projectY(projection, f.lat);
    const c0 = Math.max(0, Math.floor((x - margin - minX) / pixelM));
    const c1 = Math.min(columns - 1, Math.floor((x + margin - minX) / pixelM));
    const r0 = Math.max(0, Math.floor((maxY - (y + margin)) / pixelM));
    const r1 = Math.min(rows - 1, Math.floor((maxY - (y - margin)) / pixelM));
    for (let r = r0; r <= r1; r++) {
      const lat = unprojectLat(projection, maxY - (r + 0.5) * pixelM);
      for (let c = c0; c <= c1; c++) {
        const p = r * columns + c;
        if (labels[p] === 0) continue;
        if (haversineM(f.lon, f.lat, pixelLon[c], lat) <= radiusM) labels[p] = 0;
      }
    }
  }
  return rasterOutline({ projection, minX, maxY, pixelM, columns, rows, labels });
}
