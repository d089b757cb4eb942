/**
 * The planning side of "suggest sites": the basement rule of the candidate filter, a suggestion
 * limited to a study area (demand = the older people Turf finds inside; sites inside), readable names
 * of suggested sites from the nearest named road (real OSM ways of Gothenburg, checked against Turf's
 * pointToLineDistance) or the finest area holding them, localised default scenario names, and the
 * optimiser's notes recognised as reasons. Candidate sites and boundary units here are ILLUSTRATIVE
 * (made up in the test or tests/helpers/study_area_units.ts, and labelled so).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as turf from '@turf/turf';
import { beforeAll, describe, expect, it } from 'vitest';
import { importLayer } from '../../../electron/services/import/import_into_project';
import { loadSample } from '../../../electron/services/load_sample';
import { readProjectSnapshot } from '../../../electron/services/store/project_snapshot';
import { ProjectStore } from '../../../electron/services/store/project_store';
import { ERROR_REASONS } from '../../../shared/errors';
import { filterCandidates, type CandidateSite } from '../../../shared/optimize/candidate_filter';
import { optimize } from '../../../shared/optimize/optimize';
import { noteCause } from '../../../shared/optimize/optimizer_notes';
import { mipFits } from '../../../shared/optimize/mip_fit';
import { gridCandidates } from '../../../shared/optimize/grid_candidates';
import type { SuggestSitesRequest } from '../../../shared/settings/siting_settings';
import type { ProjectSnapshot } from '../../../shared/usecases/project_snapshot';
import { defaultScenarioName, SCENARIO_NAME_WORDS } from '../../../shared/usecases/save_suggestion';
import { siteName, siteNameWords, sitePlaces } from '../../../shared/usecases/site_names';
import { solvedWeight, suggestSites, type SolveRequest } from '../../../shared/usecases/suggest_sites';
import { SAMPLE_DIR, tempDir } from '../../helpers/paths';
import { ILLUSTRATIVE_UNITS, illustrativeUnitsGeoJson } from '../../helpers/study_area_units';
import { testData } from '../../helpers/test_data';

const solve: SolveRequest = (request, control) => optimize(request, { seed: 1, method: 'auto', onProgress: control.onProgress, signal: control.signal });
const at = (id: string, floorLevel: number | null): CandidateSite => ({ id, lon: 114.27, lat: 30.59, floorAreaM2: 400, floorLevel });

describe('basement rule', () => {
  it('"highest floor 2" alone accepts floor −1; the lowest floor 1 leaves basements out and counts them, keeping unknown floors', () => {
    const sites = [at('b2', -2), at('b1', -1), at('g', 1), at('f2', 2), at('f3', 3), at('unknown', null)];
    expect(filterCandidates(sites, { maxFloorLevel: 2, unknown: 'include' }).reasons).toEqual([null, null, null, null, 'floor-level', null]);
    const ruled = filterCandidates(sites, { maxFloorLevel: 2, minFloorLevel: 1, unknown: 'include' });
    expect(ruled.reasons).toEqual(['floor-level-low', 'floor-level-low', null, null, 'floor-level', null]);
    expect(ruled.counts['floor-level-low']).toBe(2);
    expect(ruled.eligibleCount).toBe(3);
    expect(() => filterCandidates(sites, { maxFloorLevel: 1, minFloorLevel: 2 })).toThrow(expect.objectContaining({ reason: 'floor_levels_crossed' }));
  });
});

describe('suggestions within a study area', () => {
  let snapshot: ProjectSnapshot;
  beforeAll(async () => {
    const dir = tempDir();
    const store = ProjectStore.create(join(dir, 'plan.gpkg'));
    await loadSample(store, 'wuhan-core');
    await importLayer(store, 'facilities', { path: join(SAMPLE_DIR, 'illustrative_facilities.csv') }, {});
    const units = join(dir, 'units.geojson');
    writeFileSync(units, illustrativeUnitsGeoJson());
    await importLayer(store, 'boundaries', { path: units }, { append: true, illustrative: true });
    // ILLUSTRATIVE candidate sites (made up): two inside the district (one a basement), one in its hole, two outside.
    const candidates = join(dir, 'candidates.csv');
    writeFileSync(
      candidates,
      [
        'id,name,lon,lat,floor_area_m2,floor_level',
        'in-ground,test site in district (illustrative),114.240,30.560,400,1',
        'in-basement,test site basement (illustrative),114.280,30.590,500,-1',
        'in-upper,test site upper floor (illustrative),114.230,30.595,350,2',
        'in-hole,test site in the lake (illustrative),114.257,30.573,400,1',
        'out-east,test site east (illustrative),114.330,30.560,400,1',
        'out-north,test site north (illustrative),114.240,30.635,400,1',
      ].join('\n'),
    );
    await importLayer(store, 'candidates', { path: candidates }, {});
    snapshot = readProjectSnapshot(store);
  });

  it('demand is the older people of the cells inside; grid sites lie inside the study area', async () => {
    const district = turf.feature(ILLUSTRATIVE_UNITS[0].geometry);
    const outcome = await suggestSites(snapshot, { problem: 'max-coverage', k: 3, mode: 'circle', radiusM: 800, candidates: { source: 'grid', gridM: 400 }, studyArea: ['test-district'] }, solve);
    const { grid } = snapshot;
    let elderly = 0, cells = 0;
    for (let i = 0; i < grid.count; i++) {
      if (!turf.booleanPointInPolygon([grid.lon[i], grid.lat[i]], district)) continue;
      elderly += grid.elderly[i];
      cells++;
    }
    expect(outcome.problem.grid.count).toBe(cells);
    expect(solvedWeight(outcome.problem)).toBeCloseTo(elderly, 6);
    expect(outcome.studyArea).toMatchObject({ ids: ['test-district'], cellsInside: cells });
    expect(outcome.sites).toHaveLength(3);
    for (const site of outcome.sites) expect(turf.booleanPointInPolygon([site.lon, site.lat], district)).toBe(true);
    for (let j = 0; j < outcome.problem.candidates.ids.length; j++) {
      expect(turf.booleanPointInPolygon([outcome.problem.candidates.lon[j], outcome.problem.candidates.lat[j]], district)).toBe(true);
    }
    // Covered weight is at most the study area's older people, and the share is of them.
    expect(outcome.result.covered.weight).toBeLessThanOrEqual(elderly + 1e-6);
  });

  it('layer sites: outside the study area and basements are left out by reason (by default), unless asked otherwise', async () => {
    const request: SuggestSitesRequest = { problem: 'max-coverage', k: 1, mode: 'circle', radiusM: 800, candidates: { source: 'layer' }, studyArea: ['示意区 (illustrative)'] };
    const limited = await suggestSites(snapshot, request, solve);
    expect(limited.problem.candidates.excludedSites).toEqual([
      { id: 'in-basement', reason: 'floor-level-low' },
      { id: 'in-hole', reason: 'outside-study-area' },
      { id: 'out-east', reason: 'outside-study-area' },
      { id: 'out-north', reason: 'outside-study-area' },
    ]);
    expect(limited.problem.candidates.ids.sort()).toEqual(['in-ground', 'in-upper']);
    const anyFloor = await suggestSites(snapshot, { ...request, candidates: { source: 'layer', minFloorLevel: null, outsideStudyArea: true } }, solve);
    expect(anyFloor.problem.candidates.excludedSites).toEqual([]);
    expect(anyFloor.problem.candidates.ids).toHaveLength(6);
    const whole = await suggestSites(snapshot, { ...request, studyArea: [] }, solve);
    expect(whole.studyArea).toBeNull();
    expect(whole.problem.candidates.excluded).toEqual({ 'floor-level-low': 1 });
    expect(whole.problem.grid.count).toBe(snapshot.grid.count);
  });

  it('every note of these runs is recognised as a reason the app can say', async () => {
    const runs = await Promise.all([
      suggestSites(snapshot, { problem: 'max-coverage', k: 3, mode: 'circle', radiusM: 800, candidates: { source: 'grid', gridM: 300 } }, solve),
      suggestSites(snapshot, { problem: 'p-median', k: 2, mode: 'circle', candidates: { source: 'grid', gridM: 800 } }, solve),
      suggestSites(snapshot, { problem: 'min-facilities', targetShare: 0.5, mode: 'circle', radiusM: 1000, candidates: { source: 'grid', gridM: 800 } }, solve),
      suggestSites(snapshot, { problem: 'max-coverage', k: 2, mode: 'circle', radiusM: 800, candidates: { source: 'grid', gridM: 800 }, capacitated: { siteCapacity: 30 } }, solve),
    ]);
    const notes = runs.flatMap((run) => run.notes);
    expect(notes.length).toBeGreaterThan(0);
    for (const note of notes) {
      const cause = noteCause(note);
      expect(cause.known, note).toBe(true);
      expect(Object.keys(cause.params).sort()).toEqual([...ERROR_REASONS[cause.reason]].sort());
      for (const value of Object.values(cause.params)) expect(Number.isFinite(value)).toBe(true);
    }
    expect(noteCause('model too large for HiGHS (120000 columns, 9000000 nonzeros); bound from the Lagrangian relaxation')).toEqual({
      reason: 'optimizer_model_too_large',
      params: { columns: 120000, nonzeros: 9000000 },
      known: true,
    });
    expect(noteCause('something new').reason).toBe('optimizer_note_other');
  });

  it('the optimiser refusals the app can meet carry a reason with the numbers its text needs', () => {
    expect(() => mipFits({ columns: 20, nonzeros: 200 }, { maxMipColumns: 10, maxMipNonzeros: 100 }, 'exact')).toThrow(
      expect.objectContaining({ reason: 'optimizer_exact_too_large', params: { columns: 20, nonzeros: 200 } }),
    );
    expect(() => gridCandidates([113.7, 29.97, 115.08, 31.36], 10)).toThrow(expect.objectContaining({ reason: 'grid_candidates_too_many' }));
  });
});

describe('readable names', () => {
  it('the nearest named road within 250 m (real Gothenburg ways), as Turf measures it', () => {
    const ways = JSON.parse(readFileSync(testData('gothenburg_osm/gothenburg_ways.geojson'), 'utf8')).features as {
      properties: Record<string, string>;
      geometry: { type: string; coordinates: number[][] };
    }[];
    const lines = ways.filter((w) => w.geometry.type === 'LineString');
    const roads = lines.map((w) => ({ tags: w.properties, geometry: { type: 'LineString' as const, coordinates: w.geometry.coordinates } }));
    const sites = Array.from({ length: 30 }, (_, k) => ({ lon: 11.94 + (k % 6) * 0.006 + 0.0007, lat: 57.695 + Math.floor(k / 6) * 0.004 + 0.0003 }));
    const places = sitePlaces(sites, roads, []);
    const named = lines.filter((w) => (w.properties.name ?? '').trim() !== '');
    let withRoad = 0;
    sites.forEach((site, k) => {
      let best = Infinity;
      for (const w of named) best = Math.min(best, turf.pointToLineDistance([site.lon, site.lat], turf.lineString(w.geometry.coordinates), { units: 'meters' }));
      if (best > 251) return expect(places[k].road).toBeNull();
      if (best < 249) {
        withRoad++;
        const chosen = named.filter((w) => w.properties.name === places[k].road);
        expect(chosen.length, `site ${k}`).toBeGreaterThan(0);
        const chosenDistance = Math.min(...chosen.map((w) => turf.pointToLineDistance([site.lon, site.lat], turf.lineString(w.geometry.coordinates), { units: 'meters' })));
        // The projection used is exact to well under a metre at this scale.
        expect(chosenDistance - best).toBeLessThan(1);
      }
    });
    expect(withRoad).toBeGreaterThan(20);
  });

  it('else the finest area holding the site, else a number; in zh and en, deterministic', () => {
    const areas = ILLUSTRATIVE_UNITS.map((u) => ({ id: u.id, name: u.name, level: u.level, urban: null, geometry: { type: 'MultiPolygon' as const, coordinates: [u.geometry.coordinates] } }));
    const road = { tags: { name: '建设大道', 'name:en': 'Jianshe Avenue' }, geometry: { type: 'LineString' as const, coordinates: [[114.24, 30.55], [114.24, 30.60]] } };
    const sites = [
      { lon: 114.2405, lat: 30.575 }, // 48 m from the road
      { lon: 114.23, lat: 30.595 }, // in the district and the north street: the street names it
      { lon: 114.29, lat: 30.56 }, // in the district only
      { lon: 114.2, lat: 30.51 }, // in no unit (only the real city boundary is not given here)
    ];
    const places = sitePlaces(sites, [road], areas);
    expect(places.map((p) => [p.road, p.area])).toEqual([
      ['建设大道', '示意区 (illustrative)'],
      [null, '示意北街道 (illustrative)'],
      [null, '示意区 (illustrative)'],
      [null, null],
    ]);
    const zh = siteNameWords('zh');
    const en = siteNameWords('en');
    expect(places.map((p, k) => siteName(p, k + 1, zh))).toEqual(['建设大道 附近 建议点 1', '示意北街道 (illustrative) 建议点 2', '示意区 (illustrative) 建议点 3', '建议点 4']);
    expect(siteName(places[0], 1, en, true)).toBe('Suggested site 1 near Jianshe Avenue');
    expect(siteName(places[3], 4, en, true)).toBe('Suggested site 4');
    expect(sitePlaces(sites, [road], areas)).toEqual(places);
  });

  it('default scenario names say the goal, the count and the time in the language, made unique', () => {
    const when = new Date(2026, 11, 7, 1, 47);
    expect(defaultScenarioName('max-coverage', 3, [], when, SCENARIO_NAME_WORDS.zh)).toBe('最大覆盖 3 处 · 12月7日 01:47');
    expect(defaultScenarioName('max-coverage', 3, [], when, SCENARIO_NAME_WORDS.en)).toBe('Max coverage, 3 sites · Dec 7 01:47');
    expect(defaultScenarioName('p-median', 1, [], when, SCENARIO_NAME_WORDS.en)).toBe('Least total distance, 1 site · Dec 7 01:47');
    expect(defaultScenarioName('max-coverage', 3, ['最大覆盖 3 处 · 12月7日 01:47'], when, SCENARIO_NAME_WORDS.zh)).toBe('最大覆盖 3 处 · 12月7日 01:47 (2)');
  });
});
