/**
 * Another process holding a project's write lock (hold_write_lock.mjs), as a long `siting import` in a
 * terminal does while it writes. Kill what is left with killLockHolders() after each test.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { REPO_ROOT } from './paths';

const HOLDER = join(REPO_ROOT, 'tests', 'helpers', 'hold_write_lock.mjs');
const holders: ChildProcessWithoutNullStreams[] = [];

export interface LockHolder {
  /** Commits and waits for the process to end (at once when it has already released). */
  release(): Promise<void>;
  /** Settles when the holder has committed and ended (by release() or after its `ms`). */
  released: Promise<unknown>;
}

/**
 * Starts another process that holds the write lock for `ms` (or until release()), after writing an
 * audit entry and running `sql` in its transaction; resolves once it has the lock.
 */
export async function holdWriteLock(path: string, ms: number, sql?: string): Promise<LockHolder> {
  const child = spawn(process.execPath, [HOLDER, path, String(ms), ...(sql ? [sql] : [])]);
  holders.push(child);
  const exited = once(child, 'exit');
  let output = '';
  child.stdout.setEncoding('utf8');
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: string) => {
      output += chunk;
      if (output.includes('locked\n')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the lock holder exited (${code}) before it had the lock: ${output}`)));
  });
  return {
    released: exited,
    release: async () => {
      if (child.exitCode !== null) return;
      child.stdin.write('release\n');
      await exited;
    },
  };
}

/** Kills the holders still running (for afterEach). */
export async function killLockHolders(): Promise<void> {
  for (const child of holders.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await once(child, 'exit');
    }
  }
}
