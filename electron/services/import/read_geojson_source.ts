/**
 * GeoJSON import. RFC 7946 GeoJSON is WGS84 lon/lat; a legacy "crs" member (GeoJSON 2008, still
 * written by GDAL for projected data: "urn:ogc:def:crs:EPSG::4547") is honoured, and options.crs wins
 * over both (a GCJ-02 file such as the Shenzhen districts is plain GeoJSON by its looks). Accepts a
 * FeatureCollection, a single Feature or a bare geometry; parse_feature_layer.ts builds the records.
 */
import { InputError, isInputError } from '../../../shared/errors';
import type { ImportOptions } from '../../../shared/ipc/contract';
import { parseCrs, type CrsSpec } from '../../../shared/geodesy/crs';
import { decodeText } from './decode_text';
import { resolveImportCrs } from './import_crs';
import type { ImportProgress } from './import_progress';
import type { SourceRead } from './layer_source';
import type { RawFeature } from './parse_feature_layer';

const GEOMETRY_TYPES = ['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection'];

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The CRS of a legacy `crs` member ({type: name, properties: {name}} or {type: EPSG, properties: {code}}). */
function legacyCrs(crs: unknown, file: string): CrsSpec {
  const properties = isObject(crs) && isObject(crs.properties) ? crs.properties : {};
  const name = typeof properties.name === 'string' ? properties.name : typeof properties.code === 'number' ? `EPSG:${properties.code}` : undefined;
  const shown = name ?? JSON.stringify(crs)?.slice(0, 80);
  const refuse = (why: string): never => {
    throw new InputError(`the GeoJSON "crs" member names ${shown}: ${why}`, {
      file,
      field: 'crs',
      expected: 'RFC 7946 GeoJSON in WGS84 lon/lat, a "crs" member with an EPSG code the app knows, or --crs',
    });
  };
  if (name === undefined) return refuse('it has no name or EPSG code');
  try {
    return parseCrs(name);
  } catch (error) {
    if (isInputError(error)) return refuse(error.message);
    throw error;
  }
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

export async function readGeoJsonSource(file: string, bytes: Uint8Array, options: ImportOptions, progress: ImportProgress): Promise<SourceRead> {
  const { text, encoding, warning } = decodeText(bytes, file, options.encoding);
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (error) {
    throw new InputError(`not valid JSON: ${jsonErrorText((error as Error).message, text)}`, { file, expected: 'a GeoJSON document' });
  }
  await progress.at(0.2);
  const declared = isObject(root) && root.crs !== undefined && root.crs !== null ? legacyCrs(root.crs, file) : null;
  const warnings: string[] = warning ? [warning] : [];
  const crs = resolveImportCrs(options.crs, declared, file, warnings);
  const features = readFeatures(root, file);
  return {
    file,
    source: {
      kind: 'features',
      format: 'geojson',
      features,
      crs,
      crsChosen: declared !== null || (options.crs !== undefined && options.crs.trim() !== ''),
      encoding,
      warnings,
      progressFrom: 0.2,
    },
  };
}
