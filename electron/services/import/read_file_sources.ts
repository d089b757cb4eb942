/**
 * The bytes of the files an import reads. A FileSource is a path (Electron, CLI: a .shp path brings
 * its .dbf/.prj/.cpg/.shx from the same folder), uploaded bytes (browser), or several uploaded files
 * that belong together (a shapefile's parts). Files above MAX_IMPORT_BYTES are refused with a clear
 * message rather than exhausting memory.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../../../shared/errors';
import type { FileSource } from '../../../shared/ipc/contract';
import type { ImportFile } from './parse_layer_file';

/** Largest file, and largest sum of the files of one import, in bytes. */
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
    throw new InputError('file not found or not readable', { file: path }, { reason: 'import_unreadable' });
  }
  if (size > MAX_IMPORT_BYTES) {
    throw new InputError(
      `file is ${(size / 1048576).toFixed(0)} MB; the import limit is ${MAX_IMPORT_BYTES / 1048576} MB — split or clip it first`,
      { file: path },
      { reason: 'import_too_large', params: { limit: MAX_IMPORT_BYTES / 1048576 } },
    );
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
    throw new InputError(`the upload is larger than the import limit of ${MAX_IMPORT_BYTES / 1048576} MB`, { file: file.name }, {
      reason: 'import_too_large',
      params: { limit: MAX_IMPORT_BYTES / 1048576 },
    });
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
