/**
 * The coordinate reference systems the importers accept without reprojection: WGS84 lon/lat
 * (EPSG:4326, OGC CRS84) and CGCS2000 lon/lat (EPSG:4490), which agree to within centimetres at
 * planning scale (see DOMAIN.md). Anything else is refused with a clear message rather than
 * imported at the wrong place.
 */
import { InputError } from '../../../shared/errors';

export type AcceptedCrs = 'EPSG:4326' | 'EPSG:4490';

/**
 * Maps a CRS name (EPSG:4326, epsg:4490, wgs84, CRS84, cgcs2000, urn:ogc:def:crs:EPSG::4326,
 * http://www.opengis.net/def/crs/OGC/1.3/CRS84 ...) to the accepted code, or null.
 */
export function acceptedCrs(name: string): AcceptedCrs | null {
  const n = name.trim().toLowerCase().replace(/\s+/g, '');
  if (['wgs84', 'wgs-84', 'wgs_84', 'crs84', 'ogc:crs84', '4326'].includes(n)) return 'EPSG:4326';
  if (['cgcs2000', 'cgcs-2000', '4490'].includes(n)) return 'EPSG:4490';
  if (/crs84$/.test(n)) return 'EPSG:4326';
  const code = /epsg(?::|::|\/0\/|\/)(\d+)$/.exec(n)?.[1];
  if (code === '4326') return 'EPSG:4326';
  if (code === '4490') return 'EPSG:4490';
  return null;
}

/** options.crs for CSV/GeoJSON: must be an accepted CRS when given; default EPSG:4326. */
export function requireAcceptedCrs(optionCrs: string | undefined, file: string, what: string): AcceptedCrs {
  if (optionCrs === undefined || optionCrs.trim() === '') return 'EPSG:4326';
  const crs = acceptedCrs(optionCrs);
  if (crs === null) {
    throw new InputError(`CRS "${optionCrs}" is not supported for ${what}: reprojection is not supported yet`, {
      file,
      field: 'crs',
      expected: 'WGS84 (EPSG:4326) or CGCS2000 (EPSG:4490) longitude/latitude; convert the file first',
    });
  }
  return crs;
}
