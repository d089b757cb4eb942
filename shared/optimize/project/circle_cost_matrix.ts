/**
 * Straight-line costs (metres) between demand points and candidate sites, keeping a pair only when the
 * site is nearer than the point's own limit (its nearest existing facility) and within the common
 * cutoff: the pairs `chooseCostCutoff` counted. A k-d tree over the sites is searched once per demand
 * point with that point's radius.
 */
import KDBush from 'kdbush';
import { circleBounds, haversineM } from '../../geodesy/haversine';
import { costMatrixFromPairs } from '../cost_matrix';
import type { PointArrays, ProgressOptions } from '../point_costs';
import { SolveControl } from '../solve_control';
import type { CostMatrix } from '../types';

/**
 * Pairs with distance < limitM[i] and ≤ cutoffM (cutoffM may be Infinity; limitM[i] may be Infinity).
 * @example circleCostMatrix(grid, sites, baselineM, 2500).rowCost.length // pairs kept
 */
export function circleCostMatrix(
  demand: PointArrays,
  sites: PointArrays,
  limitM: Float64Array,
  cutoffM: number,
  options: ProgressOptions = {},
): CostMatrix {
  const control = new SolveControl(options.onProgress, options.signal);
  const demandCount = demand.lon.length;
  const siteCount = sites.lon.length;
  let demandIndex = new Int32Array(1 << 16);
  let siteIndex = new Int32Array(1 << 16);
  let cost = new Float64Array(1 << 16);
  let n = 0;
  const push = (i: number, j: number, d: number) => {
    if (n === cost.length) {
      const size = cost.length * 2;
      demandIndex = grow(demandIndex, new Int32Array(size));
      siteIndex = grow(siteIndex, new Int32Array(size));
      cost = grow(cost, new Float64Array(size));
    }
    demandIndex[n] = i;
    siteIndex[n] = j;
    cost[n++] = d;
  };
  const index = siteCount > 0 ? new KDBush(siteCount, 64, Float64Array) : null;
  if (index) {
    for (let j = 0; j < siteCount; j++) index.add(sites.lon[j], sites.lat[j]);
    index.finish();
  }
  for (let i = 0; i < demandCount && index; i++) {
    if ((i & 1023) === 0) control.report(i / demandCount);
    const lon = demand.lon[i];
    const lat = demand.lat[i];
    const limit = limitM[i];
    const radius = Math.min(limit, cutoffM);
    if (!(radius > 0)) continue;
    if (!Number.isFinite(radius)) {
      for (let j = 0; j < siteCount; j++) push(i, j, haversineM(lon, lat, sites.lon[j], sites.lat[j]));
      continue;
    }
    const [minX, minY, maxX, maxY] = circleBounds(lon, lat, radius);
    for (const j of index.range(minX, minY, maxX, maxY)) {
      const d = haversineM(lon, lat, sites.lon[j], sites.lat[j]);
      if (d < limit && d <= cutoffM) push(i, j, d);
    }
  }
  control.report(1);
  return costMatrixFromPairs(demandCount, siteCount, demandIndex.subarray(0, n), siteIndex.subarray(0, n), cost.subarray(0, n));
}

function grow<T extends Int32Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
