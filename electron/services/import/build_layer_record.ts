/**
 * Builds the record of each layer from one source row (a CSV row or a GeoJSON feature), reading
 * every mapped field with the typed readers. Geometry has already been checked by the caller.
 * Nullable fields are null when their column is absent or the cell is empty.
 */
import type {
  Boundary,
  Candidate,
  Estate,
  Facility,
  FacilityKind,
  LineStringGeometry,
  MultiPolygonGeometry,
  PopulationCell,
  Road,
} from '../../../shared/schemas/entities';
import { KIND_SKIP, type KindTally } from '../../../shared/schemas/facility_kind_map';
import type { EstateGeometry } from './read_layer_geometry';
import { isEmptyCell, readBoolean, readNumber, readText } from './read_cell_value';
import { readAreaType, readBoundaryLevel, readFacilityKind, readFacilityStatus, readUrban } from './read_label_value';
import { inputError, type RecordLocation } from './record_location';

/** One source row as seen by the builders. */
export interface SourceRow {
  loc: RecordLocation;
  /** Raw value of a target field (snake_case); undefined when no column feeds it. */
  get(target: string): unknown;
  /** Column (or property) name feeding a target, for messages; the target itself when unmapped. */
  column(target: string): string;
  /** Id used when there is no id column or the cell is empty (row number, feature id or index). */
  fallbackId: string;
}

const COUNT = { min: 0, expected: 'a non-negative number of persons' };
const WHOLE = { min: 0, integer: true, expected: 'a non-negative whole number' };
const AREA = { min: 0, expected: 'a non-negative area in m²' };
const LEVEL = { integer: true, expected: 'a whole floor number (negative for basements)' };

function text(row: SourceRow, target: string): string | null {
  return readText(row.get(target), row.loc, row.column(target));
}
function num(row: SourceRow, target: string, rules: Parameters<typeof readNumber>[3]): number | null {
  return readNumber(row.get(target), row.loc, row.column(target), rules);
}
function id(row: SourceRow, target = 'id'): string {
  const value = text(row, target);
  return value === null || value === '' ? row.fallbackId : value;
}

export function buildPopulationCell(row: SourceRow, lon: number, lat: number): PopulationCell {
  return {
    cellId: id(row, 'cell_id'),
    lon,
    lat,
    population: num(row, 'population', COUNT),
    elderly: num(row, 'elderly', COUNT),
    age65: num(row, 'age65', COUNT),
    age80: num(row, 'age80', COUNT),
    // set for the whole file afterwards from the grid spacing
    cellWidthDeg: null,
    cellHeightDeg: null,
  };
}

/**
 * The facility of a row, or null when the kind mapping skips the row. With a tally (KindTally) the
 * kind column's value is mapped and counted there; an unmapped value gets a placeholder kind and
 * the caller refuses the file once every row was counted (listing all unmapped values at once).
 */
export function buildFacility(
  row: SourceRow,
  lon: number,
  lat: number,
  defaults: { kind: FacilityKind | undefined; illustrative: boolean | undefined; kindTally?: KindTally | null },
): Facility | null {
  let kind: FacilityKind;
  if (defaults.kindTally) {
    const raw = row.get('kind');
    const target = defaults.kindTally.add(isEmptyCell(raw) ? null : raw, row.loc.row ?? row.loc.feature);
    if (target === KIND_SKIP) return null;
    kind = target ?? 'other';
  } else {
    kind = readFacilityKind(row.get('kind'), row.loc, row.column('kind'), defaults.kind);
  }
  const illustrativeCell = readBoolean(row.get('illustrative'), row.loc, row.column('illustrative'));
  return {
    id: id(row),
    name: text(row, 'name') ?? '',
    kind,
    status: readFacilityStatus(row.get('status'), row.loc, row.column('status')),
    lon,
    lat,
    capacity: num(row, 'capacity', WHOLE),
    beds: num(row, 'beds', WHOLE),
    nursingBeds: num(row, 'nursing_beds', WHOLE),
    floorAreaM2: num(row, 'floor_area_m2', AREA),
    floorLevel: num(row, 'floor_level', LEVEL),
    address: text(row, 'address'),
    source: text(row, 'source'),
    illustrative: defaults.illustrative ?? illustrativeCell ?? false,
  };
}

export function buildCandidate(row: SourceRow, lon: number, lat: number): Candidate {
  return {
    id: id(row),
    name: text(row, 'name') ?? '',
    lon,
    lat,
    floorAreaM2: num(row, 'floor_area_m2', AREA),
    floorLevel: num(row, 'floor_level', LEVEL),
    landAreaM2: num(row, 'land_area_m2', AREA),
    note: text(row, 'note'),
    source: text(row, 'source'),
    capacity: num(row, 'capacity', WHOLE),
  };
}

const UNIT_SIZE = { min: 0, expected: 'an average dwelling size in m², above 0' };
const LONGITUDE = { min: -180, expected: 'a WGS84 longitude in degrees, -180 to 180' };
const LATITUDE = { min: -90, expected: 'a WGS84 latitude in degrees, -90 to 90' };

export function buildEstate(row: SourceRow, geometry: EstateGeometry): Estate {
  const careFloorAreaM2 = num(row, 'care_floor_area_m2', AREA);
  const averageUnitM2 = num(row, 'average_unit_m2', UNIT_SIZE);
  if (averageUnitM2 === 0) throw inputError(row.loc, row.column('average_unit_m2'), 'average dwelling size is 0', UNIT_SIZE.expected);
  return {
    id: id(row),
    name: text(row, 'name') ?? '',
    areaType: readAreaType(row.get('area_type'), row.loc, row.column('area_type')),
    households: num(row, 'households', WHOLE),
    careFloorAreaM2,
    geometry,
    source: text(row, 'source'),
    residentialFloorAreaM2: num(row, 'residential_floor_area_m2', AREA),
    averageUnitM2,
    urban: readUrban(row.get('urban'), row.loc, row.column('urban')),
    coLocatedHealthStation: readBoolean(row.get('co_located_health_station'), row.loc, row.column('co_located_health_station')),
    synchronousProvision: readBoolean(row.get('synchronous_provision'), row.loc, row.column('synchronous_provision')),
    careRooms: careRoomOf(row, careFloorAreaM2),
  };
}

/**
 * The row's one planned care room when it says more than the floor area (floor, basement or place);
 * else null, and care_floor_area_m2 alone counts as one room of unknown floor and place.
 */
function careRoomOf(row: SourceRow, floorAreaM2: number | null): Estate['careRooms'] {
  const level = num(row, 'care_floor_level', LEVEL);
  const basement = readBoolean(row.get('care_basement'), row.loc, row.column('care_basement'));
  const lon = num(row, 'care_lon', LONGITUDE);
  const lat = num(row, 'care_lat', LATITUDE);
  if (lon !== null && lon > 180) throw inputError(row.loc, row.column('care_lon'), `must be <= 180, got ${lon}`, LONGITUDE.expected);
  if (lat !== null && lat > 90) throw inputError(row.loc, row.column('care_lat'), `must be <= 90, got ${lat}`, LATITUDE.expected);
  if ((lon === null) !== (lat === null)) {
    const target = lon === null ? 'care_lon' : 'care_lat';
    throw inputError(row.loc, row.column(target), 'the care room has only one coordinate', 'both care_lon and care_lat, or neither');
  }
  if (level === null && basement === null && lon === null) return null;
  return [{ floorAreaM2, floorLevels: level === null ? null : [level], basement, lon, lat }];
}

export function buildBoundary(row: SourceRow, geometry: MultiPolygonGeometry): Boundary {
  return {
    id: id(row),
    name: text(row, 'name') ?? '',
    level: readBoundaryLevel(row.get('level'), row.loc, row.column('level')),
    urban: readUrban(row.get('urban'), row.loc, row.column('urban')),
    geometry,
    source: text(row, 'source'),
  };
}

/**
 * One Road per line; a feature split into several lines (MultiLineString parts, polygon rings)
 * gets ids `<id>-<part>` with 1-based parts.
 */
export function buildRoads(row: SourceRow, lines: LineStringGeometry[], tags: Record<string, string>): Road[] {
  if (lines.length === 0) throw inputError(row.loc, 'geometry', 'road has no lines', 'a LineString or MultiLineString');
  const baseId = id(row);
  const highway = text(row, 'highway');
  const name = text(row, 'name');
  return lines.map((geometry, part) => ({
    id: lines.length === 1 ? baseId : `${baseId}-${part + 1}`,
    highway,
    name,
    tags: { ...tags },
    geometry,
  }));
}
