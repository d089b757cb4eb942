import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { LAYER_NAMES } from '../../shared/schemas/entities';
import { bruteForceCoverage } from '../helpers/brute_force_coverage';
import { SAMPLE_DIR, tempDir } from '../helpers/paths';
import { readGridCsv } from '../helpers/read_grid_csv';
import { runCli } from '../helpers/run_cli';

const FACILITIES_CSV = join(SAMPLE_DIR, 'illustrative_facilities.csv');

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

  it('is a GeoPackage that GDAL reads: every layer with the right feature count', () => {
    const counts = ogrCounts(project);
    const info = runCli(['info', project, '--json']).json;
    for (const layer of LAYER_NAMES) expect(counts[layer]).toBe(info.counts[layer]);
    expect(counts.population).toBe(24470);
    expect(counts.scenarios).toBe(1);
    expect(counts.audit_log).toBeGreaterThan(0);
    expect(counts.settings).toBeGreaterThan(0);
  });

  it('exports layers as GeoJSON and CSV that GDAL opens', () => {
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
