/**
 * Capacity-aware coverage on real inputs: the Wuhan core population (WorldPop 60+) in circle mode, and
 * the Gothenburg street network (with made-up people on a 100 m grid) in network mode.
 */
import { describe, expect, it } from 'vitest';
import { allocateCapacity, type CapacityResult } from '../../../shared/engine/capacity/allocate_capacity';
import { circleFacilityReach } from '../../../shared/engine/capacity/circle_reach';
import { networkFacilityReach, type FacilityReach } from '../../../shared/engine/network/facility_reach';
import { NetworkServiceModel } from '../../../shared/engine/network/network_service_model';
import { prepareCells, prepareNetwork } from '../../../shared/engine/network/prepare_network';
import { gothenburgGrid, gothenburgRoads, randomFacilities, seededRandom } from '../engine_network/gothenburg_fixture';
import { wuhanGrid } from '../engine_network/wuhan_fixture';

/** Properties every allocation must have, whichever rule produced it. */
function expectSoundAllocation(result: CapacityResult, reach: FacilityReach, capacities: number[]): void {
  const { totals } = result;
  expect(totals.served + totals.unservedWithinReach + totals.outOfReach).toBeCloseTo(totals.demand, 6);
  const remaining = result.cellDemand.map((d, c) => d - result.cellServed[c]);
  for (let c = 0; c < remaining.length; c++) expect(remaining[c]).toBeGreaterThanOrEqual(-1e-9);
  result.facilities.forEach((f, k) => {
    expect(f.served).toBeLessThanOrEqual(capacities[k] + 1e-9);
    expect(f.served).toBeLessThanOrEqual(f.demandWithinReach + 1e-9);
    // A facility with places left has taken everything it reaches.
    if (f.remainingCapacity! > 1e-9) {
      for (let i = reach.start[k]; i < reach.start[k + 1]; i++) expect(remaining[reach.cells[i]]).toBeLessThan(1e-9);
    }
  });
}

/** Nearest first, written plainly: every (facility, cell, cost) pair as an object, one sort, one pass. */
function plainNearestFirst(demand: Float64Array, reach: FacilityReach, capacities: number[]) {
  const pairs: { f: number; c: number; cost: number }[] = [];
  capacities.forEach((_, f) => {
    for (let i = reach.start[f]; i < reach.start[f + 1]; i++) pairs.push({ f, c: reach.cells[i], cost: reach.costM[i] });
  });
  pairs.sort((a, b) => (a.cost !== b.cost ? a.cost - b.cost : a.f !== b.f ? a.f - b.f : a.c - b.c));
  const left = [...capacities];
  const waiting = Array.from(demand);
  const servedBy = capacities.map(() => 0);
  for (const { f, c } of pairs) {
    const amount = Math.min(left[f], waiting[c]);
    left[f] -= amount;
    waiting[c] -= amount;
    servedBy[f] += amount;
  }
  return { servedBy, waiting };
}

describe('capacity allocation on the real Wuhan core grid (circle mode)', () => {
  const { grid } = wuhanGrid();
  const random = seededRandom(31);
  const facilities = Array.from({ length: 40 }, (_, i) => ({
    id: `dc${i}`, lon: 114.2004 + random() * 0.16, lat: 30.4996 + random() * 0.14, capacity: 40 + Math.floor(random() * 160),
  }));
  const reach = circleFacilityReach(grid, facilities, 1000);
  const capacities = facilities.map((f) => f.capacity);

  it('both rules serve within capacity, conserve demand and leave no facility idle next to waiting people', () => {
    for (const mode of ['nearest_first', 'facility_order'] as const) {
      const result = allocateCapacity(grid, reach, capacities, { mode });
      expectSoundAllocation(result, reach, capacities);
      // 3 % of the 518 264.5 persons aged 60+ of the source.
      expect(result.totals.demand).toBeCloseTo(0.03 * 518_264.5, 0);
      expect(result.totals.served).toBeLessThanOrEqual(capacities.reduce((a, b) => a + b, 0) + 1e-6);
      expect(result.totals.served).toBeGreaterThan(0);
    }
  });

  it('nearest first gives what a plain re-implementation gives, per facility and per cell', () => {
    const result = allocateCapacity(grid, reach, capacities, { mode: 'nearest_first' });
    const plain = plainNearestFirst(result.cellDemand, reach, capacities);
    result.facilities.forEach((f, k) => expect(f.served).toBeCloseTo(plain.servedBy[k], 9));
    for (let c = 0; c < grid.count; c++) expect(result.cellDemand[c] - result.cellServed[c]).toBeCloseTo(plain.waiting[c], 9);
    // Capacity binds somewhere: some people near a facility are left waiting.
    expect(result.totals.unservedWithinReach).toBeGreaterThan(0);
    // The uptake rate scales demand linearly.
    const half = allocateCapacity(grid, reach, capacities, { uptakeRate: 0.015 });
    expect(half.totals.demand).toBeCloseTo(result.totals.demand / 2, 6);
  });

  it("splits the unserved within reach by each cell's nearest facility, as a plain pass over the pairs does", () => {
    const result = allocateCapacity(grid, reach, capacities, { mode: 'nearest_first' });
    const plain = plainNearestFirst(result.cellDemand, reach, capacities);
    // Nearest facility of each cell, written plainly: the lowest cost, the first facility on ties.
    const nearest = new Map<number, { f: number; cost: number }>();
    capacities.forEach((_, f) => {
      for (let i = reach.start[f]; i < reach.start[f + 1]; i++) {
        const best = nearest.get(reach.cells[i]);
        if (!best || reach.costM[i] < best.cost) nearest.set(reach.cells[i], { f, cost: reach.costM[i] });
      }
    });
    const expected = capacities.map(() => 0);
    for (const [c, { f }] of nearest) expected[f] += plain.waiting[c];
    result.facilities.forEach((f, k) => expect(f.unservedWithinReach, f.id).toBeCloseTo(expected[k], 9));
    const sum = result.facilities.reduce((s, f) => s + f.unservedWithinReach, 0);
    expect(sum).toBeCloseTo(result.totals.unservedWithinReach, 9);
    // Capacity binds: most facilities are full and leave people waiting in their own catchment.
    expect(result.facilities.filter((f) => f.unservedWithinReach > 1).length).toBeGreaterThan(10);
    expect(result.totals.facilitiesWithoutCapacity).toBe(0);
    expect(result.facilities.every((f) => f.capacityKnown)).toBe(true);
  });

  it('counts and flags facilities without a recorded capacity, treating them as unlimited', () => {
    const unknown = capacities.map((c, i) => (i % 10 === 0 ? null : c));
    const result = allocateCapacity(grid, reach, unknown);
    expect(result.totals.facilitiesWithoutCapacity).toBe(4);
    expect(result.facilities.filter((f) => !f.capacityKnown).map((f) => f.id)).toEqual(['dc0', 'dc10', 'dc20', 'dc30']);
    expect(result.totals.capacity).toBeNull();
    for (const k of [0, 10, 20, 30]) {
      const f = result.facilities[k];
      expect(f).toMatchObject({ capacity: null, remainingCapacity: null, utilisation: null, unservedWithinReach: 0 });
      // Unlimited: nobody within its reach is left waiting.
      for (let i = reach.start[k]; i < reach.start[k + 1]; i++) {
        expect(result.cellDemand[reach.cells[i]] - result.cellServed[reach.cells[i]]).toBeLessThan(1e-9);
      }
      expect(f.served).toBeGreaterThan(0);
    }
    // An explicit Infinity is a known unlimited capacity, not a missing one.
    const explicit = allocateCapacity(grid, reach, capacities.map((c, i) => (i === 0 ? Infinity : c)));
    expect(explicit.totals.facilitiesWithoutCapacity).toBe(0);
    expect(explicit.facilities[0]).toMatchObject({ capacity: null, capacityKnown: true });
  });

  it('rejects a negative capacity and an uptake rate outside [0, 1]', () => {
    expect(() => allocateCapacity(grid, reach, capacities.map((c, i) => (i === 3 ? -1 : c)))).toThrow(
      'facility dc3: capacity must be ≥ 0, got -1',
    );
    expect(() => allocateCapacity(grid, reach, capacities, { uptakeRate: 3 })).toThrow('uptakeRate must be in [0, 1], got 3');
  });
});

describe('capacity allocation on the Gothenburg walking network', () => {
  const network = prepareNetwork(gothenburgRoads());
  const cells = prepareCells(network, gothenburgGrid(100).grid, { maxSnapM: 300 });
  const facilities = randomFacilities(120, 17);

  it("each facility's reach list agrees with the multi-source pass on the nearest facility's time", () => {
    const reach = networkFacilityReach(cells, facilities, 900);
    const model = new NetworkServiceModel(cells, { thresholds: [{ label: '15 min', minutes: 15 }] });
    model.setFacilities(facilities);
    const best = new Float64Array(cells.grid.count).fill(Infinity);
    for (let k = 0; k < facilities.length; k++) {
      for (let i = reach.start[k]; i < reach.start[k + 1]; i++) {
        if (i > reach.start[k]) expect(reach.costM[i]).toBeGreaterThanOrEqual(reach.costM[i - 1]);
        best[reach.cells[i]] = Math.min(best[reach.cells[i]], reach.costM[i]);
      }
    }
    let reached = 0;
    for (let c = 0; c < cells.grid.count; c++) {
      if (model.cellCostM[c] === Infinity) expect(best[c]).toBe(Infinity);
      else {
        expect(best[c]).toBeCloseTo(model.cellCostM[c], 9);
        reached++;
      }
    }
    expect(reached).toBeGreaterThan(3000);
    const result = allocateCapacity(cells.grid, reach, facilities.map((f) => f.capacity));
    expectSoundAllocation(result, reach, facilities.map((f) => f.capacity));
    // Out of reach = the older people the 15-minute figures call unreachable, times the uptake rate.
    expect(result.totals.outOfReach).toBeCloseTo(0.03 * model.figures().unreachable.elderly, 6);
  });
});
