/**
 * The outline of the pixels marked 0 in a row-major raster laid out in local metres (row 0 at the
 * north edge), as GeoJSON MultiPolygon coordinates in WGS84: the exact dissolve of the pixels, outer
 * rings counter-clockwise, rings closed.
 */
import { assemblePolygons, traceCellOutlines } from '../gaps/trace_cell_outlines';
import { unprojectLat, unprojectLon, type LocalProjection } from './local_projection';

export type MultiPolygonCoordinates = number[][][][];

/** A pixel raster in local metres: pixel (column c, row r) spans x ∈ minX + [c, c+1)·pixelM, y ∈ maxY − [r, r+1)·pixelM. */
export interface PixelRaster {
  readonly projection: LocalProjection;
  readonly minX: number;
  readonly maxY: number;
  readonly pixelM: number;
  readonly columns: number;
  readonly rows: number;
  /** 0 = inside, -1 = outside */
  readonly labels: Int32Array;
}

/**
 * @example rasterOutline(raster) // [] when no pixel is marked
 */
export function rasterOutline(raster: PixelRaster): MultiPolygonCoordinates {
  const { projection, minX, maxY, pixelM } = raster;
  const outline = traceCellOutlines(raster.columns, raster.rows, raster.labels).get(0);
  if (!outline) return [];
  return assemblePolygons(outline).map((rings) =>
    rings.map((ring) => {
      const coordinates: number[][] = [];
      for (let k = 0; k < ring.length; k += 2) {
        coordinates.push([unprojectLon(projection, minX + ring[k] * pixelM), unprojectLat(projection, maxY - ring[k + 1] * pixelM)]);
      }
      coordinates.push(coordinates[0]);
      return coordinates;
    }),
  );
}
