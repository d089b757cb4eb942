/**
 * Capacity-aware coverage, as the geographic coverage analysis of WHO AccessMod: demand is the older
 * population times an uptake rate; each facility serves the nearest demand first, up to its capacity.
 *
 * Two rules for who goes first:
 * - `nearest_first` (default): all facility–cell pairs within reach, in order of travel cost (ties:
 *   facility order, then cell index). A cell's demand goes to its nearest facility with room left,
 *   then spills to the next nearest. Independent of the order facilities are listed in.
 * - `facility_order` (AccessMod): facilities one after another (in input order, or by capacity); each
 *   takes the remaining demand of its catchment from the nearest cell outward until it is full.
 *
 * A cell's demand may be split between facilities (the last cell a facility takes is taken in part).
 *
 * A facility without a recorded capacity (null/undefined) is treated as unlimited — which can hide a
 * shortage — so such facilities are counted (`totals.facilitiesWithoutCapacity`) and flagged
 * (`capacityKnown: false`) for the caller to show.
 */
import { InputError } from '../../errors';
import type { DemandGrid } from '../demand_grid';
import type { FacilityReach } from '../network/facility_reach';

export const DEFAULT_UPTAKE_RATE = 0.03;

export interface CapacityOptions {
  /** Share of older people who use the service; default 0.03 (3 %). */
  uptakeRate?: number;
  mode?: 'nearest_first' | 'facility_order';
  /** For `facility_order`: input order (default) or largest / smallest capacity first. */
  facilityOrder?: 'input' | 'capacity_desc' | 'capacity_asc';
}

export interface FacilityAllocation {
  id: string;
  /** null = unlimited (unknown, see capacityKnown, or given as Infinity) */
  capacity: number | null;
  /** false when no capacity was recorded for the facility: it was treated as unlimited. */
  capacityKnown: boolean;
  /** Demand (persons) this facility serves. */
  served: number;
  /** Demand of all cells within its reach, whoever serves them. */
  demandWithinReach: number;
  /**
   * Demand left unserved (by every facility) in the cells whose nearest facility within reach is this
   * one (ties: the facility listed first). Each unserved person within reach of some facility counts
   * at exactly one facility, so these add up to totals.unservedWithinReach: the shortfall in this
   * facility's own catchment, e.g. where to add places.
   */
  unservedWithinReach: number;
  /** capacity − served; null when unlimited */
  remainingCapacity: number | null;
  /** served / capacity; null when unlimited or capacity 0 */
  utilisation: number | null;
  /** Cells from which it serves some demand. */
  cellsServed: number;
}

export interface CapacityResult {
  uptakeRate: number;
  mode: 'nearest_first' | 'facility_order';
  limitM: number;
  totals: {
    /** Σ elderly × uptake over all cells */
    demand: number;
    served: number;
    /** Demand in cells within reach of some facility that no facility had room for. */
    unservedWithinReach: number;
    /** Demand in cells within reach of no facility. */
    outOfReach: number;
    /** Σ capacity of the limited facilities; null when any is unlimited. */
    capacity: number | null;
    /** Facilities with no recorded capacity, treated as unlimited (0 when every capacity is known). */
    facilitiesWithoutCapacity: number;
    /** served / demand; null when demand is 0 */
    servedShare: number | null;
  };
  facilities: FacilityAllocation[];
  /** Per cell: demand, demand served, and 1 when within reach of some facility. */
  cellDemand: Float64Array;
  cellServed: Float64Array;
  cellInReach: Uint8Array;
}

/**
 * Allocates demand to facilities. `capacities[f]` belongs to `reach.facilityIds[f]` (null/undefined/Infinity = unlimited).
 * @example
 *   const reach = networkFacilityReach(cells, facilities, 900);
 *   const result = allocateCapacity(grid, reach, facilities.map((f) => f.capacity), { uptakeRate: 0.03 });
 *   result.totals.unservedWithinReach // people near a facility that is full
 */
export function allocateCapacity(
  grid: DemandGrid,
  reach: FacilityReach,
  capacities: readonly (number | null | undefined)[],
  options: CapacityOptions = {},
): CapacityResult {
  const uptakeRate = options.uptakeRate ?? DEFAULT_UPTAKE_RATE;
  if (!(uptakeRate >= 0 && uptakeRate <= 1)) throw new RangeError(`uptakeRate must be in [0, 1], got ${uptakeRate}`);
  const mode = options.mode ?? 'nearest_first';
  const facilityCount = reach.facilityIds.length;
  if (capacities.length !== facilityCount) {
    throw new RangeError(`capacities has ${capacities.length} entries for ${facilityCount} facilities`);
  }
  const capacity = new Float64Array(facilityCount);
  const known = new Uint8Array(facilityCount);
  for (let f = 0; f < facilityCount; f++) {
    const value = capacities[f];
    known[f] = value === null || value === undefined ? 0 : 1;
    if (value === null || value === undefined) capacity[f] = Infinity;
    else if (value >= 0) capacity[f] = value;
    else throw new InputError(`facility ${reach.facilityIds[f]}: capacity must be ≥ 0, got ${value}`, { row: f, field: 'capacity' });
  }

  const cellDemand = new Float64Array(grid.count);
  for (let c = 0; c < grid.count; c++) cellDemand[c] = grid.elderly[c] * uptakeRate;
  const remainingDemand = cellDemand.slice();
  const remainingCapacity = capacity.slice();
  const served = new Float64Array(facilityCount);
  const cellsServed = new Int32Array(facilityCount);
  const cellServed = new Float64Array(grid.count);
  const cellInReach = new Uint8Array(grid.count);
  for (let k = 0; k < reach.cells.length; k++) cellInReach[reach.cells[k]] = 1;

  const take = (f: number, c: number): void => {
    const amount = Math.min(remainingCapacity[f], remainingDemand[c]);
    if (!(amount > 0)) return;
    remainingCapacity[f] -= amount;
    remainingDemand[c] -= amount;
    served[f] += amount;
    cellServed[c] += amount;
    cellsServed[f]++;
  };

  if (mode === 'nearest_first') {
    const pairs = reach.cells.length;
    const pairFacility = new Int32Array(pairs);
    for (let f = 0; f < facilityCount; f++) pairFacility.fill(f, reach.start[f], reach.start[f + 1]);
    const order = new Uint32Array(pairs);
    for (let k = 0; k < pairs; k++) order[k] = k;
    const { costM, cells } = reach;
    order.sort((a, b) => costM[a] - costM[b] || pairFacility[a] - pairFacility[b] || cells[a] - cells[b]);
    for (let k = 0; k < pairs; k++) take(pairFacility[order[k]], cells[order[k]]);
  } else if (mode === 'facility_order') {
    const facilities = Array.from({ length: facilityCount }, (_, f) => f);
    const by = options.facilityOrder ?? 'input';
    if (by === 'capacity_desc') facilities.sort((a, b) => capacity[b] - capacity[a] || a - b);
    else if (by === 'capacity_asc') facilities.sort((a, b) => capacity[a] - capacity[b] || a - b);
    for (const f of facilities) {
      for (let k = reach.start[f]; k < reach.start[f + 1] && remainingCapacity[f] > 0; k++) take(f, reach.cells[k]);
    }
  } else {
    throw new RangeError(`mode must be nearest_first or facility_order, got ${String(mode)}`);
  }

  // Nearest facility of each cell within reach (ties: lower facility index, as the allocation's order).
  const nearestCost = new Float64Array(grid.count).fill(Infinity);
  const nearest = new Int32Array(grid.count).fill(-1);
  for (let f = 0; f < facilityCount; f++) {
    for (let k = reach.start[f]; k < reach.start[f + 1]; k++) {
      const c = reach.cells[k];
      if (reach.costM[k] < nearestCost[c]) {
        nearestCost[c] = reach.costM[k];
        nearest[c] = f;
      }
    }
  }
  const unservedByFacility = new Float64Array(facilityCount);
  let demand = 0, servedTotal = 0, unservedWithinReach = 0, outOfReach = 0;
  for (let c = 0; c < grid.count; c++) {
    demand += cellDemand[c];
    servedTotal += cellServed[c];
    if (cellInReach[c] === 1) {
      unservedWithinReach += remainingDemand[c];
      unservedByFacility[nearest[c]] += remainingDemand[c];
    } else outOfReach += cellDemand[c];
  }
  let capacityTotal: number | null = 0;
  let withoutCapacity = 0;
  const allocations: FacilityAllocation[] = [];
  for (let f = 0; f < facilityCount; f++) {
    let withinReach = 0;
    for (let k = reach.start[f]; k < reach.start[f + 1]; k++) withinReach += cellDemand[reach.cells[k]];
    const limited = Number.isFinite(capacity[f]);
    capacityTotal = limited && capacityTotal !== null ? capacityTotal + capacity[f] : null;
    if (known[f] === 0) withoutCapacity++;
    allocations.push({
      id: reach.facilityIds[f],
      capacity: limited ? capacity[f] : null,
      capacityKnown: known[f] === 1,
      served: served[f],
      demandWithinReach: withinReach,
      unservedWithinReach: unservedByFacility[f],
      remainingCapacity: limited ? remainingCapacity[f] : null,
      utilisation: limited && capacity[f] > 0 ? served[f] / capacity[f] : null,
      cellsServed: cellsServed[f],
    });
  }
  return {
    uptakeRate,
    mode,
    limitM: reach.limitM,
    totals: {
      demand,
      served: servedTotal,
      unservedWithinReach,
      outOfReach,
      capacity: capacityTotal,
      facilitiesWithoutCapacity: withoutCapacity,
      servedShare: demand > 0 ? servedTotal / demand : null,
    },
    facilities: allocations,
    cellDemand,
    cellServed,
    cellInReach,
  };
}
