/**
 * Where a value came from (file plus CSV data row or GeoJSON feature index) and the one way every
 * importer reports a bad value: an InputError naming file, row/feature, field and what was expected.
 */
import { InputError, type ErrorCause } from '../../../shared/errors';

export interface RecordLocation {
  /** Base name of the imported file. */
  file: string;
  /** CSV: 1-based data row (the header is not counted). */
  row?: number;
  /** GeoJSON: 0-based feature index. */
  feature?: number;
}

/** Appended to CSV row errors so the user knows how rows are counted. */
export const CSV_ROW_NOTE = '[row = 1-based data row after the header]';

/**
 * Builds the InputError for a bad value at `loc`. `field` is the snake_case target field or the
 * source column; `expected` is what would have been accepted, in plain words.
 */
export function inputError(loc: RecordLocation, field: string | undefined, message: string, expected?: string, cause?: ErrorCause): InputError {
  const note = loc.row !== undefined ? ` ${CSV_ROW_NOTE}` : '';
  return new InputError(
    `${message}${note}`,
    {
      file: loc.file,
      row: loc.row,
      feature: loc.feature,
      field,
      expected,
    },
    cause,
  );
}

/** Short quoted rendering of a raw value for messages ("NaN", 12, null ...). */
export function showValue(raw: unknown): string {
  if (typeof raw === 'string') {
    const clipped = raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
    return JSON.stringify(clipped);
  }
  if (typeof raw === 'number' || typeof raw === 'boolean' || raw === null || raw === undefined) return String(raw);
  if (Array.isArray(raw)) return 'an array';
  return `a ${typeof raw}`;
}
