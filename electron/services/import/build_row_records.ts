/**
 * Turns one source row (CSV row or GeoJSON feature) plus its geometry into the layer's records:
 * one record, except for roads whose multi-part geometries become several records.
 */
import type { FacilityKind, ImportableLayer, LayerRecordMap } from '../../../shared/schemas/entities';
import type { KindTally } from '../../../shared/schemas/facility_kind_map';
import {
  buildBoundary,
  buildCandidate,
  buildEstate,
  buildFacility,
  buildPopulationCell,
  buildRoads,
  type SourceRow,
} from './build_layer_record';
import type { PositionReader } from './position_reader';
import { readBoundaryGeometry, readEstateGeometry, readPointGeometry, readRoadGeometry } from './read_layer_geometry';
import { inputError } from './record_location';

/** A checked WGS84 lon/lat pair (CSV columns) or a raw GeoJSON geometry still to be checked and reprojected. */
export type RowGeometry = { lon: number; lat: number } | { raw: unknown };

export interface RowDefaults {
  kind: FacilityKind | undefined;
  illustrative: boolean | undefined;
  /** Source position → checked WGS84 [lon, lat]. */
  toLonLat: PositionReader;
  /** Facilities: maps and counts the kind column's values (null: read each cell with readFacilityKind). */
  kindTally?: KindTally | null;
  /** Road tags of this row (other OSM tags). */
  tags: () => Record<string, string>;
}

export function buildRowRecords<L extends ImportableLayer>(
  layer: L,
  row: SourceRow,
  geometry: RowGeometry,
  defaults: RowDefaults,
): LayerRecordMap[L][] {
  // no closures here: this runs once per row, a million times for a large grid
  let records: unknown[];
  switch (layer) {
    case 'population': {
      const p = pointOf(geometry, row, defaults);
      records = [buildPopulationCell(row, p.lon, p.lat)];
      break;
    }
    case 'facilities': {
      const p = pointOf(geometry, row, defaults);
      const facility = buildFacility(row, p.lon, p.lat, defaults);
      records = facility === null ? [] : [facility];
      break;
    }
    case 'candidates': {
      const p = pointOf(geometry, row, defaults);
      records = [buildCandidate(row, p.lon, p.lat)];
      break;
    }
    case 'estates': {
      const g =
        'raw' in geometry
          ? readEstateGeometry(geometry.raw, { loc: row.loc, toLonLat: defaults.toLonLat })
          : { type: 'Point' as const, coordinates: [geometry.lon, geometry.lat] as [number, number] };
      records = [buildEstate(row, g)];
      break;
    }
    case 'boundaries':
      records = [buildBoundary(row, readBoundaryGeometry(rawOf(geometry, row, layer, 'Polygon or MultiPolygon'), { loc: row.loc, toLonLat: defaults.toLonLat }))];
      break;
    case 'roads':
      records = buildRoads(row, readRoadGeometry(rawOf(geometry, row, layer, 'LineString or MultiLineString'), { loc: row.loc, toLonLat: defaults.toLonLat }), defaults.tags());
      break;
    default:
      throw new Error(`unknown layer ${String(layer)}`);
  }
  return records as LayerRecordMap[L][];
}

/** The row's checked lon/lat: as given, or read from its raw geometry. */
function pointOf(geometry: RowGeometry, row: SourceRow, defaults: RowDefaults): { lon: number; lat: number } {
  return 'raw' in geometry ? readPointGeometry(geometry.raw, { loc: row.loc, toLonLat: defaults.toLonLat }) : geometry;
}

/** The row's raw geometry; an InputError when the row has only lon/lat but the layer needs `what`. */
function rawOf(geometry: RowGeometry, row: SourceRow, layer: ImportableLayer, what: string): unknown {
  if ('raw' in geometry) return geometry.raw;
  throw inputError(row.loc, 'wkt', `${layer} need ${what} geometry, but the row only has lon/lat`, `a wkt column with ${what}`);
}
