/**
 * Atlas exports of one host session (the app's print panel): 'map:atlas:start' starts one and answers
 * at once with its job; 'map:atlas:status' reports the pages drawn (page k of n) and, when done, the
 * file; 'map:atlas:cancel' aborts it — the drawing stops before the next page or before the file is
 * written, so nothing is written (atlas_export.ts). One atlas runs at a time; ended jobs are kept for
 * a while so that a last status poll still finds them. The same job shape as the import jobs
 * (import/import_jobs.ts): the renderer polls, as it does for an import.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { InputError } from '../../../shared/errors';
import type { ChannelParsedInput, MapAtlasJob } from '../../../shared/ipc/contract';
import type { ProjectStore } from '../store/project_store';
import { toReplyError } from '../reply_error';
import { atlasLevels } from './atlas_export';
import { exportAtlasPdf } from './map_export';
import { mapExportOptions } from './print_channels';

/** Ended jobs kept for status polls: at most this many, for at most this long. */
const KEPT_JOBS = 10;
const KEPT_MS = 10 * 60_000;

interface Job {
  status: MapAtlasJob;
  endedAt: number | null;
  controller: AbortController;
  ended: Promise<void>;
}

export class AtlasJobs {
  private readonly jobs = new Map<string, Job>();
  private running: Job | null = null;

  /** Starts the atlas on the next turn of the event loop (the reply with the job goes out first); refused while another runs. */
  start(store: ProjectStore, { options, level, path }: ChannelParsedInput<'map:atlas:start'>): MapAtlasJob {
    if (this.running) throw new InputError('another atlas is still being exported; wait for it or cancel it first', { expected: 'one atlas at a time' }, { reason: 'print_atlas_running' });
    const levels = atlasLevels(store);
    const pages = levels.find((item) => item.level === level)?.units.length;
    if (!pages) {
      const present = levels.map((item) => item.level).join(', ');
      throw new InputError(`no boundaries of level ${level} for the atlas; levels present: ${present || 'none'}`, { field: 'level' }, { reason: 'print_atlas_level_missing', params: { level, levels: present } });
    }
    this.prune();
    const controller = new AbortController();
    let endJob!: () => void;
    const job: Job = {
      status: { jobId: randomUUID(), level, state: 'running', phase: 'drawing', page: 0, pages, cancelRequested: false, error: null, file: null },
      endedAt: null,
      controller,
      ended: new Promise<void>((resolve) => (endJob = resolve)),
    };
    const finish = (patch: Partial<MapAtlasJob>) => {
      Object.assign(job.status, patch);
      job.endedAt = performance.now();
      if (this.running === job) this.running = null;
      endJob();
    };
    this.jobs.set(job.status.jobId, job);
    this.running = job;
    setImmediate(() => {
      run(store, job, options, level, path).then(
        (file) => finish({ state: 'done', file }),
        (error: unknown) => {
          const cancelled = (error as { code?: unknown })?.code === 'cancelled';
          finish(cancelled ? { state: 'cancelled' } : { state: 'failed', error: toReplyError(error) });
        },
      );
    });
    return { ...job.status };
  }

  status(jobId: string): MapAtlasJob {
    return { ...this.find(jobId).status };
  }

  /** Asks the job to stop; a job that has ended is left as it is. */
  cancel(jobId: string): MapAtlasJob {
    const job = this.find(jobId);
    if (job.status.state === 'running') {
      job.status.cancelRequested = true;
      job.controller.abort();
    }
    return { ...job.status };
  }

  /** Waits until the job has ended and returns its last status. */
  async wait(jobId: string): Promise<MapAtlasJob> {
    const job = this.find(jobId);
    await job.ended;
    return { ...job.status };
  }

  /** Aborts a running atlas and waits until it has ended (another project is opened). */
  async stopRunning(): Promise<void> {
    while (this.running) {
      this.running.controller.abort();
      await this.running.ended;
    }
  }

  private find(jobId: string): Job {
    const job = this.jobs.get(jobId);
    if (!job) throw new InputError(`no atlas job "${jobId}" (it ended more than ${KEPT_MS / 60_000} minutes ago, or the host restarted)`, { field: 'jobId' });
    return job;
  }

  private prune(): void {
    const now = performance.now();
    const ended = [...this.jobs.values()].filter((job) => job.endedAt !== null);
    ended.forEach((job, index) => {
      if (now - (job.endedAt as number) > KEPT_MS || index < ended.length - KEPT_JOBS) this.jobs.delete(job.status.jobId);
    });
  }
}

/** Draws and writes the atlas: to `path`, or to a temporary file whose bytes the status hands back. */
async function run(store: ProjectStore, job: Job, options: ChannelParsedInput<'map:atlas:start'>['options'], level: MapAtlasJob['level'], path: string | undefined): Promise<MapAtlasJob['file']> {
  const temporary = path ? null : mkdtempSync(join(tmpdir(), 'siting-atlas-'));
  const out = path ?? join(temporary as string, 'atlas.pdf');
  try {
    const result = await exportAtlasPdf(store, { ...mapExportOptions(options), out, atlas: level }, {
      signal: job.controller.signal,
      // k pages drawn of n come as k / (n + 1); n / (n + 1) means all drawn, the file being written.
      onProgress: (fraction) => {
        job.status.page = Math.min(job.status.pages, Math.round(fraction * (job.status.pages + 1)));
        if (job.status.page === job.status.pages) job.status.phase = 'writing';
      },
    });
    job.status.page = job.status.pages = result.pages.length;
    if (path) return { name: basename(path), path, content: null, contentEncoding: 'base64' };
    return { name: `atlas_${level}.pdf`, path: null, content: readFileSync(out).toString('base64'), contentEncoding: 'base64' };
  } finally {
    if (temporary) rmSync(temporary, { recursive: true, force: true });
  }
}
