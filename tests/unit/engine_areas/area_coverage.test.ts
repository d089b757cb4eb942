import fs from 'node:fs';
import * as turf from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { areaCoverage, type AreaInput } from '../../../shared/engine/areas/area_coverage';
import { PolygonIndex } from '../../../shared/engine/areas/polygon_index';
import { circleCoverage } from '../../../shared/engine/circle_coverage';
import { seededRandom } from '../engine_network/gothenburg_fixture';
import { wuhanGrid } from '../engine_network/wuhan_fixture';
import { testData } from '../../helpers/test_data';

const SHENZHEN = testData('shenzhen/shenzhen_districts_transbigdata.geojson');
const WUHAN_BOUNDARY = testData('wuhan/wuhan_boundary_osm.geojson');

type Geometry = { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] };
const asMulti = (g: Geometry): number[][][][] => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates);

describe('point in polygon index', () => {
  it('agrees with Turf on the 10 Shenzhen districts (two of them multi-part) for 20 000 random points', () => {
    const districts = JSON.parse(fs.readFileSync(SHENZHEN, 'utf8')) as { features: { geometry: Geometry; properties: { qh: string } }[] };
    expect(districts.features.length).toBe(10);
    const index = new PolygonIndex(districts.features.map((f) => asMulti(f.geometry)));
    const random = seededRandom(5);
    let inside = 0;
    for (let k = 0; k < 20_000; k++) {
      const x = 113.7463 + random() * (114.624 - 113.7463);
      const y = 22.3993 + random() * (22.8647 - 22.3993);
      const expected = districts.features.flatMap((f, i) => (turf.booleanPointInPolygon([x, y], f.geometry) ? [i] : []));
      expect(index.containing(x, y)).toEqual(expected);
      if (expected.length > 0) inside++;
    }
    expect(inside).toBeGreaterThan(5000);
  });
});

describe('coverage per area on the real Wuhan core grid', () => {
  const { grid } = wuhanGrid();
  const city = JSON.parse(fs.readFileSync(WUHAN_BOUNDARY, 'utf8')) as { features: { geometry: Geometry }[] };
  // Four made-up "communities" over the core: quadrants, one with a hole, one in two parts. Their
  // edges avoid the cell centres (a centre on a shared edge counts for one side only, where Turf
  // would count it for both).
  const [w, s, e, n, mx, my] = [114.2, 30.4995, 114.361, 30.64, 114.2804, 30.5704];
  const box = (x0: number, y0: number, x1: number, y1: number) => [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];
  const areas: AreaInput[] = [
    { id: 'city', name: '武汉市', level: 'city', urban: null, geometry: { type: 'MultiPolygon', coordinates: asMulti(city.features[0].geometry) } },
    { id: 'nw', name: 'NW', level: 'community', urban: true, geometry: { type: 'MultiPolygon', coordinates: [[box(w, my, mx, n)]] } },
    { id: 'ne', name: 'NE (with a hole)', level: 'community', urban: true,
      geometry: { type: 'MultiPolygon', coordinates: [[box(mx, my, e, n), box(114.3004, 30.5904, 114.3204, 30.6104).reverse()]] } },
    { id: 'sw', name: 'SW', level: 'village', urban: false, geometry: { type: 'MultiPolygon', coordinates: [[box(w, s, mx, my)]] } },
    { id: 'se', name: 'SE (two parts)', level: 'village', urban: false,
      geometry: { type: 'MultiPolygon', coordinates: [[box(mx, s, 114.3204, my)], [box(114.3304, s, e, my)]] } },
  ];
  const random = seededRandom(8);
  const facilities = Array.from({ length: 30 }, () => ({ lon: w + random() * (e - w), lat: s + random() * (n - s) }));
  const at500 = circleCoverage(grid, facilities, 500).covered;
  const at1000 = circleCoverage(grid, facilities, 1000).covered;
  const result = areaCoverage(grid, areas, [{ label: '500 m', covered: at500 }, { label: '1000 m', covered: at1000 }], { facilities, servedMinShare: 0.6 });

  it('sums each area exactly as a direct Turf point-in-polygon count', () => {
    result.areas.forEach((figures, a) => {
      let cells = 0, elderly = 0, covered500 = 0, covered1000 = 0;
      for (let c = 0; c < grid.count; c++) {
        if (!turf.booleanPointInPolygon([grid.lon[c], grid.lat[c]], areas[a].geometry)) continue;
        cells++;
        elderly += grid.elderly[c];
        if (at500[c]) covered500 += grid.elderly[c];
        if (at1000[c]) covered1000 += grid.elderly[c];
      }
      expect(figures.cells).toBe(cells);
      expect(figures.elderly).toBeCloseTo(elderly, 6);
      expect(figures.thresholds[0].elderly).toBeCloseTo(covered500, 6);
      expect(figures.thresholds[1].elderly).toBeCloseTo(covered1000, 6);
      expect(figures.thresholds[1].elderlyShare!).toBeCloseTo(covered1000 / elderly, 12);
      expect(figures.thresholds[1].served).toBe(covered1000 / elderly >= 0.6);
      const inside = facilities.filter((f) => turf.booleanPointInPolygon([f.lon, f.lat], areas[a].geometry)).length;
      expect(figures.facilitiesInside).toBe(inside);
    });
    // Every core cell lies inside the Wuhan municipality boundary.
    expect(result.areas[0].cells).toBe(24_470);
    expect(result.cellsOutside).toBe(0);
  });

  it('summarises by level and urban/rural flag', () => {
    expect(result.summary.map((g) => [g.level, g.urban, g.areas])).toEqual([
      ['city', null, 1],
      ['community', true, 2],
      ['village', false, 2],
    ]);
    for (const group of result.summary) {
      const members = result.areas.filter((a) => a.level === group.level && a.urban === group.urban);
      for (const [k, t] of group.thresholds.entries()) {
        expect(t.areasServed).toBe(members.filter((m) => m.thresholds[k].served).length);
        expect(t.elderlyCovered).toBeCloseTo(members.reduce((sum, m) => sum + m.thresholds[k].elderly, 0), 6);
        expect(t.areasServedShare).toBe(t.areasServed / group.areasWithElderly);
      }
      expect(group.areasWithFacility).toBe(members.filter((m) => m.facilitiesInside > 0).length);
    }
  });
});
