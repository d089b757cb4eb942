/**
 * Changes of the open project by another program (`siting import` into the same file, QGIS). The
 * host notices them (SQLite's data_version, electron/services/project_session.ts) and lists them on
 * `project:changes:get`, which the renderer polls the way it polls an import job's status: the same
 * channel in both hosts (the browser host has no events). When one arrives, every cached query is
 * invalidated — project info, layers, the population grid, the analysis inputs and the roads the
 * workers hold — so the next figures come from what is in the file now.
 */
import { useEffect, useRef } from 'react';
import type { ExternalChange } from '../../shared/ipc/contract';
import { LAYER_NAMES, type LayerName } from '../../shared/schemas/entities';
import { useServices } from './app_context';

/** How often the renderer asks (one cheap pragma on the host per call). */
export const EXTERNAL_CHANGE_POLL_MS = 2000;

/** What the notice says: counts that changed, and whether the proposal edits' undo history was cleared. */
export interface NoticedChange {
  layers: Array<{ layer: LayerName; before: number; after: number }>;
  proposalsChanged: boolean;
}

/**
 * Several changes noticed between two polls as one: counts from before the first to after the last,
 * only the layers whose count differs. Null when there is nothing.
 * @example mergeChanges([{ seq: 1, before: { population: 24470 }, after: { population: 494676 }, proposalsChanged: false }])
 *   // → { layers: [{ layer: 'population', before: 24470, after: 494676 }], proposalsChanged: false }
 */
export function mergeChanges(changes: readonly ExternalChange[]): NoticedChange | null {
  if (changes.length === 0) return null;
  const first = changes[0].before;
  const last = changes[changes.length - 1].after;
  const layers = LAYER_NAMES.filter((layer) => (first[layer] ?? 0) !== (last[layer] ?? 0)).map((layer) => ({
    layer,
    before: first[layer] ?? 0,
    after: last[layer] ?? 0,
  }));
  return { layers, proposalsChanged: changes.some((change) => change.proposalsChanged) };
}

/**
 * Polls for external changes while `projectPath` is open; on one, invalidates every query and calls
 * `onChange`. The first poll after a project is opened only learns the host's sequence number.
 */
export function useExternalChanges(projectPath: string | null, onChange: (change: NoticedChange) => void): void {
  const { api, store } = useServices();
  const listener = useRef(onChange);
  listener.current = onChange;
  useEffect(() => {
    if (!projectPath) return undefined;
    let since: number | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const poll = async () => {
      try {
        const reply = await api['project:changes:get'](since === undefined ? {} : { since });
        if (stopped) return;
        // A lower number than seen: the host was restarted; start again from its state.
        const change = since === undefined || reply.seq < since ? null : mergeChanges(reply.changes);
        since = reply.seq;
        if (change) {
          store.invalidate('');
          listener.current(change);
        }
      } catch {
        // The host is busy or was restarted: ask again at the next tick (other calls show its errors).
      }
      if (!stopped) timer = setTimeout(() => void poll(), EXTERNAL_CHANGE_POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [api, store, projectPath]);
}
