/**
 * Migration 4: candidate sites get a `capacity` column (day places the site could offer), used by
 * capacitated siting instead of the common site capacity. Migration 2 creates the feature tables from
 * the current layer specification, so a file created since this version has the column already; older
 * files get it here (NULL: unknown).
 */
import type Database from 'better-sqlite3';

export function up(db: Database.Database): void {
  const columns = db.prepare("SELECT name FROM pragma_table_info('candidates')").all() as { name: string }[];
  if (!columns.some((c) => c.name === 'capacity')) db.exec('ALTER TABLE candidates ADD COLUMN "capacity" INTEGER');
}
