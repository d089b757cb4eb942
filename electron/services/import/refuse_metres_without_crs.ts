/**
 * A file that states no coordinate system is read as WGS84 lon/lat. When its numbers cannot be degrees
 * (most samples beyond ±1000), this refuses it before any row is read, naming the first such row and
 * the systems the numbers fit (shared/geodesy guessCrsFromCoordinates): a Gauss–Krüger zone from the
 * zone prefix, Web Mercator, or "choose the central meridian" for prefix-less eastings.
 */
import { ACCEPTED_CRS_FORMS, guessCrsFromCoordinates } from '../../../shared/geodesy/crs';
import { inputError, type RecordLocation } from './record_location';

export interface PositionSample {
  x: number;
  y: number;
  loc: RecordLocation;
  /** Field named in the message (the x column, or "geometry"). */
  field: string;
}

const GUESS_SAMPLE = 200;
/** Projected coordinates of planning data are metres in the thousands or more; 181..1000 is a typo, not a CRS. */
const METRES_ABOVE = 1000;

export function refuseMetresWithoutCrs(samples: readonly PositionSample[]): void {
  const finite = samples.filter((s) => Number.isFinite(s.x) && Number.isFinite(s.y));
  const metres = finite.filter((s) => Math.abs(s.x) > METRES_ABOVE || Math.abs(s.y) > METRES_ABOVE);
  // a few wild values among degrees are bad rows, reported one by one later
  if (metres.length === 0 || metres.length * 2 <= finite.length) return;
  const step = Math.max(1, Math.floor(metres.length / GUESS_SAMPLE));
  const sample: [number, number][] = [];
  for (let i = 0; i < metres.length; i += step) sample.push([metres[i].x, metres[i].y]);
  const best = guessCrsFromCoordinates(sample)[0];
  let advice: string;
  if (best?.spec) {
    const swap = best.swapAxes ? ' --swap-axes' : '';
    advice = `they fit ${best.spec.label} (${best.reason}): import with --crs ${best.spec.id}${swap}`;
  } else if (best) {
    advice = `${best.reason}; choose it with --crs, e.g. ${best.suggestedCodes
      .filter((code) => code === 4547 || code === 4546 || code === 4548 || code === 32650)
      .map((code) => `EPSG:${code}`)
      .join(', ')}`;
  } else {
    advice = `choose the coordinate system with --crs (${ACCEPTED_CRS_FORMS})`;
  }
  const first = metres[0];
  throw inputError(
    first.loc,
    first.field,
    `x=${first.x}, y=${first.y} are not longitude/latitude degrees, and the file states no coordinate system; ${advice}`,
    'WGS84 longitude/latitude, or --crs naming the projected system',
  );
}
