import { describe, expect, it } from 'vitest';
import { circleCoverage } from '../../../shared/engine/circle_coverage';
import { CircleCoverageState } from '../../../shared/engine/circle_coverage_state';
import { seededRandom } from '../engine_network/gothenburg_fixture';
import { wuhanGrid } from '../engine_network/wuhan_fixture';

describe('incremental circle coverage on the real Wuhan core grid', () => {
  const { grid } = wuhanGrid();

  it('has the grid totals of the source (24 470 cells, 518 264.5 persons aged 60+)', () => {
    const state = new CircleCoverageState(grid, 1000);
    const figures = state.figures();
    expect(figures.cells.total).toBe(24_470);
    expect(figures.elderly.total).toBeCloseTo(518_264.5, 0);
    expect(figures.elderly.covered).toBe(0);
  });

  it('add, remove and move give exactly what a fresh circle coverage gives', () => {
    const random = seededRandom(12);
    const place = () => ({ lon: 114.2004 + random() * 0.16, lat: 30.4996 + random() * 0.14 });
    const current = new Map<string, { lon: number; lat: number }>();
    for (let i = 0; i < 30; i++) current.set(`s${i}`, place());
    const state = new CircleCoverageState(grid, 500);
    state.setFacilities([...current].map(([id, p]) => ({ id, ...p })));
    let next = 30;
    for (let step = 0; step < 40; step++) {
      const ids = [...current.keys()];
      const roll = random();
      if (roll < 0.3) {
        const id = `s${next++}`;
        current.set(id, place());
        state.addFacility({ id, ...current.get(id)! });
      } else if (roll < 0.5) {
        const id = ids[Math.floor(random() * ids.length)];
        current.delete(id);
        state.removeFacility(id);
      } else {
        const id = ids[Math.floor(random() * ids.length)];
        const p = current.get(id)!;
        current.set(id, { lon: p.lon + (random() - 0.5) * 0.004, lat: p.lat + (random() - 0.5) * 0.004 });
        state.moveFacility(id, current.get(id)!.lon, current.get(id)!.lat);
      }
      const fresh = circleCoverage(grid, [...current.values()], 500);
      const figures = state.figures();
      expect(figures.cells.covered).toBe(fresh.cells.covered);
      expect(figures.elderly.covered).toBeCloseTo(fresh.elderly.covered, 6);
      expect(figures.population.covered).toBeCloseTo(fresh.population.covered, 6);
      expect(figures.facilities).toBe(current.size);
      if (step % 10 === 9) expect(state.coveredMask()).toEqual(fresh.covered);
    }
  });

  it('rejects unknown and duplicate ids', () => {
    const state = new CircleCoverageState(grid, 300);
    state.addFacility({ id: 'a', lon: 114.3, lat: 30.6 });
    expect(() => state.addFacility({ id: 'a', lon: 114.3, lat: 30.6 })).toThrow(/duplicate facility id "a"/);
    expect(() => state.removeFacility('b')).toThrow(/no facility with id "b"/);
    expect(() => state.moveFacility('a', 114.3, 123)).toThrow(/latitude must be in \[-90, 90\], got 123/);
  });
});
