/**
 * Migration 4: candidate sites get a `capacity` column (day places the site could offer), used by
 * capacitated siting instead of the common site capacity (NULL: unknown). Files created between this
 * migration's introduction and the freezing of migration 2 (which then followed the live layer
 * specification) have the column already.
 */
import type Database from 'better-sqlite3';

export function up(db: Database.Database): void {
  const columns = db.prepare("SELECT name FROM pragma_table_info('candidates')").all() as { name: string }[];
  if (!columns.some((c) => c.name === 'capacity')) db.exec('ALTER TABLE candidates ADD COLUMN "capacity" INTEGER');
}
