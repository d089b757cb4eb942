/**
 * CRS and pixel → lon/lat transform of a GeoTIFF image. Only geographic WGS84 (EPSG:4326) and
 * CGCS2000 (EPSG:4490) rasters are accepted; projected rasters are refused with their EPSG code.
 * The transform comes from ModelTransformation, or ModelTiepoint + ModelPixelScale; PixelIsPoint
 * rasters (GTRasterTypeGeoKey 2) have their tie point at the pixel centre, PixelIsArea at the corner.
 */
import type { GeoTIFFImage } from 'geotiff';
import { InputError } from '../../../shared/errors';
import { acceptedCrs, requireAcceptedCrs, type AcceptedCrs } from './accepted_crs';

const USER_DEFINED = 32767;

export interface RasterGeoreference {
  crs: AcceptedCrs;
  /** Centre of pixel (col, row): lon = lonPerCol*col + lonPerRow*row + lon0; lat likewise. */
  lon0: number;
  lonPerCol: number;
  lonPerRow: number;
  lat0: number;
  latPerCol: number;
  latPerRow: number;
  /** Cell size in degrees; null for rotated rasters. */
  cellWidthDeg: number | null;
  cellHeightDeg: number | null;
}

function numbers(value: unknown): number[] | null {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value) || ArrayBuffer.isView(value)) return Array.from(value as ArrayLike<number>, Number);
  return null;
}

function readCrs(geoKeys: Record<string, unknown> | null, file: string, optionCrs: string | undefined): AcceptedCrs {
  if (geoKeys === null) {
    if (optionCrs !== undefined && optionCrs.trim() !== '') return requireAcceptedCrs(optionCrs, file, 'GeoTIFF');
    throw new InputError('the GeoTIFF has no geo keys, so its CRS is unknown; pass --crs EPSG:4326 if it is in WGS84 lon/lat', {
      file,
      field: 'crs',
      expected: 'a GeoTIFF with GeographicTypeGeoKey 4326 or 4490',
    });
  }
  requireAcceptedCrs(optionCrs, file, 'GeoTIFF');
  const model = geoKeys.GTModelTypeGeoKey;
  if (model === 1) {
    const code = geoKeys.ProjectedCSTypeGeoKey;
    const name = typeof code === 'number' && code !== USER_DEFINED ? `EPSG:${code}` : 'user-defined';
    throw new InputError(`projected GeoTIFF (${name}) not supported yet`, {
      file,
      field: 'crs',
      expected: 'a geographic raster in EPSG:4326 or EPSG:4490; reproject it first, e.g. gdalwarp -t_srs EPSG:4326',
    });
  }
  if (model !== undefined && model !== 2) {
    throw new InputError(`GeoTIFF model type ${String(model)} not supported (only geographic lon/lat rasters)`, { file, field: 'crs' });
  }
  const code = geoKeys.GeographicTypeGeoKey;
  const crs = typeof code === 'number' ? acceptedCrs(`EPSG:${code}`) : null;
  if (crs === null) {
    const name = typeof code === 'number' && code !== USER_DEFINED ? `EPSG:${code}` : 'a user-defined datum';
    throw new InputError(`GeoTIFF geographic CRS ${name} not supported yet`, { file, field: 'crs', expected: 'EPSG:4326 or EPSG:4490' });
  }
  return crs;
}

export function readGeotiffGeoreference(image: GeoTIFFImage, file: string, optionCrs: string | undefined): RasterGeoreference {
  let geoKeys: Record<string, unknown> | null;
  try {
    geoKeys = image.getGeoKeys() as Record<string, unknown> | null;
  } catch (error) {
    throw new InputError(`cannot read the GeoTIFF geo keys: ${(error as Error).message}`, { file, field: 'crs' });
  }
  const crs = readCrs(geoKeys, file, optionCrs);
  const directory = image.getFileDirectory();
  const transformation = numbers(directory.getValue('ModelTransformation'));
  const tiePoints = numbers(directory.getValue('ModelTiepoint'));
  const scale = numbers(directory.getValue('ModelPixelScale'));

  // pixel-corner affine: lon = a*x + b*y + c, lat = d*x + e*y + f (x = column, y = row)
  let a: number, b: number, c: number, d: number, e: number, f: number;
  if (transformation && transformation.length >= 16) {
    [a, b, , c, d, e, , f] = transformation;
  } else if (tiePoints && tiePoints.length >= 6 && scale && scale.length >= 2) {
    const [i, j, , x, y] = tiePoints;
    a = scale[0];
    b = 0;
    d = 0;
    e = -scale[1];
    c = x - i * a;
    f = y - j * e;
  } else {
    throw new InputError('the GeoTIFF has no georeferencing (ModelTiepoint + ModelPixelScale or ModelTransformation)', {
      file,
      expected: 'a georeferenced GeoTIFF',
    });
  }
  if (![a, b, c, d, e, f].every(Number.isFinite) || a * e - b * d === 0) {
    throw new InputError('the GeoTIFF transform is degenerate (zero or non-finite pixel size)', { file, expected: 'a positive pixel size' });
  }
  // PixelIsArea (default): centre = corner + half a pixel; PixelIsPoint: the tie point is the centre
  const half = geoKeys?.GTRasterTypeGeoKey === 2 ? 0 : 0.5;
  const rotated = b !== 0 || d !== 0;
  return {
    crs,
    lon0: a * half + b * half + c,
    lonPerCol: a,
    lonPerRow: b,
    lat0: d * half + e * half + f,
    latPerCol: d,
    latPerRow: e,
    cellWidthDeg: rotated ? null : Math.abs(a),
    cellHeightDeg: rotated ? null : Math.abs(e),
  };
}
