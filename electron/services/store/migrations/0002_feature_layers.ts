/**
 * Migration 2: the feature layers (population, facilities, estates, boundaries, roads, candidates,
 * proposals), registered as GeoPackage features in EPSG:4326, and the scenarios table with a baseline.
 *
 * The tables are written out as this migration created them (the SQL below is what the app wrote
 * into its project files at schema versions 2 and 3, read back from tests/data/old_projects): a
 * migration never follows today's layer specification, or a file created now and a file created
 * then would differ. Later columns come from later migrations (0004: candidates.capacity); the test
 * checks that a new file's tables equal today's specification (layer_tables.ts).
 */
import type Database from 'better-sqlite3';

/** Each CREATE TABLE statement on one line, exactly as stored in the files. */
const FEATURE_TABLES = [
  {
    table: 'population',
    geometryType: 'POINT',
    description: 'Population grid cells (cell centres); counts of persons per cell',
    sql: 'CREATE TABLE "population" (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom POINT NOT NULL, "cell_id" TEXT NOT NULL, "population" DOUBLE, "elderly" DOUBLE, "age65" DOUBLE, "age80" DOUBLE, "cell_width_deg" DOUBLE, "cell_height_deg" DOUBLE)',
  },
  {
    table: 'facilities',
    geometryType: 'POINT',
    description: 'Elderly-care and health facilities',
    sql: 'CREATE TABLE "facilities" (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom POINT NOT NULL, "id" TEXT NOT NULL UNIQUE, "name" TEXT NOT NULL, "kind" TEXT NOT NULL, "status" TEXT NOT NULL, "capacity" INTEGER, "beds" INTEGER, "nursing_beds" INTEGER, "floor_area_m2" DOUBLE, "floor_level" INTEGER, "address" TEXT, "source" TEXT, "illustrative" BOOLEAN NOT NULL)',
  },
  {
    table: 'estates',
    geometryType: 'GEOMETRY',
    description: 'Residential estates to review for required care floor space',
    sql: 'CREATE TABLE "estates" (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom GEOMETRY NOT NULL, "id" TEXT NOT NULL UNIQUE, "name" TEXT NOT NULL, "area_type" TEXT NOT NULL, "households" INTEGER, "care_floor_area_m2" DOUBLE, "source" TEXT)',
  },
  {
    table: 'boundaries',
    geometryType: 'MULTIPOLYGON',
    description: 'Administrative areas: district, street, community, village',
    sql: 'CREATE TABLE "boundaries" (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom MULTIPOLYGON NOT NULL, "id" TEXT NOT NULL UNIQUE, "name" TEXT NOT NULL, "level" TEXT NOT NULL, "urban" BOOLEAN, "source" TEXT)',
  },
  {
    table: 'roads',
    geometryType: 'LINESTRING',
    description: 'Street and footpath network (OSM ways)',
    sql: 'CREATE TABLE "roads" (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom LINESTRING NOT NULL, "id" TEXT NOT NULL, "highway" TEXT, "name" TEXT, "tags" TEXT NOT NULL)',
  },
  {
    table: 'candidates',
    geometryType: 'POINT',
    description: 'Candidate sites (vacant buildings or lots)',
    sql: 'CREATE TABLE "candidates" (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom POINT NOT NULL, "id" TEXT NOT NULL UNIQUE, "name" TEXT NOT NULL, "floor_area_m2" DOUBLE, "floor_level" INTEGER, "land_area_m2" DOUBLE, "note" TEXT, "source" TEXT)',
  },
  {
    table: 'proposals',
    geometryType: 'POINT',
    description: 'Proposed facility sites, each belonging to a scenario',
    sql: 'CREATE TABLE "proposals" (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom POINT NOT NULL, "id" TEXT NOT NULL UNIQUE, "scenario_id" TEXT NOT NULL, "name" TEXT NOT NULL, "kind" TEXT NOT NULL, "capacity" INTEGER, "beds" INTEGER, "nursing_beds" INTEGER, "floor_area_m2" DOUBLE, "floor_level" INTEGER, "target_year" INTEGER, "note" TEXT)',
  },
] as const;

export function up(db: Database.Database): void {
  const contents = db.prepare(
    "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id) VALUES (?, 'features', ?, ?, 4326)",
  );
  const geometryColumns = db.prepare(
    "INSERT INTO gpkg_geometry_columns (table_name, column_name, geometry_type_name, srs_id, z, m) VALUES (?, 'geom', ?, 4326, 0, 0)",
  );
  for (const spec of FEATURE_TABLES) {
    db.exec(spec.sql);
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
