/** The error reply of every channel (shared/ipc/contract.ts re-exports it). */
import * as z from 'zod';
import { ERROR_REASON_NAMES } from '../errors';

/** Codes of an error reply (and of a failed import job). */
/** busy: another program kept the project file's write lock longer than the write waits; details.file names it. */
export const ErrorCode = z.enum(['bad_input', 'not_found', 'no_project', 'cancelled', 'unsupported', 'busy', 'internal']);
export type ErrorCode = z.infer<typeof ErrorCode>;
/**
 * An error reply: the category (code), the English message, what went wrong as a reason of
 * shared/errors.ts with its params (when the UI says it in its own words), and details (an
 * InputError's location, or the zod issues of a refused input).
 */
export const ReplyError = z.object({
  code: ErrorCode,
  message: z.string(),
  reason: z.enum(ERROR_REASON_NAMES).optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  details: z.unknown().optional(),
});
export type ReplyError = z.infer<typeof ReplyError>;
