/**
 * The checks a project file passes before the store opens it for writing. A project file may come from
 * anyone, and SQLite runs SQL stored in the file itself: a trigger runs on every edit (it could delete a
 * layer behind the audit log), a view runs whenever it is read (a recursive one never ends, and this
 * app's SQLite cannot stop a running query: better-sqlite3 builds it without the progress callback and
 * exposes no interrupt). So the file may hold no view and no trigger but the schema's own, compared by
 * name, table and SQL with what the migrations create (a reused name with another body is foreign);
 * the project's tables must be plain tables, and no foreign key may cascade into them. Once these hold,
 * every query of the store reads plain tables, and its time is bounded by the size of the file.
 *
 * The inspection runs before anything is written and writes nothing itself (openForInspection): a
 * refused file, and the -wal a crashed writer left beside it, are byte-identical afterwards, and no
 * -wal or -shm is left that was not there.
 */
import Database from 'better-sqlite3';
import { closeSync, constants, copyFileSync, existsSync, mkdtempSync, openSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../../shared/errors';
import { MIGRATIONS } from './migrations';
import { checkSchemaVersion } from './schema_version';
import { isWalHeader } from './sqlite_header';

interface SchemaObject {
  type: string;
  name: string;
  tbl_name: string;
  sql: string | null;
}

/** The foreign-key actions that never change the referencing rows. */
const INERT_ACTIONS = new Set(['NO ACTION', 'RESTRICT']);

const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** Refuses (InputError naming the file and the object) what the store must not open; changes nothing. */
export function inspectProjectFile(path: string): void {
  const header = readHeader(path);
  // An empty file becomes a new project (ProjectStore.open migrates it from version 0).
  if (header.length === 0) return;
  let inspection: Inspection | null = null;
  let objects: SchemaObject[];
  try {
    inspection = openForInspection(path, isWalHeader(header));
    objects = inspection.db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_master').all() as SchemaObject[];
  } catch (error) {
    inspection?.close();
    const detail = (error as Error).message;
    throw new InputError(`not a readable SQLite/GeoPackage file (${detail})`, { file: path }, { reason: 'project_unreadable', params: { detail } });
  }
  try {
    checkObjects(inspection.db, path, objects);
  } finally {
    inspection.close();
  }
}

interface Inspection {
  db: Database.Database;
  close(): void;
}

/**
 * A connection that sees `path` as the store will (the transactions committed in its -wal included)
 * and writes nothing to the file, to its -wal, or beside it. better-sqlite3's SQLite takes no URI
 * filenames (SQLITE_USE_URI=0), so `immutable` and `nolock` are not available (and `immutable` would
 * not read the -wal); the connection depends on the files beside a WAL-mode file:
 *  - a rollback-journal file: a read-only connection;
 *  - a -wal and a -shm (a writer at work, or one that crashed): a read-only connection. It reads the
 *    -wal through the -shm (recovering the index there if the writer crashed), never checkpoints and
 *    creates nothing; a read-write one would checkpoint the -wal into the file when it closes last;
 *  - neither: a read-write connection. It creates a -wal and a -shm, writes no frame (it only reads),
 *    so closing as the last connection checkpoints nothing and removes both; a read-only one would
 *    leave both behind;
 *  - only one of them (left by a crash, or by copying the file without it): any connection on the
 *    file would create the other, so a copy of the file and its -wal in a temporary folder is
 *    inspected instead, and the folder removed. No process can be using the file then: one that had
 *    it open would keep both.
 */
function openForInspection(path: string, walMode: boolean): Inspection {
  const wal = walMode && existsSync(`${path}-wal`);
  const shm = walMode && existsSync(`${path}-shm`);
  if (!walMode || (wal && shm)) return inPlace(new Database(path, { readonly: true, fileMustExist: true }));
  if (!wal && !shm) return inPlace(new Database(path, { fileMustExist: true }));
  const folder = mkdtempSync(join(tmpdir(), 'siting-inspect-'));
  try {
    const copy = join(folder, 'inspected.gpkg');
    copyFileSync(path, copy, constants.COPYFILE_FICLONE);
    if (wal) copyFileSync(`${path}-wal`, `${copy}-wal`, constants.COPYFILE_FICLONE);
    const db = new Database(copy, { fileMustExist: true });
    return {
      db,
      close: () => {
        db.close();
        rmSync(folder, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
}

const inPlace = (db: Database.Database): Inspection => ({ db, close: () => db.close() });

function checkObjects(db: Database.Database, file: string, objects: SchemaObject[]): void {
  // No version of the schema has a view: refuse any before anything else is read (settings could be one).
  const view = objects.find((o) => o.type === 'view');
  if (view) throw foreignObject(file, view);
  const settings = objects.find((o) => o.type === 'table' && o.name.toLowerCase() === 'settings');
  if (settings && isVirtual(settings)) throw notPlain(file, 'settings');
  const version = checkSchemaVersion(db, file);
  if (version === 0) return;
  const reference = referenceSchema(version);
  const byName = new Map(objects.map((o) => [o.name.toLowerCase(), o]));
  for (const table of reference.filter((o) => o.type === 'table')) {
    const found = byName.get(table.name.toLowerCase());
    if (!found || found.type !== 'table') {
      throw new InputError(`the project table "${table.name}" is missing, so the file is not opened`, { file }, { reason: 'project_table_altered', params: { table: table.name } });
    }
    if (isVirtual(found)) throw notPlain(file, table.name);
  }
  const ownTriggers = new Set(reference.filter((o) => o.type === 'trigger').map(signature));
  const trigger = objects.find((o) => o.type === 'trigger' && !ownTriggers.has(signature(o)));
  if (trigger) throw foreignObject(file, trigger);
  for (const table of reference.filter((o) => o.type === 'table')) {
    const keys = db.prepare(`PRAGMA foreign_key_list(${quote(table.name)})`).all() as { table: string; from: string; on_update: string; on_delete: string }[];
    for (const key of keys) {
      for (const [event, action] of [['UPDATE', key.on_update], ['DELETE', key.on_delete]] as const) {
        if (INERT_ACTIONS.has(action.toUpperCase())) continue;
        throw new InputError(
          `the project table "${table.name}" has a foreign key (${key.from} -> ${key.table}) with ON ${event} ${action}, which Siting Planner does not create; ` +
            'it would change the layer behind the audit log, so the file is not opened',
          { file },
          { reason: 'project_table_altered', params: { table: table.name } },
        );
      }
    }
  }
}

/** The first 100 bytes (the SQLite header), fewer for a shorter file. */
function readHeader(path: string): Buffer {
  const header = Buffer.alloc(100);
  const fd = openSync(path, 'r');
  try {
    return header.subarray(0, readSync(fd, header, 0, 100, 0));
  } finally {
    closeSync(fd);
  }
}

const isVirtual = (o: SchemaObject): boolean => /^\s*CREATE\s+VIRTUAL\s+TABLE\b/i.test(o.sql ?? '');

const signature = (o: SchemaObject): string => JSON.stringify([o.name.toLowerCase(), o.tbl_name.toLowerCase(), o.sql]);

function notPlain(file: string, table: string): InputError {
  return new InputError(`the project table "${table}" is a virtual table, not a plain table, so the file is not opened`, { file }, {
    reason: 'project_table_altered',
    params: { table },
  });
}

function foreignObject(file: string, o: SchemaObject): InputError {
  const drop = `DROP ${o.type.toUpperCase()} ${quote(o.name)}`;
  const runs =
    o.type === 'trigger'
      ? 'a trigger runs its own SQL on every edit'
      : 'a view runs its own query whenever it is read (it may never end)';
  const on = o.type === 'trigger' ? ` (on ${o.tbl_name})` : '';
  return new InputError(
    `the project file contains ${o.type} "${o.name}"${on}, which Siting Planner does not create; ${runs}, so the file is not opened. ` +
      `If you trust the file, remove the ${o.type} (${drop}) and open it again`,
    { file },
    o.type === 'trigger'
      ? { reason: 'project_foreign_trigger', params: { name: o.name, table: o.tbl_name } }
      : { reason: 'project_foreign_view', params: { name: o.name } },
  );
}

const references = new Map<number, SchemaObject[]>();

/** The tables and triggers the migrations create up to `version`, from a fresh in-memory database. */
function referenceSchema(version: number): SchemaObject[] {
  let schema = references.get(version);
  if (!schema) {
    const db = new Database(':memory:');
    try {
      db.transaction(() => {
        for (const migration of MIGRATIONS) if (migration.version <= version) migration.up(db);
      })();
      schema = db
        .prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type IN ('table', 'trigger') AND name NOT LIKE 'sqlite_%'")
        .all() as SchemaObject[];
    } finally {
      db.close();
    }
    references.set(version, schema);
  }
  return schema;
}
