/**
 * `siting review` on the Wuhan sample with the illustrative estates and facilities (data/samples/
 * wuhan-core): the floor-area verdict of every estate against an independent computation from the
 * CSV (Nanhai: 20 m² per 100 households for new estates, 15 for old ones, none for renewal), the
 * straight-line distance to the illustrative health station, the stored reviews, the CSV, and bad
 * input refused with exit 2 and nothing written.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_DIR, tempDir } from '../helpers/paths';
import { runCli } from '../helpers/run_cli';

const ESTATES_CSV = join(SAMPLE_DIR, 'illustrative_estates.csv');
const FACILITIES_CSV = join(SAMPLE_DIR, 'illustrative_facilities.csv');

/** A CSV line split on commas outside double quotes (the sample quotes its source column). */
function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (const char of line) {
    if (char === '"') quoted = !quoted;
    else if (char === ',' && !quoted) {
      cells.push(cell);
      cell = '';
    } else cell += char;
  }
  cells.push(cell);
  return cells;
}

function readCsv(path: string): Record<string, string>[] {
  const [header, ...rows] = readFileSync(path, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  const columns = splitCsvLine(header);
  return rows.map((row) => Object.fromEntries(splitCsvLine(row).map((value, i) => [columns[i], value])));
}

/** The Nanhai floor-area verdict computed from one CSV row, without the app's code. */
function expectedFloorArea(row: Record<string, string>): { verdict: string; required: number | null; provided: number | null } {
  const rate = ({ new: 20, old: 15 } as Record<string, number | undefined>)[row.estate_type];
  if (rate === undefined) return { verdict: 'not_applicable', required: null, provided: null };
  const households = row.households !== '' ? Number(row.households) : Number(row.residential_floor_area_m2) / Number(row.average_unit_m2);
  if (row.care_floor_area_m2 === '') return { verdict: 'not_checkable', required: null, provided: null };
  const required = (households * rate) / 100;
  const provided = Number(row.care_floor_area_m2);
  return { verdict: provided >= required ? 'pass' : 'fail', required, provided };
}

/** Great-circle distance (mean Earth radius 6,371,008.8 m), written out here for the check. */
function greatCircleM(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const rad = Math.PI / 180;
  const a = Math.sin(((lat2 - lat1) * rad) / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.sqrt(a));
}

function storedReviews(project: string): { estate_id: string; preset_id: string; preset_version: number; verdict: string; checks: string; inputs: string }[] {
  const db = new Database(project, { readonly: true });
  try {
    return db.prepare('SELECT estate_id, preset_id, preset_version, verdict, checks, inputs FROM estate_reviews ORDER BY fid').all() as never;
  } finally {
    db.close();
  }
}

describe('siting review on the Wuhan sample with the illustrative estates', () => {
  const dir = tempDir();
  const project = join(dir, 'wuhan.gpkg');
  const rows = readCsv(ESTATES_CSV);

  beforeAll(() => {
    expect(runCli(['new', project, '--sample', 'wuhan-core', '--json']).status).toBe(0);
    expect(runCli(['import', project, 'facilities', FACILITIES_CSV, '--json']).status).toBe(0);
    const imported = runCli(['import', project, 'estates', ESTATES_CSV, '--json']);
    expect(imported.status, imported.stderr).toBe(0);
    expect(imported.json.imported).toBe(rows.length);
  });

  it('the sample estates are labelled illustrative and lie inside the population grid', () => {
    const grid = readCsv(join(SAMPLE_DIR, 'wuhan_core_grid_100m.csv'));
    const lons = grid.map((cell) => Number(cell.lon));
    const lats = grid.map((cell) => Number(cell.lat));
    expect(rows.length).toBeGreaterThanOrEqual(6);
    for (const row of rows) {
      expect(row.illustrative, row.id).toBe('1');
      expect(row.name, row.id).toMatch(/示意.*\(illustrative\)/);
      expect(Number(row.lon)).toBeGreaterThanOrEqual(Math.min(...lons));
      expect(Number(row.lon)).toBeLessThanOrEqual(Math.max(...lons));
      expect(Number(row.lat)).toBeGreaterThanOrEqual(Math.min(...lats));
      expect(Number(row.lat)).toBeLessThanOrEqual(Math.max(...lats));
    }
  });

  it('gives every estate the floor-area verdict an independent computation gives, and stores the reviews', () => {
    const before = storedReviews(project).length;
    const run = runCli(['review', project, '--preset', 'nanhai', '--json']);
    expect(run.status, run.stderr).toBe(0);
    expect(Object.keys(run.json)).toEqual(['preset', 'estates', 'summary']);
    expect(run.json.preset).toEqual({ id: 'nanhai', version: 1 });
    expect(run.json.estates.map((e: { id: string }) => e.id)).toEqual(rows.map((row) => row.id));
    const verdicts = new Map<string, string>();
    for (const row of rows) {
      const estate = run.json.estates.find((e: { id: string }) => e.id === row.id);
      expect(estate.name).toBe(row.name);
      const check = estate.checks.find((c: { rule: string }) => c.rule === 'care_floor_area_per_100_households');
      expect(Object.keys(check)).toEqual(['rule', 'verdict', 'required', 'provided', 'unit', 'reason']);
      const expected = expectedFloorArea(row);
      expect(check.verdict, row.id).toBe(expected.verdict);
      expect(check.unit).toBe('m2');
      if (expected.required === null) expect(check.required).toBeNull();
      else expect(check.required, row.id).toBeCloseTo(expected.required, 9);
      if (expected.provided === null) expect(check.provided).toBeNull();
      else expect(check.provided, row.id).toBeCloseTo(expected.provided, 9);
      // Nanhai has this one estate rule: the estate's verdict follows it.
      const overall = expected.verdict === 'fail' ? 'non_compliant' : expected.verdict === 'not_checkable' ? 'incomplete' : 'compliant';
      expect(estate.verdict, row.id).toBe(overall);
      verdicts.set(row.id, overall);
    }
    const count = (verdict: string) => [...verdicts.values()].filter((v) => v === verdict).length;
    expect(run.json.summary).toEqual({ estates: rows.length, compliant: count('compliant'), nonCompliant: count('non_compliant'), incomplete: count('incomplete') });
    // The sample has estates of each outcome.
    expect([count('compliant'), count('non_compliant'), count('incomplete')].every((n) => n > 0)).toBe(true);
    // Households estimated from residential floor area ÷ average unit size say so.
    const estimated = rows.find((row) => row.households === '' && row.residential_floor_area_m2 !== '')!;
    expect(run.json.estates.find((e: { id: string }) => e.id === estimated.id).checks[0].reason).toMatch(/estimated/);

    const stored = storedReviews(project).slice(before);
    expect(stored.map((r) => [r.estate_id, r.preset_id, r.preset_version, r.verdict])).toEqual(rows.map((row) => [row.id, 'nanhai', 1, verdicts.get(row.id)]));
    const basement = rows.find((row) => row.care_basement === '1')!;
    expect(JSON.parse(stored.find((r) => r.estate_id === basement.id)!.inputs).careRooms).toEqual([
      { floorAreaM2: Number(basement.care_floor_area_m2), floorLevels: [Number(basement.care_floor_level)], basement: true, lon: Number(basement.care_lon), lat: Number(basement.care_lat) },
    ]);
  });

  it('measures the straight-line distance from the care room to the nearest health station and says so', () => {
    const stations = readCsv(FACILITIES_CSV).filter((f) => f.kind === 'health_station');
    expect(stations.length).toBeGreaterThan(0);
    const placed = rows.filter((row) => row.care_lon !== '');
    const run = runCli(['review', project, '--preset', 'doumen', ...placed.flatMap((row) => ['--estate', row.id]), '--json']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.json.estates.map((e: { id: string }) => e.id)).toEqual(placed.map((row) => row.id));
    for (const row of placed) {
      const nearest = Math.min(...stations.map((s) => greatCircleM(Number(row.care_lon), Number(row.care_lat), Number(s.lon), Number(s.lat))));
      const check = run.json.estates.find((e: { id: string }) => e.id === row.id).checks.find((c: { rule: string }) => c.rule === 'near_health_station');
      expect(check.method).toBe('straight_line');
      expect(check.provided, row.id).toBeCloseTo(nearest, 3);
    }
  });

  it('writes the results as CSV with a byte-order mark, one row per estate and rule', () => {
    const out = join(dir, 'review.csv');
    const run = runCli(['review', project, '--preset', 'chishui', '--out', out]);
    expect(run.status, run.stderr).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text.startsWith('\uFEFFestate_id,estate_name,estate_verdict,rule,verdict,required,provided,shortfall,unit,method,reason,preset_id,preset_version\r\n')).toBe(true);
    const csv = readCsv(out);
    const floor = csv.filter((r) => r.rule === 'care_floor_area_per_100_households');
    expect(floor.map((r) => r.estate_id)).toEqual(rows.map((row) => row.id));
    for (const r of floor) {
      const expected = expectedFloorArea(rows.find((row) => row.id === r.estate_id)!);
      expect(r.verdict).toBe(expected.verdict);
      if (expected.verdict === 'fail') expect(Number(r.shortfall)).toBeCloseTo(expected.required! - expected.provided!, 9);
    }
  });

  it('refuses an unknown preset or estate with exit 2 naming it, and writes nothing', () => {
    const before = storedReviews(project).length;
    const preset = runCli(['review', project, '--preset', 'atlantis', '--json']);
    expect(preset.status).toBe(2);
    expect(preset.json.error.message).toMatch(/unknown preset "atlantis"/);
    const estate = runCli(['review', project, '--preset', 'nanhai', '--estate', rows[0].id, '--estate', 'no-such-estate', '--json']);
    expect(estate.status).toBe(2);
    expect(estate.json.error.message).toMatch(/unknown estate "no-such-estate"/);
    const out = join(dir, 'never.csv');
    expect(runCli(['review', project, '--estate', 'nope', '--out', out]).status).toBe(2);
    expect(() => readFileSync(out)).toThrow();
    expect(storedReviews(project).length).toBe(before);
  });

  it('refuses negative households: on import naming file, row and field; stored by another program, naming the estate', () => {
    const bad = join(dir, 'bad_estates.csv');
    writeFileSync(bad, 'id,name,estate_type,households,care_floor_area_m2,lon,lat\nx1,ok,new,100,30,114.25,30.58\nx2,negative,new,-40,30,114.26,30.58\n');
    const imported = runCli(['import', project, 'estates', bad, '--json']);
    expect(imported.status).toBe(2);
    expect(imported.json.error.location).toMatchObject({ file: 'bad_estates.csv', row: 2, field: 'households' });
    expect(imported.json.error.message).toMatch(/negative/);

    const before = storedReviews(project).length;
    const db = new Database(project);
    db.prepare('UPDATE estates SET households = -40 WHERE id = ?').run(rows[1].id);
    db.close();
    const run = runCli(['review', project, '--preset', 'nanhai', '--json']);
    expect(run.status).toBe(2);
    expect(run.json.error.message).toContain(`estate ${rows[1].id}`);
    expect(run.json.error.location).toMatchObject({ field: 'households' });
    expect(storedReviews(project).length).toBe(before);
  });
});

describe('siting review measures along the walking network when the project has roads', () => {
  it('gives the walk from the care room over the streets to the health station, and says network', () => {
    const dir = tempDir();
    const project = join(dir, 'streets.gpkg');
    // An L of two footways: west–east along 30.55 from 114.30 to 114.31, then north to 30.56.
    const [p0, p1, p2] = [[114.3, 30.55], [114.31, 30.55], [114.31, 30.56]];
    writeFileSync(
      join(dir, 'roads.geojson'),
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', properties: { id: 'w1', highway: 'footway' }, geometry: { type: 'LineString', coordinates: [p0, p1] } },
          { type: 'Feature', properties: { id: 'w2', highway: 'footway' }, geometry: { type: 'LineString', coordinates: [p1, p2] } },
        ],
      }),
    );
    // The room lies 22 m south of the west end, the station 19 m west of the north end.
    const room = [114.3, 30.5498];
    const station = [114.3098, 30.56];
    writeFileSync(join(dir, 'stations.csv'), `id,name,kind,lon,lat\nh1,示意卫生服务站 (illustrative),health_station,${station[0]},${station[1]}\n`);
    writeFileSync(
      join(dir, 'estates.csv'),
      `id,name,estate_type,households,care_floor_area_m2,care_floor_level,care_basement,care_lon,care_lat,lon,lat\ne1,示意小区 (illustrative),new,1500,300,1,0,${room[0]},${room[1]},114.3001,30.5497\n`,
    );
    expect(runCli(['new', project]).status).toBe(0);
    for (const [layer, file] of [['roads', 'roads.geojson'], ['facilities', 'stations.csv'], ['estates', 'estates.csv']]) {
      const run = runCli(['import', project, layer, join(dir, file)]);
      expect(run.status, run.stderr).toBe(0);
    }
    const run = runCli(['review', project, '--preset', 'doumen', '--json']);
    expect(run.status, run.stderr).toBe(0);
    const check = run.json.estates[0].checks.find((c: { rule: string }) => c.rule === 'near_health_station');
    const walk = greatCircleM(room[0], room[1], p0[0], p0[1]) + greatCircleM(p0[0], p0[1], p1[0], p1[1]) + greatCircleM(p1[0], p1[1], p2[0], p2[1]) + greatCircleM(station[0], station[1], p2[0], p2[1]);
    expect(check.method).toBe('network');
    expect(check.provided).toBeCloseTo(walk, 3);
    // Longer than the straight line, which it would have been without roads.
    expect(check.provided).toBeGreaterThan(greatCircleM(room[0], room[1], station[0], station[1]) + 500);
  });
});
