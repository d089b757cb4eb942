/**
 * Exports an atlas (one page per unit of a boundary level, one multi-page PDF) as a host job, the way
 * an import runs (use_import_run.ts): 'map:atlas:start' answers with the job, 'map:atlas:status' is
 * polled for the pages drawn (page k of n), and Cancel sends 'map:atlas:cancel' — the host stops
 * before the next page or before writing, so a cancelled atlas writes nothing.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { MapAtlasJob, MapOptions } from '../../../shared/ipc/contract';
import type { Boundary } from '../../../shared/schemas/entities';
import { useServices } from '../../state/app_context';

/** How often the job's status is asked for, and how many failed polls in a row end the watch. */
const POLL_MS = 150;
const POLL_FAILURES = 5;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface AtlasRun {
  /** The running job as last reported; null when none runs. */
  job: MapAtlasJob | null;
  /** The last job that ended (done, cancelled or failed), for the panel's message. */
  ended: MapAtlasJob | null;
  error: unknown;
  start(options: MapOptions, level: Boundary['level'], path?: string): Promise<MapAtlasJob | null>;
  cancel(): void;
}

export function useAtlasExport(): AtlasRun {
  const { api } = useServices();
  const [job, setJob] = useState<MapAtlasJob | null>(null);
  const [ended, setEnded] = useState<MapAtlasJob | null>(null);
  const [error, setError] = useState<unknown>(null);
  const current = useRef<{ id: string | null; cancel: boolean } | null>(null);
  const mounted = useRef(true);

  const sendCancel = useCallback((jobId: string) => void api['map:atlas:cancel']({ jobId }).catch(() => undefined), [api]);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      // Leaving the panel mid-atlas stops it rather than writing it unseen.
      const running = current.current;
      if (running?.id) sendCancel(running.id);
      else if (running) running.cancel = true;
    };
  }, [sendCancel]);

  const start = useCallback(
    async (options: MapOptions, level: Boundary['level'], path?: string): Promise<MapAtlasJob | null> => {
      const run = { id: null as string | null, cancel: false };
      current.current = run;
      setEnded(null);
      setError(null);
      try {
        let status = await api['map:atlas:start']({ options, level, ...(path ? { path } : {}) });
        run.id = status.jobId;
        // Cancel pressed while the request was on its way: stop the job as soon as it exists.
        if (run.cancel) sendCancel(status.jobId);
        let failures = 0;
        while (status.state === 'running') {
          if (mounted.current) setJob({ ...status, cancelRequested: status.cancelRequested || run.cancel });
          await sleep(POLL_MS);
          try {
            status = await api['map:atlas:status']({ jobId: status.jobId });
            failures = 0;
          } catch (caught) {
            if (++failures >= POLL_FAILURES) throw caught;
          }
        }
        if (mounted.current) {
          setEnded(status);
          if (status.state === 'failed') setError(status.error);
        }
        return status;
      } catch (caught) {
        if (mounted.current) setError(caught);
        return null;
      } finally {
        if (current.current === run) current.current = null;
        if (mounted.current) setJob(null);
      }
    },
    [api, sendCancel],
  );

  const cancel = useCallback(() => {
    const running = current.current;
    if (!running) return;
    running.cancel = true;
    setJob((shown) => (shown ? { ...shown, cancelRequested: true } : shown));
    if (running.id) sendCancel(running.id);
  }, [sendCancel]);

  return { job, ended, error, start, cancel };
}
