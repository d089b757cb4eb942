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

/**
 * The message without the location the host put around it (shared/errors.ts formatInputMessage:
 * "file.csv, row 12, field lat: <message> (expected <expected>)"), so that the UI can say the
 * location in its own language. Built from the location; the message itself is not parsed.
 */
export function coreMessage(message: string, location: InputErrorLocation): string {
  const parts: string[] = [];
  if (location.file) parts.push(location.file);
  if (location.row !== undefined) parts.push(`row ${location.row}`);
  if (location.feature !== undefined) parts.push(`feature ${location.feature}`);
  if (location.field) parts.push(`field ${location.field}`);
  let core = message;
  const prefix = parts.length ? `${parts.join(', ')}: ` : '';
  if (prefix && core.startsWith(prefix)) core = core.slice(prefix.length);
  const suffix = location.expected ? ` (expected ${location.expected})` : '';
  if (suffix && core.endsWith(suffix)) core = core.slice(0, -suffix.length);
  return core;
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
