/**
 * Messages between the renderer and the analysis worker. One run at a time per worker:
 *   renderer → worker  { type: 'run', id, task, input }
 *   worker → renderer  { type: 'progress', id, fraction } … then { type: 'result', id, result } or { type: 'error', id, error }
 * There is no cancel message: the engine works synchronously, so the worker could not read one
 * mid-run. Cancelling terminates the worker; the client starts a fresh one for the next run.
 */
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
}

export type WorkerMessage =
  | { type: 'progress'; id: number; fraction: number }
  | { type: 'result'; id: number; result: TaskMap[TaskName]['result'] }
  | { type: 'error'; id: number; error: WorkerError };
