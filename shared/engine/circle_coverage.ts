/**
 * Circle coverage: a demand cell is covered when the great-circle distance (haversine, as Turf) from
 * its centre to at least one selected facility is ≤ radiusM.
 */
import { circleBounds, haversineM } from '../geodesy/haversine';
import { coverageFigure, type CircleCoverageFigures } from './coverage_figure';
import { demandIndex, type DemandGrid } from './demand_grid';

export interface FacilityPoint {
  lon: number;
  lat: number;
}

export interface CircleCoverageResult extends CircleCoverageFigures {
  /** 1 where the cell is covered, aligned with the grid arrays. */
  covered: Uint8Array;
}

/**
 * Marks covered cells and sums the population figures. The candidates of each facility are the cells
 * whose centre is in its circle's box: found in buckets built for the call (cellBuckets), or with the
 * grid's kd-tree when the boxes are about as large as the grid; the same cells either way.
 * @example
 *   const result = circleCoverage(grid, [{ lon: 114.3, lat: 30.6 }], 1000);
 *   result.elderly.ratio // share of older people within 1 km of a facility
 */
export function circleCoverage(
  grid: DemandGrid,
  facilities: readonly FacilityPoint[],
  radiusM: number,
): CircleCoverageResult {
  if (!(radiusM > 0) || !Number.isFinite(radiusM)) throw new RangeError(`radiusM must be > 0, got ${radiusM}`);
  const covered = new Uint8Array(grid.count);
  if (grid.count > 0 && facilities.length > 0) {
    const bounds = facilities.map((f) => circleBounds(f.lon, f.lat, radiusM));
    const buckets = cellBuckets(grid, bounds);
    const { lon, lat } = grid;
    for (let f = 0; f < facilities.length; f++) {
      const facility = facilities[f];
      const [minX, minY, maxX, maxY] = bounds[f];
      const ids = buckets ? buckets.range(minX, minY, maxX, maxY) : demandIndex(grid).range(minX, minY, maxX, maxY);
      const found = buckets ? buckets.found : ids.length;
      for (let k = 0; k < found; k++) {
        const i = ids[k];
        if (covered[i] === 0 && haversineM(facility.lon, facility.lat, lon[i], lat[i]) <= radiusM) covered[i] = 1;
      }
    }
  }
  return summarizeCoverage(grid, covered, facilities.length, radiusM);
}

/** Cells bucketed on a regular lon/lat grid, for range queries a few buckets wide. */
interface CellBuckets {
  /**
   * The cells whose centre is in the box (bounds included), as KDBush.range finds them: the first
   * `found` entries of the array returned, which the next call overwrites.
   */
  range(minX: number, minY: number, maxX: number, maxY: number): Int32Array;
  found: number;
}

/** At most this many buckets per cell (a sparse grid over a wide extent gets larger buckets). */
const BUCKETS_PER_CELL = 2;
/** Buckets per query box side. */
const BOX_BUCKETS = 3;

/**
 * The grid's cells in buckets the size of the largest query box (a counting sort: one pass to count,
 * one to place, so it is built in a fraction of the kd-tree's time), or null when a box spans a large
 * part of the grid's extent (a polar cap, a radius of the city's size), where the kd-tree is used. A
 * cell is visited when its centre is in the box, tested as KDBush tests it, so the covered cells are
 * those the kd-tree finds. Cells without a finite position are in no bucket, as they are in no range.
 */
function cellBuckets(grid: DemandGrid, boxes: readonly [number, number, number, number][]): CellBuckets | null {
  const { lon, lat, count } = grid;
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  for (let i = 0; i < count; i++) {
    const x = lon[i];
    const y = lat[i];
    if (!(Number.isFinite(x) && Number.isFinite(y))) continue;
    if (x < west) west = x;
    if (x > east) east = x;
    if (y < south) south = y;
    if (y > north) north = y;
  }
  if (!(west <= east)) return null;
  let sizeX = 0;
  let sizeY = 0;
  for (const [minX, minY, maxX, maxY] of boxes) {
    sizeX = Math.max(sizeX, maxX - minX);
    sizeY = Math.max(sizeY, maxY - minY);
  }
  if (!(sizeX > 0 && sizeY > 0) || sizeX * 4 > east - west || sizeY * 4 > north - south) return null;
  // Buckets of a third of the box: a box spans 4 × 4 of them, 1.8 times its area (of one box: 4 times).
  sizeX /= BOX_BUCKETS;
  sizeY /= BOX_BUCKETS;
  const spread = Math.sqrt(((east - west) / sizeX) * ((north - south) / sizeY) / (BUCKETS_PER_CELL * count));
  if (spread > 1) {
    sizeX *= spread;
    sizeY *= spread;
  }
  const columns = Math.floor((east - west) / sizeX) + 1;
  const rows = Math.floor((north - south) / sizeY) + 1;
  const bucketOf = new Int32Array(count);
  const start = new Int32Array(columns * rows + 1);
  for (let i = 0; i < count; i++) {
    const x = lon[i];
    const y = lat[i];
    if (!(Number.isFinite(x) && Number.isFinite(y))) {
      bucketOf[i] = -1;
      continue;
    }
    const bucket = Math.min(rows - 1, Math.floor((y - south) / sizeY)) * columns + Math.min(columns - 1, Math.floor((x - west) / sizeX));
    bucketOf[i] = bucket;
    start[bucket + 1]++;
  }
  for (let b = 0; b < columns * rows; b++) start[b + 1] += start[b];
  const next = start.slice(0, columns * rows);
  const cells = new Int32Array(start[columns * rows]);
  for (let i = 0; i < count; i++) if (bucketOf[i] >= 0) cells[next[bucketOf[i]]++] = i;
  const column = (x: number) => Math.max(0, Math.min(columns - 1, Math.floor((x - west) / sizeX)));
  const row = (y: number) => Math.max(0, Math.min(rows - 1, Math.floor((y - south) / sizeY)));
  let found = new Int32Array(1024);
  const buckets: CellBuckets = {
    found: 0,
    range(minX, minY, maxX, maxY) {
      let n = 0;
      if (minX <= east && maxX >= west && minY <= north && maxY >= south) {
        const c0 = column(minX);
        const c1 = column(maxX);
        for (let r = row(minY), r1 = row(maxY); r <= r1; r++) {
          const end = start[r * columns + c1 + 1];
          if (found.length < n + end - start[r * columns + c0]) {
            const larger = new Int32Array(Math.max(found.length * 2, n + end - start[r * columns + c0]));
            larger.set(found.subarray(0, n));
            found = larger;
          }
          for (let k = start[r * columns + c0]; k < end; k++) {
            const i = cells[k];
            const x = lon[i];
            const y = lat[i];
            if (x >= minX && x <= maxX && y >= minY && y <= maxY) found[n++] = i;
          }
        }
      }
      buckets.found = n;
      return found;
    },
  };
  return buckets;
}

/** Sums totals and covered counts for a coverage mask. */
export function summarizeCoverage(
  grid: DemandGrid,
  covered: Uint8Array,
  facilityCount: number,
  radiusM: number,
): CircleCoverageResult {
  let populationTotal = 0;
  let populationCovered = 0;
  let elderlyTotal = 0;
  let elderlyCovered = 0;
  let cellsCovered = 0;
  for (let i = 0; i < grid.count; i++) {
    populationTotal += grid.population[i];
    elderlyTotal += grid.elderly[i];
    if (covered[i] === 1) {
      cellsCovered++;
      populationCovered += grid.population[i];
      elderlyCovered += grid.elderly[i];
    }
  }
  return {
    population: coverageFigure(populationTotal, populationCovered),
    elderly: coverageFigure(elderlyTotal, elderlyCovered),
    cells: { total: grid.count, covered: cellsCovered },
    facilities: facilityCount,
    radiusM,
    covered,
  };
}
