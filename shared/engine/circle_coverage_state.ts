/**
 * Circle coverage with incremental updates: every cell keeps the number of facilities whose circle
 * holds its centre (haversine ≤ radiusM, exactly as circle_coverage.ts), so adding, removing or moving
 * one facility touches only the cells within its radius, found through the grid's kd-tree.
 */
import { InputError } from '../errors';
import { circleBounds, haversineM } from '../geodesy/haversine';
import { coverageFigure, type CircleCoverageFigures } from './coverage_figure';
import { demandIndex, type DemandGrid } from './demand_grid';
import { checkFacilities, checkFacility, type FacilityInput } from './network/facility_input';

/**
 * @example
 *   const state = new CircleCoverageState(grid, 1000);
 *   state.setFacilities(facilities);
 *   state.moveFacility('dc-3', 114.31, 30.58); // touches only cells within 1 km of both positions
 *   state.figures().elderly.ratio
 */
export class CircleCoverageState {
  /** Facilities covering each cell. */
  readonly coverCount: Uint32Array;
  private readonly positions = new Map<string, { lon: number; lat: number }>();
  private coveredCells = 0;
  private coveredPopulation = 0;
  private coveredElderly = 0;
  private readonly totalPopulation: number;
  private readonly totalElderly: number;

  constructor(readonly grid: DemandGrid, readonly radiusM: number) {
    if (!(radiusM > 0) || !Number.isFinite(radiusM)) throw new RangeError(`radiusM must be > 0, got ${radiusM}`);
    this.coverCount = new Uint32Array(grid.count);
    let population = 0, elderly = 0;
    for (let c = 0; c < grid.count; c++) {
      population += grid.population[c];
      elderly += grid.elderly[c];
    }
    this.totalPopulation = population;
    this.totalElderly = elderly;
    demandIndex(grid); // build the kd-tree now, not during the first drag
  }

  /** Replaces all facilities. */
  setFacilities(facilities: readonly FacilityInput[]): void {
    checkFacilities(facilities);
    this.coverCount.fill(0);
    this.positions.clear();
    this.coveredCells = this.coveredPopulation = this.coveredElderly = 0;
    for (const f of facilities) {
      this.positions.set(f.id, { lon: f.lon, lat: f.lat });
      this.applyCircle(f.lon, f.lat, 1);
    }
  }

  addFacility(facility: FacilityInput): void {
    checkFacility(facility, this.positions.size);
    if (this.positions.has(facility.id)) throw new InputError(`duplicate facility id "${facility.id}"`, { field: 'id' });
    this.positions.set(facility.id, { lon: facility.lon, lat: facility.lat });
    this.applyCircle(facility.lon, facility.lat, 1);
  }

  removeFacility(id: string): void {
    const position = this.positions.get(id);
    if (!position) throw new InputError(`no facility with id "${id}"`, { field: 'id' });
    this.positions.delete(id);
    this.applyCircle(position.lon, position.lat, -1);
  }

  moveFacility(id: string, lon: number, lat: number): void {
    checkFacility({ id, lon, lat }, 0);
    this.removeFacility(id);
    this.addFacility({ id, lon, lat });
  }

  figures(): CircleCoverageFigures {
    const population = Math.abs(this.coveredPopulation) < 1e-9 ? 0 : this.coveredPopulation;
    const elderly = Math.abs(this.coveredElderly) < 1e-9 ? 0 : this.coveredElderly;
    return {
      population: coverageFigure(this.totalPopulation, population),
      elderly: coverageFigure(this.totalElderly, elderly),
      cells: { total: this.grid.count, covered: this.coveredCells },
      facilities: this.positions.size,
      radiusM: this.radiusM,
    };
  }

  /** 1 where a cell is covered (a new array). */
  coveredMask(): Uint8Array {
    const mask = new Uint8Array(this.grid.count);
    for (let c = 0; c < this.grid.count; c++) mask[c] = this.coverCount[c] > 0 ? 1 : 0;
    return mask;
  }

  private applyCircle(lon: number, lat: number, sign: 1 | -1): void {
    const { grid, coverCount, radiusM } = this;
    const [minX, minY, maxX, maxY] = circleBounds(lon, lat, radiusM);
    const ids = demandIndex(grid).range(minX, minY, maxX, maxY);
    for (let k = 0; k < ids.length; k++) {
      const c = ids[k];
      if (haversineM(lon, lat, grid.lon[c], grid.lat[c]) > radiusM) continue;
      if (sign === 1) {
        if (coverCount[c]++ === 0) this.count(c, 1);
      } else if (--coverCount[c] === 0) this.count(c, -1);
    }
  }

  private count(c: number, sign: 1 | -1): void {
    this.coveredCells += sign;
    this.coveredPopulation += sign * this.grid.population[c];
    this.coveredElderly += sign * this.grid.elderly[c];
  }
}
