/**
 * Reading and advancing a project's schema version. An unknown newer version is refused with a
 * message that says which app version is needed, never opened half-understood.
 */
import type Database from 'better-sqlite3';
import { InputError } from '../../../shared/errors';
import { GPKG_APPLICATION_ID } from './migrations/0001_gpkg_core';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations';

/** 0 for an empty database, else the version stored in settings. */
export function readSchemaVersion(db: Database.Database): number {
  const hasSettings = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'settings'").get();
  if (!hasSettings) return 0;
  const row = db.prepare("SELECT value FROM settings WHERE key = 'schema_version'").get() as { value: unknown } | undefined;
  if (!row) return 1;
  try {
    return Number(JSON.parse(String(row.value)));
  } catch {
    return Number.NaN;
  }
}

/**
 * The version of a file about to be opened, refusing what must not be opened: a newer schema, a
 * foreign SQLite file (tables but no settings) and a non-GeoPackage. Reads only; the file is not changed.
 */
export function checkSchemaVersion(db: Database.Database, file: string): number {
  const current = readSchemaVersion(db);
  if (!Number.isInteger(current) || current < 0) {
    throw new InputError('the project\'s schema_version setting is not a version number', { file, field: 'schema_version', expected: 'a whole number' });
  }
  if (current > LATEST_SCHEMA_VERSION) {
    throw new InputError(
      `project schema version ${current} is newer than this app understands (${LATEST_SCHEMA_VERSION}); open it with a newer version of Siting Planner`,
      { file },
      { reason: 'schema_too_new', params: { version: current, latest: LATEST_SCHEMA_VERSION } },
    );
  }
  if (current === 0) {
    const tables = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number };
    if (tables.n > 0) {
      throw new InputError('not a Siting Planner project (a SQLite/GeoPackage file without the project tables)', { file }, { reason: 'not_siting_project' });
    }
  } else {
    const appId = db.pragma('application_id', { simple: true });
    if (appId !== GPKG_APPLICATION_ID) throw new InputError('not a GeoPackage (application_id is not GPKG)', { file }, { reason: 'not_geopackage' });
  }
  return current;
}

/** Applies migrations up to `target` (default: latest), all in one transaction. */
export function migrate(db: Database.Database, file: string, target = LATEST_SCHEMA_VERSION): number {
  const current = checkSchemaVersion(db, file);
  if (current >= target) return current;
  const apply = db.transaction(() => {
    for (const migration of MIGRATIONS) {
      if (migration.version <= current || migration.version > target) continue;
      migration.up(db);
    }
    db.prepare("INSERT INTO settings (key, value) VALUES ('schema_version', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(
      JSON.stringify(target),
    );
  });
  apply();
  return target;
}
