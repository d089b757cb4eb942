/**
 * Import format of a file. Binary formats are recognised by their bytes whatever the extension says
 * (an .xlsx saved as "data.csv" is still a workbook): TIFF, ZIP (a zipped shapefile, KMZ or XLSX by
 * its entries), SQLite (GeoPackage), OSM PBF. Text formats go by extension (.csv/.tsv/.txt,
 * .geojson/.json, .kml, .osm), else by content (JSON, <kml>, <osm>, otherwise delimited text).
 */
import { InputError } from '../../../shared/errors';
import { isTiffMagic } from './open_raster_input';
import { isSqliteMagic } from './read_gpkg_source';
import type { ImportFormat } from './parsed_layer';
import { isOsmPbfMagic } from './read_osm_pbf';
import { isZipMagic, listZipEntries } from './unzip_archive';

export interface DetectedFormat {
  format: ImportFormat;
  /** .tsv files are tab-separated whatever their header looks like. */
  tabSeparated: boolean;
}

const BY_EXTENSION: Record<string, ImportFormat> = {
  csv: 'csv',
  tsv: 'csv',
  txt: 'csv',
  xlsx: 'xlsx',
  xlsm: 'xlsx',
  geojson: 'geojson',
  json: 'geojson',
  tif: 'geotiff',
  tiff: 'geotiff',
  shp: 'shapefile',
  dbf: 'shapefile',
  shx: 'shapefile',
  prj: 'shapefile',
  cpg: 'shapefile',
  kml: 'kml',
  kmz: 'kmz',
  gpkg: 'gpkg',
  osm: 'osm',
  pbf: 'osm_pbf',
};

export function fileExtension(fileName: string): string {
  return /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
}

/** What a ZIP holds: a shapefile, a KMZ's KML, or a workbook. */
function zipFormat(fileName: string, bytes: Uint8Array): ImportFormat {
  const names = listZipEntries(bytes, fileName).map((e) => e.name.toLowerCase());
  if (names.includes('xl/workbook.xml')) return 'xlsx';
  if (names.some((n) => n.endsWith('.shp'))) return 'shapefile';
  if (names.some((n) => n.endsWith('.kml'))) return 'kmz';
  throw new InputError(`the ZIP holds no shapefile, KML or workbook; it has: ${names.slice(0, 10).join(', ') || '(nothing)'}`, {
    file: fileName,
    expected: 'a zipped shapefile (.shp, .dbf, .prj ...), a KMZ or an .xlsx',
  });
}

/** First non-blank character after a UTF-8 BOM, and the first 4 KB as text. */
function textStart(bytes: Uint8Array): { first: string; head: string } {
  let i = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && i < 4096 && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) i++;
  const head = new TextDecoder('utf-8').decode(bytes.subarray(i, Math.min(bytes.length, i + 4096)));
  return { first: head.charAt(0), head };
}

export function detectFileFormat(fileName: string, bytes: Uint8Array): DetectedFormat {
  const extension = fileExtension(fileName);
  if (extension === 'xls') {
    throw new InputError('old Excel .xls workbooks cannot be read', { file: fileName, expected: 'the workbook saved as .xlsx or as CSV (UTF-8)' });
  }
  if (isTiffMagic(bytes)) return { format: 'geotiff', tabSeparated: false };
  if (isZipMagic(bytes)) return { format: zipFormat(fileName, bytes), tabSeparated: false };
  if (isSqliteMagic(bytes)) return { format: 'gpkg', tabSeparated: false };
  if (isOsmPbfMagic(bytes)) return { format: 'osm_pbf', tabSeparated: false };
  const byExtension = BY_EXTENSION[extension];
  if (byExtension) return { format: byExtension, tabSeparated: extension === 'tsv' };
  const { first, head } = textStart(bytes);
  if (first === '{' || first === '[') return { format: 'geojson', tabSeparated: false };
  if (first === '<') {
    if (/<kml[\s>]/.test(head)) return { format: 'kml', tabSeparated: false };
    if (/<osm[\s>]/.test(head)) return { format: 'osm', tabSeparated: false };
    throw new InputError('an XML file that is neither KML nor OSM', { file: fileName, expected: 'KML, OSM XML, CSV, GeoJSON, shapefile, GeoPackage, XLSX or GeoTIFF' });
  }
  return { format: 'csv', tabSeparated: false };
}
