/**
 * Read-only queries on an SQLite image in a child process that is killed when one query runs longer
 * than its limit, or when the import is cancelled. For GeoPackage import sources with views: a view
 * runs its own query, which may never end (a recursive one), and this app cannot stop a running query
 * in its own process: better-sqlite3 builds SQLite with SQLITE_OMIT_PROGRESS_CALLBACK and exposes no
 * sqlite3_interrupt, and a worker thread stuck in SQLite can be neither terminated nor left behind
 * (Node joins it when the process exits, so the app could not even quit). A child process can be killed.
 *
 * The child runs sqlite_reader_child.cjs (its protocol is described there) with the better-sqlite3
 * this module resolves; rows come back with structured clone (blobs as bytes). How the child is
 * started depends on the host, through a launcher (ReaderLauncher):
 *  - Node (the CLI, the HTTP host, the tests): this Node executable runs the script, started with
 *    child_process.spawn and an IPC channel (spawnNodeReaderChild, the default launcher);
 *  - Electron: the main process registers a launcher that forks a utility process at start
 *    (electron/main/reader_utility_process.ts). Electron's executable is the whole app: started with
 *    the script it would open a second window, and the packaged app cannot be run as Node (its
 *    runAsNode fuse is off, so ELECTRON_RUN_AS_NODE is ignored). So under Electron without a
 *    registered launcher `open` refuses instead of starting the app again.
 * This module imports nothing of Electron, so the Node hosts and the tests load it as it is. The tests
 * run the Node path and the script as the build writes it; the Electron launcher has run in no test
 * (the Electron runtime could not be downloaded where it was written).
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { CancelledError } from '../../../shared/errors';
import { withRollbackHeader } from '../store/sqlite_header';

/** Thrown by `all` when a query ran longer than its limit; the reader is closed then. */
export class QueryTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`the query did not finish within ${timeoutMs} ms`);
    this.name = 'QueryTimeoutError';
  }
}

export type ReaderRequest =
  | { kind: 'open'; sqlite: string; bytes: Uint8Array; parentPid: number }
  | { kind: 'all'; sql: string; params: unknown[] };
type Reply = { ok: true; rows?: unknown[] } | { ok: false; message: string; code?: string };

/** A started child process running the reader script, as the reader talks to it. */
export interface ReaderChild {
  /** Its process id, once it has started. */
  readonly pid: number | undefined;
  /** True once the process has ended. */
  readonly exited: boolean;
  /** Sends one request; it is serialized (structured clone) before this returns. */
  send(request: ReaderRequest): void;
  /** Calls `listener` with every reply until the returned function is called. */
  onMessage(listener: (reply: unknown) => void): () => void;
  /**
   * Calls `listener` once when the process ends (or fails to start), with how ("exit code 1",
   * "SIGKILL") and the end of what it wrote to stderr, until the returned function is called.
   */
  onExit(listener: (how: string, stderr: string) => void): () => void;
  /** Ends the process at once (SIGKILL: a query that spins ignores everything else). */
  kill(): void;
}

/** Starts `script` (the path of sqlite_reader_child.cjs) in a child process. */
export type ReaderLauncher = (script: string) => ReaderChild;

/** The reader script: next to this module in the source tree, next to main.mjs in the Electron bundle. */
export function readerChildScript(): string {
  return fileURLToPath(new URL('./sqlite_reader_child.cjs', import.meta.url));
}

let launcher: ReaderLauncher | null = null;

/** Makes the readers start their child with `launch` (the Electron main process, at start); null: the default. */
export function setReaderLauncher(launch: ReaderLauncher | null): void {
  launcher = launch;
}

function launch(script: string): ReaderChild {
  if (launcher) return launcher(script);
  if (process.versions.electron) {
    throw new Error('no launcher for the SQLite reader process is registered (the Electron main process registers one at start)');
  }
  return spawnNodeReaderChild(script);
}

/**
 * How a reader child ended, for its launchers: `end(how)` once (later calls are ignored), and
 * ReaderChild's onExit over it; keeps the last 4,000 characters the child wrote to `stderr`.
 */
export function trackChildEnd(stderr: { on(event: 'data', listener: (chunk: Buffer) => void): unknown } | null | undefined): {
  readonly ended: string | null;
  end(how: string): void;
  onExit: ReaderChild['onExit'];
} {
  let text = '';
  let ended: string | null = null;
  const listeners = new Set<(how: string, stderr: string) => void>();
  stderr?.on('data', (chunk: Buffer) => {
    text = (text + chunk.toString()).slice(-4000);
  });
  return {
    get ended() {
      return ended;
    },
    end(how) {
      if (ended !== null) return;
      ended = how;
      for (const listener of listeners) listener(how, text);
    },
    onExit(listener) {
      if (ended !== null) {
        const how = ended;
        queueMicrotask(() => listener(how, text));
        return () => undefined;
      }
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The Node launcher: `execPath` (this Node by default) runs `script` with an IPC channel. */
export function spawnNodeReaderChild(script: string, execPath = process.execPath): ReaderChild {
  const child = spawn(execPath, [script], {
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    serialization: 'advanced',
    windowsHide: true,
  });
  const ending = trackChildEnd(child.stderr);
  // 'close' comes after the stderr pipe has been read to its end; 'error' alone when it did not start.
  child.once('close', (code, signal) => ending.end(signal ?? `exit code ${code}`));
  child.on('error', (error) => {
    if (child.pid === undefined) ending.end(`not started: ${error.message}`);
  });
  return {
    get pid() {
      return child.pid;
    },
    get exited() {
      return ending.ended !== null || child.exitCode !== null || child.signalCode !== null;
    },
    send: (request) => {
      child.send(request);
    },
    onMessage: (listener) => {
      child.on('message', listener);
      return () => child.off('message', listener);
    },
    onExit: ending.onExit,
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

export class BoundedSqliteReader {
  private pending: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly child: ReaderChild,
    private readonly signal: AbortSignal | undefined,
  ) {}

  /** Starts the child and loads `bytes` into it (within `timeoutMs`). */
  static async open(bytes: Uint8Array, options: { timeoutMs: number; signal?: AbortSignal }): Promise<BoundedSqliteReader> {
    const sqlite = createRequire(import.meta.url).resolve('better-sqlite3');
    const reader = new BoundedSqliteReader(launch(readerChildScript()), options.signal);
    await reader.request({ kind: 'open', sqlite, bytes, parentPid: process.pid }, options.timeoutMs);
    return reader;
  }

  /** All rows of `sql`; QueryTimeoutError (and the child killed) after `timeoutMs`. */
  async all<T>(sql: string, params: unknown[], timeoutMs: number): Promise<T[]> {
    const reply = await this.request({ kind: 'all', sql, params }, timeoutMs);
    return (reply.rows ?? []) as T[];
  }

  close(): void {
    this.child.kill();
  }

  private request(message: ReaderRequest, timeoutMs: number): Promise<Reply & { ok: true }> {
    const run = this.pending.then(() => this.exchange(message, timeoutMs));
    this.pending = run.catch(() => undefined);
    return run;
  }

  private exchange(message: ReaderRequest, timeoutMs: number): Promise<Reply & { ok: true }> {
    const child = this.child;
    return new Promise((resolve, reject) => {
      if (this.signal?.aborted) {
        this.close();
        return reject(new CancelledError('import cancelled'));
      }
      // A failed query leaves the child usable; a time-out, a cancel or a dead child end it. The
      // listeners and the timer below call this only later, once all of them are in place.
      const finish = (error: Error | null, reply?: Reply & { ok: true }, fatal = true) => {
        clearTimeout(timer);
        offMessage();
        offExit();
        this.signal?.removeEventListener('abort', onAbort);
        if (error) {
          if (fatal) this.close();
          reject(error);
        } else {
          resolve(reply!);
        }
      };
      const offMessage = child.onMessage((reply) => {
        const answer = reply as Reply;
        if (answer.ok) finish(null, answer);
        else finish(Object.assign(new Error(answer.message), { code: answer.code }), undefined, false);
      });
      const offExit = child.onExit((how, stderr) => {
        const last = stderr.trim().split('\n').pop();
        finish(new Error(`the SQLite reader process ended (${how})${last ? `: ${last}` : ''}`));
      });
      const onAbort = () => finish(new CancelledError('import cancelled'));
      this.signal?.addEventListener('abort', onAbort, { once: true });
      const timer = setTimeout(() => finish(new QueryTimeoutError(timeoutMs)), timeoutMs);
      // The image goes out marked as a rollback-journal database (sqlite_header.ts); the caller's
      // bytes are restored once the message is serialized.
      try {
        if (message.kind === 'open') withRollbackHeader(message.bytes, () => child.send(message));
        else child.send(message);
      } catch (error) {
        finish(error as Error);
      }
    });
  }
}
