/**
 * Progress and cancellation of the optimiser's solves (the engine's plain RunControl, the clock and the
 * cancellation flag live in shared/run_control.ts). A solve is split into stages; each stage reports its own
 * fraction and the controller maps it into the overall [0, 1] range, never going backwards.
 */
import { CancelledError } from '../errors';
import { now, type AbortFlag } from '../run_control';

export class SolveControl {
  private readonly onProgress?: (fraction: number) => void;
  private readonly signal?: AbortFlag;
  private stageStart = 0;
  private stageEnd = 1;
  private last = 0;
  readonly startedAt: number;

  constructor(onProgress?: (fraction: number) => void, signal?: AbortFlag) {
    this.onProgress = onProgress;
    this.signal = signal;
    this.startedAt = now();
  }

  /** Throws CancelledError when the caller has set `aborted`. Cheap: call it inside loops. */
  check(): void {
    if (this.signal?.aborted) throw new CancelledError('optimisation cancelled');
  }

  get aborted(): boolean {
    return this.signal?.aborted === true;
  }

  /** Starts a stage covering [start, end] of the overall progress. */
  stage(start: number, end: number): void {
    this.stageStart = Math.max(start, this.last);
    this.stageEnd = Math.max(end, this.stageStart);
    this.report(0);
  }

  /** Reports progress within the current stage (0..1) and checks for cancellation. */
  report(fraction: number): void {
    this.check();
    const f = Math.min(1, Math.max(0, fraction));
    const overall = this.stageStart + (this.stageEnd - this.stageStart) * f;
    if (overall > this.last + 1e-4 || (overall === 1 && this.last < 1)) {
      this.last = overall;
      this.onProgress?.(overall);
    }
  }

  elapsedSeconds(): number {
    return (now() - this.startedAt) / 1000;
  }
}
