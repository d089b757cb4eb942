/**
 * Hostile and damaged copies of a real project file, built with better-sqlite3 the way anyone could
 * edit a .gpkg they then hand on: extra triggers and views, damaged pages, bad values.
 */
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, copyFileSync, existsSync, openSync, readFileSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Facility } from '../../shared/schemas/entities';
import { ProjectStore } from '../../electron/services/store/project_store';

/** A recursive view that never ends, with the columns of the population layer. */
export const ENDLESS_POPULATION_VIEW =
  'CREATE VIEW population AS WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r) ' +
  "SELECT x AS fid, NULL AS geom, 'c' || x AS cell_id, 1.0 AS population, 1.0 AS elderly, NULL AS age65, NULL AS age80, " +
  'NULL AS cell_width_deg, NULL AS cell_height_deg FROM r';

/** Copies `base` to `dir/name` and edits the copy with better-sqlite3; returns the copy's path. */
export function editedCopy(base: string, dir: string, name: string, edit: (db: Database.Database) => void): string {
  const path = join(dir, name);
  copyFileSync(base, path);
  const db = new Database(path);
  try {
    edit(db);
  } finally {
    db.close();
  }
  return path;
}

export function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** The -wal, -shm and -journal files that exist beside `path`. */
export function sidecars(path: string): string[] {
  return ['-wal', '-shm', '-journal'].filter((suffix) => existsSync(path + suffix));
}

/**
 * Overwrites one leaf page of `table` with 0xFF bytes (the `skip`-th leaf page in file order), as a
 * bad disk sector or a truncated copy would leave it. Returns the page number.
 */
export function corruptLeafPage(path: string, table: string, skip = 0): number {
  const db = new Database(path, { readonly: true });
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const page = db
    .prepare("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno LIMIT 1 OFFSET ?")
    .pluck()
    .get(table, skip) as number | undefined;
  db.close();
  if (page === undefined) throw new Error(`${table} has no leaf page number ${skip}`);
  const fd = openSync(path, 'r+');
  try {
    writeSync(fd, Buffer.alloc(pageSize, 0xff), 0, pageSize, (page - 1) * pageSize);
  } finally {
    closeSync(fd);
  }
  return page;
}

/**
 * Runs `sql` on the WAL-mode file `path` in a process that is killed (SIGKILL) right after it commits,
 * as a crash would end it: the transaction is in the -wal only (no checkpoint ran), beside its -shm.
 */
export function commitThenCrash(path: string, sql: string): void {
  const script =
    'const db = new (require(process.argv[1]))(process.argv[2]);' +
    "db.pragma('journal_mode = WAL'); db.pragma('wal_autocheckpoint = 0'); db.exec(process.argv[3]);" +
    "process.kill(process.pid, 'SIGKILL');";
  const entry = createRequire(import.meta.url).resolve('better-sqlite3');
  const result = spawnSync(process.execPath, ['-e', script, entry, path, sql], { encoding: 'utf8' });
  if (result.signal !== 'SIGKILL') throw new Error(`the writer was not killed (${result.status}): ${result.stderr}`);
}

/** An illustrative existing facility of the test fixtures (30 places, illustrative: true). */
export function facility(id: string, kind: Facility['kind'], lon: number, lat: number): Facility {
  return {
    id, name: `设施 ${id}`, kind, status: 'existing', lon, lat, capacity: 30, beds: null, nursingBeds: null,
    floorAreaM2: null, floorLevel: null, address: null, source: 'test fixture', illustrative: true,
  };
}

/** A new project `dir/name` holding two day-care centres and a care home, the base the view tests edit. */
export function threeFacilityProject(dir: string, name: string): string {
  const path = join(dir, name);
  const store = ProjectStore.create(path);
  store.writeLayer('facilities', [
    facility('dc-1', 'day_care', 114.21, 30.51),
    facility('ch-1', 'care_home', 114.22, 30.52),
    facility('dc-2', 'day_care', 114.23, 30.53),
  ]);
  store.close();
  return path;
}
