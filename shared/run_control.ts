/**
 * Progress reporting, cancellation and the clock of long operations (the engine's analyses and the
 * optimiser's solves, shared/optimize/solve_control.ts). The worker wrapper passes an `AbortSignal`
 * (or any `{ aborted: boolean }`) and a progress callback; loops call `checkRun` every few thousand
 * iterations so that cancelling takes effect within milliseconds.
 */
import { CancelledError } from './errors';

/** Cancellation flag; whoever owns it sets `aborted = true` to stop the run with CancelledError. */
export interface AbortFlag {
  readonly aborted: boolean;
}

export interface RunControl {
  /** Called with a fraction in [0, 1]; 1 is reported once when the operation completes. */
  onProgress?: (fraction: number) => void;
  /** When `aborted` becomes true the operation throws CancelledError at its next check. */
  signal?: AbortFlag;
}

/**
 * Throws CancelledError when the run was aborted; otherwise reports progress (if given).
 * @example checkRun(control, i / n, 'snapping cells');
 */
export function checkRun(control: RunControl | undefined, fraction: number, operation: string): void {
  if (!control) return;
  if (control.signal?.aborted) throw new CancelledError(`${operation} cancelled`);
  if (control.onProgress) control.onProgress(Math.min(1, Math.max(0, fraction)));
}

/**
 * Maps the progress of a sub-step onto [start, end] of the parent's progress.
 * @example const sub = subRun(control, 0, 0.5); // first half of the work
 */
export function subRun(control: RunControl | undefined, start: number, end: number): RunControl | undefined {
  if (!control) return undefined;
  const parent = control.onProgress;
  return {
    signal: control.signal,
    onProgress: parent ? (fraction) => parent(start + (end - start) * fraction) : undefined,
  };
}

/** performance.now() where the host has it (Node, browsers, workers); shared/ declares no host types. */
const clockSource = (globalThis as { performance?: { now(): number } }).performance;

/** Milliseconds from a monotonic clock, from an arbitrary origin. @example const started = now(); work(); elapsed(started) */
export function now(): number {
  return clockSource ? clockSource.now() : Date.now();
}

/** Milliseconds since `since`, to a tenth. @example timings.snapMs = elapsed(started) */
export function elapsed(since: number): number {
  return Math.round((now() - since) * 10) / 10;
}
