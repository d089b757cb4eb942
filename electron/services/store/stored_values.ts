/**
 * Values read back from a project file, checked where the store hands them on: a file edited outside
 * the app (or damaged) can hold a blob that is no geometry, text in a count column or a damaged page.
 * Each becomes an InputError naming the project file, the layer, the feature's fid and the column,
 * instead of a bare SQLite or decoder message (or, for text in a count, a silent "n/a" in the analysis).
 */
import { InputError } from '../../../shared/errors';
import type { Geometry } from '../../../shared/schemas/entities';
import { decodeGpkgGeometry, readGpkgPoint } from './gpkg_geometry';

/** The project file and layer a read is about. */
export interface StoredAt {
  file: string;
  layer: string;
}

function featureError(at: StoredAt, fid: number, field: string, message: string, expected: string): InputError {
  return new InputError(`layer ${at.layer}, fid ${fid}: ${message}`, { file: at.file, field, expected });
}

const reason = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** lon/lat of a stored point geometry. */
export function storedPoint(at: StoredAt, fid: number, blob: unknown): [number, number] {
  try {
    return readGpkgPoint(asBlob(blob));
  } catch (error) {
    throw featureError(at, fid, 'geom', reason(error), 'a GeoPackage point');
  }
}

/** A stored geometry decoded. */
export function storedGeometry(at: StoredAt, fid: number, blob: unknown): Geometry {
  try {
    return decodeGpkgGeometry(asBlob(blob));
  } catch (error) {
    throw featureError(at, fid, 'geom', `cannot decode the geometry: ${reason(error)}`, 'a GeoPackage geometry blob');
  }
}

function asBlob(value: unknown): Buffer {
  if (Buffer.isBuffer(value)) return value;
  throw new Error(value === null ? 'the geometry is empty (NULL)' : `the geometry is ${typeof value}, not a blob`);
}

/**
 * A count (persons, places) as stored: a finite number >= 0, or null for empty. Anything else (text,
 * a blob, a negative number) is refused rather than turned into NaN and shown as "n/a".
 */
export function storedCount(at: StoredAt, fid: number, field: string, value: unknown): number | null {
  if (value === null || (typeof value === 'number' && Number.isFinite(value) && value >= 0)) return value as number | null;
  const shown = typeof value === 'string' ? `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}" is not a number` : `${describe(value)} is not a count`;
  throw featureError(at, fid, field, shown, 'a number ≥ 0, or empty');
}

const describe = (value: unknown): string => (value instanceof Uint8Array ? `a ${value.length}-byte blob` : String(value));

/**
 * A damaged file (SQLite's "database disk image is malformed", "file is not a database") as an
 * InputError naming the project file and the layer being read; other errors unchanged.
 */
export function damagedFileError(error: unknown, file: string, layer: string | null): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !(code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB')) return error;
  const where = layer === null ? '' : `layer ${layer}: `;
  const detail = reason(error);
  return new InputError(
    `${where}the project file is damaged (${detail}); restore it from a copy or a backup`,
    { file },
    layer === null ? { reason: 'project_damaged', params: { detail } } : { reason: 'project_layer_damaged', params: { layer, detail } },
  );
}
