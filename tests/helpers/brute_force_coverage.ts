/** Independent reference: coverage by checking every cell against every facility with @turf/distance. */
import * as turf from '@turf/turf';

export function bruteForceCoverage(
  cells: { lon: number; lat: number; elderly: number; population: number }[],
  facilities: { lon: number; lat: number }[],
  radiusM: number,
): { cells: number; elderly: number; population: number } {
  let count = 0;
  let elderly = 0;
  let population = 0;
  for (const cell of cells) {
    if (facilities.some((f) => turf.distance([f.lon, f.lat], [cell.lon, cell.lat], { units: 'meters' }) <= radiusM)) {
      count++;
      elderly += cell.elderly;
      population += cell.population;
    }
  }
  return { cells: count, elderly, population };
}
