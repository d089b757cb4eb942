/**
 * Read-only queries on an SQLite image in a child process that is killed when one query runs longer
 * than its limit, or when the import is cancelled. For GeoPackage import sources with views: a view
 * runs its own query, which may never end (a recursive one), and this app cannot stop a running query
 * in its own process: better-sqlite3 builds SQLite with SQLITE_OMIT_PROGRESS_CALLBACK and exposes no
 * sqlite3_interrupt, and a worker thread stuck in SQLite can be neither terminated nor left behind
 * (Node joins it when the process exits, so the app could not even quit). A child process can be killed.
 *
 * The child is the same executable (Node, or Electron run as Node) running CHILD_SOURCE with the
 * better-sqlite3 this module resolves; rows come back by IPC with structured clone (blobs as bytes).
 * A watchdog thread in the child ends it if this process disappears while a query spins.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { CancelledError } from '../../../shared/errors';

/** Thrown by `all` when a query ran longer than its limit; the reader is closed then. */
export class QueryTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`the query did not finish within ${timeoutMs} ms`);
    this.name = 'QueryTimeoutError';
  }
}

type Request = { kind: 'open'; bytes: Uint8Array } | { kind: 'all'; sql: string; params: unknown[] };
type Reply = { ok: true; rows?: unknown[] } | { ok: false; message: string; code?: string };

/** CommonJS, run with `-e`; argv[1] is better-sqlite3's entry, argv[2] the parent's pid. */
const CHILD_SOURCE = `
const Database = require(process.argv[1]);
const { Worker } = require('node:worker_threads');
const watchdog = new Worker(
  'const parent = Number(require("node:worker_threads").workerData);' +
    'setInterval(() => { try { process.kill(parent, 0); } catch { process.kill(process.pid, "SIGKILL"); } }, 1000);',
  { eval: true, workerData: process.argv[2] },
);
watchdog.unref();
let db = null;
process.on('message', (message) => {
  try {
    if (message.kind === 'open') {
      const bytes = Buffer.from(message.bytes.buffer, message.bytes.byteOffset, message.bytes.byteLength);
      // This copy is the child's own: a WAL-mode image is marked as a rollback-journal one, which is
      // how an in-memory image is read (the WAL is not part of the bytes).
      if (bytes.length >= 20 && bytes[18] === 2 && bytes[19] === 2) bytes[18] = bytes[19] = 1;
      db = new Database(bytes, { readonly: true });
      db.pragma('trusted_schema = OFF');
      process.send({ ok: true });
    } else {
      process.send({ ok: true, rows: db.prepare(message.sql).all(...message.params) });
    }
  } catch (error) {
    process.send({ ok: false, message: String(error && error.message ? error.message : error), code: error && error.code });
  }
});
process.on('disconnect', () => process.exit(0));
`;

export class BoundedSqliteReader {
  private pending: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly child: ChildProcess,
    private readonly signal: AbortSignal | undefined,
  ) {}

  /** Starts the child and loads `bytes` into it (within `timeoutMs`). */
  static async open(bytes: Uint8Array, options: { timeoutMs: number; signal?: AbortSignal }): Promise<BoundedSqliteReader> {
    const entry = createRequire(import.meta.url).resolve('better-sqlite3');
    const child = spawn(process.execPath, ['-e', CHILD_SOURCE, entry, String(process.pid)], {
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'advanced',
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      windowsHide: true,
    });
    const reader = new BoundedSqliteReader(child, options.signal);
    await reader.request({ kind: 'open', bytes }, options.timeoutMs);
    return reader;
  }

  /** All rows of `sql`; QueryTimeoutError (and the child killed) after `timeoutMs`. */
  async all<T>(sql: string, params: unknown[], timeoutMs: number): Promise<T[]> {
    const reply = await this.request({ kind: 'all', sql, params }, timeoutMs);
    return (reply.rows ?? []) as T[];
  }

  close(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }

  private request(message: Request, timeoutMs: number): Promise<Reply & { ok: true }> {
    const run = this.pending.then(() => this.exchange(message, timeoutMs));
    this.pending = run.catch(() => undefined);
    return run;
  }

  private exchange(message: Request, timeoutMs: number): Promise<Reply & { ok: true }> {
    const child = this.child;
    return new Promise((resolve, reject) => {
      let stderr = '';
      const onStderr = (chunk: Buffer) => {
        if (stderr.length < 4000) stderr += chunk.toString();
      };
      // A failed query leaves the child usable; a time-out, a cancel or a dead child end it.
      const finish = (error: Error | null, reply?: Reply & { ok: true }, fatal = true) => {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
        child.stderr?.off('data', onStderr);
        this.signal?.removeEventListener('abort', onAbort);
        if (error) {
          if (fatal) this.close();
          reject(error);
        } else {
          resolve(reply!);
        }
      };
      const onMessage = (reply: Reply) => {
        if (reply.ok) finish(null, reply);
        else finish(Object.assign(new Error(reply.message), { code: reply.code }), undefined, false);
      };
      const onExit = (code: number | null, signal: string | null) =>
        finish(new Error(`the SQLite reader process ended (${signal ?? `exit code ${code}`})${stderr ? `: ${stderr.trim().split('\n').pop()}` : ''}`));
      const onAbort = () => finish(new CancelledError('import cancelled'));
      const timer = setTimeout(() => finish(new QueryTimeoutError(timeoutMs)), timeoutMs);
      if (this.signal?.aborted) return onAbort();
      child.on('message', onMessage);
      child.once('exit', onExit);
      child.stderr?.on('data', onStderr);
      this.signal?.addEventListener('abort', onAbort, { once: true });
      child.send(message);
    });
  }
}
