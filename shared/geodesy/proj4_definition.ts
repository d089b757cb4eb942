/**
 * The one place that calls proj4. proj4 2.x ships `export =` typings and an ESM build with a default
 * export; under moduleResolution "bundler" with esModuleInterop the default import works in Vite,
 * Vitest, tsx and esbuild bundles alike.
 *
 * Datum handling: definitions on GRS80 without +towgs84 (all CGCS2000 systems) have no datum in proj4,
 * so proj4 applies no datum shift and the CGCS2000 lon/lat is returned as WGS84 lon/lat. That is
 * intended: the two frames differ by a few centimetres, below planning accuracy (DOMAIN.md).
 */

import proj4 from 'proj4';
import { InputError } from '../errors';

const WGS84_LONLAT = '+proj=longlat +datum=WGS84 +no_defs';

export interface Proj4Pair {
  /** Projected (or source lon/lat) → WGS84 [lon, lat]. May return non-finite values for wild input. */
  toWgs84(x: number, y: number): [number, number];
  /** WGS84 [lon, lat] → projected (or target lon/lat). */
  fromWgs84(lon: number, lat: number): [number, number];
}

/**
 * Builds forward/inverse functions between `definition` (proj4 string or WKT) and WGS84 lon/lat;
 * InputError when proj4 cannot read the definition.
 * @example createProj4Pair('+proj=tmerc +lat_0=0 +lon_0=114 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs').fromWgs84(114.3, 30.6) // ≈ [528770.24, 3386666.25]
 */
export function createProj4Pair(definition: string, sourceName?: string): Proj4Pair {
  let converter: proj4.Converter;
  try {
    converter = proj4(definition, WGS84_LONLAT);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InputError(`proj4 cannot use the coordinate system definition "${shorten(definition)}": ${reason}`, {
      file: sourceName,
    });
  }
  return {
    toWgs84(x, y) {
      const out = converter.forward([x, y]);
      return [out[0], out[1]];
    },
    fromWgs84(lon, lat) {
      const out = converter.inverse([lon, lat]);
      return [out[0], out[1]];
    },
  };
}

/**
 * Throws InputError when proj4 cannot read the definition (an unknown +proj, unparsable WKT).
 * @example validateProj4Definition('+proj=foo') // throws InputError
 */
export function validateProj4Definition(definition: string, sourceName?: string): void {
  createProj4Pair(definition, sourceName);
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 120 ? `${flat.slice(0, 117)}...` : flat;
}
