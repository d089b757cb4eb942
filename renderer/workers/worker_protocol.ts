/**
 * Messages between the renderer and the analysis worker. One run at a time per worker:
 *   renderer → worker  { type: 'run', id, task, input }
 *   worker → renderer  { type: 'progress', id, fraction } … then { type: 'result', id, result } or { type: 'error', id, error }
 * There is no cancel message: the engine works synchronously, so the worker could not read one
 * mid-run. Cancelling terminates the worker; the client starts a fresh one for the next run.
 */
import { causeOf, isInputError, type ErrorParamValue, type ErrorReason, type InputErrorLocation } from '../../shared/errors';
import type { AnalysisTaskInput, AnalysisTaskResult } from './analysis_task';
import type { OptimizeTaskInput, OptimizeTaskResult } from './optimize_task';

export interface TaskMap {
  analysis: { input: AnalysisTaskInput; result: AnalysisTaskResult };
  optimize: { input: OptimizeTaskInput; result: OptimizeTaskResult };
}
export type TaskName = keyof TaskMap;

export type RunMessage = { [K in TaskName]: { type: 'run'; id: number; task: K; input: TaskMap[K]['input'] } }[TaskName];

/** An error as it crosses the worker boundary (Error objects lose their class and fields). */
export interface WorkerError {
  /** bad_input: the data or a parameter is wrong (message says which); internal: a bug or a host failure. */
  code: 'bad_input' | 'internal';
  name: string;
  message: string;
  /** bad_input: where (file, row, field), and what went wrong for the UI to say in its language. */
  location?: InputErrorLocation;
  reason?: ErrorReason;
  params?: Record<string, ErrorParamValue>;
}

export type WorkerMessage =
  | { type: 'progress'; id: number; fraction: number }
  | { type: 'result'; id: number; result: TaskMap[TaskName]['result'] }
  | { type: 'error'; id: number; error: WorkerError };

/**
 * An error thrown in the worker as it is posted: bad input keeps its place and reason.
 * @example scope.postMessage({ type: 'error', id, error: toWorkerError(error) })
 */
export function toWorkerError(error: unknown): WorkerError {
  if (error instanceof Error) {
    if (!isInputError(error)) return { code: 'internal', name: error.name, message: error.message };
    return { code: 'bad_input', name: error.name, message: error.message, location: { ...error.location }, ...causeOf(error) };
  }
  return { code: 'internal', name: 'Error', message: String(error) };
}
