/** Builds a database at a given schema version with the real migrations, for migration tests. */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { migrate } from '../../../../electron/services/store/schema_version';
import { tempDir } from '../../../helpers/paths';

export function databaseAt(version: number): { db: Database.Database; path: string } {
  const path = join(tempDir(), `v${version}.gpkg`);
  const db = new Database(path);
  if (version > 0) migrate(db, path, version);
  return { db, path };
}

export function tableNames(db: Database.Database): string[] {
  return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
}
