/**
 * GeoJSON import (RFC 7946: WGS84 lon/lat). Accepts a FeatureCollection, a single Feature or a bare
 * geometry. A legacy "crs" member naming anything but EPSG:4326 / CRS84 / EPSG:4490 is refused:
 * reprojection is not supported for GeoJSON. Properties are mapped like CSV columns; messages name
 * the 0-based feature index.
 */
import { InputError } from '../../../shared/errors';
import type { ImportOptions } from '../../../shared/ipc/contract';
import type { ImportableLayer, LayerRecordMap, PopulationCell } from '../../../shared/schemas/entities';
import { acceptedCrs, requireAcceptedCrs, type AcceptedCrs } from './accepted_crs';
import { applyInferredCellSize } from './apply_inferred_cell_size';
import type { SourceRow } from './build_layer_record';
import { buildRowRecords } from './build_row_records';
import { lazySwapCheck, SwapEvidence } from './check_lon_lat';
import { checkRequiredFields } from './check_required_fields';
import { collectRoadTags } from './collect_road_tags';
import { decodeText } from './decode_text';
import type { ImportProgress } from './import_progress';
import type { ParsedLayer } from './parsed_layer';
import { forEachRawPosition } from './read_layer_geometry';
import type { RecordLocation } from './record_location';
import { resolveColumns } from './resolve_columns';
import { validateRecords } from './validate_records';

const GEOMETRY_TYPES = ['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection'];

interface RawFeature {
  id: unknown;
  properties: Record<string, unknown>;
  geometry: unknown;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The CRS of a legacy `crs` member; InputError when it names something other than WGS84/CGCS2000. */
function legacyCrs(crs: unknown, file: string): AcceptedCrs {
  const name = isObject(crs) && isObject(crs.properties) ? crs.properties.name : undefined;
  const accepted = typeof name === 'string' ? acceptedCrs(name) : null;
  if (accepted === null) {
    const shown = typeof name === 'string' ? name : JSON.stringify(crs)?.slice(0, 80);
    throw new InputError(`the GeoJSON "crs" member names ${shown}: reprojection is not supported for GeoJSON yet`, {
      file,
      field: 'crs',
      expected: 'RFC 7946 GeoJSON in WGS84 lon/lat (EPSG:4326, CRS84) or CGCS2000 (EPSG:4490); convert it first, e.g. ogr2ogr -t_srs EPSG:4326',
    });
  }
  return accepted;
}

/** JSON.parse's message with a line/column added when it only gives a character position. */
function jsonErrorText(message: string, text: string): string {
  if (/\bline \d+/.test(message)) return message;
  const position = /position (\d+)/.exec(message);
  const offset = position ? Number(position[1]) : /end of JSON/i.test(message) ? text.length : -1;
  if (offset < 0) return message;
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `${message} (line ${line} column ${column}${offset >= text.length ? ', the end of the file: is it cut off?' : ''})`;
}

function readFeatures(root: unknown, file: string): RawFeature[] {
  if (!isObject(root)) throw new InputError('not GeoJSON: the top level is not an object', { file, expected: 'a FeatureCollection, Feature or geometry' });
  const type = root.type;
  const asFeature = (value: unknown, index: number): RawFeature => {
    if (!isObject(value) || value.type !== 'Feature') {
      throw new InputError(`not a GeoJSON Feature (type ${JSON.stringify(isObject(value) ? value.type : typeof value)})`, {
        file,
        feature: index,
        expected: 'an object with "type": "Feature"',
      });
    }
    const properties = value.properties ?? {};
    if (!isObject(properties)) throw new InputError('properties must be an object or null', { file, feature: index, field: 'properties' });
    return { id: value.id, properties, geometry: value.geometry };
  };
  if (type === 'FeatureCollection') {
    if (!Array.isArray(root.features)) throw new InputError('FeatureCollection without a "features" array', { file, field: 'features' });
    return root.features.map(asFeature);
  }
  if (type === 'Feature') return [asFeature(root, 0)];
  if (typeof type === 'string' && GEOMETRY_TYPES.includes(type)) return [{ id: undefined, properties: {}, geometry: root }];
  throw new InputError(`not GeoJSON: top-level type ${JSON.stringify(type)}`, { file, field: 'type', expected: 'FeatureCollection, Feature or a geometry type' });
}

export async function parseGeoJsonLayer<L extends ImportableLayer>(
  layer: L,
  file: string,
  bytes: Uint8Array,
  options: ImportOptions,
  progress: ImportProgress,
): Promise<ParsedLayer<L>> {
  let crs = requireAcceptedCrs(options.crs, file, 'GeoJSON');
  const { text, encoding } = decodeText(bytes, file, options.encoding);
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (error) {
    throw new InputError(`not valid JSON: ${jsonErrorText((error as Error).message, text)}`, { file, expected: 'a GeoJSON document' });
  }
  await progress.at(0.2);
  if (isObject(root) && root.crs !== undefined && root.crs !== null) crs = legacyCrs(root.crs, file);
  const features = readFeatures(root, file);
  if (features.length === 0) throw new InputError('no data rows: the GeoJSON has no features', { file, field: 'features' });

  const columns: string[] = [];
  const seenColumns = new Set<string>();
  for (const feature of features) {
    for (const key of Object.keys(feature.properties)) {
      if (!seenColumns.has(key)) {
        seenColumns.add(key);
        columns.push(key);
      }
    }
  }
  const mapping = resolveColumns({ file, layer, columns, map: options.map, geometryFields: [] });
  checkRequiredFields(layer, mapping, options, file, columns, 'property');

  const swapped = lazySwapCheck(() => {
    const evidence = new SwapEvidence();
    for (const feature of features) forEachRawPosition(feature.geometry, (lon, lat) => evidence.add(lon, lat));
    return evidence;
  });
  const swapHint = 'the file has latitude first; GeoJSON positions must be [longitude, latitude]';
  const tagExcluded = new Set(['fid', mapping.id, mapping.highway, mapping.name].filter((c): c is string => c !== undefined));

  const records: LayerRecordMap[L][] = [];
  const locations: RecordLocation[] = [];
  for (let i = 0; i < features.length; i++) {
    if (progress.due(i, features.length, 0.2, 0.9)) await progress.step(i, features.length, 0.2, 0.9);
    const feature = features[i];
    const loc: RecordLocation = { file, feature: i };
    const featureId = typeof feature.id === 'string' || typeof feature.id === 'number' ? String(feature.id) : '';
    const source: SourceRow = {
      loc,
      get: (target) => (mapping[target] === undefined ? undefined : feature.properties[mapping[target]]),
      column: (target) => mapping[target] ?? target,
      fallbackId: featureId !== '' ? featureId : String(i),
    };
    const built = buildRowRecords(layer, source, { raw: feature.geometry }, {
      kind: options.kind,
      illustrative: options.illustrative,
      swapped,
      swapHint,
      tags: () => collectRoadTags(Object.entries(feature.properties), tagExcluded),
    });
    for (const record of built) {
      records.push(record);
      locations.push(loc);
    }
  }

  if (layer === 'population') applyInferredCellSize(records as PopulationCell[]);
  await progress.at(0.9);
  validateRecords(layer, records, locations);
  await progress.at(1);
  return {
    layer,
    format: 'geojson',
    records,
    skipped: [],
    skippedCount: 0,
    detected: { crs, encoding, columns, mapping },
  };
}
