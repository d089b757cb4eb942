/**
 * Migration 5: what the estate review (issue 12) needs. The estates layer gets the residential floor
 * area and average unit size (households estimated from them), urban/rural, the 三站合一 and
 * synchronous-provision flags and the planned care rooms as JSON text (`care_rooms`: [{floorAreaM2,
 * floorLevels, basement, lon, lat}]); every new column is nullable, so old rows stay valid, and an old
 * row's care_floor_area_m2 counts as one room of unknown floor and place. Estate types gain `renewal`
 * (area_type is free text, so nothing to change). The reviews are kept in the attribute table
 * `estate_reviews`: which estate, which preset and version, the inputs and per-rule checks as JSON,
 * the overall verdict and when.
 *
 * The SQL is written out literally, never from today's layer specification (see 0002_feature_layers.ts).
 */
import type Database from 'better-sqlite3';

const ESTATE_COLUMNS = [
  ['residential_floor_area_m2', 'DOUBLE'],
  ['average_unit_m2', 'DOUBLE'],
  ['urban', 'BOOLEAN'],
  ['co_located_health_station', 'BOOLEAN'],
  ['synchronous_provision', 'BOOLEAN'],
  ['care_rooms', 'TEXT'],
] as const;

export function up(db: Database.Database): void {
  const existing = new Set((db.prepare("SELECT name FROM pragma_table_info('estates')").all() as { name: string }[]).map((c) => c.name));
  for (const [column, type] of ESTATE_COLUMNS) {
    if (!existing.has(column)) db.exec(`ALTER TABLE estates ADD COLUMN "${column}" ${type}`);
  }
  db.exec(`
    CREATE TABLE estate_reviews (
      fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
      estate_id TEXT NOT NULL,
      preset_id TEXT NOT NULL,
      preset_version INTEGER NOT NULL,
      inputs TEXT NOT NULL,
      checks TEXT NOT NULL,
      verdict TEXT NOT NULL,
      reviewed_at TEXT NOT NULL
    );
    CREATE INDEX estate_reviews_estate ON estate_reviews (estate_id);
  `);
  db.prepare(
    "INSERT INTO gpkg_contents (table_name, data_type, identifier, description) VALUES ('estate_reviews', 'attributes', 'estate_reviews', 'Estate reviews: preset and version, inputs, per-rule checks and verdict')",
  ).run();
}
