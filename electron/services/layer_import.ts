/**
 * Import service: read a file, parse and validate it completely, then write it in one transaction.
 * Nothing reaches the project unless the whole file is valid.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { InputError } from '../../shared/errors';
import type { FileSource, ImportOptions, ImportReport } from '../../shared/ipc/contract';
import type { ImportableLayer } from '../../shared/schemas/entities';
import { parseLayerFile } from './import/parse_layer_file';
import type { ProjectStore } from './store/project_store';

/** Files above this size are refused with a clear message rather than exhausting memory. */
export const MAX_IMPORT_BYTES = 1024 * 1024 * 1024;

export function readFileSource(source: FileSource): { name: string; bytes: Uint8Array } {
  if ('path' in source) {
    let size: number;
    try {
      size = statSync(source.path).size;
    } catch {
      throw new InputError('file not found or not readable', { file: source.path });
    }
    if (size > MAX_IMPORT_BYTES) {
      throw new InputError(`file is ${(size / 1048576).toFixed(0)} MB; the import limit is ${MAX_IMPORT_BYTES / 1048576} MB — split or clip it first`, {
        file: source.path,
      });
    }
    return { name: basename(source.path), bytes: readFileSync(source.path) };
  }
  return { name: source.name, bytes: Buffer.from(source.dataBase64, 'base64') };
}

export async function importLayer(
  store: ProjectStore,
  layer: ImportableLayer,
  source: FileSource,
  options: ImportOptions,
  progress?: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<ImportReport> {
  const { name, bytes } = readFileSource(source);
  const parsed = await parseLayerFile(layer, name, bytes, options, progress, signal);
  if (parsed.records.length === 0) {
    throw new InputError(`no ${layer} records found (${parsed.skippedCount} skipped)`, { file: name });
  }
  const imported = store.writeLayer(layer, parsed.records, {
    replace: options.replace,
    action: 'import',
    details: { file: name, format: parsed.format, skipped: parsed.skippedCount, mapping: parsed.detected.mapping },
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
