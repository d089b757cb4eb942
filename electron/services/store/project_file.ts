/**
 * The project file's lifecycle: creating a new one, opening an existing one (inspected before it is
 * opened, then migrated) and copying it. Both create and open configure the connection the same way
 * (WAL, foreign keys, full sync, busy timeout).
 */
import Database from 'better-sqlite3';
import { existsSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { InputError } from '../../../shared/errors';
import { inspectProjectFile } from './inspect_project';
import { migrate } from './schema_version';
import { BUSY_TIMEOUT_MS } from './write_lock';

/** Creates a new, empty project file and its connection. Refuses to overwrite unless `force`. */
export function createProjectFile(path: string, options: { force?: boolean } = {}): Database.Database {
  const folder = dirname(path);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new InputError(`the folder ${folder} does not exist; create it first or choose another folder`, { file: path }, { reason: 'folder_missing', params: { folder } });
  }
  if (existsSync(path)) {
    if (!options.force) throw new InputError('file exists; use --force to overwrite it', { file: path }, { reason: 'file_exists' });
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true });
  }
  let db: Database.Database;
  try {
    db = new Database(path);
  } catch (error) {
    throw new InputError(`cannot create the project file (${(error as Error).message}); choose a folder you can write to`, { file: path });
  }
  try {
    configure(db);
    migrate(db, path);
  } catch (error) {
    db.close();
    rmSync(path, { force: true });
    throw error;
  }
  return db;
}

/**
 * Opens an existing project, migrating an older schema. Newer, foreign and hostile files (triggers
 * and views the schema does not define, see inspect_project.ts) are refused before anything is
 * written to them.
 */
export function openProjectFile(path: string): Database.Database {
  if (!existsSync(path)) throw new InputError('project file not found', { file: path }, { reason: 'project_not_found' });
  inspectProjectFile(path);
  let db: Database.Database;
  try {
    db = new Database(path, { fileMustExist: true });
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (error) {
    const detail = (error as Error).message;
    throw new InputError(`not a readable SQLite/GeoPackage file (${detail})`, { file: path }, { reason: 'project_unreadable', params: { detail } });
  }
  try {
    configure(db);
    migrate(db, path);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/** Writes a consistent copy of the project on `db` to `path` (VACUUM INTO); `db` stays on its file. */
export function copyProjectFile(db: Database.Database, path: string, options: { force?: boolean } = {}): void {
  if (existsSync(path)) {
    if (!options.force) throw new InputError('file exists; choose another name or overwrite explicitly', { file: path }, { reason: 'file_exists' });
    rmSync(path, { force: true });
  }
  db.prepare('VACUUM INTO ?').run(path);
}

function configure(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  // FULL: a committed edit survives a power cut too (NORMAL in WAL mode may lose the last commits);
  // the cost is one fsync per transaction, and every import or edit is one transaction.
  db.pragma('synchronous = FULL');
  // Another program writing (a CLI import, another window): wait for its lock (write_lock.ts).
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
}
