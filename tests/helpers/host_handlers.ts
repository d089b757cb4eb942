/**
 * The app's real channel handlers over a real project session, as both hosts build them, for tests
 * that drive the app without a browser: `call` throws the reply's code and message when it fails.
 */
import { join } from 'node:path';
import type { Channel, ChannelOutput, Handlers } from '../../shared/ipc/contract';
import { dispatch } from '../../electron/ipc/dispatch';
import { createHandlers } from '../../electron/services/api_handlers';
import { ProjectSession } from '../../electron/services/project_session';
import { tempDir } from './paths';

/** The value of a successful reply; a failed one throws "<channel>: <code>: <message>". */
export async function call<C extends Channel>(handlers: Handlers, channel: C, input: unknown): Promise<ChannelOutput<C>> {
  const reply = await dispatch(handlers, channel, input);
  if (!reply.ok) throw new Error(`${channel}: ${reply.error.code}: ${reply.error.message}`);
  return reply.value as ChannelOutput<C>;
}

/**
 * A session and the browser host's handlers in a new temporary folder (its config folder too, so the
 * recent list is the test's own), with no project open yet.
 */
export function testHost(host: 'browser' | 'electron' = 'browser'): { dir: string; session: ProjectSession; handlers: Handlers } {
  const dir = tempDir();
  process.env.SITING_CONFIG_DIR = join(dir, 'config');
  const session = new ProjectSession();
  return { dir, session, handlers: createHandlers(session, { host, version: 'test', dialogs: null }) };
}
