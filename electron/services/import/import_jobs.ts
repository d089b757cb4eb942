/**
 * Import jobs of one host session: 'layer:import:start' starts one and answers at once with its id;
 * 'layer:import:status' reports its phase and progress, 'layer:import:cancel' aborts it (nothing is
 * written: see import_into_project.ts). One import runs at a time — a second start is refused — and
 * ended jobs are kept for a while so that a last status poll still finds them.
 *
 * While a job writes, its transaction is open on the project's only connection, so everything else
 * that reads or writes the project must wait (`writesFinished`); opening another project must wait
 * for the whole job (`jobsFinished`).
 */
import { randomUUID } from 'node:crypto';
import { InputError } from '../../../shared/errors';
import type { ImportJobStatus, ImportReport } from '../../../shared/ipc/contract';
import type { ImportableLayer } from '../../../shared/schemas/entities';
import { toReplyError } from '../reply_error';
import type { ImportPhase } from './import_into_project';

/** Ended jobs kept for status polls: at most this many, for at most this long. */
const KEPT_JOBS = 20;
const KEPT_MS = 10 * 60_000;

/** The work of one job: report progress with `progress`, stop with CancelledError when `signal` aborts. */
export type ImportJobRun = (progress: (fraction: number, phase: ImportPhase) => void, signal: AbortSignal) => Promise<ImportReport>;

interface Job {
  status: ImportJobStatus;
  startedAt: number;
  endedAt: number | null;
  controller: AbortController;
  /** Settles when the job has ended, whatever the outcome. */
  ended: Promise<void>;
  /** Settles when the write phase is over (or immediately when there was none). */
  writeEnded: Promise<void> | null;
}

export class ImportJobs {
  private readonly jobs = new Map<string, Job>();
  private running: Job | null = null;

  /**
   * Starts `run` on the next turn of the event loop (the reply with the job id goes out first).
   * InputError when another import is still running.
   */
  start(layer: ImportableLayer, run: ImportJobRun): ImportJobStatus {
    if (this.running) {
      throw new InputError('another import is still running; wait for it to finish or cancel it first', { expected: 'one import at a time' }, { reason: 'import_running' });
    }
    this.prune();
    const controller = new AbortController();
    let endWrite: (() => void) | null = null;
    let endJob!: () => void;
    const job: Job = {
      status: { jobId: randomUUID(), layer, state: 'running', phase: 'reading', progress: 0, cancelRequested: false, elapsedMs: 0, report: null, error: null },
      startedAt: performance.now(),
      endedAt: null,
      controller,
      ended: new Promise<void>((resolve) => (endJob = resolve)),
      writeEnded: null,
    };
    const progress = (fraction: number, phase: ImportPhase) => {
      if (phase === 'writing' && job.status.phase !== 'writing') job.writeEnded = new Promise<void>((resolve) => (endWrite = resolve));
      job.status.phase = phase;
      job.status.progress = Math.max(job.status.progress, Math.min(1, Math.max(0, fraction)));
    };
    const finish = (patch: Partial<ImportJobStatus>) => {
      Object.assign(job.status, patch);
      job.endedAt = performance.now();
      if (this.running === job) this.running = null;
      endWrite?.();
      endJob();
    };
    this.jobs.set(job.status.jobId, job);
    this.running = job;
    setImmediate(() => {
      run(progress, controller.signal).then(
        (report) => finish({ state: 'done', progress: 1, report }),
        (error: unknown) => {
          const cancelled = (error as { code?: unknown })?.code === 'cancelled';
          finish(cancelled ? { state: 'cancelled' } : { state: 'failed', error: toReplyError(error) });
        },
      );
    });
    return this.snapshot(job);
  }

  status(jobId: string): ImportJobStatus {
    return this.snapshot(this.find(jobId));
  }

  /** Asks the job to stop; a job that has ended is left as it is. */
  cancel(jobId: string): ImportJobStatus {
    const job = this.find(jobId);
    if (job.status.state === 'running') {
      job.status.cancelRequested = true;
      job.controller.abort();
    }
    return this.snapshot(job);
  }

  /** Waits until the job has ended and returns its last status. */
  async wait(jobId: string): Promise<ImportJobStatus> {
    const job = this.find(jobId);
    await job.ended;
    return this.snapshot(job);
  }

  /** Resolves when no import has its write transaction open. */
  async writesFinished(): Promise<void> {
    while (this.running?.writeEnded) await this.running.writeEnded;
  }

  /** Resolves when no import is running. */
  async jobsFinished(): Promise<void> {
    while (this.running) await this.running.ended;
  }

  /** Aborts a running import (the session is closing). */
  cancelRunning(): void {
    this.running?.controller.abort();
  }

  private find(jobId: string): Job {
    const job = this.jobs.get(jobId);
    if (!job) throw new InputError(`no import job "${jobId}" (it ended more than ${KEPT_MS / 60_000} minutes ago, or the host restarted)`, { field: 'jobId' });
    return job;
  }

  private snapshot(job: Job): ImportJobStatus {
    const elapsedMs = Math.round((job.endedAt ?? performance.now()) - job.startedAt);
    return { ...job.status, elapsedMs };
  }

  private prune(): void {
    const now = performance.now();
    const ended = [...this.jobs.values()].filter((job) => job.endedAt !== null);
    ended.forEach((job, index) => {
      if (now - (job.endedAt as number) > KEPT_MS || index < ended.length - KEPT_JOBS) this.jobs.delete(job.status.jobId);
    });
  }
}
