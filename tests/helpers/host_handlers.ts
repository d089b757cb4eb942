/**
 * The app's real channel handlers over a real project session, as both hosts build them, for tests
 * that drive the app without a browser: `call` throws the reply's code and message when it fails.
 */
import { join } from 'node:path';
import { contract, type Api, type Channel, type ChannelOutput, type Handlers } from '../../shared/ipc/contract';
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

/**
 * Every channel of `handlers` as the renderer's typed Api: a failed reply throws an Error carrying the
 * reply's fields (code, reason, params …), as the renderer's client does.
 */
export function apiOf(handlers: Handlers): Api {
  const invoke = (channel: Channel) => async (input: unknown) => {
    const reply = await dispatch(handlers, channel, input);
    if (!reply.ok) throw Object.assign(new Error(reply.error.message), reply.error);
    return reply.value;
  };
  return Object.fromEntries((Object.keys(contract) as Channel[]).map((channel) => [channel, invoke(channel)])) as unknown as Api;
}

/** The browser host's handlers over a new session (its own config folder) as an Api, no project open. */
export function hostApi(): Api {
  process.env.SITING_CONFIG_DIR = join(tempDir(), 'config');
  return apiOf(createHandlers(new ProjectSession(), { host: 'browser', version: 'test', dialogs: null }));
}
