/**
 * Entry point of the importers used by `siting import` and the app: parses and validates one file
 * for one layer and returns its records; the project store then writes them in one transaction.
 * Pure with respect to the project: nothing is written, and on any error nothing is returned —
 * bad input is an InputError naming the file, row/feature and field.
 *
 *   const parsed = await parseLayerFile('population', 'grid.csv', bytes, { map: { elderly: 'pop60plus' } });
 *   parsed.records[0] // { cellId: '0', lon: 114.200833, lat: 30.639167, elderly: 12.3737, ... }
 */
import { InputError } from '../../../shared/errors';
import type { ImportOptions } from '../../../shared/ipc/contract';
import type { ImportableLayer } from '../../../shared/schemas/entities';
import { IMPORTABLE_LAYERS } from '../../../shared/schemas/entities';
import { detectFileFormat } from './detect_file_format';
import { ImportProgress } from './import_progress';
import type { ParsedLayer } from './parsed_layer';
import { parseCsvLayer } from './parse_csv_layer';
import { parseGeoJsonLayer } from './parse_geojson_layer';
import { parseGeotiffPopulation } from './parse_geotiff_population';

export type { ParsedLayer, ImportFormat } from './parsed_layer';

/** JavaScript strings stop at about 512 M characters; larger text files cannot be decoded at once. */
export const MAX_TEXT_BYTES = 400 * 1024 * 1024;

/**
 * @param fileName name used for format detection and in messages (a base name is best)
 * @param progress called with fractions 0..1 every few percent
 * @param signal aborting it makes the import throw CancelledError
 */
export async function parseLayerFile<L extends ImportableLayer>(
  layer: L,
  fileName: string,
  bytes: Uint8Array,
  options: ImportOptions,
  progress?: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<ParsedLayer<L>> {
  if (!(IMPORTABLE_LAYERS as readonly string[]).includes(layer)) {
    throw new InputError(`layer "${String(layer)}" cannot be imported`, { field: 'layer', expected: IMPORTABLE_LAYERS.join(', ') });
  }
  const file = fileName.split(/[\\/]/).pop() || fileName;
  const reporter = new ImportProgress(progress, signal);
  reporter.checkAborted();
  if (bytes.byteLength === 0) throw new InputError('no data rows: the file is empty (0 bytes)', { file });
  const { format, tabSeparated } = detectFileFormat(file, bytes);
  if (format !== 'geotiff' && bytes.byteLength > MAX_TEXT_BYTES) {
    throw new InputError(`the file is ${Math.round(bytes.byteLength / 1048576)} MB; text files (CSV, GeoJSON) above ${MAX_TEXT_BYTES / 1048576} MB cannot be imported — split or clip it first`, {
      file,
    });
  }
  if (format === 'geotiff') {
    if (layer !== 'population') {
      throw new InputError(`GeoTIFF files can only be imported into the population layer, not ${layer}`, { file, field: 'layer', expected: 'population' });
    }
    return (await parseGeotiffPopulation(file, bytes, options, reporter, signal)) as ParsedLayer<L>;
  }
  if (format === 'geojson') return parseGeoJsonLayer(layer, file, bytes, options, reporter);
  return parseCsvLayer(layer, file, bytes, options, reporter, tabSeparated);
}
