/**
 * The coordinate system of an import and its errors. options.crs (the CLI's --crs, the dialog's
 * choice) is read with shared/geodesy parseCrs and always wins; otherwise the file says (.prj,
 * GeoKeys, GeoPackage srs, a GeoJSON "crs" member), otherwise WGS84. The shared transforms throw
 * InputErrors without a location; `locatedCrsError` adds file, row/feature and field.
 */
import { causeOf, InputError, isInputError, type ErrorCause } from '../../../shared/errors';
import { parseCrs, wgs84CrsSpec, type CrsSpec } from '../../../shared/geodesy/crs';
import type { RecordLocation } from './record_location';
import { CSV_ROW_NOTE } from './record_location';

/** How the CLI and the dialog let the user swap axes; appended to "look swapped" messages. */
export const SWAP_AXES_HINT = 'if the file has latitude/northing first, import it again with --swap-axes (swapAxes)';

/** Short name of a CRS for reports: its EPSG or ESRI id, GCJ02, BD09, or the label of a custom definition. */
export function crsName(spec: CrsSpec): string {
  return spec.kind === 'custom' && !/^ESRI:\d+$/.test(spec.id) ? spec.label : spec.id;
}

/** options.crs as a CrsSpec (undefined when not given); InputError naming the file and field crs. */
export function parseOptionCrs(optionCrs: string | undefined, file: string): CrsSpec | undefined {
  if (optionCrs === undefined || optionCrs.trim() === '') return undefined;
  try {
    return parseCrs(optionCrs);
  } catch (error) {
    if (isInputError(error)) throw new InputError(error.message, { file, field: 'crs', expected: 'a coordinate system the app knows' });
    throw error;
  }
}

/**
 * The CRS to read a file in: options.crs, else what the file declares, else WGS84. When both are
 * given and differ, the file's is named in `warnings`.
 */
export function resolveImportCrs(optionCrs: string | undefined, fileCrs: CrsSpec | null, file: string, warnings: string[]): CrsSpec {
  const option = parseOptionCrs(optionCrs, file);
  if (option) {
    if (fileCrs && fileCrs.id !== option.id) warnings.push(`${file} declares ${crsName(fileCrs)}; ${crsName(option)} was used as chosen`);
    return option;
  }
  return fileCrs ?? wgs84CrsSpec();
}

/** True for lon/lat systems (WGS84, CGCS2000, GCJ-02, BD-09): values are degrees. */
export function isLonLatCrs(spec: CrsSpec): boolean {
  if (spec.kind === 'epsg') return !spec.definition.projected;
  if (spec.kind === 'custom') return !spec.projected;
  return true;
}

/** True when coordinates in `spec` are WGS84 lon/lat as they are (WGS84, CGCS2000): no transform. */
export function isIdentityCrs(spec: CrsSpec): boolean {
  return spec.kind === 'epsg' && !spec.definition.projected;
}

/**
 * A transform error (an InputError without location, from shared/geodesy) re-thrown with the file,
 * row or feature and field; swapped-axes diagnoses get the --swap-axes hint.
 */
export function locatedCrsError(error: unknown, loc: RecordLocation, field: string | undefined, crs: CrsSpec): Error {
  if (!isInputError(error)) return error as Error;
  if (error.location.file !== undefined) return error;
  const swapped = error.reason === 'coordinates_swapped' ? `; ${SWAP_AXES_HINT}` : '';
  const note = loc.row !== undefined ? ` ${CSV_ROW_NOTE}` : '';
  return new InputError(
    `${error.message}${swapped}${note}`,
    {
      file: loc.file,
      row: loc.row,
      feature: loc.feature,
      field,
      expected: `coordinates in ${crsName(crs)}`,
    },
    causeOf(error) as ErrorCause | undefined,
  );
}
