/**
 * Typed errors. `InputError` is bad input from the user (a file, a row, a parameter): the CLI exits
 * with code 2 and the UI shows the message as is. Anything else is a bug or an environment failure.
 */

export interface InputErrorLocation {
  /** File name (base name or path) the bad input came from. */
  file?: string;
  /** 1-based data row (CSV: header is row 0 unless stated), or the feature index (0-based). */
  row?: number;
  feature?: number;
  /** Field or column name. */
  field?: string;
  /** What was expected, in plain words. */
  expected?: string;
}

export class InputError extends Error {
  readonly code = 'bad_input' as const;
  readonly location: InputErrorLocation;

  constructor(message: string, location: InputErrorLocation = {}) {
    super(formatInputMessage(message, location));
    this.name = 'InputError';
    this.location = location;
  }
}

/** Builds "file.csv, row 12, field lat: latitude must be in [-90, 90], got 123" style messages. */
export function formatInputMessage(message: string, location: InputErrorLocation): string {
  const parts: string[] = [];
  if (location.file) parts.push(location.file);
  if (location.row !== undefined) parts.push(`row ${location.row}`);
  if (location.feature !== undefined) parts.push(`feature ${location.feature}`);
  if (location.field) parts.push(`field ${location.field}`);
  const where = parts.join(', ');
  const expected = location.expected ? ` (expected ${location.expected})` : '';
  return where ? `${where}: ${message}${expected}` : `${message}${expected}`;
}

export function isInputError(error: unknown): error is InputError {
  return error instanceof Error && (error as { code?: unknown }).code === 'bad_input';
}

/** Thrown when a long operation is cancelled by the user. */
export class CancelledError extends Error {
  readonly code = 'cancelled' as const;
  constructor(message = 'cancelled') {
    super(message);
    this.name = 'CancelledError';
  }
}
