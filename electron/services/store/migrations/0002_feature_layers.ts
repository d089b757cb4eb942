/**
 * Migration 2: the feature layers (population, facilities, estates, boundaries, roads, candidates,
 * proposals), registered as GeoPackage features in EPSG:4326, and the scenarios table with a baseline.
 */
import type Database from 'better-sqlite3';
import { LAYER_NAMES } from '../../../../shared/schemas/entities';
import { LAYER_TABLES, createTableSql } from '../layer_tables';

export function up(db: Database.Database): void {
  const contents = db.prepare(
    "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id) VALUES (?, 'features', ?, ?, 4326)",
  );
  const geometryColumns = db.prepare(
    "INSERT INTO gpkg_geometry_columns (table_name, column_name, geometry_type_name, srs_id, z, m) VALUES (?, 'geom', ?, 4326, 0, 0)",
  );
  for (const name of LAYER_NAMES) {
    const spec = LAYER_TABLES[name];
    db.exec(createTableSql(spec));
    contents.run(spec.table, spec.table, spec.description);
    geometryColumns.run(spec.table, spec.geometryType);
  }
  db.exec('CREATE INDEX proposals_scenario ON proposals (scenario_id)');
  db.exec(`
    CREATE TABLE scenarios (
      fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
      id TEXT NOT NULL UNIQUE,
      name TEXT NOT NULL UNIQUE,
      description TEXT,
      is_plan BOOLEAN NOT NULL DEFAULT 0,
      created_at TEXT NOT NULL
    );
  `);
  db.prepare(
    "INSERT INTO gpkg_contents (table_name, data_type, identifier, description) VALUES ('scenarios', 'attributes', 'scenarios', 'Planning scenarios; proposals belong to one')",
  ).run();
  db.prepare('INSERT INTO scenarios (id, name, description, is_plan, created_at) VALUES (?, ?, ?, 0, ?)').run(
    'baseline',
    'baseline',
    'Existing facilities only',
    new Date().toISOString(),
  );
}
