/**
 * The import dialog's preview, before anything is imported: the first rows, each column's detected
 * type and the field it would feed, every field of the layer with its unit and column (or none),
 * unmapped columns, required fields still missing, the detected CRS and encoding, and the coordinate
 * systems the numbers fit (shared/geodesy guessCrsFromCoordinates) — so the user can fix the mapping,
 * --crs or --swap-axes first. For GeoTIFFs: the bands, grid size, CRS and which count each band feeds.
 * Reads the files like the importer (same messages for unreadable files); builds no records.
 *
 *   const preview = await previewLayerFiles('facilities', [{ name: 'f.csv', bytes }], {});
 *   preview.columns[3] // { name: '经度', type: 'number', filled: 1, field: 'lon' }
 */
import { guessCrsFromCoordinates } from '../../../shared/geodesy/crs';
import type { CrsHintInput, CrsReasonCode } from '../../../shared/geodesy/crs_guess';
import { KindTally, type KindValueSummary } from '../../../shared/schemas/facility_kind_map';
import type { ImportableLayer } from '../../../shared/schemas/entities';
import { GEOMETRY_FIELD_INFO, LAYER_FIELD_INFO } from './field_units';
import { crsName } from './import_crs';
import { ImportProgress } from './import_progress';
import type { LayerSource } from './layer_source';
import { openRasterInput } from './open_raster_input';
import { classifyInputs } from './parse_layer_file';
import type { ImportFile, ImportFormat } from './parsed_layer';
import { checkSameGrid } from './parse_geotiff_population';
import { planRasterFields } from './plan_raster_fields';
import { readLayerSource } from './read_layer_source';
import { forEachRawPosition } from './read_layer_geometry';
import { isEmptyCell } from './read_cell_value';
import { splitLonLatCell } from './lon_lat_cell';
import type { ParseOptions } from './parsed_layer';
import { resolveColumns } from './resolve_columns';

/** Rows shown, and rows sampled for types and coordinates. */
const SHOWN_ROWS = 20;
const SAMPLED_ROWS = 500;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$|^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;
const BOOLEAN = /^(true|false|yes|no|是|否)$/i;
const COUNT_FIELDS = ['population', 'elderly', 'age65', 'age80'];

export type ColumnType = 'number' | 'boolean' | 'text' | 'empty' | 'mixed';

export interface ColumnPreview {
  name: string;
  type: ColumnType;
  /** Share of sampled rows with a value. */
  filled: number;
  /** Target field the column feeds, or null (unmapped). */
  field: string | null;
}

export interface FieldPreview {
  field: string;
  description: string;
  unit: string | null;
  column: string | null;
}

export interface CrsSuggestion {
  crs: string | null;
  swapAxes: boolean;
  confidence: 'high' | 'medium' | 'low';
  reason: string;
  reasonCode: CrsReasonCode;
  reasonParams: Record<string, string | number>;
  suggestedCodes: readonly number[];
}

export interface ImportPreview {
  layer: ImportableLayer;
  file: string;
  format: ImportFormat;
  crs: string | null;
  /** True when the CRS comes from --crs or the file; false when WGS84 is only assumed. */
  crsDeclared: boolean;
  encoding: string | null;
  sourceLayers?: string[];
  warnings: string[];
  /** Data rows (tables), features, or raster cells. */
  rowCount: number;
  columns: ColumnPreview[];
  /** The first rows: column → value as read. */
  rows: Record<string, unknown>[];
  fields: FieldPreview[];
  unmappedColumns: string[];
  /** Fields without which nothing can be imported, still without a column (and no default). */
  missing: string[];
  /** What the coordinates fit, best first (empty for rasters and when nothing fits). */
  crsSuggestions: CrsSuggestion[];
  /** Feature count per geometry type (vector files). */
  geometryTypes?: Record<string, number>;
  /** Facilities with a kind column: every distinct value over all rows, its count and its kind (or null: unmapped). */
  kindValues?: KindValueSummary[];
  /** GeoTIFFs: each file's name and band count, in the order given. */
  rasters?: { name: string; bandCount: number }[];
}

function columnType(values: unknown[]): { type: ColumnType; filled: number } {
  const kinds = new Set<ColumnType>();
  let filled = 0;
  for (const value of values) {
    if (isEmptyCell(value)) continue;
    filled++;
    if (typeof value === 'number') kinds.add('number');
    else if (typeof value === 'boolean') kinds.add('boolean');
    else if (typeof value === 'string') kinds.add(NUMBER.test(value.trim()) ? 'number' : BOOLEAN.test(value.trim()) ? 'boolean' : 'text');
    else kinds.add('text');
  }
  const type: ColumnType = kinds.size === 0 ? 'empty' : kinds.size === 1 ? [...kinds][0] : 'mixed';
  return { type, filled: values.length === 0 ? 0 : filled / values.length };
}

function suggestions(points: [number, number][], hints: CrsHintInput): CrsSuggestion[] {
  const finite = points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
  if (finite.length === 0) return [];
  return guessCrsFromCoordinates(finite, hints).map((c) => ({
    crs: c.spec ? crsName(c.spec) : null,
    swapAxes: c.swapAxes,
    confidence: c.confidence,
    reason: c.reason,
    reasonCode: c.reasonCode,
    reasonParams: { ...c.reasonParams },
    suggestedCodes: c.suggestedCodes,
  }));
}

function missingFields(layer: ImportableLayer, mapping: Record<string, string>, options: ParseOptions, table: boolean): string[] {
  const missing: string[] = [];
  if (layer === 'population' && !COUNT_FIELDS.some((f) => mapping[f])) missing.push('population|elderly|age65|age80');
  if (layer === 'facilities' && !mapping.kind && !options.kind) missing.push('kind');
  if (layer === 'estates' && !mapping.area_type) missing.push('area_type');
  if (table) {
    const needsWkt = layer === 'boundaries' || layer === 'roads';
    if (needsWkt && !mapping.wkt) missing.push('wkt');
    const hasXY = (mapping.lon && mapping.lat) || (!mapping.lon && !mapping.lat && mapping.lonlat);
    if (!needsWkt && !mapping.wkt && !hasXY) missing.push(!mapping.lon ? 'lon' : 'lat');
  }
  return missing;
}

function previewSource(layer: ImportableLayer, file: string, source: LayerSource, options: ParseOptions): ImportPreview {
  const table = source.kind === 'table';
  const kindTally = new KindTally({ map: options.kindMap ?? null, remembered: options.rememberedKindMap ?? null, fallback: options.kind });
  let columns: string[];
  let records: Record<string, unknown>[];
  let rowCount: number;
  let geometryTypes: Record<string, number> | undefined;
  const points: [number, number][] = [];
  if (source.kind === 'table') {
    const { rows } = source;
    const filled = (r: string[]) => r.some((c) => String(c ?? '').trim() !== '');
    let headerIndex = 0;
    while (headerIndex < rows.length && !filled(rows.cells(headerIndex))) headerIndex++;
    columns = headerIndex < rows.length ? rows.cells(headerIndex).map((c) => String(c ?? '').trim()) : [];
    const data: string[][] = [];
    rowCount = 0;
    const kindColumn = kindColumnOf(layer, file, columns, options, true);
    const kindIndex = kindColumn === undefined ? -1 : columns.indexOf(kindColumn);
    for (let i = headerIndex + 1; i < rows.length; i++) {
      const cells = rows.cells(i);
      if (!filled(cells)) continue;
      rowCount++;
      if (data.length < SAMPLED_ROWS) data.push(cells);
      if (kindIndex >= 0) kindTally.add(isEmptyCell(cells[kindIndex]) ? null : cells[kindIndex]);
    }
    records = data.map((cells) => Object.fromEntries(columns.map((name, i) => [name, cells[i]])));
  } else {
    columns = source.columns ?? [...new Set(source.features.flatMap((f) => Object.keys(f.properties)))];
    rowCount = source.features.length;
    records = source.features.slice(0, SAMPLED_ROWS).map((f) => f.properties);
    const kindColumn = kindColumnOf(layer, file, columns, options, false);
    if (kindColumn !== undefined) for (const feature of source.features) kindTally.add(isEmptyCell(feature.properties[kindColumn]) ? null : feature.properties[kindColumn]);
    geometryTypes = {};
    for (const feature of source.features) {
      const type = (feature.geometry as { type?: unknown } | null)?.type;
      const key = typeof type === 'string' ? type : 'null';
      geometryTypes[key] = (geometryTypes[key] ?? 0) + 1;
    }
    for (const feature of source.features.slice(0, SAMPLED_ROWS)) forEachRawPosition(feature.geometry, (x, y) => points.length < SAMPLED_ROWS && points.push([x, y]));
  }
  const mapping = resolveColumns({ file, layer, columns, map: options.map, geometryFields: table ? ['lon', 'lat', 'wkt', 'lonlat'] : [] });
  if (table && mapping.lon && mapping.lat) for (const row of records) points.push([Number(row[mapping.lon]), Number(row[mapping.lat])]);
  else if (table && mapping.lonlat) for (const row of records) points.push(splitLonLatCell(row[mapping.lonlat]).map(Number) as [number, number]);
  const hints: CrsHintInput = { columns, fileName: file, sourceValues: mapping.source ? records.map((row) => row[mapping.source]) : [] };
  const kindValues = layer === 'facilities' && mapping.kind !== undefined ? kindTally.summary() : undefined;
  const fieldOf = new Map(Object.entries(mapping).map(([field, column]) => [column, field]));
  const fieldInfo = { ...LAYER_FIELD_INFO[layer], ...(table ? GEOMETRY_FIELD_INFO : {}) };
  return {
    layer,
    file,
    format: source.format,
    crs: crsName(source.crs),
    crsDeclared: source.crsChosen,
    encoding: source.encoding,
    ...(source.sourceLayers ? { sourceLayers: source.sourceLayers } : {}),
    warnings: source.warnings,
    rowCount,
    columns: columns.map((name) => ({ name, ...columnType(records.map((r) => r[name])), field: fieldOf.get(name) ?? null })),
    rows: records.slice(0, SHOWN_ROWS),
    fields: Object.entries(fieldInfo).map(([field, info]) => ({ field, ...info, column: mapping[field] ?? null })),
    unmappedColumns: columns.filter((name) => name !== '' && !fieldOf.has(name)),
    missing: missingFields(layer, mapping, options, table),
    crsSuggestions: suggestions(points, hints),
    ...(geometryTypes ? { geometryTypes } : {}),
    ...(kindValues ? { kindValues } : {}),
  };
}

/** The column feeding the kind of a facilities file (as the import resolves it), or undefined. */
function kindColumnOf(layer: ImportableLayer, file: string, columns: string[], options: ParseOptions, table: boolean): string | undefined {
  if (layer !== 'facilities') return undefined;
  return resolveColumns({ file, layer, columns, map: options.map, geometryFields: table ? ['lon', 'lat', 'wkt', 'lonlat'] : [] }).kind;
}

export async function previewLayerFiles(
  layer: ImportableLayer,
  inputs: ImportFile[],
  options: ParseOptions,
  progress?: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<ImportPreview> {
  const reporter = new ImportProgress(progress, signal);
  const { files, detected } = classifyInputs(inputs);
  if (detected.format !== 'geotiff') {
    const { file, source } = await readLayerSource(layer, files, detected, options, reporter);
    return previewSource(layer, file, source, options);
  }
  const warnings: string[] = [];
  const rasters = [];
  for (const file of files) rasters.push(await openRasterInput(file, options, warnings, signal));
  // refused here as in the import: the dialog says it before anything is imported
  checkSameGrid(rasters);
  const rasterFiles = rasters.map((r) => ({ name: r.name, bandCount: r.bandCount }));
  let mapping: Record<string, string> = {};
  try {
    mapping = planRasterFields(rasterFiles, options).mapping;
  } catch (error) {
    // several files whose names say no count: the preview lists them (and their bands) for the
    // raster fields step, with the count still missing
    if ((error as { reason?: unknown }).reason !== 'raster_count_unknown') throw error;
  }
  const bands = rasters.flatMap((r) => Array.from({ length: r.bandCount }, (_, b) => (rasters.length === 1 ? `band${b + 1}` : `${r.name}[band${b + 1}]`)));
  return {
    layer,
    file: files[0].name,
    format: 'geotiff',
    crs: crsName(rasters[0].georef.crs),
    crsDeclared: true,
    encoding: null,
    warnings,
    rowCount: rasters[0].width * rasters[0].height,
    columns: bands.map((name) => ({ name, type: 'number', filled: 1, field: null })),
    rows: [],
    fields: Object.entries(LAYER_FIELD_INFO.population).map(([field, info]) => ({ field, ...info, column: mapping[field] ?? null })),
    unmappedColumns: [],
    missing: Object.keys(mapping).length > 0 ? [] : [COUNT_FIELDS.join('|')],
    crsSuggestions: [],
    rasters: rasterFiles,
  };
}
