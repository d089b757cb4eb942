/**
 * Facilities as the engine sees them, and the one check of them at every public entry.
 */
import { InputError } from '../../errors';

export interface FacilityInput {
  id: string;
  lon: number;
  lat: number;
  /** Day places (or beds) the facility offers; Infinity or undefined = unlimited. Only capacity-aware coverage reads it. */
  capacity?: number | null;
}

/**
 * Throws InputError naming the facility (row = its index) when an id, a coordinate or a capacity is bad.
 * @example checkFacilities([{ id: 'a', lon: 114.3, lat: 30.6 }], 'facilities')
 */
export function checkFacilities(facilities: readonly FacilityInput[], file = 'facilities'): void {
  const seen = new Set<string>();
  for (let i = 0; i < facilities.length; i++) {
    checkFacility(facilities[i], i, file);
    const id = facilities[i].id;
    if (seen.has(id)) throw new InputError(`duplicate facility id "${id}"`, { file, row: i, field: 'id' });
    seen.add(id);
  }
}

/**
 * Checks one facility (row = its position in the caller's list).
 * @example checkFacility({ id: 'a', lon: 114.3, lat: 30.6, capacity: 40 }, 0)
 */
export function checkFacility(f: FacilityInput, row: number, file = 'facilities'): void {
  if (typeof f.id !== 'string' || f.id.length === 0) throw new InputError('facility id must be a non-empty string', { file, row, field: 'id' });
  if (!Number.isFinite(f.lon) || Math.abs(f.lon) > 180) {
    throw new InputError(`facility ${f.id}: longitude must be in [-180, 180], got ${f.lon}`, { file, row, field: 'lon' });
  }
  if (!Number.isFinite(f.lat) || Math.abs(f.lat) > 90) {
    throw new InputError(`facility ${f.id}: latitude must be in [-90, 90], got ${f.lat}`, { file, row, field: 'lat' });
  }
  const capacity = f.capacity;
  if (capacity !== undefined && capacity !== null && !(capacity >= 0)) {
    throw new InputError(`facility ${f.id}: capacity must be ≥ 0, got ${capacity}`, { file, row, field: 'capacity' });
  }
}
