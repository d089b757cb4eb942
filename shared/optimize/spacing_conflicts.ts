/**
 * Minimum spacing between new sites: pairs of candidates closer than `minSpacingM` (great-circle)
 * may not both be opened. The pairs become x_a + x_b ≤ 1 in the MIPs and are respected by every
 * greedy and swap move.
 */
import KDBush from 'kdbush';
import { InputError } from '../errors';
import { circleBounds, haversineM } from '../geodesy/haversine';
import type { PointArrays } from './point_costs';
import type { ConflictGraph } from './types';

/**
 * Conflict graph of candidates (only those with eligible = 1 when given) closer than minSpacingM.
 * Two sites exactly minSpacingM apart are allowed.
 * @example
 *   spacingConflicts({ lon: new Float64Array([114.3, 114.301]), lat: new Float64Array([30.6, 30.6]) }, 500).neighbour
 *   // Int32Array [1, 0]  (the two points are ≈ 96 m apart)
 */
export function spacingConflicts(points: PointArrays, minSpacingM: number, eligible?: Uint8Array): ConflictGraph {
  if (!(minSpacingM >= 0) || !Number.isFinite(minSpacingM)) {
    throw new InputError(`minSpacingM must be ≥ 0, got ${minSpacingM}`, { field: 'minSpacingM' });
  }
  const n = points.lon.length;
  if (points.lat.length !== n) throw new InputError('candidate lon and lat differ in length', { field: 'candidates' });
  if (eligible && eligible.length !== n) throw new InputError(`eligible has ${eligible.length} entries, expected ${n}`, { field: 'eligible' });
  const start = new Int32Array(n + 1);
  const lists: number[][] = Array.from({ length: n }, () => []);
  if (minSpacingM > 0 && n > 1) {
    const index = new KDBush(n, 64, Float64Array);
    for (let j = 0; j < n; j++) index.add(points.lon[j], points.lat[j]);
    index.finish();
    for (let a = 0; a < n; a++) {
      if (eligible && !eligible[a]) continue;
      const [minX, minY, maxX, maxY] = circleBounds(points.lon[a], points.lat[a], minSpacingM);
      for (const b of index.range(minX, minY, maxX, maxY)) {
        if (b === a || (eligible && !eligible[b])) continue;
        if (haversineM(points.lon[a], points.lat[a], points.lon[b], points.lat[b]) < minSpacingM) lists[a].push(b);
      }
      lists[a].sort((x, y) => x - y);
    }
  }
  for (let a = 0; a < n; a++) start[a + 1] = start[a] + lists[a].length;
  const neighbour = new Int32Array(start[n]);
  for (let a = 0; a < n; a++) neighbour.set(lists[a], start[a]);
  return { candidateCount: n, start, neighbour };
}
