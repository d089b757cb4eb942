/**
 * The coordinate check shared by CSV columns and GeoJSON positions: finite, lon in [-180, 180],
 * lat in [-90, 90], and the "lon/lat look swapped" diagnosis when every longitude of the file would
 * be a valid latitude while some latitude is not.
 */
import { inputError, type RecordLocation } from './record_location';

/**
 * Evidence about the whole file, computed only when a latitude is out of range (the slow path).
 * Returns true when every finite lon value lies in [-90, 90] and some lat value lies outside it.
 */
export type SwapCheck = () => boolean;

/** Memoises a swap check: the scan over the file runs at most once. */
export function lazySwapCheck(scan: () => { lonAllLatLike: boolean; latOutside: boolean }): SwapCheck {
  let cached: boolean | null = null;
  return () => {
    if (cached === null) {
      const { lonAllLatLike, latOutside } = scan();
      cached = lonAllLatLike && latOutside;
    }
    return cached;
  };
}

/** Accumulates the swap evidence over lon/lat pairs. */
export class SwapEvidence {
  lonAllLatLike = true;
  latOutside = false;
  add(lon: number, lat: number): void {
    if (Number.isFinite(lon) && (lon < -90 || lon > 90)) this.lonAllLatLike = false;
    if (Number.isFinite(lat) && (lat < -90 || lat > 90)) this.latOutside = true;
  }
}

export interface LonLatFields {
  /** Names for messages: the CSV columns, or "coordinates[3]" for GeoJSON. */
  lon: string;
  lat: string;
  /** Shown in the swap hint: how to swap (e.g. "--map lon=lat lat=lon"). */
  swapHint: string;
}

/** Throws an InputError naming the location when lon/lat is not a valid WGS84 position. */
export function checkLonLat(lon: number, lat: number, loc: RecordLocation, fields: LonLatFields, swapped: SwapCheck): void {
  if (!Number.isFinite(lon)) throw inputError(loc, fields.lon, `longitude is not a finite number, got ${lon}`, 'a longitude in [-180, 180]');
  if (!Number.isFinite(lat)) throw inputError(loc, fields.lat, `latitude is not a finite number, got ${lat}`, 'a latitude in [-90, 90]');
  if (lat < -90 || lat > 90) {
    if (swapped()) {
      throw inputError(
        loc,
        fields.lat,
        `lon/lat look swapped: latitude ${lat} is outside [-90, 90] while every longitude of the file lies within [-90, 90]; ${fields.swapHint}`,
        'longitude first, latitude second',
        { reason: 'coordinates_swapped', params: { x: lon, y: lat } },
      );
    }
    throw inputError(loc, fields.lat, `latitude must be within [-90, 90], got ${lat}${projectedHint(lat)}`, 'a WGS84 latitude in degrees');
  }
  if (lon < -180 || lon > 180) {
    throw inputError(loc, fields.lon, `longitude must be within [-180, 180], got ${lon}${projectedHint(lon)}`, 'a WGS84 longitude in degrees');
  }
}

function projectedHint(value: number): string {
  return Math.abs(value) > 1000 ? ' (this looks like a projected coordinate in metres: name the coordinate system with --crs, e.g. --crs EPSG:4547)' : '';
}
