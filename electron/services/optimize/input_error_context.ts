/**
 * Re-labels an InputError thrown deep inside the optimiser with the place the user can act on (the
 * CLI flag, the input file), without repeating the location prefix already in its message.
 */
import { causeOf, InputError, isInputError, messageWithoutPlace, type ErrorCause, type InputErrorLocation } from '../../../shared/errors';

/**
 * Returns `error` with its location replaced by `location` (when it is an InputError), else `error`.
 * @example throw relabelInputError(error, { file: 'zones.geojson', feature: 3 });
 */
export function relabelInputError(error: unknown, location: InputErrorLocation, prefix = ''): unknown {
  if (!isInputError(error)) return error;
  return new InputError(`${prefix}${messageWithoutPlace(error.message, error.location)}`, { expected: error.location.expected, ...location }, causeOf(error) as ErrorCause | undefined);
}
