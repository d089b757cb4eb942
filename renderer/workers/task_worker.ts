/**
 * The renderer's handle on one analysis worker: `run(task, input)` returns a promise of the result
 * and calls `onProgress` with fractions in [0, 1]; `cancel()` terminates the worker at once (the
 * engine cannot be interrupted otherwise) and rejects the pending run with CancelledError. The next
 * run starts a fresh worker, which holds neither grid nor roads: `heldGridKey` and `heldRoadsKey` tell
 * the caller which versions need not be sent again.
 */
import { CancelledError } from '../../shared/errors';
import type { TaskMap, TaskName, WorkerError, WorkerMessage } from './worker_protocol';

/** A failure inside the worker, with the worker's classification (bad_input: the data is wrong). */
export class WorkerTaskError extends Error {
  readonly code: WorkerError['code'];
  readonly location: NonNullable<WorkerError['location']>;
  readonly reason: WorkerError['reason'];
  readonly params: NonNullable<WorkerError['params']>;
  constructor(error: WorkerError) {
    super(error.message);
    this.name = error.name === 'Error' ? 'WorkerTaskError' : error.name;
    this.code = error.code;
    this.location = error.location ?? {};
    this.reason = error.reason;
    this.params = error.params ?? {};
  }
}

/**
 * A run that sends only the version of its grid or roads, which its worker no longer holds: the
 * worker was replaced (a cancel, another run) while the run loaded its data. Load again and retry.
 */
export class WorkerDataLostError extends Error {
  constructor(part: string, key: string) {
    super(`the analysis worker no longer holds ${part} ${key}`);
    this.name = 'WorkerDataLostError';
  }
}

/** The parts a run may send as "the one you hold" (data: null). */
interface HeldParts {
  grid?: { key: string; data: unknown } | null;
  roads?: { key: string; data: unknown } | null;
}

interface Pending {
  id: number;
  resolve: (result: unknown) => void;
  reject: (error: unknown) => void;
  onProgress?: (fraction: number) => void;
}

export interface RunOptions {
  onProgress?: (fraction: number) => void;
  /** Buffers of the input to move into the worker (they are unusable here afterwards). */
  transfer?: Transferable[];
}

export class TaskWorker {
  private worker: Worker | null = null;
  private pending: Pending | null = null;
  private nextId = 1;
  /** Grid and roads versions the live worker holds (its memory between runs). */
  private heldGrid: string | null = null;
  private heldRoads: string | null = null;

  constructor(private readonly create: () => Worker) {}

  /** Roads version the live worker holds a network for (null: none, or no live worker). */
  get heldRoadsKey(): string | null {
    return this.worker === null ? null : this.heldRoads;
  }

  /** Grid version the live worker holds (null: none, or no live worker). */
  get heldGridKey(): string | null {
    return this.worker === null ? null : this.heldGrid;
  }

  get running(): boolean {
    return this.pending !== null;
  }

  /** Runs a task; a run still pending is cancelled first (one run at a time). */
  run<K extends TaskName>(task: K, input: TaskMap[K]['input'], options: RunOptions = {}): Promise<TaskMap[K]['result']> {
    if (this.pending) this.cancel();
    const worker = this.ensureWorker();
    const { grid, roads } = input as HeldParts;
    if (grid && grid.data === null && grid.key !== this.heldGrid) return Promise.reject(new WorkerDataLostError('the population grid', grid.key));
    if (roads && roads.data === null && roads.key !== this.heldRoads) return Promise.reject(new WorkerDataLostError('the roads', roads.key));
    const id = this.nextId++;
    return new Promise<TaskMap[K]['result']>((resolve, reject) => {
      this.pending = { id, resolve: resolve as (result: unknown) => void, reject, onProgress: options.onProgress };
      try {
        worker.postMessage({ type: 'run', id, task, input }, options.transfer ?? []);
      } catch (error) {
        this.pending = null;
        reject(error);
      }
    });
  }

  /** Stops the running task now; its promise rejects with CancelledError. No-op when idle. */
  cancel(): void {
    const pending = this.pending;
    this.discardWorker();
    if (pending) pending.reject(new CancelledError('analysis cancelled'));
  }

  dispose(): void {
    this.cancel();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = this.create();
    worker.onmessage = (event: MessageEvent<WorkerMessage>) => this.onMessage(event.data);
    worker.onerror = (event) => {
      // The worker script failed to load or threw outside a run: nothing it holds can be trusted.
      event.preventDefault();
      const pending = this.pending;
      this.discardWorker();
      pending?.reject(new Error(`the analysis worker failed: ${event.message || 'it could not be started'}`));
    };
    this.worker = worker;
    this.heldGrid = null;
    this.heldRoads = null;
    return worker;
  }

  private discardWorker(): void {
    this.worker?.terminate();
    this.worker = null;
    this.heldGrid = null;
    this.heldRoads = null;
    this.pending = null;
  }

  private onMessage(message: WorkerMessage): void {
    const pending = this.pending;
    if (!pending || message.id !== pending.id) return;
    if (message.type === 'progress') {
      pending.onProgress?.(message.fraction);
      return;
    }
    this.pending = null;
    if (message.type === 'result') {
      this.heldGrid = message.result.gridKey;
      this.heldRoads = message.result.roadsKey;
      pending.resolve(message.result);
    } else {
      // After a failure the worker's cache may hold a half-built state; forget what it holds.
      this.heldGrid = null;
      this.heldRoads = null;
      pending.reject(new WorkerTaskError(message.error));
    }
  }
}

/** A TaskWorker over the bundled analysis worker (Vite turns the URL into the built worker file). */
export function createAnalysisWorker(): TaskWorker {
  return new TaskWorker(() => new Worker(new URL('./analysis_worker.ts', import.meta.url), { type: 'module', name: 'siting-analysis' }));
}
