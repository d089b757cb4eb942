/**
 * Migrations against project files that earlier versions of the app really wrote (tests/data/
 * old_projects, see its SOURCES.md): each opens with today's store, passes the open-time inspection
 * (its audit-log triggers are the ones its version created), migrates to the latest schema and keeps
 * every record, which is compared with the source files read here independently; then it takes an
 * edit. The migration tests beside this one build their "old" files with today's code.
 */
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ProjectStore } from '../../../../electron/services/store/project_store';
import { LATEST_SCHEMA_VERSION } from '../../../../electron/services/store/migrations';
import { SAMPLE_DIR, tempDir } from '../../../helpers/paths';
import { testData } from '../../../helpers/test_data';

/** The files, the version of the app that wrote them and the schema version they were written at. */
const OLD_FILES = [
  { file: 'schema3-415f2ea.gpkg.gz', schema: 3, proposals: 0 },
  { file: 'schema3-8ed2f66.gpkg.gz', schema: 3, proposals: 2 },
  { file: 'schema4-ccf8571.gpkg.gz', schema: 4, proposals: 2 },
] as const;

/** The first 300 cells of the sample grid, as the old versions imported them (pop60plus as elderly). */
function gridHead(): { cells: number; population: number; elderly: number } {
  const [header, ...rows] = readFileSync(join(SAMPLE_DIR, 'wuhan_core_grid_100m.csv'), 'utf8').trim().split(/\r?\n/);
  const columns = header.split(',');
  const pop = columns.indexOf('pop20plus');
  const old = columns.indexOf('pop60plus');
  let population = 0;
  let elderly = 0;
  for (const row of rows.slice(0, 300)) {
    const values = row.split(',');
    population += Number(values[pop]);
    elderly += Number(values[old]);
  }
  return { cells: 300, population, elderly };
}

/** id → [name, capacity (empty: unknown)] of the illustrative facility list the old versions imported. */
function facilityList(): Map<string, [string, number | null]> {
  const [header, ...rows] = readFileSync(join(SAMPLE_DIR, 'illustrative_facilities.csv'), 'utf8').trim().split(/\r?\n/);
  const columns = header.split(',');
  return new Map(
    rows.map((row) => {
      const values = row.split(',');
      const capacity = values[columns.indexOf('capacity')];
      return [values[columns.indexOf('id')], [values[columns.indexOf('name')], capacity === '' ? null : Number(capacity)]];
    }),
  );
}

/** A working copy of an old file (opening migrates it, so never the stored one). */
function copyOf(file: string): string {
  const path = join(tempDir(), file.replace(/\.gz$/, ''));
  copyFileSync(testData(`old_projects/${file.replace(/\.gz$/, '')}`), path);
  return path;
}

describe.each(OLD_FILES)('a project written by an earlier version: $file', ({ file, schema, proposals }) => {
  it(`was written at schema ${schema}, opens, migrates to the latest and keeps its records`, () => {
    const path = copyOf(file);
    const raw = new Database(path, { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(10300);
    expect(Number(JSON.parse((raw.prepare("SELECT value FROM settings WHERE key = 'schema_version'").get() as { value: string }).value))).toBe(schema);
    const auditBefore = (raw.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
    raw.close();

    const store = ProjectStore.open(path);
    try {
      expect(store.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
      expect(store.counts()).toEqual({ population: 300, facilities: 5, estates: 0, boundaries: 1, roads: 0, candidates: 0, proposals });
      const grid = store.loadDemandGrid();
      const expected = gridHead();
      expect(grid.count).toBe(expected.cells);
      expect(grid.population!.reduce((s, v) => s + v, 0)).toBeCloseTo(expected.population, 6);
      expect(grid.elderly!.reduce((s, v) => s + v, 0)).toBeCloseTo(expected.elderly, 6);
      const list = facilityList();
      const facilities = store.listFeatures('facilities').map((f) => [f.properties.id, [f.properties.name, f.properties.capacity]]);
      expect(new Map(facilities as [string, [string, number | null]][])).toEqual(list);
      expect(store.listFeatures('boundaries')[0].properties.name).toBe('武汉市');
      if (proposals > 0) expect(store.edits.proposals(store.resolveScenarioId('two sites'))).toHaveLength(proposals);
      // The old audit entries are kept, and an edit adds to them.
      expect(store.auditEntries(10_000).length).toBeGreaterThanOrEqual(auditBefore);
      store.createScenario('after the upgrade');
      store.writeLayer('candidates', [
        { id: 'c1', name: 'school', lon: 114.21, lat: 30.63, floorAreaM2: 320, floorLevel: 1, landAreaM2: null, note: null, source: null, capacity: 30 },
      ]);
      expect(store.listFeatures('candidates')[0].properties.capacity).toBe(30);
    } finally {
      store.close();
    }
    const check = new Database(path, { readonly: true });
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    expect((check.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n).toBeGreaterThan(auditBefore);
    check.close();
  });
});
