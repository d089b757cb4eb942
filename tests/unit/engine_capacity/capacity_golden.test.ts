/** Hand-worked capacity allocations (tests/golden/capacity_allocation; the workings are in expected.json). */
import { describe, expect, it } from 'vitest';
import { allocateCapacity, type CapacityOptions } from '../../../shared/engine/capacity/allocate_capacity';
import { circleFacilityReach } from '../../../shared/engine/capacity/circle_reach';
import { demandGridFromRecords } from '../../../shared/engine/demand_grid';
import type { FacilityReach } from '../../../shared/engine/network/facility_reach';
import { goldenCases, UPDATE_GOLDEN, writeExpected } from '../engine_gaps/golden_io';

interface CapacityInput {
  cells: { id: string; elderly: number; lon?: number; lat?: number }[];
  facilities: { id: string; capacity: number | null; lon?: number; lat?: number }[];
  /** Given travel costs, or circle mode with radiusM. */
  reach?: { facility: string; cell: string; costM: number }[];
  radiusM?: number;
}
interface CapacityExpected {
  workings: string[];
  totals: Record<string, number | null>;
  facilities: Record<string, number | string | null>[];
  cellServed: Record<string, number>;
}

/** Reach lists from the hand-given costs, nearest first within each facility. */
function givenReach(input: CapacityInput, limitM: number): FacilityReach {
  const cellIndex = new Map(input.cells.map((c, i) => [c.id, i]));
  const start = new Int32Array(input.facilities.length + 1);
  const cells: number[] = [];
  const costs: number[] = [];
  input.facilities.forEach((f, k) => {
    start[k] = cells.length;
    const own = input.reach!.filter((r) => r.facility === f.id).sort((a, b) => a.costM - b.costM);
    for (const r of own) {
      cells.push(cellIndex.get(r.cell)!);
      costs.push(r.costM);
    }
  });
  start[input.facilities.length] = cells.length;
  return { facilityIds: input.facilities.map((f) => f.id), start, cells: Int32Array.from(cells), costM: Float64Array.from(costs), limitM };
}

describe('capacity allocation: hand-worked golden cases', () => {
  for (const golden of goldenCases<CapacityInput, CapacityOptions, CapacityExpected>('capacity_allocation')) {
    it(golden.name, () => {
      const { input, params } = golden;
      const grid = demandGridFromRecords(input.cells.map((c) => ({ lon: c.lon ?? 0, lat: c.lat ?? 0, population: c.elderly, elderly: c.elderly })));
      const reach = input.reach
        ? givenReach(input, 1000)
        : circleFacilityReach(grid, input.facilities.map((f) => ({ id: f.id, lon: f.lon!, lat: f.lat! })), input.radiusM!);
      const result = allocateCapacity(grid, reach, input.facilities.map((f) => f.capacity), params);
      const actual = {
        workings: golden.expected.workings,
        totals: result.totals,
        facilities: result.facilities,
        cellServed: Object.fromEntries(input.cells.map((c, i) => [c.id, result.cellServed[i]])),
      };
      if (UPDATE_GOLDEN) writeExpected(golden.dir, actual);
      const expected = golden.expected;
      for (const [name, value] of Object.entries(expected.totals)) {
        const got = (actual.totals as Record<string, number | null>)[name];
        if (value === null) expect(got, name).toBeNull();
        else expect(got, name).toBeCloseTo(value, 9);
      }
      expect(actual.facilities.map((f) => f.id)).toEqual(expected.facilities.map((f) => f.id));
      actual.facilities.forEach((f, k) => {
        for (const [name, value] of Object.entries(expected.facilities[k])) {
          const got = (f as unknown as Record<string, number | string | null>)[name];
          if (typeof value === 'number') expect(got, `${f.id}.${name}`).toBeCloseTo(value, 9);
          else expect(got, `${f.id}.${name}`).toBe(value);
        }
      });
      for (const [id, value] of Object.entries(expected.cellServed)) expect(actual.cellServed[id], id).toBeCloseTo(value, 9);
    });
  }
});
