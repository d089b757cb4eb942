/**
 * State of one kind of long run in the analysis worker (accessibility analysis, site suggestion):
 * idle → loading data → computing (with progress) → done | failed, and cancel at any point, which
 * returns to idle and keeps the previous result (it is still valid for its own parameters).
 * Each hook owns its worker, so an analysis and an optimisation can run side by side.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { CancelledError } from '../../shared/errors';
import { createAnalysisWorker, WorkerDataLostError, type TaskWorker } from '../workers/task_worker';

export type RunPhase = 'idle' | 'loading' | 'computing';

export interface WorkerRunState<R> {
  phase: RunPhase;
  /** Fraction done in [0, 1] while computing; null while loading or before the first report. */
  progress: number | null;
  result: R | null;
  error: unknown;
}

export interface WorkerRunContext {
  worker: TaskWorker;
  /** Call when the data is loaded and the worker starts (switches the phase to computing). */
  computing(): void;
  onProgress(fraction: number): void;
  /** False once this run was cancelled or replaced: stop before doing more work. */
  current(): boolean;
}

export interface WorkerRun<R> {
  state: WorkerRunState<R>;
  run(work: (context: WorkerRunContext) => Promise<R>): Promise<void>;
  cancel(): void;
  /** Forgets the result (e.g. "clear the map"). */
  clear(): void;
}

const IDLE = { phase: 'idle' as const, progress: null, error: null };

export function useWorkerRun<R>(): WorkerRun<R> {
  const worker = useRef<TaskWorker | null>(null);
  const token = useRef(0);
  const [state, setState] = useState<WorkerRunState<R>>({ ...IDLE, result: null });

  useEffect(
    () => () => {
      token.current++;
      worker.current?.dispose();
    },
    [],
  );

  const run = useCallback(async (work: (context: WorkerRunContext) => Promise<R>) => {
    worker.current ??= createAnalysisWorker();
    const mine = ++token.current;
    const current = () => token.current === mine;
    setState((previous) => ({ ...previous, phase: 'loading', progress: null, error: null }));
    const context: WorkerRunContext = {
      worker: worker.current,
      current,
      computing: () => current() && setState((previous) => ({ ...previous, phase: 'computing', progress: 0 })),
      onProgress: (fraction) => current() && setState((previous) => ({ ...previous, progress: fraction })),
    };
    try {
      let result: R;
      try {
        result = await work(context);
      } catch (error) {
        // The worker was replaced while this run loaded its data: once more, sending what it lacks.
        if (!(error instanceof WorkerDataLostError) || !current()) throw error;
        result = await work(context);
      }
      if (current()) setState({ ...IDLE, result });
    } catch (error) {
      if (!current()) return;
      if (error instanceof CancelledError) setState((previous) => ({ ...previous, ...IDLE }));
      else setState((previous) => ({ ...previous, ...IDLE, error }));
    }
  }, []);

  const cancel = useCallback(() => {
    token.current++;
    worker.current?.cancel();
    setState((previous) => ({ ...previous, ...IDLE }));
  }, []);

  const clear = useCallback(() => setState((previous) => ({ ...previous, result: null, error: null })), []);

  return { state, run, cancel, clear };
}
