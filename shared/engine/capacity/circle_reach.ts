/**
 * Reach lists in circle mode: the cells whose centre lies within radiusM (haversine, as Turf) of each
 * facility, nearest first. Same shape as the network reach lists, so capacity allocation does not
 * care which mode produced them.
 */
import { circleBounds, haversineM } from '../../geodesy/haversine';
import { demandIndex, type DemandGrid } from '../demand_grid';
import { checkFacilities, type FacilityInput } from '../network/facility_input';
import type { FacilityReach } from '../network/facility_reach';
import { checkRun, type RunControl } from '../../run_control';

/**
 * @example const reach = circleFacilityReach(grid, facilities, 1000); reach.costM // metres, nearest first
 */
export function circleFacilityReach(
  grid: DemandGrid,
  facilities: readonly FacilityInput[],
  radiusM: number,
  control?: RunControl,
): FacilityReach {
  if (!(radiusM > 0) || !Number.isFinite(radiusM)) throw new RangeError(`radiusM must be > 0, got ${radiusM}`);
  checkFacilities(facilities);
  const index = demandIndex(grid);
  const start = new Int32Array(facilities.length + 1);
  const cells: number[] = [];
  const costs: number[] = [];
  for (let f = 0; f < facilities.length; f++) {
    if ((f & 63) === 0) checkRun(control, f / Math.max(1, facilities.length), 'finding the cells within each circle');
    start[f] = cells.length;
    const { lon, lat } = facilities[f];
    const [minX, minY, maxX, maxY] = circleBounds(lon, lat, radiusM);
    const found: { c: number; d: number }[] = [];
    for (const c of index.range(minX, minY, maxX, maxY)) {
      const d = haversineM(lon, lat, grid.lon[c], grid.lat[c]);
      if (d <= radiusM) found.push({ c, d });
    }
    found.sort((a, b) => a.d - b.d || a.c - b.c);
    for (const { c, d } of found) {
      cells.push(c);
      costs.push(d);
    }
  }
  start[facilities.length] = cells.length;
  checkRun(control, 1, 'finding the cells within each circle');
  return {
    facilityIds: facilities.map((f) => f.id),
    start,
    cells: Int32Array.from(cells),
    costM: Float64Array.from(costs),
    limitM: radiusM,
  };
}
