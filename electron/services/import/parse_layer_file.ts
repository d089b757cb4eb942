/**
 * Entry point of the importers used by `siting import` and the app: parses and validates one file,
 * or several that belong together, for one layer and returns its records; the project store then
 * writes them in one transaction. Pure with respect to the project: nothing is written, and on any
 * error nothing is returned — bad input is an InputError naming the file, row/feature and field.
 *
 * Several files are accepted together when they are GeoTIFFs on one grid (summed, e.g. the WorldPop
 * age/sex bands into 60+) or the parts of one shapefile (.shp, .dbf, .prj, .cpg, .shx).
 *
 *   const parsed = await parseLayerFile('population', 'grid.csv', bytes, { map: { elderly: 'pop60plus' } });
 *   parsed.records[0] // { cellId: '0', lon: 114.200833, lat: 30.639167, elderly: 12.3737, ... }
 *   const sum = await parseLayerFiles('population', tenWorldPopBands, {}); // elderly = 60+ per cell
 */
import { InputError } from '../../../shared/errors';
import type { ImportableLayer } from '../../../shared/schemas/entities';
import { IMPORTABLE_LAYERS } from '../../../shared/schemas/entities';
import { detectFileFormat, fileExtension, type DetectedFormat } from './detect_file_format';
import { ImportProgress } from './import_progress';
import type { ImportFile, ParsedLayer, ParseOptions } from './parsed_layer';
import { parseFeatureLayer } from './parse_feature_layer';
import { parseGeotiffPopulation } from './parse_geotiff_population';
import { parseTableLayer } from './parse_table_layer';
import { readLayerSource } from './read_layer_source';

export type { ParsedLayer, ImportFormat, ImportFile } from './parsed_layer';
export { MAX_TEXT_BYTES } from './read_layer_source';

/** Files of a shapefile that may come along with the .shp. */
const SHAPEFILE_PARTS = new Set(['shp', 'dbf', 'shx', 'prj', 'cpg', 'sbn', 'sbx', 'qix', 'xml']);

/** The files with base names and their format; InputError when several files do not belong together. */
export function classifyInputs(inputs: ImportFile[]): { files: ImportFile[]; detected: DetectedFormat } {
  if (inputs.length === 0) throw new InputError('no file given', { expected: 'at least one file' });
  const files = inputs.map((input) => ({ name: input.name.split(/[\\/]/).pop() || input.name, bytes: input.bytes }));
  for (const file of files) {
    if (file.bytes.byteLength === 0) throw new InputError('no data rows: the file is empty (0 bytes)', { file: file.name });
  }
  const formats = files.map((file) => detectFileFormat(file.name, file.bytes));
  if (files.length === 1) return { files, detected: formats[0] };
  if (formats.every((f) => f.format === 'geotiff')) return { files, detected: formats[0] };
  if (files.every((f) => SHAPEFILE_PARTS.has(fileExtension(f.name)))) return { files, detected: { format: 'shapefile', tabSeparated: false } };
  throw new InputError(
    `${files.length} files were given; only several GeoTIFFs on one grid (summed) or the parts of one shapefile (.shp, .dbf, .prj, .cpg) can be imported together: ${files.map((f) => f.name).join(', ')}`,
    { file: files[0].name, expected: 'one file, GeoTIFFs to sum, or one shapefile' },
  );
}

/**
 * One file.
 * @param fileName name used for format detection and in messages (a base name is best)
 * @param progress called with fractions 0..1 every few percent
 * @param signal aborting it makes the import throw CancelledError
 */
export async function parseLayerFile<L extends ImportableLayer>(
  layer: L,
  fileName: string,
  bytes: Uint8Array,
  options: ParseOptions,
  progress?: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<ParsedLayer<L>> {
  return parseLayerFiles(layer, [{ name: fileName, bytes }], options, progress, signal);
}

/** One file, or several that belong together (GeoTIFFs to sum, a shapefile's parts). */
export async function parseLayerFiles<L extends ImportableLayer>(
  layer: L,
  inputs: ImportFile[],
  options: ParseOptions,
  progress?: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<ParsedLayer<L>> {
  if (!(IMPORTABLE_LAYERS as readonly string[]).includes(layer)) {
    throw new InputError(`layer "${String(layer)}" cannot be imported`, { field: 'layer', expected: IMPORTABLE_LAYERS.join(', ') });
  }
  const reporter = new ImportProgress(progress, signal);
  reporter.checkAborted();
  const { files, detected } = classifyInputs(inputs);
  if (detected.format === 'geotiff') {
    if (layer !== 'population') {
      throw new InputError(`GeoTIFF files can only be imported into the population layer, not ${layer}`, { file: files[0].name, field: 'layer', expected: 'population' });
    }
    return (await parseGeotiffPopulation(files, options, reporter, signal)) as ParsedLayer<L>;
  }
  const { file, source } = await readLayerSource(layer, files, detected, options, reporter);
  return source.kind === 'table' ? parseTableLayer(layer, file, source, options, reporter) : parseFeatureLayer(layer, file, source, options, reporter);
}
