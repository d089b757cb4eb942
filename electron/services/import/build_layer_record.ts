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
import type { EstateGeometry } from './read_layer_geometry';
import { readBoolean, readNumber, readText } from './read_cell_value';
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

export function buildFacility(
  row: SourceRow,
  lon: number,
  lat: number,
  defaults: { kind: FacilityKind | undefined; illustrative: boolean | undefined },
): Facility {
  const illustrativeCell = readBoolean(row.get('illustrative'), row.loc, row.column('illustrative'));
  return {
    id: id(row),
    name: text(row, 'name') ?? '',
    kind: readFacilityKind(row.get('kind'), row.loc, row.column('kind'), defaults.kind),
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

export function buildEstate(row: SourceRow, geometry: EstateGeometry): Estate {
  return {
    id: id(row),
    name: text(row, 'name') ?? '',
    areaType: readAreaType(row.get('area_type'), row.loc, row.column('area_type')),
    households: num(row, 'households', WHOLE),
    careFloorAreaM2: num(row, 'care_floor_area_m2', AREA),
    geometry,
    source: text(row, 'source'),
  };
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
