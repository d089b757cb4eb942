/**
 * The time-limited SQLite reader's child process (bounded_sqlite_reader.ts). Under Node it is this
 * Node running sqlite_reader_child.cjs; under Electron a launcher the main process registers starts
 * it as a utility process, because the packaged app's executable cannot be run as Node (its runAsNode
 * fuse is off, so ELECTRON_RUN_AS_NODE is ignored and the app would start again). Electron itself is
 * not available here, so these tests check what does not need it: the child never depends on
 * ELECTRON_RUN_AS_NODE, the reader starts its child only through an injected launcher when there is
 * one, and the script scripts/build_electron.mjs writes for the app speaks the same protocol.
 * The child processes are found in /proc (Linux), as the system sees them.
 */
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  BoundedSqliteReader,
  setReaderLauncher,
  spawnNodeReaderChild,
  type ReaderChild,
} from '../../../electron/services/import/bounded_sqlite_reader';
import { editedCopy, threeFacilityProject } from '../../helpers/hostile_files';
import { REPO_ROOT, tempDir } from '../../helpers/paths';

const READER_SCRIPT = join(REPO_ROOT, 'electron', 'services', 'import', 'sqlite_reader_child.cjs');

interface SystemProcess {
  pid: number;
  argv: string[];
  env: Record<string, string>;
}

/** The reader processes this process started, as /proc shows them: argv and environment. */
function readerChildren(): SystemProcess[] {
  const found: SystemProcess[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== process.pid) continue;
      const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').slice(0, -1);
      if (!argv.some((arg) => arg.includes('sqlite'))) continue;
      const env = Object.fromEntries(
        readFileSync(`/proc/${entry}/environ`, 'utf8')
          .split('\0')
          .filter((line) => line.includes('='))
          .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
      );
      found.push({ pid: Number(entry), argv, env });
    } catch {
      // the process ended while it was being read
    }
  }
  return found;
}

const VIEW_QUERY = 'SELECT id, geom FROM day_care_only ORDER BY id';

// Linux only: the tests read the reader's child processes (argv, environment) from /proc.
describe.runIf(process.platform === 'linux')('the SQLite reader process', () => {
  let image: Buffer;
  /** The view's rows, read here from the same file. */
  let expected: { id: string; geom: Buffer }[];

  beforeAll(() => {
    const dir = tempDir();
    const base = threeFacilityProject(dir, 'base.gpkg');
    // A project file: WAL mode, so the image also goes through the rollback-journal marking.
    const path = editedCopy(base, dir, 'views.gpkg', (db) => db.exec("CREATE VIEW day_care_only AS SELECT * FROM facilities WHERE kind = 'day_care'"));
    image = readFileSync(path);
    expect([image[18], image[19]]).toEqual([2, 2]);
    const db = new Database(path, { readonly: true });
    expected = db.prepare(VIEW_QUERY).all() as { id: string; geom: Buffer }[];
    db.close();
    expect(expected.map((row) => row.id)).toEqual(['dc-1', 'dc-2']);
  });

  afterEach(async () => {
    setReaderLauncher(null);
    // The next test counts the children again: wait until the closed reader's child is gone.
    for (let tries = 0; readerChildren().length > 0; tries++) {
      if (tries === 250) throw new Error('a reader process is still running after close()');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  });

  /** The view's rows through `reader`, blobs as plain byte arrays. */
  async function viewRows(reader: BoundedSqliteReader): Promise<{ id: string; geom: number[] }[]> {
    const rows = await reader.all<{ id: string; geom: Uint8Array }>(VIEW_QUERY, [], 10_000);
    return rows.map((row) => ({ id: row.id, geom: [...row.geom] }));
  }
  const expectedRows = () => expected.map((row) => ({ id: row.id, geom: [...row.geom] }));

  it('under Node is this Node running the reader script, with no ELECTRON_RUN_AS_NODE set', async () => {
    const reader = await BoundedSqliteReader.open(image, { timeoutMs: 10_000 });
    try {
      const children = readerChildren().map((child) => ({ argv: child.argv, ELECTRON_RUN_AS_NODE: child.env.ELECTRON_RUN_AS_NODE ?? null }));
      expect(children).toEqual([{ argv: [process.execPath, READER_SCRIPT], ELECTRON_RUN_AS_NODE: null }]);
      expect(await viewRows(reader)).toEqual(expectedRows());
    } finally {
      reader.close();
    }
    // The caller's image is left as it was (it went out marked as a rollback-journal database).
    expect([image[18], image[19]]).toEqual([2, 2]);
  });

  it('starts its child only through the injected launcher, which gets the script and no environment', async () => {
    const launched: { script: string; child: ReaderChild }[] = [];
    // A real Node child behind the same interface the Electron launcher implements.
    setReaderLauncher((script) => {
      const child = spawnNodeReaderChild(script);
      launched.push({ script, child });
      return child;
    });
    const reader = await BoundedSqliteReader.open(image, { timeoutMs: 10_000 });
    try {
      expect(launched.map((entry) => entry.script)).toEqual([READER_SCRIPT]);
      expect(readerChildren().map((child) => child.pid)).toEqual([launched[0].child.pid]);
      expect(await viewRows(reader)).toEqual(expectedRows());
    } finally {
      reader.close();
    }
    await new Promise<void>((resolve) => launched[0].child.onExit(() => resolve()));
    expect(launched[0].child.exited).toBe(true);
  });

  it('the script scripts/build_electron.mjs writes for the app runs under Node with the same protocol', async () => {
    const outdir = tempDir('siting-build-');
    const build = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts', 'build_electron.mjs'), '--outdir', outdir], { encoding: 'utf8' });
    expect({ status: build.status, stderr: build.stderr }).toEqual({ status: 0, stderr: '' });
    const built = join(outdir, 'sqlite_reader_child.cjs');
    expect(existsSync(built)).toBe(true);
    // The bundled main process finds it next to itself.
    expect(readFileSync(join(outdir, 'main.mjs'), 'utf8')).toContain('new URL("./sqlite_reader_child.cjs", import.meta.url)');
    setReaderLauncher(() => spawnNodeReaderChild(built));
    const reader = await BoundedSqliteReader.open(image, { timeoutMs: 10_000 });
    try {
      expect(readerChildren().map((child) => child.argv)).toEqual([[process.execPath, built]]);
      expect(await viewRows(reader)).toEqual(expectedRows());
      // A failed query is answered as one, and the child stays usable.
      await expect(reader.all('SELECT * FROM no_such_table', [], 10_000)).rejects.toThrow('no such table: no_such_table');
      expect(await viewRows(reader)).toEqual(expectedRows());
    } finally {
      reader.close();
    }
  }, 60_000);
});
