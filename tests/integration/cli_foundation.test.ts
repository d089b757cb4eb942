import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { LAYER_NAMES } from '../../shared/schemas/entities';
import { haversineM } from '../../shared/geodesy/haversine';
import { bruteForceCoverage } from '../helpers/brute_force_coverage';
import { REPO_ROOT, SAMPLE_DIR, tempDir } from '../helpers/paths';
import { readGridCsv } from '../helpers/read_grid_csv';
import { runCli } from '../helpers/run_cli';
import { COMMAND_FLAGS } from '../../electron/cli/command_flags';
import { USAGE } from '../../electron/cli/main';
import { SKIP_REASON } from '../unit/geodesy/gdal_cli';
import { hasGdalTool } from '../unit/import/import_test_paths';

/** ogrinfo cross-checks need gdal-bin (installed by .ci/run). */
const GDAL = hasGdalTool('ogrinfo');
const FACILITIES_CSV = join(SAMPLE_DIR, 'illustrative_facilities.csv');
const BOUNDARY_GEOJSON = join(SAMPLE_DIR, 'wuhan_boundary_osm.geojson');
const ESTATES_GEOJSON = join(REPO_ROOT, 'tests', 'fixtures', 'import', 'estates_wuhan.geojson');

/** Facility rows of the illustrative CSV, read plainly. */
function plainFacilities(): { id: string; kind: string; lon: number; lat: number }[] {
  const [header, ...lines] = readFileSync(FACILITIES_CSV, 'utf8').trim().split(/\r?\n/);
  const columns = header.split(',');
  return lines.map((line) => {
    const v = line.split(',');
    return { id: v[columns.indexOf('id')], kind: v[columns.indexOf('kind')], lon: +v[columns.indexOf('lon')], lat: +v[columns.indexOf('lat')] };
  });
}

/** Feature counts per layer as GDAL's ogrinfo reports them. */
function ogrCounts(path: string): Record<string, number> {
  const out = execFileSync('ogrinfo', ['-ro', '-so', '-al', path], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const counts: Record<string, number> = {};
  let layer = '';
  for (const line of out.split('\n')) {
    const name = line.match(/^Layer name: (.+)$/);
    if (name) layer = name[1].trim();
    const count = line.match(/^Feature Count: (\d+)$/);
    if (count) counts[layer] = Number(count[1]);
  }
  return counts;
}

describe('siting CLI on the Wuhan sample (foundation path)', () => {
  const dir = tempDir();
  const project = join(dir, 'wuhan.gpkg');
  const cells = readGridCsv(join(SAMPLE_DIR, 'wuhan_core_grid_100m.csv')).map((c) => ({ lon: c.lon, lat: c.lat, elderly: c.pop60plus, population: c.pop20plus }));

  beforeAll(() => {
    const created = runCli(['new', project, '--sample', 'wuhan-core', '--json']);
    expect(created.stderr).toBe('');
    expect(created.status).toBe(0);
  });

  it('creates the sample with the real grid and boundary and no facilities', () => {
    const info = runCli(['info', project, '--json']).json;
    expect(info.counts).toMatchObject({ population: 24470, boundaries: 1, facilities: 0 });
    expect(info.attributions.join(' ')).toMatch(/WorldPop.*CC BY 4\.0/);
    expect(info.attributions.join(' ')).toMatch(/OpenStreetMap.*ODbL/);
    const before = runCli(['analyze', project, '--json']).json;
    expect(before.elderly.total).toBeCloseTo(518264.5, 0);
    expect(before.population.total).toBeCloseTo(2570581.4, 0);
    expect(before).toMatchObject({ facilities: 0, radiusM: 1000, cells: { total: 24470, covered: 0 }, elderly: { covered: 0 } });
  });

  it('imports a facility list and computes exact circle coverage', () => {
    const imported = runCli(['import', project, 'facilities', FACILITIES_CSV, '--json']);
    expect(imported.status).toBe(0);
    expect(imported.json).toMatchObject({ layer: 'facilities', imported: 5, format: 'csv' });
    const facilities = plainFacilities();
    for (const radiusM of [300, 1000, 1500]) {
      const result = runCli(['analyze', project, '--radius-m', String(radiusM), '--json']).json;
      const selected = facilities.filter((f) => f.kind === 'day_care' || f.kind === 'community_station');
      const expected = bruteForceCoverage(cells, selected, radiusM);
      expect(result.facilities).toBe(4);
      expect(result.cells.covered).toBe(expected.cells);
      expect(result.elderly.covered).toBeCloseTo(expected.elderly, 6);
      expect(result.population.covered).toBeCloseTo(expected.population, 6);
      expect(result.elderly.ratio).toBeCloseTo(expected.elderly / result.elderly.total, 12);
      expect(expected.cells).toBeGreaterThan(0);
    }
    const health = runCli(['analyze', project, '--kinds', 'health_station', '--radius-m', '800', '--json']).json;
    const expectedHealth = bruteForceCoverage(cells, facilities.filter((f) => f.kind === 'health_station'), 800);
    expect(health.facilities).toBe(1);
    expect(health.cells.covered).toBe(expectedHealth.cells);
  });

  // Skipped (reason in the title) without gdal-bin, which makes the independent check; CI installs it.
  it.runIf(GDAL)(`is a GeoPackage that GDAL reads: every layer filled, with as many features as were imported${GDAL ? '' : ` ${SKIP_REASON}`}`, () => {
    // Fill the layers the sample leaves empty, from files whose features are counted here plainly.
    const roads = join(dir, 'roads.geojson');
    const streets = [
      [[114.26, 30.58], [114.27, 30.585], [114.28, 30.59]],
      [[114.28, 30.59], [114.29, 30.58]],
      [[114.29, 30.58], [114.30, 30.575], [114.31, 30.57]],
      [[114.27, 30.585], [114.27, 30.60]],
    ];
    writeFileSync(roads, JSON.stringify({
      type: 'FeatureCollection',
      features: streets.map((coordinates, i) => ({ type: 'Feature', properties: { osm_id: `w${i}`, highway: i === 3 ? 'footway' : 'residential' }, geometry: { type: 'LineString', coordinates } })),
    }));
    const candidates = join(dir, 'candidates.csv');
    const sites = [[114.28, 30.57], [114.25, 30.6], [114.3, 30.55], [114.32, 30.58], [114.26, 30.54], [114.29, 30.61]];
    writeFileSync(candidates, ['id,name,lon,lat,floor_area_m2', ...sites.map(([lon, lat], i) => `c${i},site ${i},${lon},${lat},${300 + 10 * i}`)].join('\n'));
    const imported: Record<string, number> = {};
    for (const [layer, file] of [['estates', ESTATES_GEOJSON], ['roads', roads], ['candidates', candidates]] as const) {
      const report = runCli(['import', project, layer, file, '--json']);
      expect(report.status, report.stderr).toBe(0);
      imported[layer] = report.json.imported;
    }
    const proposals = runCli(['optimize', project, '--problem', 'max-coverage', '--sites', '2', '--radius-m', '1000', '--candidates', 'layer', '--save', '--scenario', 'two sites', '--json']);
    expect(proposals.status, proposals.stderr).toBe(0);
    const expected: Record<string, number> = {
      population: cells.length,
      facilities: plainFacilities().length,
      estates: JSON.parse(readFileSync(ESTATES_GEOJSON, 'utf8')).features.length,
      boundaries: JSON.parse(readFileSync(BOUNDARY_GEOJSON, 'utf8')).features.length,
      roads: streets.length,
      candidates: sites.length,
      proposals: 2,
    };
    expect(imported).toEqual({ estates: expected.estates, roads: expected.roads, candidates: expected.candidates });
    expect(proposals.json.selected).toHaveLength(2);
    const counts = ogrCounts(project);
    for (const layer of LAYER_NAMES) {
      expect(expected[layer], layer).toBeGreaterThan(0);
      expect(counts[layer], layer).toBe(expected[layer]);
    }
    expect(expected).toMatchObject({ population: 24470, facilities: 5, estates: 2, boundaries: 1 });
    expect(counts.scenarios).toBe(2);
    expect(counts.audit_log).toBeGreaterThan(0);
    expect(counts.settings).toBeGreaterThan(0);
  });

  // Skipped (reason in the title) without gdal-bin, which makes the independent check; CI installs it.
  it.runIf(GDAL)(`writes circle service areas that GDAL reads, and warns about facilities without a capacity${GDAL ? '' : ` ${SKIP_REASON}`}`, () => {
    const out = join(dir, 'circles.geojson');
    const result = runCli(['analyze', project, '--radius-m', '300,1000', '--capacity', '--kinds', 'day_care,community_station,health_station', '--service-areas-out', out, '--per-facility', '--json']);
    expect(result.status, result.stderr).toBe(0);
    const written = JSON.parse(readFileSync(out, 'utf8'));
    expect(written.type).toBe('FeatureCollection');
    // 2 merged areas + 5 facilities × 2 radii
    expect(written.features).toHaveLength(12);
    expect(written.features.map((f: { properties: { facilityId: string | null; radiusM: number } }) => [f.properties.facilityId, f.properties.radiusM]).slice(0, 4)).toEqual([
      [null, 300], [null, 1000], ['demo-1', 300], ['demo-2', 300],
    ]);
    expect(ogrCounts(out)).toEqual({ circles: 12 });
    // The 1000 m area's outline lies within a pixel (10 m) of 1000 m from its facility.
    const own = written.features.find((f: { properties: { facilityId: string | null; radiusM: number } }) => f.properties.facilityId === 'demo-1' && f.properties.radiusM === 1000);
    for (const [lon, lat] of own.geometry.coordinates[0][0]) expect(Math.abs(haversineM(114.27, 30.59, lon, lat) - 1000)).toBeLessThan(15);
    // demo-5 (a health station) has no capacity in the CSV: counted, flagged and warned about.
    expect(result.json.capacity.totals.facilitiesWithoutCapacity).toBe(1);
    expect(result.json.capacity.facilities.find((f: { id: string }) => f.id === 'demo-5')).toMatchObject({ capacity: null, capacityKnown: false });
    expect(result.json.warnings).toEqual(['1 of 5 facilities have no capacity recorded and were treated as unlimited: demo-5']);
    expect(result.json.unreachable).toBeNull();
    const text = runCli(['analyze', project, '--capacity', '--kinds', 'day_care,health_station']);
    expect(text.stderr).toBe('siting: warning: 1 of 4 facilities have no capacity recorded and were treated as unlimited: demo-5\n');
  });

  it("rejects every command's foreign options with exit 2, naming the option and the command", () => {
    const radius = runCli(['analyze', project, '--radius', '300', '--json']);
    expect(radius.status).toBe(2);
    expect(radius.json.error.message).toMatch(/--radius is not an option of siting analyze; its options: --mode, --radius-m, /);
    expect(radius.json.error.location).toEqual({ field: 'radius' });
    expect(runCli(['info', project, '--layer', 'roads']).stderr).toMatch(/--layer is not an option of siting info; it takes no options besides --json/);
    expect(runCli(['export', project, '--layer', 'roads', '--out', join(dir, 'r.csv'), '--kinds', 'day_care']).stderr).toMatch(/--kinds is not an option of siting export/);
    const unknown = runCli(['analyze', project, '--frobnicate']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown option --frobnicate for siting analyze; its options: /);
    expect(runCli(['analyze', project, '--speed-mps', '0.8']).stderr).toMatch(/--speed-mps is for --mode network/);
    // The real options still pass the check.
    expect(runCli(['analyze', project, '--radius-m', '500', '--kinds', 'day_care', '--scenario', 'two sites', '--capacity', '--uptake', '0.05', '--gaps', '--gaps-out', join(dir, 'g.geojson'), '--by-area', '--json']).status).toBe(0);
  });

  it('allows each command every option its usage and the README show (and no other)', () => {
    const usageFlags = new Map<string, Set<string>>();
    let command = '';
    for (const line of USAGE.split('\n')) {
      const head = /^\s+siting (\w+)/.exec(line);
      if (head) command = head[1];
      if (!head && !/^\s{8,}\[/.test(line)) continue;
      if (!usageFlags.has(command)) usageFlags.set(command, new Set());
      for (const [, flag] of line.matchAll(/--([a-z][a-z0-9-]*)/g)) usageFlags.get(command)!.add(flag);
    }
    expect([...usageFlags.keys()].sort()).toEqual(Object.keys(COMMAND_FLAGS).sort());
    for (const [name, flags] of usageFlags) {
      const allowed = new Set([...COMMAND_FLAGS[name], 'json', 'help']);
      for (const flag of flags) expect(allowed.has(flag), `siting ${name} --${flag}`).toBe(true);
      for (const flag of COMMAND_FLAGS[name]) expect(flags.has(flag), `usage of siting ${name} lists --${flag}`).toBe(true);
    }
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    let examples = 0;
    for (const [, name, rest] of readme.matchAll(/^siting (\w+) (.*)$/gm)) {
      for (const [, flag] of rest.matchAll(/--([a-z][a-z0-9-]*)/g)) expect([...COMMAND_FLAGS[name], 'json', 'help'], `README: siting ${name} --${flag}`).toContain(flag);
      examples++;
    }
    expect(examples).toBeGreaterThan(5);
  });

  // Skipped (reason in the title) without gdal-bin, which makes the independent check; CI installs it.
  it.runIf(GDAL)(`exports layers as GeoJSON and CSV that GDAL opens${GDAL ? '' : ` ${SKIP_REASON}`}`, () => {
    const geojson = join(dir, 'facilities.geojson');
    const csv = join(dir, 'facilities.csv');
    expect(runCli(['export', project, '--layer', 'facilities', '--out', geojson, '--json']).json).toMatchObject({ count: 5, format: 'geojson' });
    expect(runCli(['export', project, '--layer', 'facilities', '--out', csv]).status).toBe(0);
    const parsed = JSON.parse(readFileSync(geojson, 'utf8'));
    expect(parsed.features).toHaveLength(5);
    expect(parsed.features[0].geometry.coordinates).toEqual([114.27, 30.59]);
    expect(ogrCounts(geojson)).toEqual({ facilities: 5 });
    expect(readFileSync(csv, 'utf8')).toContain('示意日间照料中心 A (illustrative)');
  });

  it('rejects a bad row with exit code 2, a message naming file, row and field, and writes nothing', () => {
    const bad = join(dir, 'bad_facilities.csv');
    writeFileSync(bad, 'id,name,kind,lon,lat\nx1,ok,day_care,114.25,30.55\nx2,broken,day_care,114.26,NaN\n');
    const result = runCli(['import', project, 'facilities', bad, '--json']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/bad_facilities\.csv/);
    expect(result.stderr).toMatch(/row 2/);
    expect(result.stderr).toMatch(/lat/);
    expect(result.json.error.code).toBe('bad_input');
    expect(runCli(['info', project, '--json']).json.counts.facilities).toBe(5);
  });

  it('reports usage errors and missing files with exit code 2', () => {
    expect(runCli(['analyze', project, '--radius-m', '-3']).status).toBe(2);
    expect(runCli(['import', project, 'parks', FACILITIES_CSV]).stderr).toMatch(/unknown layer "parks"/);
    expect(runCli(['frobnicate']).status).toBe(2);
    expect(runCli(['analyze', join(dir, 'missing.gpkg')]).status).toBe(2);
    expect(runCli(['new', project]).stderr).toMatch(/file exists/);
  });
});
