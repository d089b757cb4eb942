/**
 * Costs from straight-line (great-circle) distance between WGS84 points: the "circle" service area of
 * the engine. A demand point is within reach of a candidate when haversineM(...) ≤ radiusM, exactly
 * as the engine's circle coverage decides it.
 */
import KDBush from 'kdbush';
import { InputError } from '../errors';
import { circleBounds, DEG_TO_RAD, EARTH_RADIUS_M, haversineM } from '../geodesy/haversine';
import { costMatrixFromPairs } from './cost_matrix';
import { SolveControl } from './solve_control';
import type { AbortFlag, CostMatrix, CoverageSets } from './types';

/** Progress in [0, 1] and cancellation (throws CancelledError when `signal.aborted`). */
export interface ProgressOptions {
  onProgress?: (fraction: number) => void;
  signal?: AbortFlag;
}

/** Points as columns of WGS84 degrees (a DemandGrid fits this shape). */
export interface PointArrays {
  readonly lon: Float64Array;
  readonly lat: Float64Array;
}

/** Growable Int32Array / Float64Array pair used while the result size is unknown. */
class PairBuffer {
  index = new Int32Array(1024);
  cost = new Float64Array(0);
  length = 0;
  constructor(private readonly withCost: boolean) {
    if (withCost) this.cost = new Float64Array(1024);
  }
  push(i: number, c: number): void {
    if (this.length === this.index.length) {
      const index = new Int32Array(this.index.length * 2);
      index.set(this.index);
      this.index = index;
      if (this.withCost) {
        const cost = new Float64Array(this.cost.length * 2);
        cost.set(this.cost);
        this.cost = cost;
      }
    }
    this.index[this.length] = i;
    if (this.withCost) this.cost[this.length] = c;
    this.length++;
  }
}

/**
 * For every candidate, the demand points within radiusM (great-circle), using a k-d tree over the
 * demand points. Within a candidate the demand indices come in k-d tree order (deterministic).
 * @example
 *   coverageFromPoints({ lon: new Float64Array([114.3]), lat: new Float64Array([30.6]) },
 *                      { lon: new Float64Array([114.305]), lat: new Float64Array([30.6]) }, 1000).demand // Int32Array [0]
 */
export function coverageFromPoints(
  demand: PointArrays,
  candidates: PointArrays,
  radiusM: number,
  options: ProgressOptions = {},
): CoverageSets {
  const control = new SolveControl(options.onProgress, options.signal);
  checkPoints(demand, 'demand');
  checkPoints(candidates, 'candidates');
  if (!(radiusM > 0) || !Number.isFinite(radiusM)) {
    throw new InputError(`radiusM must be > 0, got ${radiusM}`, { field: 'radiusM' });
  }
  const demandCount = demand.lon.length;
  const candidateCount = candidates.lon.length;
  const start = new Int32Array(candidateCount + 1);
  const out = new PairBuffer(false);
  if (demandCount > 0) {
    const index = buildIndex(demand);
    // The k-d tree's own order: points near each other sit near each other in these arrays, so the
    // scan below reads memory in order however the input is ordered. Per point: the unit vector (for
    // a fast chord test) and the cosine of the latitude (for the haversine test the engine uses).
    const { ids, coords, nodeSize } = index;
    const ux = new Float64Array(demandCount);
    const uy = new Float64Array(demandCount);
    const uz = new Float64Array(demandCount);
    const cosLat = new Float64Array(demandCount);
    for (let t = 0; t < demandCount; t++) {
      const lam = coords[2 * t] * DEG_TO_RAD;
      const phi = coords[2 * t + 1] * DEG_TO_RAD;
      cosLat[t] = Math.cos(phi);
      ux[t] = cosLat[t] * Math.cos(lam);
      uy[t] = cosLat[t] * Math.sin(lam);
      uz[t] = Math.sin(phi);
    }
    // haversine distance is 2R·asin(√a): d ≤ r ⇔ a ≤ sin²(r / 2R). Points whose `a` lies within a
    // relative 1e-12 of the threshold are decided by haversineM itself, so the result equals the
    // engine's test bit for bit. `a` is also a quarter of the squared chord between the unit vectors:
    // that cheaper value decides every point outside a band, and the points inside the band go
    // through the haversine `a` and the test above. The chord's error is a rounding of the unit
    // vectors' components (about 1e-16 each) times the chord's length: relative, about 1e-6 m ÷ the
    // distance (3e-6 at 0.1 m), so the band is 1e-8 relative plus 1e-12 × the chord's length (that
    // is 6.4e-6 m ÷ the radius relative, twice the error or more; only small radii widen it).
    const threshold = Math.pow(Math.sin(radiusM / (2 * EARTH_RADIUS_M)), 2);
    const inside = threshold * (1 - 1e-12);
    const outside = threshold * (1 + 1e-12);
    const chordBand = 4 * threshold * 1e-8 + 1e-12 * 2 * Math.sqrt(threshold);
    const chordIn = 4 * threshold - chordBand;
    const chordOut = 4 * threshold + chordBand;
    const stack = new Int32Array(3 * 64);
    for (let j = 0; j < candidateCount; j++) {
      if ((j & 255) === 0) control.report(j / candidateCount);
      const lon = candidates.lon[j];
      const lat = candidates.lat[j];
      const cosJ = Math.cos(lat * DEG_TO_RAD);
      const cx = cosJ * Math.cos(lon * DEG_TO_RAD);
      const cy = cosJ * Math.sin(lon * DEG_TO_RAD);
      const cz = Math.sin(lat * DEG_TO_RAD);
      const [minX, minY, maxX, maxY] = circleBounds(lon, lat, radiusM);
      const test = (t: number): void => {
        const x = coords[2 * t];
        const y = coords[2 * t + 1];
        if (x < minX || x > maxX || y < minY || y > maxY) return;
        const dx = ux[t] - cx;
        const dy = uy[t] - cy;
        const dz = uz[t] - cz;
        const chord = dx * dx + dy * dy + dz * dz;
        if (chord > chordOut) return;
        if (chord < chordIn) {
          out.push(ids[t], 0);
          return;
        }
        const sLat = Math.sin((y - lat) * DEG_TO_RAD * 0.5);
        const sLon = Math.sin((x - lon) * DEG_TO_RAD * 0.5);
        const a = sLat * sLat + sLon * sLon * cosJ * cosLat[t];
        if (a < inside || (a <= outside && haversineM(lon, lat, x, y) <= radiusM)) out.push(ids[t], 0);
      };
      // The traversal of KDBush's range(): the same points in the same order.
      stack[0] = 0;
      stack[1] = ids.length - 1;
      stack[2] = 0;
      let sp = 3;
      while (sp > 0) {
        const axis = stack[--sp];
        const right = stack[--sp];
        const left = stack[--sp];
        if (right - left <= nodeSize) {
          for (let t = left; t <= right; t++) test(t);
          continue;
        }
        const m = (left + right) >> 1;
        const x = coords[2 * m];
        const y = coords[2 * m + 1];
        test(m);
        if (axis === 0 ? minX <= x : minY <= y) {
          stack[sp++] = left;
          stack[sp++] = m - 1;
          stack[sp++] = 1 - axis;
        }
        if (axis === 0 ? maxX >= x : maxY >= y) {
          stack[sp++] = m + 1;
          stack[sp++] = right;
          stack[sp++] = 1 - axis;
        }
      }
      start[j + 1] = out.length;
    }
  }
  control.report(1);
  return { demandCount, candidateCount, start, demand: out.index.slice(0, out.length) };
}

/**
 * Great-circle distances in metres between every demand point and every candidate, or only pairs
 * within `maxDistanceM` when given (the others are unreachable).
 * @example
 *   costMatrixFromPoints({ lon: new Float64Array([114.3]), lat: new Float64Array([30.6]) },
 *                        { lon: new Float64Array([114.31]), lat: new Float64Array([30.6]) }).rowCost[0] // ≈ 957.1
 */
export function costMatrixFromPoints(
  demand: PointArrays,
  candidates: PointArrays,
  maxDistanceM = Infinity,
  options: ProgressOptions = {},
): CostMatrix {
  const control = new SolveControl(options.onProgress, options.signal);
  checkPoints(demand, 'demand');
  checkPoints(candidates, 'candidates');
  if (!(maxDistanceM > 0)) throw new InputError(`maxDistanceM must be > 0, got ${maxDistanceM}`, { field: 'maxDistanceM' });
  const demandCount = demand.lon.length;
  const candidateCount = candidates.lon.length;
  const demandOut = new PairBuffer(false);
  const pairs = new PairBuffer(true);
  const index = Number.isFinite(maxDistanceM) && demandCount > 0 ? buildIndex(demand) : null;
  for (let j = 0; j < candidateCount; j++) {
    if ((j & 255) === 0) control.report(j / candidateCount);
    const lon = candidates.lon[j];
    const lat = candidates.lat[j];
    const push = (i: number) => {
      const d = haversineM(lon, lat, demand.lon[i], demand.lat[i]);
      if (d <= maxDistanceM) {
        demandOut.push(i, 0);
        pairs.push(j, d);
      }
    };
    if (index) {
      const [minX, minY, maxX, maxY] = circleBounds(lon, lat, maxDistanceM);
      for (const i of index.range(minX, minY, maxX, maxY)) push(i);
    } else {
      for (let i = 0; i < demandCount; i++) push(i);
    }
  }
  const n = pairs.length;
  control.report(1);
  return costMatrixFromPairs(
    demandCount,
    candidateCount,
    demandOut.index.subarray(0, n),
    pairs.index.subarray(0, n),
    pairs.cost.subarray(0, n),
  );
}

function buildIndex(points: PointArrays): KDBush {
  const index = new KDBush(points.lon.length, 64, Float64Array);
  for (let i = 0; i < points.lon.length; i++) index.add(points.lon[i], points.lat[i]);
  return index.finish();
}

function checkPoints(points: PointArrays, field: string): void {
  if (points.lon.length !== points.lat.length) {
    throw new InputError(`${field}: lon has ${points.lon.length} values, lat has ${points.lat.length}`, { field });
  }
  for (let i = 0; i < points.lon.length; i++) {
    const lon = points.lon[i];
    const lat = points.lat[i];
    if (!(lon >= -180 && lon <= 180) || !(lat >= -90 && lat <= 90)) {
      throw new InputError(`${field} point ${i}: longitude/latitude out of range (${lon}, ${lat})`, {
        field,
        expected: 'WGS84 degrees, lon in [-180, 180], lat in [-90, 90]',
      });
    }
  }
}
