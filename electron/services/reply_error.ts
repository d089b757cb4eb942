/**
 * Any failure as the error of a reply, `{ code, message, reason?, params?, details? }`: the one
 * serialisation of errors for both hosts (Electron IPC and local HTTP, through ipc/dispatch.ts and
 * the HTTP host's own refusals) and for failed import jobs. The reason and params are those the
 * error carries (shared/errors.ts ERROR_REASONS), so the renderer never reads the message.
 */
import { causeOf, isInputError } from '../../shared/errors';
import type { ReplyError } from '../../shared/ipc/contract';

export function toReplyError(error: unknown): ReplyError {
  const message = error instanceof Error ? error.message : String(error);
  const cause = causeOf(error);
  if (isInputError(error)) return { code: 'bad_input', message, ...cause, details: error.location };
  const code = (error as { code?: unknown })?.code;
  if (code === 'no_project' || code === 'unsupported' || code === 'cancelled') return { code, message, ...cause };
  // Another program held the project's write lock too long (store/write_lock.ts): the file in details.
  if (code === 'busy') return { code, message, ...cause, details: (error as { location?: unknown }).location };
  console.error(error);
  return { code: 'internal', message };
}
