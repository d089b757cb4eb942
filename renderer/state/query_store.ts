/**
 * A small query cache in the spirit of TanStack Query (not installed here): data from the project
 * store is read through `useQuery(key, fetch)` and mutations invalidate keys by prefix, which
 * re-fetches whatever is on screen. Keys are strings such as `layer:facilities` or
 * `coverage:1000:day_care,community_station`.
 */
import { useCallback, useEffect, useSyncExternalStore } from 'react';

export interface QueryState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
}

interface Entry {
  state: QueryState<unknown>;
  /** Bumped by invalidate(); a fetch that finishes with an older generation is dropped. */
  generation: number;
  fetched: boolean;
  inFlight: Promise<void> | null;
}

const IDLE: QueryState<never> = { data: undefined, error: undefined, loading: false };

export class QueryStore {
  private readonly entries = new Map<string, Entry>();
  private readonly listeners = new Set<() => void>();

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  snapshot<T>(key: string): QueryState<T> {
    return (this.entries.get(key)?.state ?? IDLE) as QueryState<T>;
  }

  /** Starts a fetch for `key` unless fresh data is there or a fetch is under way. */
  ensure<T>(key: string, fetcher: () => Promise<T>): void {
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { state: IDLE, generation: 0, fetched: false, inFlight: null };
      this.entries.set(key, entry);
    }
    if (entry.fetched || entry.inFlight) return;
    const generation = entry.generation;
    const current = entry;
    current.state = { ...current.state, loading: true };
    this.emit();
    current.inFlight = fetcher().then(
      (data) => this.settle(key, current, generation, { data, error: undefined, loading: false }),
      (error: unknown) => this.settle(key, current, generation, { data: current.state.data, error, loading: false }),
    );
  }

  private settle(key: string, entry: Entry, generation: number, state: QueryState<unknown>): void {
    entry.inFlight = null;
    if (this.entries.get(key) !== entry) return;
    if (entry.generation !== generation) {
      // Invalidated while in flight: keep the old data visible, mark stale so the next ensure runs.
      entry.state = { ...entry.state, loading: false };
      this.emit();
      return;
    }
    entry.state = state;
    entry.fetched = true;
    this.emit();
  }

  /**
   * Fresh data of `key` for imperative callers (a worker run): the cached value unless it was
   * invalidated, else the result of a fetch (shared with hook readers of the same key).
   */
  async fetch<T>(key: string, fetcher: () => Promise<T>): Promise<T> {
    // An invalidation while the fetch is in flight drops its result: then fetch again.
    for (let attempt = 0; attempt < 3; attempt++) {
      const cached = this.entries.get(key);
      if (cached?.fetched && cached.state.error === undefined) return cached.state.data as T;
      // An earlier failure: the caller asks again explicitly, so fetch again.
      if (cached?.fetched) cached.fetched = false;
      this.ensure(key, fetcher);
      const entry = this.entries.get(key) as Entry;
      await entry.inFlight;
      if (entry.fetched) {
        if (entry.state.error !== undefined) throw entry.state.error;
        return entry.state.data as T;
      }
    }
    // Invalidated over and over (data changing while we read): read once without the cache.
    return fetcher();
  }

  /** Marks every key starting with one of `prefixes` stale; mounted queries fetch again. */
  invalidate(...prefixes: string[]): void {
    for (const [key, entry] of this.entries) {
      if (prefixes.some((prefix) => key.startsWith(prefix))) {
        entry.generation += 1;
        entry.fetched = false;
        // A new snapshot object re-renders the readers, whose effect then fetches again.
        entry.state = { ...entry.state };
      }
    }
    this.emit();
  }

  /** Forgets everything (another project was opened). */
  clear(): void {
    this.entries.clear();
    this.emit();
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}

/**
 * Reads `key` from the store, fetching it when missing or stale. `key === null` disables the query.
 * Data of the previous fetch stays visible while a re-fetch runs (`loading` is true meanwhile).
 */
export function useQuery<T>(store: QueryStore, key: string | null, fetcher: () => Promise<T>): QueryState<T> {
  const getSnapshot = useCallback(() => (key === null ? IDLE : store.snapshot<T>(key)), [store, key]);
  const state = useSyncExternalStore(store.subscribe, getSnapshot);
  useEffect(() => {
    // ensure() is a no-op when the data is fresh or a fetch is under way; every new snapshot
    // (including the one invalidate() makes) gives it a chance to fetch.
    if (key !== null) store.ensure(key, fetcher);
    // The fetcher is keyed by `key`: a new closure with the same key fetches the same thing.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [store, key, state]);
  return state as QueryState<T>;
}
