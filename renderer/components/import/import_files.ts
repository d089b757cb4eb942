/**
 * What the file input offers and how chosen files are named in the dialog. The extensions are the
 * formats the host reads (electron/services/import/detect_file_format.ts); a shapefile comes either
 * as one .zip or as its parts chosen together, several GeoTIFFs on one grid are summed.
 */

export const IMPORT_ACCEPT = [
  '.csv', '.tsv', '.txt', '.xlsx', '.xlsm',
  '.geojson', '.json',
  '.zip', '.shp', '.dbf', '.shx', '.prj', '.cpg',
  '.kml', '.kmz', '.gpkg', '.osm', '.pbf',
  '.tif', '.tiff',
].join(',');

/** Formats whose text encoding the user may override (CSV/TSV, GeoJSON, KML text; a shapefile's .dbf). */
export const TEXT_FORMATS: readonly string[] = ['csv', 'geojson', 'shapefile', 'kml', 'kmz'];

export interface ChosenFiles {
  names: string[];
  /** Total size; null when the host reads the file from a path (Electron). */
  bytes: number | null;
}

/**
 * How chosen files are named: parts of one dataset as "roads.{dbf, prj, shp, shx}", otherwise the
 * first three names and "and N more".
 */
export function describeFiles(names: readonly string[], more: (count: number) => string): string {
  const stems = new Set(names.map((name) => name.replace(/\.[^.]*$/, '')));
  if (names.length > 1 && stems.size === 1 && names.every((name) => /\.[^.]+$/.test(name))) {
    return `${[...stems][0]}.{${names.map((name) => name.slice(name.lastIndexOf('.') + 1)).join(', ')}}`;
  }
  if (names.length <= 3) return names.join(', ');
  return `${names.slice(0, 3).join(', ')} ${more(names.length - 3)}`;
}

/** 1536 → "1.5 KB" (sizes of uploads; binary units, as file managers show them). */
export function formatBytes(bytes: number, locale: string): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
}

/**
 * Skipped rows an import report does not show: the report's skippedCount less the rows its first
 * `shown` entries stand for (an entry may be a summary of many rows: blank rows, nodata cells, a
 * skipped kind value; default 1). A GeoTIFF's one nodata entry covers all its skipped cells: 0 more.
 * @example skippedRowsNotShown([{ count: 2277540 }], 2277540, 5) // 0
 */
export function skippedRowsNotShown(skipped: ReadonlyArray<{ count?: number }>, skippedCount: number, shown: number): number {
  const covered = skipped.slice(0, shown).reduce((sum, entry) => sum + (entry.count ?? 1), 0);
  return Math.max(0, skippedCount - covered);
}
