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
 * Marks covered cells and sums the population figures.
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
    const index = demandIndex(grid);
    const { lon, lat } = grid;
    for (const facility of facilities) {
      const [minX, minY, maxX, maxY] = circleBounds(facility.lon, facility.lat, radiusM);
      const ids = index.range(minX, minY, maxX, maxY);
      for (let k = 0; k < ids.length; k++) {
        const i = ids[k];
        if (covered[i] === 1) continue;
        if (haversineM(facility.lon, facility.lat, lon[i], lat[i]) <= radiusM) covered[i] = 1;
      }
    }
  }
  return summarizeCoverage(grid, covered, facilities.length, radiusM);
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
