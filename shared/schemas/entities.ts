/**
 * Domain entities of a siting project. Every record that is stored in the project file, crosses
 * IPC/HTTP, or comes out of an importer is checked against one of these schemas.
 *
 * Coordinates are WGS84 longitude/latitude in degrees (EPSG:4326) everywhere in the app.
 */
import * as z from 'zod';

/** Feature layers of the project GeoPackage (each is a gpkg "features" table). */
export const LAYER_NAMES = [
  'population',
  'facilities',
  'estates',
  'boundaries',
  'roads',
  'candidates',
  'proposals',
] as const;
export const LayerName = z.enum(LAYER_NAMES);
export type LayerName = z.infer<typeof LayerName>;

/** Layers a user may import into (proposals are created by editing, not import). */
export const IMPORTABLE_LAYERS = ['population', 'facilities', 'estates', 'boundaries', 'roads', 'candidates'] as const;
export const ImportableLayer = z.enum(IMPORTABLE_LAYERS);
export type ImportableLayer = z.infer<typeof ImportableLayer>;

export const FACILITY_KINDS = [
  'day_care',
  'community_station',
  'care_home',
  'health_station',
  'hospital',
  'canteen',
  'other',
] as const;
export const FacilityKind = z.enum(FACILITY_KINDS);
export type FacilityKind = z.infer<typeof FacilityKind>;

export const FACILITY_STATUSES = ['existing', 'planned', 'proposed'] as const;
export const FacilityStatus = z.enum(FACILITY_STATUSES);
export type FacilityStatus = z.infer<typeof FacilityStatus>;

export const Longitude = z.number().finite().min(-180).max(180);
export const Latitude = z.number().finite().min(-90).max(90);

const nonNegativeOrNull = z.number().finite().nonnegative().nullable();
const nonNegativeIntOrNull = z.number().int().nonnegative().nullable();

/** GeoJSON geometry in WGS84. Only the types the app stores. */
const Position = z.tuple([Longitude, Latitude]).rest(z.number());
export const PointGeometry = z.object({ type: z.literal('Point'), coordinates: Position });
export const LineStringGeometry = z.object({
  type: z.literal('LineString'),
  coordinates: z.array(Position).min(2),
});
const LinearRing = z.array(Position).min(4);
export const PolygonGeometry = z.object({ type: z.literal('Polygon'), coordinates: z.array(LinearRing).min(1) });
export const MultiPolygonGeometry = z.object({
  type: z.literal('MultiPolygon'),
  coordinates: z.array(z.array(LinearRing).min(1)).min(1),
});
export const Geometry = z.discriminatedUnion('type', [
  PointGeometry,
  LineStringGeometry,
  PolygonGeometry,
  MultiPolygonGeometry,
]);
export type Geometry = z.infer<typeof Geometry>;
export type PointGeometry = z.infer<typeof PointGeometry>;
export type LineStringGeometry = z.infer<typeof LineStringGeometry>;
export type MultiPolygonGeometry = z.infer<typeof MultiPolygonGeometry>;

/**
 * One population grid cell, stored as its centre point. Counts are persons in the cell.
 * `population` is the total where known (for the WorldPop sample: adults 20+, see data/README.md),
 * `elderly` persons aged 60+, `age65`/`age80` persons aged 65+/80+.
 */
export const PopulationCell = z.object({
  cellId: z.string().min(1),
  lon: Longitude,
  lat: Latitude,
  population: nonNegativeOrNull,
  elderly: nonNegativeOrNull,
  age65: nonNegativeOrNull,
  age80: nonNegativeOrNull,
  /** Cell size in degrees (width along longitude, height along latitude); null when unknown. */
  cellWidthDeg: z.number().finite().positive().nullable(),
  cellHeightDeg: z.number().finite().positive().nullable(),
});
export type PopulationCell = z.infer<typeof PopulationCell>;

export const Facility = z.object({
  id: z.string().min(1),
  name: z.string(),
  kind: FacilityKind,
  status: FacilityStatus,
  lon: Longitude,
  lat: Latitude,
  /** Day places (capacity) */
  capacity: nonNegativeIntOrNull,
  beds: nonNegativeIntOrNull,
  nursingBeds: nonNegativeIntOrNull,
  floorAreaM2: nonNegativeOrNull,
  floorLevel: z.number().int().nullable(),
  address: z.string().nullable(),
  source: z.string().nullable(),
  /** True for made-up example records; the UI labels them "illustrative" wherever they appear. */
  illustrative: z.boolean(),
});
export type Facility = z.infer<typeof Facility>;

export const ESTATE_AREA_TYPES = ['new', 'old', 'renewal'] as const;

/**
 * One planned elderly-care room of an estate (养老服务用房): its floor area, the floor levels it
 * occupies (1 = ground floor, 0 or below underground), whether it is in a basement or semi-basement,
 * and where it is. Any of them may be unknown (null); the review then names what is missing.
 */
export const CareRoom = z
  .object({
    floorAreaM2: nonNegativeOrNull,
    floorLevels: z.array(z.number().int()).min(1).nullable(),
    basement: z.boolean().nullable(),
    lon: Longitude.nullable(),
    lat: Latitude.nullable(),
  })
  .strict();
export type CareRoom = z.infer<typeof CareRoom>;

export const Estate = z.object({
  id: z.string().min(1),
  name: z.string(),
  /** new estate (新建小区), old area / existing estate (老旧小区) or urban renewal project (城市更新项目) */
  areaType: z.enum(ESTATE_AREA_TYPES),
  households: nonNegativeIntOrNull,
  /** Elderly-care floor area provided in total; counts as one room of unknown floor and place when careRooms is empty. */
  careFloorAreaM2: nonNegativeOrNull,
  geometry: z.union([PointGeometry, PolygonGeometry, MultiPolygonGeometry]),
  source: z.string().nullable(),
  // Since schema version 5 (migration 0005_estate_review); absent in records written before.
  /** Residential floor area (住宅建筑面积); with averageUnitM2 it estimates households when they are unknown. */
  residentialFloorAreaM2: nonNegativeOrNull.optional(),
  /** Average dwelling size (户均面积), m². */
  averageUnitM2: z.number().finite().positive().nullable().optional(),
  /** true urban, false rural, null unknown. */
  urban: z.boolean().nullable().optional(),
  /** The care room is built together with the community health station (三站合一). */
  coLocatedHealthStation: z.boolean().nullable().optional(),
  /** Evidence of synchronous provision (同步规划、建设、验收、交付). */
  synchronousProvision: z.boolean().nullable().optional(),
  /** The planned care rooms; null or empty: see careFloorAreaM2. */
  careRooms: z.array(CareRoom).nullable().optional(),
});
export type Estate = z.infer<typeof Estate>;

export const BOUNDARY_LEVELS = ['city', 'district', 'street', 'town', 'community', 'village', 'other'] as const;
export const Boundary = z.object({
  id: z.string().min(1),
  name: z.string(),
  level: z.enum(BOUNDARY_LEVELS),
  /** true urban (城市社区), false rural (农村/村), null unknown */
  urban: z.boolean().nullable(),
  geometry: MultiPolygonGeometry,
  source: z.string().nullable(),
});
export type Boundary = z.infer<typeof Boundary>;

export const Road = z.object({
  id: z.string().min(1),
  highway: z.string().nullable(),
  name: z.string().nullable(),
  /** Other OSM tags (foot, access, oneway, ...) as a flat string map. */
  tags: z.record(z.string(), z.string()),
  geometry: LineStringGeometry,
});
export type Road = z.infer<typeof Road>;

export const Candidate = z.object({
  id: z.string().min(1),
  name: z.string(),
  lon: Longitude,
  lat: Latitude,
  floorAreaM2: nonNegativeOrNull,
  floorLevel: z.number().int().nullable(),
  landAreaM2: nonNegativeOrNull,
  note: z.string().nullable(),
  source: z.string().nullable(),
  /**
   * Day places the site could offer (capacitated siting uses it instead of the common site capacity);
   * optional, null or absent when unknown. Column `capacity` since schema version 4.
   */
  capacity: nonNegativeIntOrNull.optional(),
});
export type Candidate = z.infer<typeof Candidate>;

export const Proposal = z.object({
  id: z.string().min(1),
  scenarioId: z.string().min(1),
  name: z.string(),
  kind: FacilityKind,
  lon: Longitude,
  lat: Latitude,
  capacity: nonNegativeIntOrNull,
  beds: nonNegativeIntOrNull,
  nursingBeds: nonNegativeIntOrNull,
  floorAreaM2: nonNegativeOrNull,
  floorLevel: z.number().int().nullable(),
  targetYear: z.number().int().min(1900).max(2200).nullable(),
  note: z.string().nullable(),
});
export type Proposal = z.infer<typeof Proposal>;

export const Scenario = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  description: z.string().nullable(),
  isPlan: z.boolean(),
  createdAt: z.string(),
});
export type Scenario = z.infer<typeof Scenario>;

export const AuditEntry = z.object({
  seq: z.number().int(),
  at: z.string(),
  action: z.string(),
  layer: z.string().nullable(),
  featureId: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** The record type stored in each importable layer. */
export interface LayerRecordMap {
  population: PopulationCell;
  facilities: Facility;
  estates: Estate;
  boundaries: Boundary;
  roads: Road;
  candidates: Candidate;
}
export const LAYER_RECORD_SCHEMAS = {
  population: PopulationCell,
  facilities: Facility,
  estates: Estate,
  boundaries: Boundary,
  roads: Road,
  candidates: Candidate,
} as const;
