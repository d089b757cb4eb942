/**
 * Runs one import ('layer:import') with a Cancel that is honest about what it can do.
 *
 * The host reads and checks every record first and writes them in one transaction at the very end
 * (all or nothing). Cancel aborts the request, but the host does not stop a parse it has started:
 * if the file is valid it still writes it a moment later. So after a cancel this hook watches the
 * project's audit log (each import writes exactly one 'import' entry in its transaction) and says
 * whether the import was written after all, refreshing the layer when it was.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { FileSource, ImportOptions, ImportReport } from '../../../shared/ipc/contract';
import type { ImportableLayer } from '../../../shared/schemas/entities';
import { ApiError, callWithSignal } from '../../api/client';
import { KEYS, useServices } from '../../state/app_context';

/** How often and how long the audit log is read after a cancel. */
const WATCH_INTERVAL_MS = 2000;
const WATCH_LIMIT_MS = 180_000;

export type RunPhase = 'idle' | 'running' | 'failed' | 'cancelled';

export interface AfterCancel {
  layer: ImportableLayer;
  /**
   * checking: still watching; written: the host wrote the import after all; not_written: nothing
   * within the watch; not_sent: cancelled before the file left for the host; unknown: the audit
   * log could not be read before the import.
   */
  status: 'checking' | 'written' | 'not_written' | 'not_sent' | 'unknown';
  /** Features written (status 'written'). */
  count: number | null;
  /** Seconds watched so far. */
  seconds: number;
}

export interface ImportRequest {
  layer: ImportableLayer;
  file: FileSource;
  options: ImportOptions;
}

export interface ImportRun {
  phase: RunPhase;
  /** performance.now() when the running import started. */
  startedAt: number | null;
  error: unknown;
  afterCancel: AfterCancel | null;
  /** The import's report, or null when it failed or was cancelled (see phase). */
  start(request: ImportRequest): Promise<ImportReport | null>;
  cancel(): void;
  /** Back to idle (a new file or layer was chosen); a watch after a cancel goes on. */
  reset(): void;
}

export function useImportRun(): ImportRun {
  const { api, store } = useServices();
  const [phase, setPhase] = useState<RunPhase>('idle');
  const [startedAt, setStartedAt] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [afterCancel, setAfterCancel] = useState<AfterCancel | null>(null);
  const abort = useRef<AbortController | null>(null);
  const watch = useRef<ReturnType<typeof setTimeout> | null>(null);

  const stopWatching = useCallback(() => {
    if (watch.current !== null) clearTimeout(watch.current);
    watch.current = null;
  }, []);
  useEffect(() => () => {
    stopWatching();
    abort.current?.abort();
  }, [stopWatching]);

  const refresh = useCallback((layer: ImportableLayer) => store.invalidate(KEYS.layer(layer), KEYS.coveragePrefix, KEYS.project), [store]);

  /** Reads the audit log until an import of `layer` newer than `lastSeq` shows up, or time runs out. */
  const watchAfterCancel = useCallback(
    (layer: ImportableLayer, lastSeq: number) => {
      const cancelledAt = performance.now();
      setAfterCancel({ layer, status: 'checking', count: null, seconds: 0 });
      const check = async () => {
        const seconds = Math.round((performance.now() - cancelledAt) / 1000);
        try {
          const entries = await api['audit:list']({ limit: 20 });
          const written = entries.find((entry) => entry.seq > lastSeq && entry.action === 'import' && entry.layer === layer);
          if (written) {
            const count = (written.after as { count?: unknown } | null)?.count;
            setAfterCancel({ layer, status: 'written', count: typeof count === 'number' ? count : null, seconds });
            refresh(layer);
            watch.current = null;
            return;
          }
        } catch {
          // The next round tries again; the notice keeps saying "checking".
        }
        if (performance.now() - cancelledAt >= WATCH_LIMIT_MS) {
          setAfterCancel({ layer, status: 'not_written', count: null, seconds });
          watch.current = null;
          return;
        }
        setAfterCancel({ layer, status: 'checking', count: null, seconds });
        watch.current = setTimeout(() => void check(), WATCH_INTERVAL_MS);
      };
      watch.current = setTimeout(() => void check(), WATCH_INTERVAL_MS);
    },
    [api, refresh],
  );

  const start = useCallback(
    async ({ layer, file, options }: ImportRequest): Promise<ImportReport | null> => {
      stopWatching();
      const controller = new AbortController();
      abort.current = controller;
      setPhase('running');
      setStartedAt(performance.now());
      setError(null);
      setAfterCancel(null);
      // The newest audit entry before this import: anything newer with action 'import' is ours.
      let lastSeq: number | null = null;
      try {
        lastSeq = (await api['audit:list']({ limit: 1 }))[0]?.seq ?? 0;
      } catch {
        lastSeq = null;
      }
      if (controller.signal.aborted) {
        setPhase('cancelled');
        setAfterCancel({ layer, status: 'not_sent', count: null, seconds: 0 });
        setStartedAt(null);
        abort.current = null;
        return null;
      }
      try {
        const report = await callWithSignal(api, 'layer:import', { layer, file, options }, controller.signal);
        refresh(layer);
        setPhase('idle');
        return report;
      } catch (caught) {
        if (controller.signal.aborted || (caught instanceof ApiError && caught.code === 'cancelled')) {
          setPhase('cancelled');
          if (lastSeq !== null) watchAfterCancel(layer, lastSeq);
          else setAfterCancel({ layer, status: 'unknown', count: null, seconds: 0 });
        } else {
          setPhase('failed');
          setError(caught);
        }
        return null;
      } finally {
        if (abort.current === controller) abort.current = null;
        setStartedAt(null);
      }
    },
    [api, refresh, stopWatching, watchAfterCancel],
  );

  const cancel = useCallback(() => abort.current?.abort(), []);
  const reset = useCallback(() => {
    setPhase('idle');
    setError(null);
  }, []);

  return { phase, startedAt, error, afterCancel, start, cancel, reset };
}
