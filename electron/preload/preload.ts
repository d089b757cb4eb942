/**
 * Preload (sandboxed): exposes `window.siting` — one `invoke` for the contract's channels (and typed
 * functions built from the same channel list) and `on` for host events. The raw ipcRenderer never
 * reaches the page.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { CHANNELS, EVENTS_CHANNEL_PREFIX, EVENT_NAMES, type Channel, type EventName } from '../../shared/ipc/contract';

const channels = new Set<string>(CHANNELS);
const eventNames = new Set<string>(EVENT_NAMES);

function invoke(channel: string, input: unknown): Promise<unknown> {
  if (!channels.has(channel)) return Promise.reject(new Error(`unknown channel ${channel}`));
  return ipcRenderer.invoke(channel, input);
}

const api = Object.fromEntries(CHANNELS.map((channel: Channel) => [channel, (input: unknown) => invoke(channel, input)]));

contextBridge.exposeInMainWorld('siting', {
  invoke,
  api,
  on(name: EventName, listener: (payload: unknown) => void): () => void {
    if (!eventNames.has(name)) throw new Error(`unknown event ${name}`);
    const wrapped = (_event: unknown, payload: unknown) => listener(payload);
    ipcRenderer.on(`${EVENTS_CHANNEL_PREFIX}${name}`, wrapped);
    return () => ipcRenderer.removeListener(`${EVENTS_CHANNEL_PREFIX}${name}`, wrapped);
  },
});
