/**
 * Capacitated max-coverage with the candidates' own capacities (candidates column `capacity`, schema
 * version 4), falling back to --site-capacity for sites that state none. The sample project gets five
 * made-up candidate sites (test fixtures, more than 2 km apart so their 1000 m circles do not overlap);
 * capacities are filled in the GeoPackage's candidates table directly, as a planner would in QGIS.
 * Expected values: for non-overlapping circles each site serves min(capacity, 3 % of the older people
 * within 1000 m, by @turf/distance over the grid CSV), and the best pair is found by enumeration.
 */
import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as turf from '@turf/turf';
import { beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_DIR, tempDir } from '../helpers/paths';
import { readGridCsv } from '../helpers/read_grid_csv';
import { runCli } from '../helpers/run_cli';

const SITES = [
  { id: 's1', lon: 114.2596, lat: 30.627, capacity: 20 },
  { id: 's2', lon: 114.3405, lat: 30.5888, capacity: 400 },
  { id: 's3', lon: 114.21, lat: 30.6, capacity: null },
  { id: 's4', lon: 114.32, lat: 30.55, capacity: null },
  { id: 's5', lon: 114.29, lat: 30.59, capacity: null },
];
const SITE_CAPACITY = 100;
const UPTAKE = 0.03;

describe('siting optimize --capacitated with candidate capacities', () => {
  const dir = tempDir();
  const project = join(dir, 'capacity.gpkg');
  const grid = readGridCsv(join(SAMPLE_DIR, 'wuhan_core_grid_100m.csv'));
  /** Day places wanted within 1000 m of each site (uptake × older people). */
  const wanted = SITES.map((site) =>
    grid.reduce((sum, cell) => (turf.distance([site.lon, site.lat], [cell.lon, cell.lat], { units: 'meters' }) <= 1000 ? sum + UPTAKE * cell.pop60plus : sum), 0),
  );

  beforeAll(() => {
    expect(runCli(['new', project, '--sample', 'wuhan-core']).status).toBe(0);
    const csv = join(dir, 'candidates.csv');
    writeFileSync(csv, ['id,name,lon,lat', ...SITES.map((s) => `${s.id},test site ${s.id},${s.lon},${s.lat}`)].join('\n'));
    expect(runCli(['import', project, 'candidates', csv]).status).toBe(0);
  });

  const setCapacities = (capacities: (number | null)[]) => {
    const db = new Database(project);
    try {
      const update = db.prepare('UPDATE candidates SET capacity = ? WHERE id = ?');
      SITES.forEach((site, j) => update.run(capacities[j], site.id));
    } finally {
      db.close();
    }
  };
  const args = ['optimize', project, '--problem', 'max-coverage', '--sites', '2', '--radius-m', '1000', '--capacitated', '--uptake', String(UPTAKE), '--json'];

  it('serves min(own capacity or --site-capacity, demand in reach) per site and picks the best pair', () => {
    for (let a = 0; a < SITES.length; a++) {
      for (let b = a + 1; b < SITES.length; b++) {
        const d = turf.distance([SITES[a].lon, SITES[a].lat], [SITES[b].lon, SITES[b].lat], { units: 'meters' });
        expect(d).toBeGreaterThan(2000); // no overlap: served weights add up
      }
    }
    setCapacities(SITES.map((s) => s.capacity));
    const served = SITES.map((s, j) => Math.min(s.capacity ?? SITE_CAPACITY, wanted[j]));
    let best = { value: -1, pair: [] as string[] };
    for (let a = 0; a < SITES.length; a++) {
      for (let b = a + 1; b < SITES.length; b++) if (served[a] + served[b] > best.value) best = { value: served[a] + served[b], pair: [SITES[a].id, SITES[b].id] };
    }
    // The capacities bind: the densest site (s1) is worth only its 20 places.
    expect(wanted[0]).toBeGreaterThan(SITES[0].capacity!);
    expect(best.pair).not.toContain('s1');
    const r = runCli([...args, '--site-capacity', String(SITE_CAPACITY), '--save', '--scenario', 'capacitated']);
    expect(r.status).toBe(0);
    expect(r.json.problem).toBe('capacitated-max-coverage');
    expect(r.json.objective).toBeCloseTo(best.value, 6);
    expect([...r.json.selected].sort()).toEqual(best.pair.sort());
    expect(r.json.notes.join('\n')).toMatch(/2 candidate sites state their own capacity; the other 3 get the site capacity 100/);
    // The saved proposals carry their site's capacity.
    const out = join(dir, 'proposals.geojson');
    expect(runCli(['export', project, '--layer', 'proposals', '--scenario', 'capacitated', '--out', out]).status).toBe(0);
    const saved = JSON.parse(readFileSync(out, 'utf8')).features as { properties: { note: string; capacity: number } }[];
    const byCandidate = new Map(saved.map((f) => [f.properties.note.match(/candidate (s\d)/)![1], f.properties.capacity]));
    for (const id of best.pair) expect(byCandidate.get(id)).toBe(SITES.find((s) => s.id === id)!.capacity ?? SITE_CAPACITY);
  });

  it('needs --site-capacity only while some candidate states no capacity', () => {
    setCapacities(SITES.map((s) => s.capacity));
    const missing = runCli(args);
    expect(missing.status).toBe(2);
    expect(missing.json.error.location.field).toBe('site-capacity');
    expect(missing.json.error.message).toMatch(/3 of 5 candidate sites state no capacity/);
    setCapacities([20, 400, 50, 60, 70]);
    const all = runCli(args);
    expect(all.status).toBe(0);
    const served = [20, 400, 50, 60, 70].map((c, j) => Math.min(c, wanted[j]));
    const top2 = [...served].sort((x, y) => y - x).slice(0, 2);
    expect(all.json.objective).toBeCloseTo(top2[0] + top2[1], 6);
  });
});
