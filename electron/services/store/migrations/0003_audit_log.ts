/**
 * Migration 3: the append-only audit log of every edit (when, what, before/after as JSON).
 * Triggers refuse UPDATE and DELETE so that history cannot be rewritten through SQL either.
 */
import type Database from 'better-sqlite3';

export function up(db: Database.Database): void {
  db.exec(`
    CREATE TABLE audit_log (
      fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
      at TEXT NOT NULL,
      action TEXT NOT NULL,
      layer TEXT,
      feature_id TEXT,
      before TEXT,
      after TEXT
    );
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
    CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
  `);
  db.prepare(
    "INSERT INTO gpkg_contents (table_name, data_type, identifier, description) VALUES ('audit_log', 'attributes', 'audit_log', 'Append-only log of every edit')",
  ).run();
}
