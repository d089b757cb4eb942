/**
 * One entry for every call from a renderer, whatever the transport (Electron IPC or local HTTP):
 * check the channel, parse the input with its zod schema, run the handler, check the output, and
 * turn failures into a typed Reply. Raw exceptions never cross the boundary.
 */
import * as z from 'zod';
import { isInputError } from '../../shared/errors';
import { contract, isChannel, type Handlers, type Reply, type ReplyError } from '../../shared/ipc/contract';

export async function dispatch(handlers: Handlers, channel: string, rawInput: unknown): Promise<Reply<unknown>> {
  if (!isChannel(channel)) return { ok: false, error: { code: 'not_found', message: `unknown channel "${channel}"` } };
  const spec = contract[channel];
  const parsed = spec.input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    return {
      ok: false,
      error: { code: 'bad_input', message: `invalid input for ${channel}: ${z.prettifyError(parsed.error)}`, details: parsed.error.issues },
    };
  }
  try {
    const handler = handlers[channel] as (input: unknown) => Promise<unknown>;
    const value = await handler(parsed.data);
    return { ok: true, value: spec.output.parse(value) };
  } catch (error) {
    return { ok: false, error: toReplyError(error) };
  }
}

export function toReplyError(error: unknown): ReplyError {
  if (isInputError(error)) return { code: 'bad_input', message: error.message, details: error.location };
  const code = (error as { code?: unknown })?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'no_project' || code === 'unsupported' || code === 'cancelled') return { code, message };
  // Another program held the project's write lock too long (store/write_lock.ts): the file in details.
  if (code === 'busy') return { code, message, details: (error as { location?: unknown }).location };
  console.error(error);
  return { code: 'internal', message };
}
