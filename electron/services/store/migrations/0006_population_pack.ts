/**
 * Migration 6: the packed copy of the population grid (population_pack.ts), a GeoPackage attribute
 * table `population_pack` whose rows each hold a run of cells as little-endian typed arrays (cell fid
 * as int32, lon, lat, population and elderly as float64), and three triggers that empty it whenever a
 * row of the population layer is inserted, updated or deleted, by this app or by any other program
 * (QGIS, ogr2ogr, the sqlite3 shell): SQLite runs a file's triggers in every program that writes to
 * it. An empty table means "no copy": the grid is then read from the layer's rows.
 *
 * The SQL is written out literally, never from today's layer specification (see 0002_feature_layers.ts);
 * population_pack.ts creates the same triggers again from these constants (after a replace, or when
 * another program dropped and re-created the layer), so they stay byte-identical to what the
 * inspection of a file (inspect_project.ts) expects.
 */
import type Database from 'better-sqlite3';

export const POPULATION_PACK_TABLE_SQL =
  'CREATE TABLE population_pack (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, format INTEGER NOT NULL, first_cell INTEGER NOT NULL, ' +
  'cells INTEGER NOT NULL, has_population BOOLEAN NOT NULL, has_elderly BOOLEAN NOT NULL, cell_fid BLOB NOT NULL, lon BLOB NOT NULL, ' +
  'lat BLOB NOT NULL, population BLOB NOT NULL, elderly BLOB NOT NULL)';

/** The triggers that empty the copy on every change of the population layer, by name. */
export const POPULATION_PACK_TRIGGERS: Readonly<Record<string, string>> = {
  population_pack_insert: 'CREATE TRIGGER population_pack_insert AFTER INSERT ON population BEGIN DELETE FROM population_pack; END',
  population_pack_update: 'CREATE TRIGGER population_pack_update AFTER UPDATE ON population BEGIN DELETE FROM population_pack; END',
  population_pack_delete: 'CREATE TRIGGER population_pack_delete AFTER DELETE ON population BEGIN DELETE FROM population_pack; END',
};

export function up(db: Database.Database): void {
  db.exec(POPULATION_PACK_TABLE_SQL);
  for (const sql of Object.values(POPULATION_PACK_TRIGGERS)) db.exec(sql);
  db.prepare(
    "INSERT INTO gpkg_contents (table_name, data_type, identifier, description) VALUES ('population_pack', 'attributes', 'population_pack', " +
      "'Packed copy of the population layer for fast reading (emptied by triggers whenever the layer changes)')",
  ).run();
}
