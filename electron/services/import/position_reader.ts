/**
 * Turns one source position (x, y as the file has them) into a checked WGS84 [lon, lat]: optional axis
 * swap (options.swapAxes), then for lon/lat systems the range check with the "look swapped" diagnosis
 * (check_lon_lat.ts), then the shared/geodesy transform to WGS84 (GCJ-02, BD-09, Web Mercator,
 * Gauss–Krüger, UTM ...), whose location-less errors are re-thrown naming file, row/feature and field.
 */
import { createTransformToWgs84, type CrsSpec, type PointTransform } from '../../../shared/geodesy/crs';
import { checkLonLat, type SwapCheck } from './check_lon_lat';
import { isIdentityCrs, isLonLatCrs, locatedCrsError, SWAP_AXES_HINT } from './import_crs';
import type { RecordLocation } from './record_location';

/** Names of the two source fields for messages (CSV columns, or "geometry coordinates[0]"). */
export interface PositionFields {
  x: string;
  y: string;
}

export type PositionReader = (x: number, y: number, loc: RecordLocation, fields: PositionFields) => [number, number];

export interface PositionReaderOptions {
  crs: CrsSpec;
  /** Swap x and y of every position before anything else (latitude/northing-first files). */
  swapAxes: boolean;
  /** File-level evidence that lon/lat are swapped, over the (already swapped, if asked) pairs. */
  swapped: SwapCheck;
  /** Extra advice for swapped lon/lat after the --swap-axes hint, e.g. how to swap CSV columns. */
  swapAdvice?: string;
}

export function createPositionReader(options: PositionReaderOptions): PositionReader {
  const { crs, swapAxes, swapped } = options;
  const toWgs84: PointTransform | null = isIdentityCrs(crs) ? null : createTransformToWgs84(crs);
  const lonLat = isLonLatCrs(crs);
  const swapHint = swapAxes
    ? 'the positions still look swapped after --swap-axes: import without --swap-axes'
    : `${SWAP_AXES_HINT}${options.swapAdvice ? ` ${options.swapAdvice}` : ''}`;
  return (rawX, rawY, loc, fields) => {
    const x = swapAxes ? rawY : rawX;
    const y = swapAxes ? rawX : rawY;
    const xField = swapAxes ? fields.y : fields.x;
    const yField = swapAxes ? fields.x : fields.y;
    if (lonLat) checkLonLat(x, y, loc, { lon: xField, lat: yField, swapHint }, swapped);
    if (toWgs84 === null) return [x, y];
    try {
      return toWgs84(x, y);
    } catch (error) {
      throw locatedCrsError(error, loc, xField, crs);
    }
  };
}
