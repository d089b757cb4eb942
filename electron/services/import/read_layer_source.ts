/**
 * Reads the input files of a vector or table import into a LayerSource (rows or features in the
 * file's coordinates, plus what was detected), by format: the step shared by the importer
 * (parse_layer_file.ts) and the mapping preview (preview_layer_files.ts). GeoTIFFs are not read here.
 */
import { InputError } from '../../../shared/errors';
import type { ImportOptions } from '../../../shared/ipc/contract';
import type { ImportableLayer } from '../../../shared/schemas/entities';
import type { DetectedFormat } from './detect_file_format';
import type { ImportProgress } from './import_progress';
import type { SourceRead } from './layer_source';
import type { ImportFile } from './parsed_layer';
import { readCsvSource } from './read_csv_source';
import { readGeoJsonSource } from './read_geojson_source';
import { readGpkgSource } from './read_gpkg_source';
import { readKmlSource } from './read_kml_source';
import { readOsmSource } from './read_osm_source';
import { readShapefileSource } from './read_shapefile_source';

/** JavaScript strings stop at about 512 M characters; larger text files cannot be decoded at once. */
export const MAX_TEXT_BYTES = 400 * 1024 * 1024;
/** Formats decoded into one JavaScript string (OSM XML is streamed instead). */
const WHOLE_TEXT_FORMATS = new Set(['csv', 'geojson', 'kml']);

/** `files` is one file, or the parts of one shapefile; `detected` its format. */
export async function readLayerSource(
  layer: ImportableLayer,
  files: ImportFile[],
  detected: DetectedFormat,
  options: ImportOptions,
  progress: ImportProgress,
): Promise<SourceRead> {
  const [file] = files;
  const { format, tabSeparated } = detected;
  if (WHOLE_TEXT_FORMATS.has(format) && file.bytes.byteLength > MAX_TEXT_BYTES) {
    throw new InputError(
      `the file is ${Math.round(file.bytes.byteLength / 1048576)} MB; text files (CSV, GeoJSON, KML) above ${MAX_TEXT_BYTES / 1048576} MB cannot be imported — split or clip it first, or convert it to a GeoPackage`,
      { file: file.name },
    );
  }
  switch (format) {
    case 'geojson':
      return readGeoJsonSource(file.name, file.bytes, options, progress);
    case 'xlsx': {
      // exceljs takes about 0.5 s to load: only an XLSX import pays for it
      const { readXlsxSource } = await import('./read_xlsx_source');
      return readXlsxSource(file, options, progress);
    }
    case 'shapefile':
      return readShapefileSource(files, options, progress);
    case 'kml':
    case 'kmz':
      return readKmlSource(file, options, progress);
    case 'gpkg':
      return readGpkgSource(file, options, progress);
    case 'osm':
    case 'osm_pbf':
      return readOsmSource(layer, file, format, options, progress);
    case 'csv':
      return readCsvSource(file.name, file.bytes, options, progress, tabSeparated);
    default:
      throw new InputError(`${format} files are not read as vector or table data`, { file: file.name });
  }
}
