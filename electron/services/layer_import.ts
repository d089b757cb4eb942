/**
 * Import service: read the file(s), parse and validate them completely, then write in one
 * transaction. Nothing reaches the project unless every record of every file is valid.
 *
 * A FileSource is a path (Electron, CLI: a .shp path brings its .dbf/.prj/.cpg/.shx from the same
 * folder), uploaded bytes (browser), or several uploaded files that belong together (a shapefile's
 * parts). Several sources (the CLI's `siting import p.gpkg population a.tif b.tif ...`) are parsed
 * together: GeoTIFFs on one grid are summed.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../../shared/errors';
import type { FileSource, ImportOptions, ImportReport } from '../../shared/ipc/contract';
import type { ImportableLayer } from '../../shared/schemas/entities';
import { parseLayerFiles, type ImportFile } from './import/parse_layer_file';
import type { ProjectStore } from './store/project_store';

/** Files above this size are refused with a clear message rather than exhausting memory. */
export const MAX_IMPORT_BYTES = 1024 * 1024 * 1024;
/** Sidecar files read together with a .shp given by path. */
const SHAPEFILE_SIDECARS = ['dbf', 'shx', 'prj', 'cpg'];

function readPath(path: string): ImportFile {
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new Error('not a file');
    size = stat.size;
  } catch {
    throw new InputError('file not found or not readable', { file: path });
  }
  if (size > MAX_IMPORT_BYTES) {
    throw new InputError(`file is ${(size / 1048576).toFixed(0)} MB; the import limit is ${MAX_IMPORT_BYTES / 1048576} MB — split or clip it first`, {
      file: path,
    });
  }
  return { name: basename(path), bytes: readFileSync(path) };
}

/** The .shp's sidecars in its folder (same base name, extension in any letter case). */
function shapefileSidecars(shpPath: string): string[] {
  const folder = dirname(shpPath);
  const stem = basename(shpPath).slice(0, -4).toLowerCase();
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  return names.filter((name) => {
    const at = name.lastIndexOf('.');
    return at > 0 && name.slice(0, at).toLowerCase() === stem && SHAPEFILE_SIDECARS.includes(name.slice(at + 1).toLowerCase());
  }).map((name) => join(folder, name));
}

function decodeUpload(file: { name: string; dataBase64: string }): ImportFile {
  if (file.dataBase64.length > (MAX_IMPORT_BYTES * 4) / 3 + 4) {
    throw new InputError(`the upload is larger than the import limit of ${MAX_IMPORT_BYTES / 1048576} MB`, { file: file.name });
  }
  return { name: file.name, bytes: Buffer.from(file.dataBase64, 'base64') };
}

/** The bytes of a FileSource, as one or more named files. */
export function readFileSources(source: FileSource): ImportFile[] {
  if ('path' in source) {
    const main = readPath(source.path);
    return /\.shp$/i.test(source.path) ? [main, ...shapefileSidecars(source.path).map(readPath)] : [main];
  }
  if ('files' in source) return source.files.map(decodeUpload);
  return [decodeUpload(source)];
}

/** How the report names the input: the file, the .shp of a shapefile, or the first of several. */
function reportName(files: ImportFile[]): string {
  if (files.length === 1) return files[0].name;
  const shp = files.find((f) => /\.shp$/i.test(f.name));
  if (shp) return shp.name;
  return files.length <= 3 ? files.map((f) => f.name).join(', ') : `${files[0].name} and ${files.length - 1} more`;
}

export async function importLayer(
  store: ProjectStore,
  layer: ImportableLayer,
  source: FileSource,
  options: ImportOptions,
  progress?: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<ImportReport> {
  return importLayerSources(store, layer, [source], options, progress, signal);
}

/** Several sources parsed together (GeoTIFFs to sum); one transaction for all. */
export async function importLayerSources(
  store: ProjectStore,
  layer: ImportableLayer,
  sources: FileSource[],
  options: ImportOptions,
  progress?: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<ImportReport> {
  const files = sources.flatMap(readFileSources);
  const total = files.reduce((sum, f) => sum + f.bytes.byteLength, 0);
  if (total > MAX_IMPORT_BYTES) {
    throw new InputError(`the files add up to ${(total / 1048576).toFixed(0)} MB; the import limit is ${MAX_IMPORT_BYTES / 1048576} MB`, { file: reportName(files) });
  }
  const parsed = await parseLayerFiles(layer, files, options, progress, signal);
  const name = reportName(files);
  if (parsed.records.length === 0) {
    throw new InputError(`no ${layer} records found (${parsed.skippedCount} skipped)`, { file: name });
  }
  const imported = store.writeLayer(layer, parsed.records, {
    replace: options.replace,
    action: 'import',
    details: {
      file: name,
      files: files.map((f) => f.name),
      format: parsed.format,
      crs: parsed.detected.crs,
      skipped: parsed.skippedCount,
      mapping: parsed.detected.mapping,
    },
  });
  return {
    layer,
    file: name,
    format: parsed.format,
    imported,
    skipped: parsed.skipped.slice(0, 100),
    skippedCount: parsed.skippedCount,
    detected: parsed.detected,
  };
}
