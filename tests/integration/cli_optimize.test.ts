/**
 * `siting optimize` through the real CLI: matrix mode reproduces spopt's published San Francisco
 * results from tests/data/spopt_sf (EXPECTED.md); project mode on the Wuhan sample (real WorldPop
 * 60+ grid, illustrative facilities) is checked against `siting analyze` after --save and against
 * plain @turf/distance sums over the grid CSV.
 *
 * Project runs use --method heuristic (no HiGHS): the coverage models of this grid are too large for
 * the exact MIP, and the heuristic result still carries its proven bound.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as turf from '@turf/turf';
import { beforeAll, describe, expect, it } from 'vitest';
import { bruteForceCoverage } from '../helpers/brute_force_coverage';
import { REPO_ROOT, SAMPLE_DIR, tempDir } from '../helpers/paths';
import { readGridCsv } from '../helpers/read_grid_csv';
import { runCli } from '../helpers/run_cli';
import { testData } from '../helpers/test_data';

const SF = testData('spopt_sf');
const SF_MATRIX = join(SF, 'SF_network_distance_candidateStore_16_censusTract_205_new.csv');
const SF_DEMAND = join(SF, 'SF_demand_205_centroid_uniform_weight.csv');
const SF_ARGS = [
  'optimize', '--matrix', SF_MATRIX, '--demand', SF_DEMAND,
  '--matrix-columns', 'demand=DestinationName,candidate=name,cost=distance',
  '--demand-columns', 'id=NAME,weight=POP2000', '--json',
];

/** Σ POP2000 read plainly from the demand CSV (no app code). */
function sanFranciscoPopulation(): number {
  const [header, ...lines] = readFileSync(SF_DEMAND, 'utf8').trim().split(/\r?\n/);
  const column = header.split(',').indexOf('"POP2000"');
  return lines.reduce((sum, line) => sum + Number(line.split(',')[column]), 0);
}

describe('siting optimize --matrix: spopt San Francisco (205 tracts × 16 stores)', () => {
  it('min-facilities within 5000 m needs 8 stores, proven', () => {
    const r = runCli([...SF_ARGS, '--problem', 'min-facilities', '--radius', '5000']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.json).toMatchObject({ problem: 'min-facilities', objective: 8, bound: 8, exact: true, mode: 'matrix' });
    expect(r.json.selected).toHaveLength(8);
    expect(r.json.covered).toEqual({ weight: sanFranciscoPopulation(), count: 205, ratio: 1 });
  });

  it('max-coverage p = 4, S = 5000 covers 875 247 people in 184 of 205 tracts', () => {
    const r = runCli([...SF_ARGS, '--problem', 'max-coverage', '--sites', '4', '--radius', '5000']);
    expect(r.status).toBe(0);
    expect(r.json.objective).toBe(875247);
    expect(r.json.covered.weight).toBe(875247);
    expect(r.json.covered.count).toBe(184);
    expect(r.json.exact).toBe(true);
    expect([...r.json.selected].sort()).toEqual(['Store_11', 'Store_12', 'Store_15', 'Store_2']);
    expect(r.json.sites.map((s: { id: string }) => s.id)).toEqual(r.json.selected);
    expect(r.json.sites.map((s: { marginalGain: number }) => s.marginalGain)).toEqual(r.json.marginalGains);
  });

  it('p-median p = 4: mean distance 2982.1268579890657 m = objective / Σ weight', () => {
    const r = runCli([...SF_ARGS, '--problem', 'p-median', '--sites', '4']);
    expect(r.status).toBe(0);
    const total = sanFranciscoPopulation();
    expect(Math.abs(r.json.meanCost - 2982.1268579890657) / 2982.1268579890657).toBeLessThan(1e-9);
    expect(Math.abs(r.json.objective / total - r.json.meanCost) / r.json.meanCost).toBeLessThan(1e-12);
    expect(r.json.demand).toEqual({ points: 205, weight: total });
    expect([...r.json.selected].sort()).toEqual(['Store_11', 'Store_12', 'Store_15', 'Store_2']);
    expect(r.json.exact).toBe(true);
  });

  it('p-center p = 4: worst distance 7403.06 m', () => {
    const r = runCli([...SF_ARGS, '--problem', 'p-center', '--sites', '4']);
    expect(r.status).toBe(0);
    expect(r.json.objective).toBeCloseTo(7403.06, 2);
    expect(r.json.maxCost).toBe(r.json.objective);
    expect([...r.json.selected].sort()).toEqual(['Store_11', 'Store_13', 'Store_15', 'Store_7']);
  });

  it('names the flag, file, row and column of bad input (exit 2)', () => {
    const noRadius = runCli([...SF_ARGS, '--problem', 'max-coverage', '--sites', '4']);
    expect(noRadius.status).toBe(2);
    expect(noRadius.json.error.location.field).toBe('radius');
    const badColumns = runCli([...SF_ARGS.slice(0, -3), '--demand-columns', 'id=NAME,people=POP2000', '--problem', 'p-median', '--sites', '4', '--json']);
    expect(badColumns.status).toBe(2);
    expect(badColumns.json.error.message).toMatch(/--demand-columns/);
    const missingColumn = runCli([...SF_ARGS.slice(0, -3), '--demand-columns', 'id=NAME,weight=POP2010', '--problem', 'p-median', '--sites', '4', '--json']);
    expect(missingColumn.status).toBe(2);
    expect(missingColumn.json.error.message).toMatch(/SF_demand_205_centroid_uniform_weight\.csv.*POP2010/);
    const dir = tempDir();
    const bad = join(dir, 'od.csv');
    writeFileSync(bad, 'demand_id,candidate_id,cost\nA,s1,300\nB,s1,abc\n');
    const badCost = runCli(['optimize', '--matrix', bad, '--problem', 'p-median', '--sites', '1', '--json']);
    expect(badCost.status).toBe(2);
    expect(badCost.json.error.location).toMatchObject({ file: 'od.csv', row: 2, field: 'cost' });
    const tooMany = runCli([...SF_ARGS, '--problem', 'p-median', '--sites', '17']);
    expect(tooMany.status).toBe(2);
    expect(tooMany.json.error.location.field).toBe('sites');
    const projectFlag = runCli([...SF_ARGS, '--problem', 'p-median', '--sites', '4', '--radius-m', '500']);
    expect(projectFlag.status).toBe(2);
    expect(projectFlag.json.error.message).toMatch(/--radius-m belongs to project mode/);
  });
});

describe('siting optimize on the Wuhan sample (24 470 cells of older people, 4 illustrative facilities counted)', () => {
  const dir = tempDir();
  const template = join(dir, 'template.gpkg');
  const grid = readGridCsv(join(SAMPLE_DIR, 'wuhan_core_grid_100m.csv')).map((c) => ({ lon: c.lon, lat: c.lat, elderly: c.pop60plus, population: c.pop20plus }));
  const facilities = readFileSync(join(SAMPLE_DIR, 'illustrative_facilities.csv'), 'utf8')
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((line) => line.split(','))
    .filter((v) => v[2] === 'day_care' || v[2] === 'community_station')
    .map((v) => ({ lon: Number(v[4]), lat: Number(v[5]) }));
  /** A fresh copy of the sample project with the illustrative facilities, for one test. */
  const project = (name: string) => {
    const path = join(dir, `${name}.gpkg`);
    copyFileSync(template, path);
    return path;
  };
  const optimizeArgs = (path: string, ...extra: string[]) => ['optimize', path, '--method', 'heuristic', '--json', ...extra];

  beforeAll(() => {
    expect(runCli(['new', template, '--sample', 'wuhan-core']).status).toBe(0);
    expect(runCli(['import', template, 'facilities', join(SAMPLE_DIR, 'illustrative_facilities.csv'), '--illustrative']).status).toBe(0);
    expect(existsSync(`${template}-wal`)).toBe(false);
  });

  it('max-coverage k = 3 at 1000 m covers at least the best single site, and analyze agrees after --save', () => {
    const path = project('k3');
    const single = runCli(optimizeArgs(path, '--problem', 'max-coverage', '--sites', '1', '--radius-m', '1000', '--candidates', 'grid'));
    expect(single.status).toBe(0);
    expect(single.json.exact).toBe(true); // one site: the greedy choice is the best single site, proven
    const three = runCli(optimizeArgs(path, '--problem', 'max-coverage', '--sites', '3', '--radius-m', '1000', '--candidates', 'grid', '--save', '--scenario', 'three sites'));
    expect(three.status).toBe(0);
    expect(three.stderr).toBe('');
    const r = three.json;
    expect(r.selected).toHaveLength(3);
    expect(r.covered.weight).toBeGreaterThanOrEqual(single.json.covered.weight);
    expect(r.bound).toBeGreaterThanOrEqual(r.objective);
    expect(r.candidates.source).toBe('grid');
    expect(r.existing.facilities).toBe(4);

    // What is compared: analyze's elderly.covered (existing facilities + the saved scenario's three
    // day-care proposals, 1000 m circles) equals the optimiser's covered.weight, and analyze without
    // the scenario equals the optimiser's baseline.weight; covered − baseline is the gain of the sites.
    const withScenario = runCli(['analyze', path, '--radius-m', '1000', '--scenario', 'three sites', '--json']).json;
    const existingOnly = runCli(['analyze', path, '--radius-m', '1000', '--json']).json;
    expect(withScenario.facilities).toBe(7);
    expect(withScenario.elderly.covered).toBeCloseTo(r.covered.weight, 6);
    expect(existingOnly.elderly.covered).toBeCloseTo(r.baseline.weight, 6);
    expect(withScenario.elderly.covered - existingOnly.elderly.covered).toBeCloseTo(r.covered.weight - r.baseline.weight, 6);
    expect(r.covered.weight - r.baseline.weight).toBeGreaterThan(0);

    // Independent: every cell within 1000 m (@turf/distance) of an existing facility or a chosen site.
    const sites = r.sites.map((s: { lon: number; lat: number }) => ({ lon: s.lon, lat: s.lat }));
    expect(bruteForceCoverage(grid, [...facilities, ...sites], 1000).elderly).toBeCloseTo(r.covered.weight, 6);
    expect(bruteForceCoverage(grid, facilities, 1000).elderly).toBeCloseTo(r.baseline.weight, 6);

    // The scenario holds three day-care proposals at the chosen sites, marginal gain in the note.
    const out = join(dir, 'proposals.geojson');
    expect(runCli(['export', path, '--layer', 'proposals', '--scenario', 'three sites', '--out', out]).status).toBe(0);
    const features = JSON.parse(readFileSync(out, 'utf8')).features as { geometry: { coordinates: number[] }; properties: Record<string, unknown> }[];
    expect(features).toHaveLength(3);
    features.forEach((f, s) => {
      expect(f.properties.kind).toBe('day_care');
      expect(f.geometry.coordinates[0]).toBeCloseTo(r.sites[s].lon, 9);
      expect(f.geometry.coordinates[1]).toBeCloseTo(r.sites[s].lat, 9);
      const note = String(f.properties.note).match(/marginal gain ([\d.]+) older people \(60\+\) would lose coverage/);
      expect(Number(note?.[1])).toBeCloseTo(r.marginalGains[s], 1);
    });
    expect(r.scenario).toMatchObject({ name: 'three sites', proposals: features.map((f) => f.properties.id) });
  });

  it('keeps new sites at least --min-spacing-m apart', () => {
    const path = project('spacing');
    const free = runCli(optimizeArgs(path, '--problem', 'max-coverage', '--sites', '3', '--candidates', 'grid')).json;
    const spaced = runCli(optimizeArgs(path, '--problem', 'max-coverage', '--sites', '3', '--candidates', 'grid', '--min-spacing-m', '3000')).json;
    const closest = (sites: { lon: number; lat: number }[]) => {
      let min = Infinity;
      for (let a = 0; a < sites.length; a++) {
        for (let b = a + 1; b < sites.length; b++) min = Math.min(min, turf.distance([sites[a].lon, sites[a].lat], [sites[b].lon, sites[b].lat], { units: 'meters' }));
      }
      return min;
    };
    expect(closest(free.sites)).toBeLessThan(3000); // the rule binds on this data
    expect(spaced.selected).toHaveLength(3);
    expect(closest(spaced.sites)).toBeGreaterThanOrEqual(3000);
    expect(spaced.covered.weight).toBeLessThanOrEqual(free.bound);
    expect(spaced.minSpacingM).toBe(3000);
  });

  it('p-median k = 4 on 1000 m grid candidates: objective = Σ older people × distance to the nearest open site', () => {
    const path = project('median');
    const r = runCli(['optimize', path, '--problem', 'p-median', '--sites', '4', '--grid-m', '1000', '--json']).json;
    expect(r.costCutoff.exact).toBe(true);
    expect(r.costUnit).toBe('m');
    const open = [...facilities, ...r.sites.map((s: { lon: number; lat: number }) => ({ lon: s.lon, lat: s.lat }))];
    let sum = 0;
    let total = 0;
    for (const cell of grid) {
      const nearest = Math.min(...open.map((f) => turf.distance([f.lon, f.lat], [cell.lon, cell.lat], { units: 'meters' })));
      sum += cell.elderly * nearest;
      total += cell.elderly;
    }
    expect(Math.abs(r.objective - sum) / sum).toBeLessThan(1e-9);
    expect(Math.abs(r.meanCost - sum / total) / (sum / total)).toBeLessThan(1e-9);
    expect(r.objective).toBeGreaterThanOrEqual(r.bound * (1 - 1e-9));
  });

  it('filters a candidates layer by floor area and floor level', () => {
    const path = project('layer');
    // Test fixture: made-up candidate sites (not real buildings). "small" sits where the grid run finds
    // the best single site, so it wins unless the floor-area rule removes it.
    const fixture = join(dir, 'candidates.csv');
    writeFileSync(
      fixture,
      [
        'id,name,lon,lat,floor_area_m2,floor_level',
        'small,test site small,114.2596,30.6270,250,1',
        'a,test site A,114.3405,30.5888,420,1',
        'b,test site B,114.2805,30.6270,360,2',
        'c,test site C,114.2100,30.6000,800,3',
        'd,test site D,114.3200,30.5500,300,1',
        'unknown,test site unknown area,114.3000,30.6100,,1',
      ].join('\n'),
    );
    expect(runCli(['import', path, 'candidates', fixture]).status).toBe(0);
    const unfiltered = runCli(optimizeArgs(path, '--problem', 'max-coverage', '--sites', '1')).json;
    expect(unfiltered.candidates.source).toBe('layer');
    expect(unfiltered.selected).toEqual(['small']);
    const filtered = runCli(optimizeArgs(path, '--problem', 'max-coverage', '--sites', '2', '--min-floor-area', '300')).json;
    expect(filtered.candidates).toMatchObject({ considered: 6, eligible: 4, excluded: { 'floor-area': 1, 'floor-area-unknown': 1 } });
    expect(filtered.candidates.excludedSites).toEqual([
      { id: 'small', reason: 'floor-area' },
      { id: 'unknown', reason: 'floor-area-unknown' },
    ]);
    for (const site of filtered.sites) expect(site.floorAreaM2).toBeGreaterThanOrEqual(300);
    const low = runCli(optimizeArgs(path, '--problem', 'max-coverage', '--sites', '3', '--min-floor-area', '300', '--max-floor-level', '2')).json;
    expect(low.candidates.excluded).toEqual({ 'floor-area': 1, 'floor-area-unknown': 1, 'floor-level': 1 });
    expect([...low.selected].sort()).toEqual(['a', 'b', 'd']);
    const gridFlag = runCli(optimizeArgs(path, '--problem', 'max-coverage', '--sites', '1', '--grid-m', '500'));
    expect(gridFlag.status).toBe(2);
    expect(gridFlag.json.error.location.field).toBe('grid-m');
  });

  it('never opens a site inside an exclusion zone', () => {
    const path = project('zones');
    const best = runCli(optimizeArgs(path, '--problem', 'max-coverage', '--sites', '1', '--candidates', 'grid')).json.sites[0];
    const d = 0.004;
    const ring = [[best.lon - d, best.lat - d], [best.lon + d, best.lat - d], [best.lon + d, best.lat + d], [best.lon - d, best.lat + d], [best.lon - d, best.lat - d]];
    const zones = join(dir, 'zones.geojson');
    writeFileSync(zones, JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [ring] } }] }));
    const r = runCli(optimizeArgs(path, '--problem', 'max-coverage', '--sites', '1', '--candidates', 'grid', '--exclude', zones)).json;
    expect(r.candidates.excluded['exclusion-zone']).toBeGreaterThanOrEqual(1);
    expect(r.selected[0]).not.toBe(best.id);
    expect(turf.booleanPointInPolygon([r.sites[0].lon, r.sites[0].lat], turf.polygon([ring]))).toBe(false);
    writeFileSync(zones, JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [114.3, 30.6] } }] }));
    const bad = runCli(optimizeArgs(path, '--problem', 'max-coverage', '--sites', '1', '--exclude', zones));
    expect(bad.status).toBe(2);
    expect(bad.json.error.location).toMatchObject({ file: 'zones.geojson', feature: 0 });
  });

  it('--exclude boundary:NAME keeps new sites out of a boundary of the project', () => {
    const path = project('boundary-zone');
    const best = runCli(optimizeArgs(path, '--problem', 'max-coverage', '--sites', '1', '--candidates', 'grid')).json.sites[0];
    const d = 0.004;
    const ring = [[best.lon - d, best.lat - d], [best.lon + d, best.lat - d], [best.lon + d, best.lat + d], [best.lon - d, best.lat + d], [best.lon - d, best.lat - d]];
    // Test fixture, not a real area: a made-up community boundary around the best single site.
    const file = join(dir, 'zone_boundary.geojson');
    writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: '测试排除区 (test)', level: 'community' }, geometry: { type: 'Polygon', coordinates: [ring] } }] }));
    expect(runCli(['import', path, 'boundaries', file]).status).toBe(0);
    const r = runCli(optimizeArgs(path, '--problem', 'max-coverage', '--sites', '1', '--candidates', 'grid', '--exclude', 'boundary:测试排除区 (test)')).json;
    expect(r.candidates.excluded['exclusion-zone']).toBeGreaterThanOrEqual(1);
    expect(r.selected[0]).not.toBe(best.id);
    expect(turf.booleanPointInPolygon([r.sites[0].lon, r.sites[0].lat], turf.polygon([ring]))).toBe(false);
    const unknown = runCli(optimizeArgs(path, '--problem', 'max-coverage', '--sites', '1', '--exclude', 'boundary:nowhere'));
    expect(unknown.status).toBe(2);
    expect(unknown.json.error.location.field).toBe('exclude');
    expect(unknown.json.error.message).toMatch(/no boundary named "nowhere" in the project \(boundaries: .*"测试排除区 \(test\)"/);
  });

  it('Ctrl+C cancels a running solve: no result, exit 130', async () => {
    const path = project('cancel');
    // p-median k = 10 on 250 m grid candidates: the Lagrangian bound (from ≈ 50 %) runs for seconds.
    const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'siting.mjs'), 'optimize', path, '--problem', 'p-median', '--sites', '10'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    const code = await new Promise<number | null>((resolve) => {
      child.stderr.on('data', (chunk) => {
        stderr += chunk;
        if (/optimising… 50 %/.test(stderr) && !child.killed) child.kill('SIGINT');
      });
      child.on('exit', (exitCode) => resolve(exitCode));
    });
    expect(stderr).toMatch(/cancelling the optimisation/);
    expect(stderr).toMatch(/siting: optimisation cancelled/);
    expect(stdout).toBe('');
    // 130 = 128 + SIGINT, the exit code of every cancelled command (electron/cli/main.ts).
    expect(code).toBe(130);
  });

  it('refuses bad flags with exit 2, naming the flag', () => {
    const path = project('flags');
    const cases: [string[], string][] = [
      [['--problem', 'max-covering', '--sites', '3'], 'problem'],
      [['--problem', 'max-coverage'], 'sites'],
      [['--problem', 'max-coverage', '--sites', '0'], 'sites'],
      [['--problem', 'max-coverage', '--sites', '2.5'], 'sites'],
      [['--problem', 'max-coverage', '--sites', '3', '--target', '0.9'], 'target'],
      [['--problem', 'min-facilities', '--target', '1.5'], 'target'],
      [['--problem', 'min-facilities', '--sites', '3'], 'sites'],
      [['--problem', 'max-coverage', '--sites', '3', '--radius', '1000'], 'radius'],
      [['--problem', 'max-coverage', '--sites', '3', '--mode', 'network', '--radius-m', '500'], 'radius-m'],
      [['--problem', 'max-coverage', '--sites', '3', '--minutes', '10'], 'roads'],
      [['--problem', 'max-coverage', '--sites', '3', '--candidates', 'grid', '--min-floor-area', '300'], 'min-floor-area'],
      [['--problem', 'max-coverage', '--sites', '3', '--candidates', 'layer'], 'candidates'],
      [['--problem', 'max-coverage', '--sites', '3', '--min-spacing-m=-5'], 'min-spacing-m'],
      [['--problem', 'max-coverage', '--sites', '3', '--scenario', 'plan A'], 'scenario'],
      [['--problem', 'max-coverage', '--sites', '3', '--kinds', 'daycare'], 'kinds'],
      [['--problem', 'p-median', '--sites', '3', '--capacitated'], 'capacitated'],
      [['--problem', 'max-coverage', '--sites', '3', '--capacitated'], 'site-capacity'],
      [['--problem', 'max-coverage', '--sites', '100000', '--candidates', 'grid'], 'sites'],
      [['--problem', 'max-coverage', '--sites', '3', '--method', 'fast'], 'method'],
    ];
    for (const [flags, field] of cases) {
      const r = runCli(['optimize', path, '--json', ...flags]);
      expect({ flags, status: r.status }).toEqual({ flags, status: 2 });
      expect({ flags, field: r.json.error.location?.field }).toEqual({ flags, field });
    }
    const unknown = runCli(['optimize', path, '--problem', 'max-coverage', '--sites', '3', '--radius-km', '1', '--json']);
    expect(unknown.status).toBe(2);
    expect(unknown.json.error.message).toMatch(/radius-km/);
  });
});
