/**
 * Re-labels an InputError thrown deep inside the optimiser with the place the user can act on (the
 * CLI flag, the input file), without repeating the location prefix already in its message.
 */
import { formatInputMessage, InputError, isInputError, type InputErrorLocation } from '../../../shared/errors';

/** The message of an InputError without its "file, row, field: " prefix and "(expected …)" suffix. */
export function plainInputMessage(error: InputError): string {
  const { expected, ...where } = error.location;
  const prefix = formatInputMessage('', where);
  let message = error.message;
  if (prefix && message.startsWith(prefix)) message = message.slice(prefix.length);
  const suffix = expected ? ` (expected ${expected})` : '';
  if (suffix && message.endsWith(suffix)) message = message.slice(0, -suffix.length);
  return message;
}

/**
 * Returns `error` with its location replaced by `location` (when it is an InputError), else `error`.
 * @example throw relabelInputError(error, { file: 'zones.geojson', feature: 3 });
 */
export function relabelInputError(error: unknown, location: InputErrorLocation, prefix = ''): unknown {
  if (!isInputError(error)) return error;
  return new InputError(`${prefix}${plainInputMessage(error)}`, { expected: error.location.expected, ...location });
}
