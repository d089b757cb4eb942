/**
 * Worker thread of `optimizeInWorker`: runs one optimiser solve off the main thread, so that the main
 * thread stays free to print progress and to receive Ctrl+C. Cancellation arrives through a shared
 * Int32Array flag that the solver's checks (and HiGHS's interrupt callbacks) read on every call.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { causeOf, isInputError, messageWithoutPlace } from '../../../shared/errors';
import { optimize, type OptimizeRequest } from '../../../shared/optimize/optimize';
import type { AbortFlag } from '../../../shared/optimize/types';

export interface WorkerInput {
  request: OptimizeRequest;
  seed: number;
  method: 'auto' | 'exact' | 'heuristic';
  /** Int32Array(1) over a SharedArrayBuffer: 1 = cancel. */
  abort: SharedArrayBuffer;
}

export type WorkerMessage =
  | { type: 'progress'; fraction: number }
  | { type: 'result'; result: Awaited<ReturnType<typeof optimize>> }
  | {
      type: 'error';
      error: { kind: 'input' | 'cancelled' | 'other'; message: string; location?: Record<string, unknown>; cause?: ReturnType<typeof causeOf>; stack?: string };
    };

const port = parentPort;
if (port) {
  const input = workerData as WorkerInput;
  const flag = new Int32Array(input.abort);
  const signal: AbortFlag = {
    get aborted() {
      return Atomics.load(flag, 0) === 1;
    },
    set aborted(value: boolean) {
      Atomics.store(flag, 0, value ? 1 : 0);
    },
  };
  const post = (message: WorkerMessage) => port.postMessage(message);
  optimize(input.request, { seed: input.seed, method: input.method, signal, onProgress: (fraction) => post({ type: 'progress', fraction }) })
    .then((result) => post({ type: 'result', result }))
    .catch((error: unknown) => {
      if (isInputError(error)) {
        post({ type: 'error', error: { kind: 'input', message: messageWithoutPlace(error.message, error.location), location: { ...error.location }, cause: causeOf(error) } });
      }
      else if ((error as { code?: unknown }).code === 'cancelled') post({ type: 'error', error: { kind: 'cancelled', message: (error as Error).message } });
      else post({ type: 'error', error: { kind: 'other', message: error instanceof Error ? error.message : String(error), stack: (error as Error).stack } });
    });
}
