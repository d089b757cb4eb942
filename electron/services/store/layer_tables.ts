/**
 * How each feature layer is laid out as a GeoPackage table: its geometry type and its attribute columns,
 * with the mapping between a record's camelCase fields and the snake_case columns that QGIS users see.
 */
import type { Geometry, LayerName, LayerRecordMap } from '../../../shared/schemas/entities';

export type ColumnKind = 'text' | 'real' | 'integer' | 'boolean' | 'json';

export interface ColumnSpec {
  /** snake_case column name in the GeoPackage table */
  column: string;
  /** camelCase field of the record */
  field: string;
  kind: ColumnKind;
  notNull?: boolean;
  unique?: boolean;
}

export interface LayerTableSpec {
  table: LayerName;
  /** OGC geometry type name written to gpkg_geometry_columns */
  geometryType: 'POINT' | 'LINESTRING' | 'MULTIPOLYGON' | 'GEOMETRY';
  columns: ColumnSpec[];
  description: string;
}

const text = (column: string, field: string, extra: Partial<ColumnSpec> = {}): ColumnSpec => ({ column, field, kind: 'text', ...extra });
const real = (column: string, field: string): ColumnSpec => ({ column, field, kind: 'real' });
const integer = (column: string, field: string): ColumnSpec => ({ column, field, kind: 'integer' });

export const LAYER_TABLES: Record<LayerName, LayerTableSpec> = {
  population: {
    table: 'population',
    geometryType: 'POINT',
    description: 'Population grid cells (cell centres); counts of persons per cell',
    columns: [
      text('cell_id', 'cellId', { notNull: true }),
      real('population', 'population'),
      real('elderly', 'elderly'),
      real('age65', 'age65'),
      real('age80', 'age80'),
      real('cell_width_deg', 'cellWidthDeg'),
      real('cell_height_deg', 'cellHeightDeg'),
    ],
  },
  facilities: {
    table: 'facilities',
    geometryType: 'POINT',
    description: 'Elderly-care and health facilities',
    columns: [
      text('id', 'id', { notNull: true, unique: true }),
      text('name', 'name', { notNull: true }),
      text('kind', 'kind', { notNull: true }),
      text('status', 'status', { notNull: true }),
      integer('capacity', 'capacity'),
      integer('beds', 'beds'),
      integer('nursing_beds', 'nursingBeds'),
      real('floor_area_m2', 'floorAreaM2'),
      integer('floor_level', 'floorLevel'),
      text('address', 'address'),
      text('source', 'source'),
      { column: 'illustrative', field: 'illustrative', kind: 'boolean', notNull: true },
    ],
  },
  estates: {
    table: 'estates',
    geometryType: 'GEOMETRY',
    description: 'Residential estates to review for required care floor space',
    columns: [
      text('id', 'id', { notNull: true, unique: true }),
      text('name', 'name', { notNull: true }),
      text('area_type', 'areaType', { notNull: true }),
      integer('households', 'households'),
      real('care_floor_area_m2', 'careFloorAreaM2'),
      text('source', 'source'),
      // Since schema version 5 (migration 0005_estate_review).
      real('residential_floor_area_m2', 'residentialFloorAreaM2'),
      real('average_unit_m2', 'averageUnitM2'),
      { column: 'urban', field: 'urban', kind: 'boolean' },
      { column: 'co_located_health_station', field: 'coLocatedHealthStation', kind: 'boolean' },
      { column: 'synchronous_provision', field: 'synchronousProvision', kind: 'boolean' },
      { column: 'care_rooms', field: 'careRooms', kind: 'json' },
    ],
  },
  boundaries: {
    table: 'boundaries',
    geometryType: 'MULTIPOLYGON',
    description: 'Administrative areas: district, street, community, village',
    columns: [
      text('id', 'id', { notNull: true, unique: true }),
      text('name', 'name', { notNull: true }),
      text('level', 'level', { notNull: true }),
      { column: 'urban', field: 'urban', kind: 'boolean' },
      text('source', 'source'),
    ],
  },
  roads: {
    table: 'roads',
    geometryType: 'LINESTRING',
    description: 'Street and footpath network (OSM ways)',
    columns: [
      text('id', 'id', { notNull: true }),
      text('highway', 'highway'),
      text('name', 'name'),
      { column: 'tags', field: 'tags', kind: 'json', notNull: true },
    ],
  },
  candidates: {
    table: 'candidates',
    geometryType: 'POINT',
    description: 'Candidate sites (vacant buildings or lots)',
    columns: [
      text('id', 'id', { notNull: true, unique: true }),
      text('name', 'name', { notNull: true }),
      real('floor_area_m2', 'floorAreaM2'),
      integer('floor_level', 'floorLevel'),
      real('land_area_m2', 'landAreaM2'),
      text('note', 'note'),
      text('source', 'source'),
      // Since schema version 4 (migration 0004_candidate_capacity).
      integer('capacity', 'capacity'),
    ],
  },
  proposals: {
    table: 'proposals',
    geometryType: 'POINT',
    description: 'Proposed facility sites, each belonging to a scenario',
    columns: [
      text('id', 'id', { notNull: true, unique: true }),
      text('scenario_id', 'scenarioId', { notNull: true }),
      text('name', 'name', { notNull: true }),
      text('kind', 'kind', { notNull: true }),
      integer('capacity', 'capacity'),
      integer('beds', 'beds'),
      integer('nursing_beds', 'nursingBeds'),
      real('floor_area_m2', 'floorAreaM2'),
      integer('floor_level', 'floorLevel'),
      integer('target_year', 'targetYear'),
      text('note', 'note'),
    ],
  },
};

const SQL_TYPES: Record<ColumnKind, string> = {
  text: 'TEXT',
  real: 'DOUBLE',
  integer: 'INTEGER',
  boolean: 'BOOLEAN',
  json: 'TEXT',
};

/** CREATE TABLE statement for a layer, as GDAL writes feature tables (fid + geom + attributes). */
export function createTableSql(spec: LayerTableSpec): string {
  const columns = spec.columns.map(
    (c) => `"${c.column}" ${SQL_TYPES[c.kind]}${c.notNull ? ' NOT NULL' : ''}${c.unique ? ' UNIQUE' : ''}`,
  );
  return `CREATE TABLE "${spec.table}" (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom ${spec.geometryType} NOT NULL, ${columns.join(', ')})`;
}

type AnyRecord = LayerRecordMap[keyof LayerRecordMap] | Record<string, unknown>;

/** The record's geometry: lon/lat points or the record's own geometry member. */
export function recordGeometry(record: AnyRecord): Geometry {
  const r = record as Record<string, unknown>;
  if (r.geometry) return r.geometry as Geometry;
  return { type: 'Point', coordinates: [r.lon as number, r.lat as number] };
}

/** Column values of a record, in spec order, ready for a prepared INSERT. */
export function recordValues(spec: LayerTableSpec, record: AnyRecord): unknown[] {
  const r = record as Record<string, unknown>;
  return spec.columns.map((c) => toSql(c.kind, r[c.field]));
}

function toSql(kind: ColumnKind, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (kind === 'boolean') return value ? 1 : 0;
  if (kind === 'json') return JSON.stringify(value);
  return value;
}

/** Converts a row's column value back to the record field type. */
export function fromSql(kind: ColumnKind, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (kind === 'boolean') return value === 1 || value === true;
  if (kind === 'json') return JSON.parse(String(value));
  return value;
}
