/**
 * Progress reporting and cancellation for the importers' loops. `step(done, total)` is cheap to
 * call on every row: it reports only when the fraction advanced by at least 2 %, and then also
 * yields to the event loop (so an abort from the UI or the CLI's SIGINT handler can land) and
 * throws CancelledError when the signal is aborted.
 */
import { CancelledError } from '../../../shared/errors';

const MIN_ADVANCE = 0.02;

export class ImportProgress {
  private last = -1;

  constructor(
    private readonly report: ((fraction: number) => void) | undefined,
    /** Aborted when the import is cancelled (readers that wait on another process listen to it). */
    readonly signal: AbortSignal | undefined,
  ) {}

  /** Throws CancelledError when the import was aborted. */
  checkAborted(): void {
    if (this.signal?.aborted) throw new CancelledError('import cancelled');
  }

  /** Reports `fraction` (0..1) if it advanced enough; yields and checks the signal when it does. */
  async at(fraction: number): Promise<void> {
    if (fraction < 1 && fraction - this.last < MIN_ADVANCE) return;
    this.last = fraction;
    this.report?.(Math.min(1, Math.max(0, fraction)));
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.checkAborted();
  }

  /** True when `done` of `total` maps to a fraction worth reporting within [from, to]. */
  due(done: number, total: number, from: number, to: number): boolean {
    return from + ((to - from) * done) / Math.max(1, total) - this.last >= MIN_ADVANCE;
  }

  /** `at` for item `done` of `total` in the phase spanning [from, to] of the whole import. */
  async step(done: number, total: number, from: number, to: number): Promise<void> {
    if (!this.due(done, total, from, to)) return;
    await this.at(from + ((to - from) * done) / Math.max(1, total));
  }
}
