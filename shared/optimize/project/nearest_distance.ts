/**
 * Great-circle distance from every demand point to its nearest site (existing facilities, or the
 * chosen sites after a solve), exactly as haversineM measures it. A k-d tree over the sites is searched
 * in growing circles: once the best site found within a circle of radius r is ≤ r away, no site outside
 * the circle's bounding box can be nearer, so the answer is exact. Neighbouring demand points have
 * similar answers, so each search starts from the previous point's distance.
 */
import KDBush from 'kdbush';
import { circleBounds, haversineM } from '../../geodesy/haversine';
import type { PointArrays } from '../point_costs';

/** Half the Earth's circumference: no two points are farther apart. */
const MAX_DISTANCE_M = 20_037_509;

/**
 * Per demand point the distance in metres to the nearest site; Infinity for every point when there are
 * no sites.
 * @example nearestDistancesM(grid, { lon: Float64Array.of(114.3), lat: Float64Array.of(30.6) })[0]
 */
export function nearestDistancesM(demand: PointArrays, sites: PointArrays): Float64Array {
  const n = demand.lon.length;
  const out = new Float64Array(n).fill(Infinity);
  const siteCount = sites.lon.length;
  if (siteCount === 0 || n === 0) return out;
  const index = new KDBush(siteCount, 64, Float64Array);
  for (let j = 0; j < siteCount; j++) index.add(sites.lon[j], sites.lat[j]);
  index.finish();
  let hint = 500;
  for (let i = 0; i < n; i++) {
    const lon = demand.lon[i];
    const lat = demand.lat[i];
    let radius = Math.max(50, hint * 1.25);
    for (;;) {
      let best = Infinity;
      if (radius >= MAX_DISTANCE_M) {
        for (let j = 0; j < siteCount; j++) best = Math.min(best, haversineM(lon, lat, sites.lon[j], sites.lat[j]));
        out[i] = best;
        break;
      }
      const [minX, minY, maxX, maxY] = circleBounds(lon, lat, radius);
      for (const j of index.range(minX, minY, maxX, maxY)) {
        const d = haversineM(lon, lat, sites.lon[j], sites.lat[j]);
        if (d < best) best = d;
      }
      if (best <= radius) {
        out[i] = best;
        break;
      }
      radius *= 4;
    }
    hint = out[i];
  }
  return out;
}
