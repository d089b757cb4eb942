/**
 * Import format from the file extension (.csv/.tsv/.txt, .geojson/.json, .tif/.tiff), falling back
 * to the content: TIFF magic bytes, a JSON object/array, otherwise delimited text.
 */
import type { ImportFormat } from './parsed_layer';
import { isTiffMagic } from './parse_geotiff_population';

export interface DetectedFormat {
  format: ImportFormat;
  /** .tsv files are tab-separated whatever their header looks like. */
  tabSeparated: boolean;
}

const BY_EXTENSION: Record<string, ImportFormat> = {
  csv: 'csv',
  tsv: 'csv',
  txt: 'csv',
  geojson: 'geojson',
  json: 'geojson',
  tif: 'geotiff',
  tiff: 'geotiff',
};

export function detectFileFormat(fileName: string, bytes: Uint8Array): DetectedFormat {
  const extension = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
  const byExtension = BY_EXTENSION[extension];
  if (byExtension) return { format: byExtension, tabSeparated: extension === 'tsv' };
  if (isTiffMagic(bytes)) return { format: 'geotiff', tabSeparated: false };
  return { format: looksLikeJson(bytes) ? 'geojson' : 'csv', tabSeparated: false };
}

/** First non-blank character (after a UTF-8 BOM) is "{" or "[". */
function looksLikeJson(bytes: Uint8Array): boolean {
  let i = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  for (; i < bytes.length && i < 4096; i++) {
    const c = bytes[i];
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) continue;
    return c === 0x7b || c === 0x5b;
  }
  return false;
}
