/**
 * Progress reporting and cancellation for long engine operations. The worker wrapper passes an
 * `AbortSignal` (or any `{ aborted: boolean }`) and a progress callback; engine loops call `check`
 * every few thousand iterations so that cancelling takes effect within milliseconds.
 */
import { CancelledError } from '../../errors';

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
