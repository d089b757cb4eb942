/**
 * The study area (shared/engine/areas/study_area.ts, shared/usecases/study_area.ts): which cells lie
 * inside, checked against Turf's booleanPointInPolygon as an independent implementation on the real
 * boundaries (the Wuhan city boundary with the sample's cells, the ten Shenzhen districts with a
 * lattice of points) and on ILLUSTRATIVE units with a hole (tests/helpers/study_area_units.ts); the
 * coverage figures and gaps of an analysis limited to a study area equal an independent count over
 * the cells Turf finds inside; unknown or ambiguous names are refused with their reason.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as turf from '@turf/turf';
import { beforeAll, describe, expect, it } from 'vitest';
import { importLayer } from '../../../electron/services/import/import_into_project';
import { loadSample } from '../../../electron/services/load_sample';
import { readProjectSnapshot } from '../../../electron/services/store/project_snapshot';
import { ProjectStore } from '../../../electron/services/store/project_store';
import type { AreaInput } from '../../../shared/engine/areas/area_coverage';
import { insideAreas, resolveStudyArea, studyAreaGrid } from '../../../shared/engine/areas/study_area';
import { haversineM } from '../../../shared/geodesy/haversine';
import { analyseProjectAccessibility } from '../../../shared/usecases/accessibility_analysis';
import type { ProjectSnapshot } from '../../../shared/usecases/project_snapshot';
import { SAMPLE_DIR, tempDir } from '../../helpers/paths';
import { readGridCsv } from '../../helpers/read_grid_csv';
import { ILLUSTRATIVE_UNITS, illustrativeUnitsGeoJson } from '../../helpers/study_area_units';
import { testData } from '../../helpers/test_data';

type Polygonal = { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] };

function area(id: string, geometry: Polygonal): AreaInput {
  return { id, name: id, level: 'district', urban: null, geometry: { type: 'MultiPolygon', coordinates: geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates } };
}

/** Turf's answer for each point (boundary points count as inside in Turf; none of the points here lie on an edge). */
function turfInside(lon: ArrayLike<number>, lat: ArrayLike<number>, geometry: Polygonal): Uint8Array {
  const feature = turf.feature(geometry);
  return Uint8Array.from({ length: lon.length }, (_, i) => (turf.booleanPointInPolygon([lon[i], lat[i]], feature) ? 1 : 0));
}

function lattice(box: number[], n: number): { lon: Float64Array; lat: Float64Array } {
  const lon = new Float64Array(n * n), lat = new Float64Array(n * n);
  // Irrational-ish offsets keep the lattice off the polygons' vertices and edges.
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) {
    lon[r * n + c] = box[0] + ((c + 0.3819) / n) * (box[2] - box[0]);
    lat[r * n + c] = box[1] + ((r + 0.6180) / n) * (box[3] - box[1]);
  }
  return { lon, lat };
}

describe('study-area membership equals Turf booleanPointInPolygon', () => {
  it('on the real Wuhan city boundary with the sample grid and a lattice over the city', () => {
    const boundary = JSON.parse(readFileSync(join(SAMPLE_DIR, 'wuhan_boundary_osm.geojson'), 'utf8')).features[0].geometry as Polygonal;
    const cells = readGridCsv(join(SAMPLE_DIR, 'wuhan_core_grid_100m.csv'));
    const lon = Float64Array.from(cells, (c) => c.lon), lat = Float64Array.from(cells, (c) => c.lat);
    const ours = insideAreas(lon, lat, [area('wuhan', boundary)]);
    expect(Array.from(ours)).toEqual(Array.from(turfInside(lon, lat, boundary)));
    const points = lattice(turf.bbox(boundary), 120);
    const ourLattice = insideAreas(points.lon, points.lat, [area('wuhan', boundary)]);
    const turfLattice = turfInside(points.lon, points.lat, boundary);
    expect(Array.from(ourLattice)).toEqual(Array.from(turfLattice));
    // The lattice has points on both sides of the border.
    const insideCount = ourLattice.reduce((a, b) => a + b, 0);
    expect(insideCount).toBeGreaterThan(1000);
    expect(insideCount).toBeLessThan(points.lon.length - 1000);
  });

  it('on the ten real Shenzhen districts, one by one and as a study area of several', () => {
    const districts = JSON.parse(readFileSync(testData('shenzhen/shenzhen_districts_transbigdata.geojson'), 'utf8')).features as { geometry: Polygonal; properties: { qh: string } }[];
    expect(districts).toHaveLength(10);
    const all = turf.bbox(turf.featureCollection(districts.map((d) => turf.feature(d.geometry))));
    const points = lattice(all, 90);
    const union = new Uint8Array(points.lon.length);
    for (const d of districts) {
      const theirs = turfInside(points.lon, points.lat, d.geometry);
      expect(Array.from(insideAreas(points.lon, points.lat, [area(d.properties.qh, d.geometry)]))).toEqual(Array.from(theirs));
      for (let i = 0; i < union.length; i++) union[i] |= theirs[i];
    }
    const several = districts.filter((d) => ['福田', '罗湖', '南山'].includes(d.properties.qh));
    expect(several).toHaveLength(3);
    const severalTurf = new Uint8Array(points.lon.length);
    for (const d of several) turfInside(points.lon, points.lat, d.geometry).forEach((v, i) => (severalTurf[i] |= v));
    expect(Array.from(insideAreas(points.lon, points.lat, several.map((d) => area(d.properties.qh, d.geometry))))).toEqual(Array.from(severalTurf));
    expect(severalTurf.reduce((a, b) => a + b, 0)).toBeGreaterThan(100);
  });

  it('respects holes (illustrative unit with a made-up lake)', () => {
    const district = ILLUSTRATIVE_UNITS[0];
    const points = lattice(turf.bbox(district.geometry), 100);
    const ours = insideAreas(points.lon, points.lat, [area(district.id, district.geometry)]);
    expect(Array.from(ours)).toEqual(Array.from(turfInside(points.lon, points.lat, district.geometry)));
    // A point in the hole is outside.
    expect(insideAreas([114.257], [30.573], [area(district.id, district.geometry)])[0]).toBe(0);
  });
});

describe('an analysis limited to a study area', () => {
  let snapshot: ProjectSnapshot;
  beforeAll(async () => {
    const dir = tempDir();
    const store = ProjectStore.create(join(dir, 'study.gpkg'));
    await loadSample(store, 'wuhan-core');
    await importLayer(store, 'facilities', { path: join(SAMPLE_DIR, 'illustrative_facilities.csv') }, {});
    const units = join(dir, 'units.geojson');
    (await import('node:fs')).writeFileSync(units, illustrativeUnitsGeoJson());
    await importLayer(store, 'boundaries', { path: units }, { append: true, illustrative: true });
    snapshot = readProjectSnapshot(store);
  });

  it('counts only the cells Turf finds inside: totals, covered and gaps equal an independent sum', () => {
    const district = ILLUSTRATIVE_UNITS[0];
    const kinds = ['day_care', 'community_station'] as const;
    const { result, facilities } = analyseProjectAccessibility(snapshot, { mode: 'circle', radiiM: [1000], gaps: true, byArea: true, studyArea: ['示意区 (illustrative)'] }, kinds);
    const { grid } = snapshot;
    const inside = turfInside(grid.lon, grid.lat, district.geometry);
    let cells = 0, elderly = 0, population = 0, coveredElderly = 0, coveredCells = 0;
    for (let i = 0; i < grid.count; i++) {
      if (!inside[i]) continue;
      cells++;
      elderly += grid.elderly[i];
      population += grid.population[i];
      if (facilities.some((f) => haversineM(f.lon, f.lat, grid.lon[i], grid.lat[i]) <= 1000)) {
        coveredCells++;
        coveredElderly += grid.elderly[i];
      }
    }
    expect(cells).toBeGreaterThan(500);
    expect(cells).toBeLessThan(grid.count / 2);
    expect(result.studyArea).toMatchObject({ ids: ['test-district'], names: ['示意区 (illustrative)'], cellsInside: cells, cellsTotal: grid.count });
    expect(result.studyArea!.elderly).toBeCloseTo(elderly, 6);
    const t = result.thresholds[0];
    expect(t.cells).toEqual({ total: cells, covered: coveredCells });
    expect(t.elderly.total).toBeCloseTo(elderly, 6);
    expect(t.population.total).toBeCloseTo(population, 6);
    expect(t.elderly.covered).toBeCloseTo(coveredElderly, 6);
    expect(coveredElderly).toBeGreaterThan(0);
    expect(result.gaps!.uncoveredCells).toBe(cells - coveredCells);
    expect(result.gaps!.uncoveredElderly).toBeCloseTo(elderly - coveredElderly, 6);
    // Every gap lies inside the study area: its centroid is inside the district (outer ring, not the hole).
    for (const gap of result.gaps!.areas) expect(turf.booleanPointInPolygon(gap.elderlyCentroid, turf.feature(district.geometry))).toBe(true);
    // Per-area rows: the areas holding cells of the study area (the city, the district, the north street), not the east unit.
    const rows = result.areas!.areas.map((a) => a.name).sort();
    expect(rows).toEqual(['武汉市', '示意北街道 (illustrative)', '示意区 (illustrative)'].sort());
    expect(result.areas!.areas.find((a) => a.name === '示意区 (illustrative)')!.elderly).toBeCloseTo(elderly, 6);
  });

  it('the whole project when no study area is given; ids and names resolve, unknown and ambiguous ones are refused', () => {
    const whole = analyseProjectAccessibility(snapshot, { mode: 'circle', radiiM: [1000] }, ['day_care']).result;
    expect(whole.studyArea).toBeNull();
    expect(whole.thresholds[0].cells.total).toBe(snapshot.grid.count);
    const boundaries = [...snapshot.boundaries];
    expect(resolveStudyArea(boundaries, ['test-east', '示意区 (illustrative)']).map((a) => a.id)).toEqual(['test-east', 'test-district']);
    expect(() => resolveStudyArea(boundaries, ['江汉区'])).toThrow(expect.objectContaining({ reason: 'study_area_unknown', params: { name: '江汉区' } }));
    const twice = [...boundaries, { ...boundaries[1], id: 'copy' }];
    expect(() => resolveStudyArea(twice, [boundaries[1].name])).toThrow(expect.objectContaining({ reason: 'study_area_ambiguous' }));
    // Two areas: the union of their cells.
    const both = studyAreaGrid(snapshot.grid, resolveStudyArea(boundaries, ['test-district', 'test-east']));
    const a = studyAreaGrid(snapshot.grid, resolveStudyArea(boundaries, ['test-district'])).summary.cellsInside;
    const b = studyAreaGrid(snapshot.grid, resolveStudyArea(boundaries, ['test-east'])).summary.cellsInside;
    // The two units do not overlap (the district ends at 114.301, the east unit starts at 114.305).
    expect(both.summary.cellsInside).toBe(a + b);
  });
});
