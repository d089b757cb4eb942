/** The shape in which the project store hands a layer's features to the exporters. */
import type { Geometry } from '../../../shared/schemas/entities';

export interface ExportFeature {
  /** GeoPackage feature id. */
  fid: number;
  geometry: Geometry | null;
  /** snake_case column values (booleans as true/false, road tags as an object). */
  properties: Record<string, unknown>;
}

/** Layers stored as points, exported with lon/lat columns in CSV. */
export const POINT_LAYERS: readonly string[] = ['population', 'facilities', 'candidates', 'proposals'];

/**
 * Decimal text of a number without exponent notation (1.5e-7 → "0.00000015", 1e21 →
 * "1000000000000000000000"), keeping the shortest round-trip digits of String(value); spreadsheets
 * and WKT readers all understand it. Non-finite values give "".
 */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return '';
  const text = String(value);
  const match = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!match) return text;
  const [, sign, lead, fraction = '', exponentText] = match;
  const digits = lead + fraction;
  const point = 1 + Number(exponentText); // position of the decimal point within `digits`
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}
