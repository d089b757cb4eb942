/**
 * `siting check` on the Wuhan core sample: the district figures against independent sums over the
 * shipped grid CSV. The sample's facilities file records no beds, so the test writes an illustrative
 * one from it (same ids, positions and kinds, illustrative bed numbers, plus one existing and one
 * planned care home) and illustrative street / community rectangles over the grid.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_DIR, tempDir } from '../helpers/paths';
import { readGridCsv } from '../helpers/read_grid_csv';
import { runCli } from '../helpers/run_cli';

interface TestFacility {
  id: string;
  kind: string;
  status: string;
  lon: number;
  lat: number;
  beds: number | null;
  nursingBeds: number | null;
}

/** Illustrative beds per sample facility (demo-2 and demo-5 record none). */
const BEDS: Record<string, [number | null, number | null]> = {
  'demo-1': [10, 2],
  'demo-2': [null, null],
  'demo-3': [8, 0],
  'demo-4': [12, 6],
  'demo-5': [null, null],
};

function sampleFacilities(): TestFacility[] {
  const [header, ...lines] = readFileSync(join(SAMPLE_DIR, 'illustrative_facilities.csv'), 'utf8').trim().split(/\r?\n/);
  const columns = header.split(',');
  const at = (name: string) => columns.indexOf(name);
  const rows = lines.map((line) => {
    const v = line.split(',');
    const id = v[at('id')];
    return { id, kind: v[at('kind')], status: v[at('status')], lon: +v[at('lon')], lat: +v[at('lat')], beds: BEDS[id][0], nursingBeds: BEDS[id][1] };
  });
  return [
    ...rows,
    { id: 'home-1', kind: 'care_home', status: 'existing', lon: 114.25, lat: 30.61, beds: 300, nursingBeds: 200 },
    { id: 'home-2', kind: 'care_home', status: 'planned', lon: 114.34, lat: 30.52, beds: 500, nursingBeds: 500 },
  ];
}

const rect = (w: number, s: number, e: number, n: number) => ({
  type: 'Polygon',
  coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]],
});
const inRect = (lon: number, lat: number, [w, s, e, n]: number[]) => lon >= w && lon < e && lat >= s && lat < n;

// Split lines fall between cell centres (114.200833 + k/1200, 30.5 + k/1200), so no cell is on an edge.
const WEST = 114.199, EAST = 114.361, SOUTH = 30.499, NORTH = 30.64, MID_LON = 114.2804, MID_LAT = 30.5704;
const COLUMNS = [WEST, 114.2534, 114.3067, EAST];
const STREETS = { 'West street': [WEST, SOUTH, MID_LON, NORTH], 'East street': [MID_LON, SOUTH, EAST, NORTH] };
const COMMUNITIES: Record<string, { box: number[]; urban: boolean }> = {};
for (let c = 0; c < 3; c++) {
  COMMUNITIES[`C${c + 1} north`] = { box: [COLUMNS[c], MID_LAT, COLUMNS[c + 1], NORTH], urban: true };
  COMMUNITIES[`C${c + 1} south`] = { box: [COLUMNS[c], SOUTH, COLUMNS[c + 1], MID_LAT], urban: false };
}

describe('siting check on the Wuhan sample', () => {
  const dir = tempDir();
  const project = join(dir, 'wuhan.gpkg');
  const cells = readGridCsv(join(SAMPLE_DIR, 'wuhan_core_grid_100m.csv'));
  const facilities = sampleFacilities();
  const existing = facilities.filter((f) => f.status === 'existing');

  /** Independent figures for the cells and facilities inside a box (or everywhere). */
  function figures(box?: number[]) {
    const inside = (lon: number, lat: number) => !box || inRect(lon, lat, box);
    const elderly = cells.filter((c) => inside(c.lon, c.lat)).reduce((sum, c) => sum + c.pop60plus, 0);
    const here = existing.filter((f) => inside(f.lon, f.lat));
    const beds = here.reduce((sum, f) => sum + (f.beds ?? 0), 0);
    const both = here.filter((f) => f.beds !== null && f.nursingBeds !== null);
    const nursingShare = both.reduce((sum, f) => sum + (f.nursingBeds ?? 0), 0) / both.reduce((sum, f) => sum + (f.beds ?? 0), 0);
    return { bedsPer1000: (beds / elderly) * 1000, nursingShare };
  }

  beforeAll(() => {
    expect(runCli(['new', project, '--sample', 'wuhan-core']).status).toBe(0);
    const csv = join(dir, 'facilities_with_beds.csv');
    const show = (n: number | null) => (n === null ? '' : String(n));
    writeFileSync(
      csv,
      ['id,name,kind,status,lon,lat,beds,nursing_beds', ...facilities.map((f) => `${f.id},${f.id} (illustrative),${f.kind},${f.status},${f.lon},${f.lat},${show(f.beds)},${show(f.nursingBeds)}`)].join('\n'),
    );
    const imported = runCli(['import', project, 'facilities', csv, '--illustrative']);
    expect(imported.stderr).toBe('');
    expect(imported.status).toBe(0);
    const boundaries = join(dir, 'units.geojson');
    const features = [
      ...Object.entries(STREETS).map(([name, box]) => ({ type: 'Feature', properties: { name, level: 'street', urban: 'urban' }, geometry: rect(box[0], box[1], box[2], box[3]) })),
      ...Object.entries(COMMUNITIES).map(([name, { box, urban }]) => ({
        type: 'Feature',
        properties: { name, level: 'community', urban: urban ? 'urban' : 'rural' },
        geometry: rect(box[0], box[1], box[2], box[3]),
      })),
    ];
    writeFileSync(boundaries, JSON.stringify({ type: 'FeatureCollection', features }));
    const units = runCli(['import', project, 'boundaries', boundaries, '--append', '--illustrative']);
    expect(units.stderr).toBe('');
    expect(units.status).toBe(0);
  });

  it('gives beds per 1,000 older people and the nursing share equal to sums over the CSVs', () => {
    const run = runCli(['check', project, '--preset', 'doumen', '--json']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.json.preset).toEqual({ id: 'doumen', version: 1 });
    const expected = figures();
    const beds = run.json.checks.find((c: { rule: string; scope: string }) => c.rule === 'beds_per_1000_older' && c.scope === 'district');
    // 330 beds (demo-2, demo-5 record none; home-2 is planned) over 518,264 people aged 60+.
    expect(beds.value).toBeCloseTo(expected.bedsPer1000, 9);
    expect(beds.value).toBeCloseTo(0.6367, 4);
    expect(beds).toMatchObject({ target: 40, verdict: 'fail', failing: [] });
    expect(beds.gap).toBeCloseTo(40 - expected.bedsPer1000, 9);
    expect(beds.note).toMatch(/2 existing facilities record no beds/);
    const nursing = run.json.checks.find((c: { rule: string; scope: string }) => c.rule === 'nursing_bed_share' && c.scope === 'district');
    expect(nursing.value).toBeCloseTo(expected.nursingShare, 12);
    expect(nursing.value).toBeCloseTo(208 / 330, 12);
    expect(nursing).toMatchObject({ target: 0.3, gap: 0, verdict: 'pass' });
  });

  it('counts urban and rural communities with a care facility separately and names the failing ones', () => {
    const checks = runCli(['check', project, '--preset', 'doumen', '--json']).json.checks as { rule: string; group?: string; value: number; verdict: string; failing: string[] }[];
    const coverage = checks.filter((c) => c.rule === 'community_facility_coverage');
    const expected = (urban: boolean) => {
      const units = Object.entries(COMMUNITIES).filter(([, u]) => u.urban === urban);
      const without = units.filter(([, u]) => !existing.some((f) => ['day_care', 'community_station', 'care_home'].includes(f.kind) && inRect(f.lon, f.lat, u.box)));
      return { value: (units.length - without.length) / units.length, failing: without.map(([name]) => name) };
    };
    expect(coverage.map((c) => c.group)).toEqual(['urban_community', 'rural_community']);
    expect(coverage[0]).toMatchObject({ ...expected(true), verdict: 'fail' });
    expect(coverage[0].failing).toEqual(['C3 north']);
    expect(coverage[1]).toMatchObject({ ...expected(false), verdict: 'fail' });
    expect(coverage[1].value).toBeCloseTo(2 / 3, 12);
  });

  it('checks each street with --by-area street', () => {
    const run = runCli(['check', project, '--preset', 'doumen', '--by-area', 'street', '--json']);
    expect(run.status).toBe(0);
    const checks = run.json.checks as { rule: string; scope: string; group?: string; value: number; verdict: string; failing: string[] }[];
    for (const [name, box] of Object.entries(STREETS)) {
      const expected = figures(box);
      const beds = checks.find((c) => c.rule === 'beds_per_1000_older' && c.scope === name);
      expect(beds?.value).toBeCloseTo(expected.bedsPer1000, 9);
      const nursing = checks.find((c) => c.rule === 'nursing_bed_share' && c.scope === name);
      expect(nursing?.value).toBeCloseTo(expected.nursingShare, 12);
    }
    // The east street's beds: demo-3's 8, none of them nursing beds.
    expect(checks.find((c) => c.rule === 'nursing_bed_share' && c.scope === 'East street')).toMatchObject({ value: 0, verdict: 'fail' });
    expect(checks.find((c) => c.rule === 'nursing_bed_share' && c.scope === 'district')?.failing).toEqual(['East street']);
    // C3 lies in the east street (by its centre): its two communities have no care facility.
    const eastUrban = checks.find((c) => c.rule === 'community_facility_coverage' && c.scope === 'East street' && c.group === 'urban_community');
    expect(eastUrban).toMatchObject({ value: 0, failing: ['C3 north'], verdict: 'fail' });
  });

  it('names the street without an institution (Nanhai: one per street or town)', () => {
    const checks = runCli(['check', project, '--preset', 'nanhai', '--json']).json.checks as { rule: string; scope: string; value: number; verdict: string; failing: string[] }[];
    const institutions = checks.find((c) => c.rule === 'comprehensive_institution_per_town_street' && c.scope === 'district');
    // home-1 (existing) is in the west street; home-2 is only planned.
    expect(institutions).toMatchObject({ value: 0.5, verdict: 'fail', failing: ['East street'] });
  });

  it('measures the 15-minute life circle with the accessibility analysis (no roads: straight-line 1,000 m)', () => {
    const circle = runCli(['check', project, '--json']).json.checks.find((c: { rule: string }) => c.rule === 'life_circle_15_minutes');
    const analysed = runCli(['analyze', project, '--radius-m', '1000', '--kinds', 'day_care,community_station,care_home', '--json']).json;
    expect(circle).toMatchObject({ scope: 'district', verdict: 'advisory', target: null, value: analysed.thresholds[0].elderly.ratio });
    expect(circle.note).toMatch(/straight-line 1000 m/);
  });

  it('says what is missing instead of a verdict', () => {
    const checks = runCli(['check', project, '--preset', 'doumen', '--by-area', 'town', '--json']).json.checks as { rule: string; scope: string; verdict: string; reason?: string }[];
    expect(checks.find((c) => c.rule === 'beds_per_1000_older' && c.scope === 'level:town')).toMatchObject({
      verdict: 'not_checkable',
      reason: 'no boundaries of level town',
      missing: { input: 'boundaries_of_level', params: { level: 'town' } },
    });
    expect(checks.find((c) => c.rule === 'land_per_resident' && c.scope === 'district')?.verdict).toBe('not_checkable');
  });

  it('prints a readable table', () => {
    const run = runCli(['check', project, '--preset', 'doumen']);
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toBe('preset doumen v1: Doumen District, Zhuhai (2016–2020 plan)');
    expect(lines.find((l) => l.startsWith('beds_per_1000_older'))).toMatch(/district\s+0\.6\s+40\.0\s+39\.4\s+fail/);
    expect(lines.find((l) => l.startsWith('nursing_bed_share'))).toMatch(/63\.0 %\s+30\.0 %\s+pass/);
  });

  it('cannot check beds on the shipped facilities file, which records none', () => {
    const bare = join(dir, 'bare.gpkg');
    expect(runCli(['new', bare, '--sample', 'wuhan-core']).status).toBe(0);
    expect(runCli(['import', bare, 'facilities', join(SAMPLE_DIR, 'illustrative_facilities.csv'), '--illustrative']).status).toBe(0);
    const checks = runCli(['check', bare, '--preset', 'doumen', '--json']).json.checks as { rule: string; verdict: string; value: number | null; reason?: string }[];
    expect(checks.find((c) => c.rule === 'beds_per_1000_older')).toMatchObject({
      verdict: 'not_checkable',
      value: null,
      reason: 'no beds recorded for the existing facilities',
      missing: { input: 'beds_recorded', params: {} },
    });
    expect(checks.find((c) => c.rule === 'nursing_bed_share')).toMatchObject({ verdict: 'not_checkable', value: null });
    // The sample's one boundary is the city: no communities to count.
    expect(checks.find((c) => c.rule === 'community_facility_coverage')?.reason).toBe('no boundaries of level community or village marked urban');
  });

  it('refuses an unknown preset, an unknown level and a missing level with exit 2', () => {
    const preset = runCli(['check', project, '--preset', 'nowhere', '--json']);
    expect(preset.status).toBe(2);
    expect(preset.json.error.message).toMatch(/unknown preset "nowhere"/);
    const level = runCli(['check', project, '--by-area', 'county']);
    expect(level.status).toBe(2);
    expect(level.stderr).toMatch(/unknown boundary level "county"/);
    const missing = runCli(['check', project, '--by-area']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/--by-area needs a boundary level/);
    const other = runCli(['check', project, '--radius-m', '500']);
    expect(other.status).toBe(2);
    expect(other.stderr).toMatch(/--radius-m is not an option of siting check/);
  });
});
