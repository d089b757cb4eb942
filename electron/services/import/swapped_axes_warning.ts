/**
 * The "only suspicious" half of the swapped lon/lat diagnosis. Clearly swapped files (a latitude
 * beyond ±90 while every longitude could be a latitude) are refused by check_lon_lat.ts; this looks
 * at files whose numbers are valid either way and warns when every position lies outside China but
 * would lie inside it with longitude and latitude exchanged (e.g. western Xinjiang written lat, lon).
 */
import { isOutOfChina } from '../../../shared/geodesy/gcj02';
import type { ImportableLayer, LayerRecordMap } from '../../../shared/schemas/entities';
import { SWAP_AXES_HINT } from './import_crs';

/** At most this many positions are tested (spread over the file). */
const SAMPLE = 2000;

/** One WGS84 position per record: the point, or the first vertex of the geometry. */
export function recordPosition(record: LayerRecordMap[ImportableLayer]): [number, number] | null {
  const r = record as { lon?: number; lat?: number; geometry?: { type: string; coordinates: unknown } };
  if (typeof r.lon === 'number' && typeof r.lat === 'number') return [r.lon, r.lat];
  let node: unknown = r.geometry?.coordinates;
  while (Array.isArray(node) && Array.isArray(node[0])) node = node[0];
  return Array.isArray(node) && typeof node[0] === 'number' && typeof node[1] === 'number' ? [node[0], node[1]] : null;
}

/** The warning text, or null when the positions give no reason to suspect swapped axes. */
export function swappedAxesWarning(file: string, records: readonly LayerRecordMap[ImportableLayer][]): string | null {
  if (records.length === 0) return null;
  const step = Math.max(1, Math.floor(records.length / SAMPLE));
  let tested = 0;
  for (let i = 0; i < records.length; i += step) {
    const p = recordPosition(records[i]);
    if (p === null) continue;
    const [lon, lat] = p;
    if (!isOutOfChina(lon, lat) || Math.abs(lon) > 90 || isOutOfChina(lat, lon)) return null;
    tested++;
  }
  if (tested === 0) return null;
  return `${file}: every position lies outside China but would lie inside it with longitude and latitude exchanged; ${SWAP_AXES_HINT}`;
}
