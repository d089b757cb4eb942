/**
 * Runs one import as a host job: 'layer:import:start' answers with a job id, 'layer:import:status'
 * is polled for the phase and the fraction done (real progress of the parse and of the write), and
 * Cancel sends 'layer:import:cancel'. The host stops at its next step and rolls back, so a cancelled
 * import writes nothing; only one that had already committed when the cancel arrived is written,
 * and then the dialog says so with its count. Both hosts (Electron IPC, local HTTP) run it the same.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { FileSource, ImportJobStatus, ImportOptions, ImportReport } from '../../../shared/ipc/contract';
import type { ImportableLayer } from '../../../shared/schemas/entities';
import { ApiError } from '../../api/client';
import { KEYS, useServices } from '../../state/app_context';

/** How often the job's status is asked for, and how many failed polls in a row end the watch. */
const POLL_MS = 150;
const POLL_FAILURES = 5;

export type RunPhase = 'idle' | 'running' | 'failed' | 'cancelled';

/** What the host reported last about the running import. */
export interface RunProgress {
  /** 0..1 of the whole import (parsing is the first 60 %, writing the rest). */
  fraction: number;
  phase: ImportJobStatus['phase'];
  /** Cancel was pressed; the host has not stopped yet. */
  cancelling: boolean;
}

export interface AfterCancel {
  layer: ImportableLayer;
  /**
   * cancelled: the host stopped the import and wrote nothing; written: it had already written
   * everything when the cancel arrived; unknown: the host could not be asked how it ended.
   */
  status: 'cancelled' | 'written' | 'unknown';
  /** Features written (status 'written'). */
  count: number | null;
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
  /** Progress of the running import (null before the host has answered). */
  progress: RunProgress | null;
  error: unknown;
  afterCancel: AfterCancel | null;
  /** The import's report, or null when it failed or was cancelled (see phase). */
  start(request: ImportRequest): Promise<ImportReport | null>;
  cancel(): void;
  /** Back to idle (a new file or layer was chosen). */
  reset(): void;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function useImportRun(): ImportRun {
  const { api, store } = useServices();
  const [phase, setPhase] = useState<RunPhase>('idle');
  const [startedAt, setStartedAt] = useState<number | null>(null);
  const [progress, setProgress] = useState<RunProgress | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [afterCancel, setAfterCancel] = useState<AfterCancel | null>(null);
  /** The running job: its id once the host answered, and whether Cancel was pressed. */
  const job = useRef<{ id: string | null; cancel: boolean } | null>(null);
  const mounted = useRef(true);

  const sendCancel = useCallback(
    (jobId: string) => {
      api['layer:import:cancel']({ jobId }).catch(() => undefined);
    },
    [api],
  );

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      // Leaving the page mid-import stops it rather than writing it unseen.
      const current = job.current;
      if (current?.id) sendCancel(current.id);
      else if (current) current.cancel = true;
    };
  }, [sendCancel]);

  const refresh = useCallback((layer: ImportableLayer) => store.invalidate(KEYS.layer(layer), KEYS.coveragePrefix, KEYS.project), [store]);

  /** Polls the job until it has ended; the last status, or null when the host stopped answering. */
  const follow = useCallback(
    async (first: ImportJobStatus): Promise<{ status: ImportJobStatus | null; failure: unknown }> => {
      let status = first;
      let failures = 0;
      while (status.state === 'running') {
        if (mounted.current) setProgress({ fraction: status.progress, phase: status.phase, cancelling: job.current?.cancel === true });
        await sleep(POLL_MS);
        try {
          status = await api['layer:import:status']({ jobId: status.jobId });
          failures = 0;
        } catch (caught) {
          if (++failures >= POLL_FAILURES) return { status: null, failure: caught };
        }
      }
      return { status, failure: null };
    },
    [api],
  );

  const start = useCallback(
    async ({ layer, file, options }: ImportRequest): Promise<ImportReport | null> => {
      const current = { id: null as string | null, cancel: false };
      job.current = current;
      setPhase('running');
      setStartedAt(performance.now());
      setProgress(null);
      setError(null);
      setAfterCancel(null);
      try {
        const started = await api['layer:import:start']({ layer, file, options });
        current.id = started.jobId;
        // Cancel pressed while the file was on its way: stop the job as soon as it exists.
        if (current.cancel) sendCancel(started.jobId);
        const { status, failure } = await follow(started);
        if (!mounted.current) return null;
        if (status === null) {
          setPhase(current.cancel ? 'cancelled' : 'failed');
          if (current.cancel) setAfterCancel({ layer, status: 'unknown', count: null });
          else setError(failure);
          refresh(layer);
          return null;
        }
        if (status.state === 'done' && status.report) {
          refresh(layer);
          if (current.cancel) setAfterCancel({ layer, status: 'written', count: status.report.imported });
          setPhase('idle');
          return status.report;
        }
        if (status.state === 'cancelled') {
          setPhase('cancelled');
          setAfterCancel({ layer, status: 'cancelled', count: null });
          return null;
        }
        const ended = status.error ?? { code: 'internal' as const, message: 'the import ended without a report' };
        setPhase('failed');
        setError(ApiError.fromReply('layer:import:start', ended));
        return null;
      } catch (caught) {
        if (!mounted.current) return null;
        setPhase('failed');
        setError(caught);
        return null;
      } finally {
        if (job.current === current) job.current = null;
        if (mounted.current) {
          setStartedAt(null);
          setProgress(null);
        }
      }
    },
    [api, follow, refresh, sendCancel],
  );

  const cancel = useCallback(() => {
    const current = job.current;
    if (!current || current.cancel) return;
    current.cancel = true;
    setProgress((shown) => (shown ? { ...shown, cancelling: true } : { fraction: 0, phase: 'reading', cancelling: true }));
    if (current.id) sendCancel(current.id);
  }, [sendCancel]);

  const reset = useCallback(() => {
    setPhase('idle');
    setError(null);
  }, []);

  return { phase, startedAt, progress, error, afterCancel, start, cancel, reset };
}
