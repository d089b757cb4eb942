/**
 * Which coordinate system the basemap's tiles use, remembered per project file in this browser
 * (localStorage, like the chosen scenario): Settings in the contract has no field for it yet.
 * Without a project the choice lasts for this window. The settings field and the map binding read
 * the same value through useBasemapCrs().
 */
import { useCallback, useSyncExternalStore } from 'react';
import { isBasemapCrs, type BasemapCrs } from './coordinate_shift';

const storageKey = (projectPath: string) => `siting.basemapCrs:${projectPath}`;
/** Choices made without a project, or when storage is off (private windows). */
const inMemory = new Map<string, BasemapCrs>();
const listeners = new Set<() => void>();

export function readBasemapCrs(projectPath: string | null): BasemapCrs {
  const key = projectPath ?? '';
  const remembered = inMemory.get(key);
  if (remembered) return remembered;
  if (!projectPath) return 'wgs84';
  try {
    const stored = localStorage.getItem(storageKey(projectPath));
    return isBasemapCrs(stored) ? stored : 'wgs84';
  } catch {
    return 'wgs84';
  }
}

export function writeBasemapCrs(projectPath: string | null, crs: BasemapCrs): void {
  inMemory.set(projectPath ?? '', crs);
  if (projectPath) {
    try {
      localStorage.setItem(storageKey(projectPath), crs);
    } catch {
      // Storage may be off: the in-memory choice lasts until the page reloads.
    }
  }
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The basemap's coordinate system for `projectPath`, and a setter that remembers it. */
export function useBasemapCrs(projectPath: string | null): [BasemapCrs, (crs: BasemapCrs) => void] {
  const crs = useSyncExternalStore(subscribe, () => readBasemapCrs(projectPath));
  const set = useCallback((next: BasemapCrs) => writeBasemapCrs(projectPath, next), [projectPath]);
  return [crs, set];
}
