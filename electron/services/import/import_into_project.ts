/**
 * One import from files into the project, with progress and cancellation over all of it: read the
 * file(s), parse and check every record, then write them in ONE transaction in steps
 * (ProjectStore.writeLayerInSteps). An abort at any point — while parsing, or between two write
 * steps — throws CancelledError and leaves the project exactly as it was: no feature, no audit entry
 * (the replaced features of a --replace come back with the rollback).
 *
 * The CLI, the app's import jobs, the sample projects and the tests all import through it; several
 * sources (`siting import p.gpkg population a.tif b.tif ...`) are parsed together, GeoTIFFs on one grid
 * summed. The progress callback is told the phase too:
 *
 *   const report = await importIntoProject(store, 'population', tenBands, {}, (f, phase) => bar(f, phase), signal);
 */
import { InputError } from '../../../shared/errors';
import type { FileSource, IMPORT_PHASES, ImportOptions, ImportReport } from '../../../shared/ipc/contract';
import { POPULATION_NOTE_KEY, noteFields, readPopulationNote, type PopulationImportNote, type PopulationNote } from '../../../shared/import/population_note';
import type { ImportableLayer, PopulationCell } from '../../../shared/schemas/entities';
import type { ProjectStore } from '../store/project_store';
import { FacilityKindMap, KIND_MAP_SETTING, mergeKindMaps } from '../../../shared/schemas/facility_kind_map';
import { parseLayerFiles, type ImportFile } from './parse_layer_file';
import type { ParseOptions, ParsedLayer } from './parsed_layer';
import { MAX_IMPORT_BYTES, readFileSources } from './read_file_sources';

/** What an import is doing: reading the files, parsing and checking records, writing them. */
export type ImportPhase = (typeof IMPORT_PHASES)[number];

/**
 * Share of the whole import taken by parsing; writing takes the rest. Measured (issue 14, CPU time):
 * a 1,000,000-row CSV grid parse ≈ 2.0 s, write ≈ 1.3 s; the ten Wuhan WorldPop bands (494,676
 * cells) parse ≈ 0.8 s, write ≈ 0.7 s.
 */
const PARSE_SHARE = 0.6;

/** How the report names the input: the file, the .shp of a shapefile, or the first of several. */
function reportName(files: ImportFile[]): string {
  if (files.length === 1) return files[0].name;
  const shp = files.find((f) => /\.shp$/i.test(f.name));
  if (shp) return shp.name;
  return files.length <= 3 ? files.map((f) => f.name).join(', ') : `${files[0].name} and ${files.length - 1} more`;
}

export async function importIntoProject(
  store: ProjectStore,
  layer: ImportableLayer,
  sources: FileSource[],
  options: ImportOptions,
  progress?: (fraction: number, phase: ImportPhase) => void,
  signal?: AbortSignal,
): Promise<ImportReport> {
  progress?.(0, 'reading');
  const files = sources.flatMap(readFileSources);
  const name = reportName(files);
  const total = files.reduce((sum, f) => sum + f.bytes.byteLength, 0);
  if (total > MAX_IMPORT_BYTES) {
    throw new InputError(`the files add up to ${(total / 1048576).toFixed(0)} MB; the import limit is ${MAX_IMPORT_BYTES / 1048576} MB`, { file: name }, {
      reason: 'import_too_large',
      params: { limit: MAX_IMPORT_BYTES / 1048576 },
    });
  }
  const rememberedKindMap = layer === 'facilities' ? rememberedKindMapOf(store) : null;
  // rows without an id are numbered above the layer's ids when they are added to it (issue 15)
  const generatedIdBase = layer !== 'population' && !options.replace ? store.largestWholeNumberId(layer) : 0;
  const parseOptions: ParseOptions = { ...options, rememberedKindMap, generatedIdBase };
  const parsed = await parseLayerFiles(layer, files, parseOptions, (fraction) => progress?.(fraction * PARSE_SHARE, 'parsing'), signal);
  if (parsed.records.length === 0) {
    throw new InputError(`no ${layer} records found (${parsed.skippedCount} skipped)`, { file: name }, {
      reason: 'import_no_records',
      params: { layer, skipped: parsed.skippedCount },
    });
  }
  // Parsed; the writing phase begins once the write lock is taken (writeLayerInSteps reports 0 then):
  // until then the import may wait for another program, and nothing is open on the connection.
  progress?.(PARSE_SHARE, 'parsing');
  const kinds = parsed.detected.kinds;
  const rememberKinds = kinds && kinds.some((entry) => entry.source === 'map' && entry.value !== '') ? kinds : null;
  const imported = await store.writeLayerInSteps(
    layer,
    parsed.records,
    {
      replace: options.replace,
      append: options.append,
      action: 'import',
      origins: parsed.origins,
      details: {
        file: name,
        files: files.map((f) => f.name),
        format: parsed.format,
        crs: parsed.detected.crs,
        skipped: parsed.skippedCount,
        mapping: parsed.detected.mapping,
      },
      // the population note is rewritten in the import's transaction: it describes these cells;
      // the values the user mapped become the project's default for the next import (CLI and app
      // alike), written in the same transaction
      ...(layer === 'population' ? { settings: populationNoteSettings(parsed as ParsedLayer<'population'>, files, options) } : {}),
      ...(rememberKinds ? { settings: () => ({ [KIND_MAP_SETTING]: mergeKindMaps(rememberedKindMap, rememberKinds) }) } : {}),
    },
    { signal, progress: (fraction) => progress?.(PARSE_SHARE + (1 - PARSE_SHARE) * fraction, 'writing') },
  );
  return {
    layer,
    file: name,
    format: parsed.format,
    imported,
    skipped: parsed.skipped.slice(0, 100),
    skippedCount: parsed.skippedCount,
    files: files.map((f) => f.name),
    ...(kinds ? { kinds } : {}),
    detected: parsed.detected,
  };
}

/**
 * The project's remembered facility-kind mapping; a stored value that is not a valid mapping (an
 * older or edited file) is ignored rather than blocking every import: the preview shows no
 * remembered choices and the next import with a mapping overwrites it.
 */
export function rememberedKindMapOf(store: Pick<ProjectStore, 'getSetting'>): FacilityKindMap | null {
  const parsed = FacilityKindMap.safeParse(store.getSetting<unknown>(KIND_MAP_SETTING));
  return parsed.success ? parsed.data : null;
}

/**
 * The population note after this import: this import alone (first import or --replace), or the
 * earlier imports and this one (--append; an older project's free-text note is dropped).
 */
function populationNoteSettings(parsed: ParsedLayer<'population'>, files: ImportFile[], options: ImportOptions) {
  const { mapping } = parsed.detected;
  const sources = Object.fromEntries(Object.entries(mapping).map(([field, column]) => [field, parsed.fieldSources?.[field] ?? [column]]));
  const entry: PopulationImportNote = {
    importedAt: new Date().toISOString(),
    format: parsed.format,
    files: files.map((f) => f.name),
    crs: parsed.detected.crs,
    cells: parsed.records.length,
    fields: noteFields(parsed.records as readonly PopulationCell[], sources),
  };
  return (stored: (key: string) => unknown): Record<string, unknown> => {
    const before = options.append ? readPopulationNote(stored(POPULATION_NOTE_KEY)) : null;
    const note: PopulationNote = { imports: [...(before?.imports ?? []), entry] };
    return { [POPULATION_NOTE_KEY]: note };
  };
}

/** importIntoProject of one source. @example await importLayer(store, 'boundaries', { path: 'wuhan.geojson' }, {}) */
export async function importLayer(
  store: ProjectStore,
  layer: ImportableLayer,
  source: FileSource,
  options: ImportOptions,
  progress?: (fraction: number, phase: ImportPhase) => void,
  signal?: AbortSignal,
): Promise<ImportReport> {
  return importIntoProject(store, layer, [source], options, progress, signal);
}
