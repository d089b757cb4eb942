/**
 * Writers of one project file take turns. SQLite lets one connection write at a time; every write of
 * the store is an immediate transaction (BEGIN IMMEDIATE takes the write lock first, so a writer
 * waits in SQLite's busy handler instead of failing at once, as a deferred transaction that read
 * first does). Another program can hold the lock much longer — an import holds it for its whole
 * write, seconds for a large grid — so the app's handlers and the CLI's long-running writes wrap a
 * write in waitForWrite: it tries again, with pauses in which the event loop runs, for up to
 * writeWaitMs() in all, and only then fails with ProjectBusyError (code 'busy').
 *
 * SQLite's busy handler sleeps on the calling thread. The CLI lets one attempt wait up to
 * BUSY_TIMEOUT_MS; the hosts (Electron main, the local HTTP host) answer every window's requests on
 * that thread, so they wait HOST_BUSY_TIMEOUT_MS per attempt and leave the rest of the wait to the
 * pauses, in which polls and other requests are answered.
 */
import Database from 'better-sqlite3';

/** How long one write waits in SQLite's busy handler for another connection's lock (the CLI). */
export const BUSY_TIMEOUT_MS = 5_000;
/** The same for the hosts, whose thread must go on answering requests while a write waits. */
export const HOST_BUSY_TIMEOUT_MS = 50;
/** Default total a waitForWrite waits for other writers (SITING_WRITE_WAIT_SECONDS overrides it). */
export const WRITE_WAIT_MS = 60_000;
/** Pauses between attempts: the first, doubled each time up to the last. */
const PAUSE_MS = [100, 1_000] as const;

/** Another program kept the project's write lock for longer than this writer waits. */
export class ProjectBusyError extends Error {
  readonly code = 'busy' as const;
  /** The location, as an InputError states it (the UI reads the file from it). */
  readonly location: { file: string };
  readonly reason = 'project_locked' as const;
  readonly params: { seconds: number };

  constructor(
    readonly file: string,
    readonly waitedMs: number,
  ) {
    super(
      `${file}: another program is writing to this project (waited ${Math.round(waitedMs / 1000)} s); ` +
        'try again when it has finished (a siting import or optimize --save, or the project open in another window)',
    );
    this.name = 'ProjectBusyError';
    this.location = { file };
    this.params = { seconds: Math.round(waitedMs / 1000) };
  }
}

export function isProjectBusy(error: unknown): error is ProjectBusyError {
  return error instanceof ProjectBusyError;
}

/** SQLITE_BUSY and its extended codes: another connection holds the lock this one needs. */
export function isSqliteBusy(error: unknown): boolean {
  return error instanceof Database.SqliteError && error.code.startsWith('SQLITE_BUSY');
}

/** SQLITE_BUSY as ProjectBusyError naming `file` (waited since `started`); other errors as they are. */
function busyAsProjectBusy(error: unknown, file: string, started: number): unknown {
  return isSqliteBusy(error) ? new ProjectBusyError(file, performance.now() - started) : error;
}

/**
 * Runs `write` in an immediate transaction (a savepoint when one is already open); SQLITE_BUSY after
 * the busy timeout becomes ProjectBusyError naming `file`.
 */
export function immediateWrite<T>(db: Database.Database, file: string, write: () => T): T {
  const started = performance.now();
  try {
    return db.transaction(write).immediate();
  } catch (error) {
    throw busyAsProjectBusy(error, file, started);
  }
}

/** BEGIN IMMEDIATE for a transaction the caller ends itself; SQLITE_BUSY after the busy timeout becomes ProjectBusyError. */
export function beginImmediate(db: Database.Database, file: string): void {
  const started = performance.now();
  try {
    db.exec('BEGIN IMMEDIATE');
  } catch (error) {
    throw busyAsProjectBusy(error, file, started);
  }
}

/** The total a writer waits for others: SITING_WRITE_WAIT_SECONDS when set to a number ≥ 0, else WRITE_WAIT_MS. */
export function writeWaitMs(): number {
  const seconds = Number(process.env.SITING_WRITE_WAIT_SECONDS);
  return process.env.SITING_WRITE_WAIT_SECONDS && Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : WRITE_WAIT_MS;
}

export interface WaitOptions {
  /** Total wait before giving up (default writeWaitMs()). */
  totalMs?: number;
  /**
   * Called once, as soon as the project is found busy (e.g. to tell a CLI user that it waits): with
   * it, the first attempt does not wait in SQLite, so that the notice comes at once.
   */
  onWait?: (error: ProjectBusyError) => void;
  /** Sets SQLite's busy timeout of the connection for the next attempt (it never outlasts the total). */
  setBusyTimeout?: (ms: number) => void;
  /** The longest one attempt waits in SQLite, and the busy timeout left set afterwards (default BUSY_TIMEOUT_MS). */
  attemptMs?: number;
  /** When the wait began (performance.now()), if before this call (a writer that queued first); default now. */
  startedAt?: number;
}

/**
 * Runs `write` and, while it fails with ProjectBusyError (nothing was written: the lock is taken
 * before anything else), runs it again after a pause, until `totalMs` has passed since the start;
 * then throws ProjectBusyError with the whole wait.
 * @example await waitForWrite(() => store.edits.renameScenario('east', 'East'), { totalMs: 30_000 })
 */
export async function waitForWrite<T>(write: () => T | Promise<T>, options: WaitOptions = {}): Promise<T> {
  const totalMs = options.totalMs ?? writeWaitMs();
  const attemptMs = options.attemptMs ?? BUSY_TIMEOUT_MS;
  const started = options.startedAt ?? performance.now();
  let pause: number = PAUSE_MS[0];
  let told = false;
  try {
    for (;;) {
      const left = totalMs - (performance.now() - started);
      const slice = options.onWait && !told ? 0 : Math.min(attemptMs, Math.round(left));
      options.setBusyTimeout?.(Math.max(0, slice));
      try {
        return await write();
      } catch (error) {
        if (!isProjectBusy(error)) throw error;
        const waited = performance.now() - started;
        if (waited + pause > totalMs) throw new ProjectBusyError(error.file, waited);
        if (!told) options.onWait?.(error);
        told = true;
      }
      await new Promise((resolve) => setTimeout(resolve, pause));
      pause = Math.min(PAUSE_MS[1], pause * 2);
    }
  } finally {
    options.setBusyTimeout?.(attemptMs);
  }
}
