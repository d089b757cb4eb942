/**
 * The live figures follow a sequence of proposal edits on the real Wuhan core grid exactly as a fresh
 * circle coverage of the same sites does, at every threshold; beds and nursing-bed share as defined.
 */
import { describe, expect, it } from 'vitest';
import { circleCoverage } from '../../../shared/engine/circle_coverage';
import type { Proposal } from '../../../shared/schemas/entities';
import { figureRadii, LiveFigures, type ExistingFacility } from '../../../shared/usecases/live_figures';
import { seededRandom } from '../engine_network/gothenburg_fixture';
import { wuhanGrid } from '../engine_network/wuhan_fixture';

const EXISTING: ExistingFacility[] = [
  { id: 'A', kind: 'day_care', lon: 114.265, lat: 30.587, beds: null, nursingBeds: null },
  { id: 'H', kind: 'care_home', lon: 114.295, lat: 30.572, beds: 120, nursingBeds: 40 },
  { id: 'S', kind: 'community_station', lon: 114.312, lat: 30.548, beds: null, nursingBeds: null },
];

function proposal(id: string, lon: number, lat: number, extra: Partial<Proposal> = {}): Proposal {
  return { id, scenarioId: 's', name: id, kind: 'day_care', lon, lat, capacity: null, beds: null, nursingBeds: null, floorAreaM2: null, floorLevel: null, targetYear: null, note: null, ...extra };
}

describe('live figures on the Wuhan core grid (24 470 cells)', () => {
  const { grid } = wuhanGrid();
  const kinds = ['day_care', 'community_station'] as const;
  const radii = figureRadii(800);

  it('uses the thresholds and the analysis radius', () => {
    expect(radii).toEqual([300, 500, 800, 1000]);
    expect(() => new LiveFigures(grid, [300, 500], 800, kinds, EXISTING)).toThrow(/800 m is not among/);
  });

  it('matches a fresh circle coverage after every add, move, kind change and delete', () => {
    const live = new LiveFigures(grid, radii, 800, kinds, EXISTING);
    const random = seededRandom(6);
    const place = () => ({ lon: 114.2004 + random() * 0.16, lat: 30.4996 + random() * 0.14 });
    let proposals: Proposal[] = [];
    for (let step = 0; step < 60; step++) {
      const roll = random();
      if (roll < 0.35 || proposals.length === 0) proposals = [...proposals, proposal(`p${step}`, place().lon, place().lat)];
      else if (roll < 0.65) {
        const k = Math.floor(random() * proposals.length);
        const to = place();
        proposals = proposals.map((p, i) => (i === k ? { ...p, lon: to.lon, lat: to.lat } : p));
      } else if (roll < 0.8) {
        const k = Math.floor(random() * proposals.length);
        proposals = proposals.map((p, i) => (i === k ? { ...p, kind: p.kind === 'day_care' ? 'hospital' : 'day_care' } : p));
      } else proposals = proposals.filter((_, i) => i !== Math.floor(random() * proposals.length));
      live.setProposals(proposals);
      const figures = live.figures();
      const counted = [...EXISTING.filter((f) => (kinds as readonly string[]).includes(f.kind)), ...proposals.filter((p) => (kinds as readonly string[]).includes(p.kind))];
      radii.forEach((radiusM, index) => {
        const fresh = circleCoverage(grid, counted, radiusM);
        expect(figures.coverage[index].radiusM).toBe(radiusM);
        expect(figures.coverage[index].covered).toBeCloseTo(fresh.elderly.covered, 6);
        expect(figures.coverage[index].ratio).toBeCloseTo(fresh.elderly.ratio ?? NaN, 12);
        if (radiusM === 800) {
          expect(figures.uncoveredElderly).toBeCloseTo(fresh.elderly.total - fresh.elderly.covered, 6);
          const uncovered = new Set(live.uncoveredFids());
          expect(uncovered.size).toBe(fresh.covered.reduce((n, c) => n + (c === 0 ? 1 : 0), 0));
          expect([...live.coveredMask()]).toEqual([...fresh.covered]);
        }
      });
    }
  });

  it('counts beds of every existing facility and proposal per 1,000 older people', () => {
    const live = new LiveFigures(grid, radii, 800, kinds, EXISTING);
    const elderly = grid.elderly.reduce((sum, v) => sum + v, 0);
    expect(elderly).toBeCloseTo(518_264.5, 0);
    let figures = live.figures();
    expect(figures.beds).toBe(120);
    expect(figures.bedsPer1000).toBeCloseTo((120 / elderly) * 1000, 12);
    expect(figures.nursingShare).toBeCloseTo(40 / 120, 12);
    live.setProposals([proposal('home', 114.25, 30.6, { kind: 'care_home', beds: 200, nursingBeds: 140 })]);
    figures = live.figures();
    expect(figures.beds).toBe(320);
    expect(figures.nursingShare).toBeCloseTo(180 / 320, 12);
    // A care home is not of the analysis kinds: coverage is unchanged by it.
    expect(figures.coverage.map((c) => c.covered)).toEqual(new LiveFigures(grid, radii, 800, kinds, EXISTING).figures().coverage.map((c) => c.covered));
    const none = new LiveFigures(grid, radii, 800, kinds, []);
    expect(none.figures().nursingShare).toBeNull();
  });
});
