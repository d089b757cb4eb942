/**
 * Features of a vector file (GeoJSON, shapefile, KML/KMZ, GeoPackage table) → validated records of one
 * layer. Each format reads its bytes into RawFeatures (properties + a GeoJSON-shaped geometry in the
 * file's coordinates); this maps properties to fields like CSV columns, reprojects every position to
 * WGS84, builds and validates the records. Messages name the 0-based feature index.
 */
import { InputError } from '../../../shared/errors';
import type { SkippedEntry } from '../../../shared/ipc/contract';
import type { CrsSpec } from '../../../shared/geodesy/crs';
import type { ImportableLayer, LayerRecordMap, PopulationCell } from '../../../shared/schemas/entities';
import { applyInferredCellSize } from './apply_inferred_cell_size';
import type { SourceRow } from './build_layer_record';
import { buildRowRecords } from './build_row_records';
import { lazySwapCheck, SwapEvidence } from './check_lon_lat';
import { checkRequiredFields } from './check_required_fields';
import { collectRoadTags } from './collect_road_tags';
import { crsName, isLonLatCrs } from './import_crs';
import type { ImportProgress } from './import_progress';
import type { ImportFormat, ParsedLayer, ParseOptions } from './parsed_layer';
import { finishKindTally, kindTallyFor } from './facility_kinds';
import { createPositionReader } from './position_reader';
import { forEachRawPosition } from './read_layer_geometry';
import type { RecordLocation } from './record_location';
import { refuseMetresWithoutCrs, type PositionSample } from './refuse_metres_without_crs';
import { resolveColumns } from './resolve_columns';
import { swappedAxesWarning } from './swapped_axes_warning';
import { validateRecords } from './validate_records';

export interface RawFeature {
  /** Feature id of the source (GeoJSON id, GeoPackage fid), used when no id property is mapped. */
  id: unknown;
  /** 0-based position in the source named in messages, when features were left out before (default: list index). */
  index?: number;
  properties: Record<string, unknown>;
  /** GeoJSON-shaped geometry in the file's CRS, or null. */
  geometry: unknown;
}

export interface FeatureSource {
  format: ImportFormat;
  features: RawFeature[];
  crs: CrsSpec;
  /** True when the CRS was chosen or declared, false when WGS84 was assumed. */
  crsChosen: boolean;
  encoding: string | null;
  /** Property names in a stable order; default: first-seen order over the features. */
  columns?: string[];
  sourceLayers?: string[];
  warnings: string[];
  /** Rows of the source skipped before this step (e.g. OSM ways without nodes), with reasons. */
  skipped?: SkippedEntry[];
  skippedCount?: number;
  progressFrom: number;
  /** Word for the empty-file message: "features", "placemarks", "records". */
  noun?: string;
}

function columnsOf(features: RawFeature[]): string[] {
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const feature of features) {
    for (const key of Object.keys(feature.properties)) {
      if (!seen.has(key)) {
        seen.add(key);
        columns.push(key);
      }
    }
  }
  return columns;
}

export async function parseFeatureLayer<L extends ImportableLayer>(
  layer: L,
  file: string,
  source: FeatureSource,
  options: ParseOptions,
  progress: ImportProgress,
): Promise<ParsedLayer<L>> {
  const { features, crs } = source;
  if (features.length === 0) throw new InputError(`no data rows: the file has no ${source.noun ?? 'features'}`, { file });
  const columns = source.columns ?? columnsOf(features);
  const mapping = resolveColumns({ file, layer, columns, map: options.map, geometryFields: [] });
  checkRequiredFields(layer, mapping, options, file, columns, 'property');

  const swapAxes = options.swapAxes === true;
  if (!source.crsChosen) {
    const samples: PositionSample[] = [];
    for (let i = 0; i < features.length && samples.length < 1000; i++) {
      forEachRawPosition(features[i].geometry, (x, y) => {
        if (samples.length < 1000) samples.push({ x, y, loc: { file, feature: features[i].index ?? i }, field: 'geometry' });
      });
    }
    refuseMetresWithoutCrs(samples);
  }
  const swapped = lazySwapCheck(() => {
    const evidence = new SwapEvidence();
    for (const feature of features) forEachRawPosition(feature.geometry, (x, y) => (swapAxes ? evidence.add(y, x) : evidence.add(x, y)));
    return evidence;
  });
  const toLonLat = createPositionReader({ crs, swapAxes, swapped });
  const tagExcluded = new Set(['fid', mapping.id, mapping.highway, mapping.name].filter((c): c is string => c !== undefined));

  const records: LayerRecordMap[L][] = [];
  const locations: RecordLocation[] = [];
  const from = source.progressFrom;
  const kindTally = kindTallyFor(layer, mapping, options);
  const idBase = options.generatedIdBase ?? 0;
  for (let i = 0; i < features.length; i++) {
    if (progress.due(i, features.length, from, 0.9)) await progress.step(i, features.length, from, 0.9);
    const feature = features[i];
    const loc: RecordLocation = { file, feature: feature.index ?? i };
    const featureId = typeof feature.id === 'string' || typeof feature.id === 'number' ? String(feature.id) : '';
    const row: SourceRow = {
      loc,
      get: (target) => (mapping[target] === undefined ? undefined : feature.properties[mapping[target]]),
      column: (target) => mapping[target] ?? target,
      // appended after whole-number ids: numbered from base + 1; else the 0-based index, as always
      fallbackId: featureId !== '' ? featureId : String(idBase > 0 ? idBase + 1 + i : i),
    };
    const built = buildRowRecords(layer, row, { raw: feature.geometry }, {
      kind: options.kind,
      illustrative: options.illustrative,
      kindTally,
      toLonLat,
      tags: () => collectRoadTags(Object.entries(feature.properties), tagExcluded),
    });
    for (const record of built) {
      records.push(record);
      locations.push(loc);
    }
  }

  const kinds = finishKindTally(kindTally, file, mapping.kind, 'feature');
  if (layer === 'population') applyInferredCellSize(records as PopulationCell[]);
  await progress.at(0.9);
  validateRecords(layer, records, locations);
  const warnings = [...source.warnings];
  if (!swapAxes && isLonLatCrs(crs)) {
    const warning = swappedAxesWarning(file, records);
    if (warning) warnings.push(warning);
  }
  await progress.at(1);
  return {
    layer,
    format: source.format,
    records,
    origins: locations,
    skipped: [...(source.skipped ?? []), ...kinds.skipped],
    skippedCount: (source.skippedCount ?? 0) + kinds.skippedCount,
    detected: {
      crs: crsName(crs),
      encoding: source.encoding,
      columns,
      mapping,
      ...(source.sourceLayers ? { sourceLayers: source.sourceLayers } : {}),
      ...(warnings.length > 0 ? { warnings } : {}),
      ...(kinds.kinds ? { kinds: kinds.kinds } : {}),
    },
  };
}
