/**
 * What the UI reads from a host's error reply besides its code: the reason and params the host
 * gave it (shared/errors.ts ERROR_REASONS; the texts are `errors.known.<reason>` in en.ts and
 * zh.ts), and the InputError location in its details. The message is never parsed: an error
 * without a reason is shown with its own message.
 */
import type { ErrorParamValue, ErrorReason, InputErrorLocation } from '../../shared/errors';
import type { ApiError } from '../api/client';

const LOCATION_KEYS = ['file', 'row', 'feature', 'field', 'expected'] as const;

/** The InputError location in a reply's details (dispatch sends zod issues, an array, instead). */
export function locationOf(details: unknown): InputErrorLocation {
  if (details === null || typeof details !== 'object' || Array.isArray(details)) return {};
  const source = details as Record<string, unknown>;
  const location: InputErrorLocation = {};
  for (const key of LOCATION_KEYS) {
    const value = source[key];
    if (key === 'row' || key === 'feature') {
      if (typeof value === 'number' && Number.isFinite(value)) location[key] = value;
    } else if (typeof value === 'string' && value !== '') {
      location[key] = value;
    }
  }
  return location;
}

export interface ReasonedError {
  reason: ErrorReason;
  /** The reason's params, with the file of the error's location as `file` (texts may name it). */
  values: Record<string, ErrorParamValue>;
}

/** The reason of a host error with the values its text needs, or null when the host gave none. */
export function reasonOf(error: ApiError): ReasonedError | null {
  if (error.reason === undefined) return null;
  return { reason: error.reason, values: { file: locationOf(error.details).file ?? '', ...error.params } };
}
