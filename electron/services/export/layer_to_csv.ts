/**
 * A layer's features as CSV text for spreadsheets: UTF-8 with a byte-order mark (so Excel opens
 * Chinese text correctly), CRLF line ends and RFC 4180 quoting. Point layers get `lon`, `lat`
 * columns; other layers a `wkt` geometry column (GDAL/QGIS read it as the geometry). Then the
 * properties, in first-seen order; objects (road tags) are written as JSON text. Columns:
 * fid, lon, lat | wkt, properties... Exported in a projected system (--crs EPSG:4547), the point
 * columns are called x, y (easting, northing) and the WKT holds projected coordinates.
 *
 * Formula injection (OWASP "CSV Injection"): a text cell, property name or JSON text that begins
 * with =, +, -, @, tab or carriage return is written with a leading apostrophe, so Excel, WPS and
 * LibreOffice show it as text instead of evaluating it (=HYPERLINK(...), @SUM(...), -1+2). The
 * rule follows the value's type, not its look: numbers (coordinates, counts, a floor level of -1)
 * are written as numbers and never prefixed; text such as "-1+2" or "+86 27 8888" always is, and
 * keeps the apostrophe when the CSV is read back.
 */
import type { LayerName } from '../../../shared/schemas/entities';
import { formatNumber, POINT_LAYERS, type ExportFeature } from './export_feature';
import { geometryToWkt, type AnyGeometry } from './geometry_to_wkt';

const BOM = '\uFEFF';
const CRLF = '\r\n';

/** Characters that make a spreadsheet read a cell as a formula (OWASP CSV injection list). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Text a spreadsheet must show as text: a leading apostrophe before a formula-starting character. */
export function spreadsheetText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** RFC 4180: fields with a comma, double quote, CR or LF are quoted, quotes doubled. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A spreadsheet table as CSV text: byte-order mark, CRLF, RFC 4180 quoting and the formula guard on
 * every text cell, numbers in full, empty fields for unknown values. The review and area tables use it.
 */
export function spreadsheetCsv(headings: readonly string[], rows: readonly (readonly (string | number | null)[])[]): string {
  const cell = (value: string | number | null): string => (value === null ? '' : typeof value === 'number' ? formatNumber(value) : csvField(spreadsheetText(value)));
  const lines = [headings.map(cell).join(',')];
  for (const row of rows) lines.push(row.map(cell).join(','));
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

/** A property as cell text: numbers as numbers, everything textual through spreadsheetText. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'string') return spreadsheetText(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return spreadsheetText(value.toISOString());
  return spreadsheetText(JSON.stringify(value));
}

export interface CsvOptions {
  /** Names of the point columns: lon, lat (default) or x, y for projected coordinates. */
  pointColumns?: [string, string];
}

export function layerToCsv(layer: LayerName, features: readonly ExportFeature[], options: CsvOptions = {}): string {
  const isPointLayer = POINT_LAYERS.includes(layer);
  const geometryColumns = isPointLayer ? (options.pointColumns ?? ['lon', 'lat']) : ['wkt'];
  const reserved = new Set(['fid', ...geometryColumns]);
  const propertyColumns: string[] = [];
  const seen = new Set<string>();
  for (const feature of features) {
    for (const key of Object.keys(feature.properties ?? {})) {
      if (!seen.has(key) && !reserved.has(key)) {
        seen.add(key);
        propertyColumns.push(key);
      }
    }
  }
  const lines: string[] = [['fid', ...geometryColumns, ...propertyColumns].map((name) => csvField(spreadsheetText(name))).join(',')];
  for (const feature of features) {
    const g = feature.geometry;
    let geometryCells: string[];
    if (isPointLayer) {
      const point = g !== null && g.type === 'Point' ? g.coordinates : null;
      geometryCells = point ? [formatNumber(point[0]), formatNumber(point[1])] : ['', ''];
    } else {
      geometryCells = [g === null ? '' : geometryToWkt(g as AnyGeometry)];
    }
    const properties = feature.properties ?? {};
    const cells = [String(feature.fid), ...geometryCells, ...propertyColumns.map((key) => cellText(properties[key]))];
    lines.push(cells.map(csvField).join(','));
  }
  return BOM + lines.join(CRLF) + CRLF;
}
