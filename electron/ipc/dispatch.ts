/**
 * One entry for every call from a renderer, whatever the transport (Electron IPC or local HTTP):
 * check the channel, parse the input with its zod schema, run the handler, check the output, and
 * turn failures into a typed Reply (services/reply_error.ts). Raw exceptions never cross the boundary.
 */
import * as z from 'zod';
import { contract, isChannel, type Handlers, type Reply } from '../../shared/ipc/contract';
import { toReplyError } from '../services/reply_error';

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
