/**
 * Coordinate system and pixel → CRS transform of a GeoTIFF image. The CRS comes from the GeoKeys
 * (shared/geodesy crsFromGeoKeys: EPSG:4326/4490, 3857, CGCS2000 Gauss–Krüger, UTM, user-defined
 * transverse Mercator), or from options.crs, which wins when both are given (a GCJ-02 raster labelled
 * EPSG:4326, say) and is then noted in the warnings. The transform comes from ModelTransformation, or
 * ModelTiepoint + ModelPixelScale; PixelIsPoint rasters (GTRasterTypeGeoKey 2) have their tie point at
 * the pixel centre, PixelIsArea at the corner.
 */
import type { GeoTIFFImage } from 'geotiff';
import { InputError } from '../../../shared/errors';
import { crsFromGeoKeys, type CrsSpec } from '../../../shared/geodesy/crs';
import { crsName, parseOptionCrs } from './import_crs';

export interface RasterGeoreference {
  crs: CrsSpec;
  /** Where the CRS came from: the GeoKeys, or options.crs. */
  crsSource: 'file' | 'option';
  /** Centre of pixel (col, row) in CRS units: x = x0 + xPerCol*col + xPerRow*row; y likewise. */
  x0: number;
  xPerCol: number;
  xPerRow: number;
  y0: number;
  yPerCol: number;
  yPerRow: number;
  /** True when rows/columns are not aligned with the CRS axes. */
  rotated: boolean;
}

function numbers(value: unknown): number[] | null {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value) || ArrayBuffer.isView(value)) return Array.from(value as ArrayLike<number>, Number);
  return null;
}

function readCrs(
  geoKeys: Record<string, unknown> | null,
  file: string,
  optionCrs: string | undefined,
  warnings: string[],
): { crs: CrsSpec; crsSource: 'file' | 'option' } {
  const option = parseOptionCrs(optionCrs, file);
  let fromFile: CrsSpec | null = null;
  if (geoKeys !== null && Object.keys(geoKeys).length > 0) {
    try {
      fromFile = crsFromGeoKeys(geoKeys);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      if (!option) throw wrapCrsError(error, file);
      warnings.push(`${file}: ${error.message}; ${crsName(option)} was used as chosen`);
    }
  }
  if (option) {
    if (fromFile && fromFile.id !== option.id) warnings.push(`${file}: the GeoTIFF says ${crsName(fromFile)}; ${crsName(option)} was used as chosen`);
    return { crs: option, crsSource: 'option' };
  }
  if (fromFile) return { crs: fromFile, crsSource: 'file' };
  throw new InputError('the GeoTIFF has no geo keys, so its coordinate system is unknown; choose it with --crs (e.g. --crs EPSG:4326)', {
    file,
    field: 'crs',
    expected: 'a GeoTIFF with GeoKeys, or --crs',
  });
}

function wrapCrsError(error: unknown, file: string): InputError {
  const message = error instanceof Error ? error.message : String(error);
  return new InputError(`${message}; choose the coordinate system with --crs if you know it`, { file, field: 'crs' });
}

export function readGeotiffGeoreference(image: GeoTIFFImage, file: string, optionCrs: string | undefined, warnings: string[]): RasterGeoreference {
  let geoKeys: Record<string, unknown> | null;
  try {
    geoKeys = image.getGeoKeys() as Record<string, unknown> | null;
  } catch (error) {
    throw new InputError(`cannot read the GeoTIFF geo keys: ${(error as Error).message}`, { file, field: 'crs' });
  }
  const { crs, crsSource } = readCrs(geoKeys, file, optionCrs, warnings);
  const directory = image.getFileDirectory();
  const transformation = numbers(directory.getValue('ModelTransformation'));
  const tiePoints = numbers(directory.getValue('ModelTiepoint'));
  const scale = numbers(directory.getValue('ModelPixelScale'));

  // pixel-corner affine: x = a*col + b*row + c, y = d*col + e*row + f
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
  return {
    crs,
    crsSource,
    x0: a * half + b * half + c,
    xPerCol: a,
    xPerRow: b,
    y0: d * half + e * half + f,
    yPerCol: d,
    yPerRow: e,
    rotated: b !== 0 || d !== 0,
  };
}

/**
 * True when two rasters of `width` x `height` cells have the same cell centres: the four corner
 * centres agree to a thousandth of a cell (a grid shifted or scaled by one cell is 1000 times off).
 */
export function sameGrid(p: RasterGeoreference, q: RasterGeoreference, width: number, height: number): boolean {
  const cellSize = Math.min(Math.hypot(p.xPerCol, p.yPerCol), Math.hypot(p.xPerRow, p.yPerRow));
  const tolerance = 1e-3 * cellSize;
  for (const [col, row] of [[0, 0], [width - 1, 0], [0, height - 1], [width - 1, height - 1]]) {
    const dx = p.x0 + p.xPerCol * col + p.xPerRow * row - (q.x0 + q.xPerCol * col + q.xPerRow * row);
    const dy = p.y0 + p.yPerCol * col + p.yPerRow * row - (q.y0 + q.yPerCol * col + q.yPerRow * row);
    if (!(Math.hypot(dx, dy) <= tolerance)) return false;
  }
  return true;
}
