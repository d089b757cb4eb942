/**
 * Runs one optimiser solve in a worker thread (the optimiser's loops and HiGHS are synchronous: on
 * the main thread they would block progress output and Ctrl+C). The large typed arrays of the coverage
 * sets and cost matrix are moved to the worker, not copied: the caller must not read them afterwards.
 * Setting `signal.aborted` cancels cooperatively (the solver and HiGHS check it continually); `kill()`
 * terminates the worker at once.
 */
import { Worker } from 'node:worker_threads';
import { CancelledError, InputError, type ErrorCause, type InputErrorLocation } from '../../../shared/errors';
import type { OptimizeRequest } from '../../../shared/optimize/optimize';
import type { OptimizeResult } from '../../../shared/optimize/types';
import type { WorkerInput, WorkerMessage } from './optimize_worker';

export interface WorkerSolve {
  result: Promise<OptimizeResult>;
  /** Asks the solver to stop at its next check (it then rejects with CancelledError). */
  cancel(): void;
  /** Stops the worker immediately and rejects with CancelledError. */
  kill(): void;
}

/**
 * @example
 *   const solve = optimizeInWorker(request, { seed: 1, method: 'auto', onProgress: print });
 *   process.once('SIGINT', () => solve.cancel());
 *   const result = await solve.result;
 */
export function optimizeInWorker(
  request: OptimizeRequest,
  options: { seed: number; method: 'auto' | 'exact' | 'heuristic'; onProgress?: (fraction: number) => void },
): WorkerSolve {
  const abort = new SharedArrayBuffer(4);
  const flag = new Int32Array(abort);
  const input: WorkerInput = { request, seed: options.seed, method: options.method, abort };
  const worker = new Worker(workerUrl(), { workerData: input, transferList: largeBuffers(request), execArgv: typeScriptLoader() });
  let settle: { resolve: (r: OptimizeResult) => void; reject: (e: unknown) => void } | null = null;
  const result = new Promise<OptimizeResult>((resolve, reject) => (settle = { resolve, reject }));
  const finish = (outcome: { result: OptimizeResult } | { error: unknown }) => {
    const s = settle;
    if (!s) return;
    settle = null;
    void worker.terminate();
    if ('result' in outcome) s.resolve(outcome.result);
    else s.reject(outcome.error);
  };
  worker.on('message', (message: WorkerMessage) => {
    if (message.type === 'progress') options.onProgress?.(message.fraction);
    else if (message.type === 'result') finish({ result: message.result });
    else finish({ error: rebuildError(message.error) });
  });
  worker.on('error', (error) => finish({ error }));
  worker.on('exit', (code) => finish({ error: new Error(`the optimiser worker stopped with exit code ${code} before giving a result`) }));
  return {
    result,
    cancel: () => Atomics.store(flag, 0, 1),
    kill: () => finish({ error: new CancelledError('optimisation cancelled') }),
  };
}

/** The worker module next to this one, in the same form (TypeScript sources under tsx, or built .js / .mjs). */
function workerUrl(): URL {
  const extension = import.meta.url.match(/\.[cm]?[jt]s$/)?.[0] ?? '.ts';
  return new URL(`./optimize_worker${extension}`, import.meta.url);
}

/**
 * Running from TypeScript sources (bin/siting.mjs registers tsx in the main thread only): a worker
 * does not inherit that registration, so it loads tsx itself.
 */
function typeScriptLoader(): string[] {
  return import.meta.url.endsWith('.ts') ? ['--import', import.meta.resolve('tsx/esm')] : [];
}

function rebuildError(error: Extract<WorkerMessage, { type: 'error' }>['error']): Error {
  if (error.kind === 'input') return new InputError(error.message, error.location as InputErrorLocation, error.cause as ErrorCause | undefined);
  if (error.kind === 'cancelled') return new CancelledError(error.message);
  const rebuilt = new Error(error.message);
  if (error.stack) rebuilt.stack = error.stack;
  return rebuilt;
}

/** The buffers of the request's coverage sets and cost matrix (each once; weights and ids are copied). */
function largeBuffers(request: OptimizeRequest): ArrayBuffer[] {
  const arrays: ArrayLike<number>[] = [];
  if ('coverage' in request) arrays.push(request.coverage.start, request.coverage.demand);
  const costs = 'costs' in request ? request.costs : undefined;
  if (costs) arrays.push(costs.rowStart, costs.rowCandidate, costs.rowCost, costs.colStart, costs.colDemand, costs.colCost);
  const buffers = new Set<ArrayBuffer>();
  for (const array of arrays) {
    const buffer = (array as Int32Array | Float64Array).buffer;
    if (buffer instanceof ArrayBuffer && buffer.byteLength > 0) buffers.add(buffer);
  }
  return [...buffers];
}
