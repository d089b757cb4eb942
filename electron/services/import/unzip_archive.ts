/**
 * ZIP archives (zipped shapefiles, KMZ, XLSX are ZIPs): entry listing and extraction with fflate,
 * with the declared uncompressed sizes checked first so a "zip bomb" is refused before inflating.
 */
import { unzipSync } from 'fflate';
import { InputError } from '../../../shared/errors';

/** Uncompressed bytes an import may unpack from one archive. */
export const MAX_UNZIPPED_BYTES = 1024 * 1024 * 1024;

export interface ZipEntry {
  /** Path inside the archive ("folder/roads.shp"). */
  name: string;
  /** Declared uncompressed size in bytes. */
  size: number;
}

export function isZipMagic(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

function zipError(error: unknown, file: string): InputError {
  const reason = error instanceof Error ? error.message : String(error);
  return new InputError(`not a readable ZIP archive (${reason}): is the file complete?`, { file, expected: 'a complete .zip/.kmz file' });
}

/** Names and sizes of the archive's files (directories and macOS resource forks left out). */
export function listZipEntries(bytes: Uint8Array, file: string): ZipEntry[] {
  const entries: ZipEntry[] = [];
  try {
    unzipSync(bytes, {
      filter: (info) => {
        if (!info.name.endsWith('/') && !info.name.startsWith('__MACOSX/')) entries.push({ name: info.name, size: info.originalSize });
        return false;
      },
    });
  } catch (error) {
    throw zipError(error, file);
  }
  return entries;
}

/** Extracts the entries whose names `want` accepts; InputError when they would unpack too large. */
export function unzipEntries(bytes: Uint8Array, file: string, want: (name: string) => boolean): Map<string, Uint8Array> {
  const entries = listZipEntries(bytes, file).filter((e) => want(e.name));
  const total = entries.reduce((sum, e) => sum + e.size, 0);
  if (total > MAX_UNZIPPED_BYTES) {
    throw new InputError(`the archive would unpack to ${Math.round(total / 1048576)} MB; the limit is ${MAX_UNZIPPED_BYTES / 1048576} MB`, {
      file,
      expected: 'a smaller archive, or its files imported one by one',
    });
  }
  const names = new Set(entries.map((e) => e.name));
  let unpacked: Record<string, Uint8Array>;
  try {
    unpacked = unzipSync(bytes, { filter: (info) => names.has(info.name) });
  } catch (error) {
    throw zipError(error, file);
  }
  const result = new Map<string, Uint8Array>();
  for (const entry of entries) {
    const data = unpacked[entry.name];
    if (data === undefined) throw new InputError(`the archive entry ${entry.name} could not be read`, { file, expected: 'a complete archive' });
    result.set(entry.name, data);
  }
  return result;
}
