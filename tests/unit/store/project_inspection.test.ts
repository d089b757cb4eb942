/**
 * What the store refuses on open (issue 10): triggers and views the schema does not define, layer
 * tables that are not plain tables, cascades that would change a layer behind the audit log; refused
 * files stay byte-identical. Damaged pages, bad geometry blobs and text in number columns are named
 * (file, layer, fid, field) when read.
 */
import Database from 'better-sqlite3';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../../shared/errors';
import type { Facility, PopulationCell } from '../../../shared/schemas/entities';
import { LATEST_SCHEMA_VERSION } from '../../../electron/services/store/migrations';
import { ProjectStore } from '../../../electron/services/store/project_store';
import { commitThenCrash, corruptLeafPage, editedCopy, ENDLESS_POPULATION_VIEW, sha256, sidecars } from '../../helpers/hostile_files';
import { tempDir } from '../../helpers/paths';

/** A 60 x 50 grid of cells (3,000: the population table spans many pages). */
function cells(): PopulationCell[] {
  const out: PopulationCell[] = [];
  for (let row = 0; row < 50; row++) {
    for (let col = 0; col < 60; col++) {
      out.push({
        cellId: `r${row}c${col}`, lon: 114.2 + col * 0.001, lat: 30.5 + row * 0.001, population: 100 + row, elderly: 20 + col,
        age65: null, age80: null, cellWidthDeg: 0.001, cellHeightDeg: 0.001,
      });
    }
  }
  return out;
}

function facility(id: string, lon: number, lat: number): Facility {
  return {
    id, name: `设施 ${id}`, kind: 'day_care', status: 'existing', lon, lat, capacity: 30, beds: null, nursingBeds: null,
    floorAreaM2: null, floorLevel: null, address: null, source: 'test fixture', illustrative: true,
  };
}

/** The error `fn` throws (fails the test when it throws none). */
function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

/** Opens `path` expecting a refusal; returns it after checking that the file was left as it was. */
function refusedUntouched(path: string): Error {
  const before = sha256(path);
  const error = thrown(() => ProjectStore.open(path));
  expect(error).toBeInstanceOf(InputError);
  expect(sha256(path)).toBe(before);
  expect(sidecars(path)).toEqual([]);
  return error;
}

/** A project with 3,000 cells and two facilities in `dir`, copied and edited by each test. */
function baseProject(dir: string): string {
  const path = join(dir, 'base.gpkg');
  const store = ProjectStore.create(path);
  store.writeLayer('population', cells());
  store.writeLayer('facilities', [facility('a', 114.21, 30.51), facility('b', 114.23, 30.52)]);
  store.close();
  return path;
}

describe('opening a project file that someone else edited', () => {
  let dir: string;
  let base: string;
  beforeAll(() => {
    dir = tempDir();
    base = baseProject(dir);
  });

  it('opens the schema as the migrations create it, audit-log triggers included', () => {
    const store = ProjectStore.open(base);
    expect(store.counts()).toMatchObject({ population: 3000, facilities: 2 });
    store.close();
  });

  it('refuses a trigger the schema does not define, naming it, and leaves the file as it was', () => {
    const path = editedCopy(base, dir, 'trigger.gpkg', (db) => db.exec('CREATE TRIGGER w AFTER INSERT ON audit_log BEGIN DELETE FROM facilities; END'));
    const error = refusedUntouched(path);
    expect(error.message).toBe(
      `${path}: the project file contains trigger "w" (on audit_log), which Siting Planner does not create; ` +
        'a trigger runs its own SQL on every edit, so the file is not opened. If you trust the file, remove the trigger (DROP TRIGGER "w") and open it again',
    );
    // Nothing ran: the facilities the trigger would delete on the next edit are still there.
    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT count(*) FROM facilities').pluck().get()).toBe(2);
    db.close();
  });

  it("refuses a trigger that reuses the name of one of the schema's own with another body", () => {
    const path = editedCopy(base, dir, 'renamed.gpkg', (db) =>
      db.exec('DROP TRIGGER audit_log_no_delete; CREATE TRIGGER audit_log_no_delete AFTER INSERT ON audit_log BEGIN DELETE FROM population; END'),
    );
    expect(refusedUntouched(path).message).toContain('trigger "audit_log_no_delete" (on audit_log), which Siting Planner does not create');
  });

  it('refuses a layer replaced by an endless recursive view without running it', () => {
    const path = editedCopy(base, dir, 'view.gpkg', (db) => db.exec(`DROP TABLE population; ${ENDLESS_POPULATION_VIEW}`));
    expect(refusedUntouched(path).message).toBe(
      `${path}: the project file contains view "population", which Siting Planner does not create; ` +
        'a view runs its own query whenever it is read (it may never end), so the file is not opened. If you trust the file, remove the view (DROP VIEW "population") and open it again',
    );
  });

  it('refuses a view anywhere in the file, a virtual table in place of a layer, and a missing layer table', () => {
    const extraView = editedCopy(base, dir, 'extra-view.gpkg', (db) => db.exec('CREATE VIEW notes AS SELECT 1 AS x'));
    expect(refusedUntouched(extraView).message).toContain('view "notes"');
    const virtual = editedCopy(base, dir, 'virtual.gpkg', (db) => db.exec('DROP TABLE roads; CREATE VIRTUAL TABLE roads USING rtree(id, minx, maxx)'));
    expect(refusedUntouched(virtual).message).toBe(`${virtual}: the project table "roads" is a virtual table, not a plain table, so the file is not opened`);
    const missing = editedCopy(base, dir, 'missing.gpkg', (db) => db.exec('DROP TABLE estates'));
    expect(refusedUntouched(missing).message).toBe(`${missing}: the project table "estates" is missing, so the file is not opened`);
  });

  it('refuses a foreign key that would delete or change layer rows behind the audit log', () => {
    const path = editedCopy(base, dir, 'cascade.gpkg', (db) => db.exec('ALTER TABLE facilities ADD COLUMN scenario TEXT REFERENCES scenarios (id) ON DELETE CASCADE'));
    expect(refusedUntouched(path).message).toBe(
      `${path}: the project table "facilities" has a foreign key (scenario -> scenarios) with ON DELETE CASCADE, which Siting Planner does not create; ` +
        'it would change the layer behind the audit log, so the file is not opened',
    );
  });

  it('leaves a refused non-project SQLite file and newer-version projects byte-identical (rollback and WAL mode)', () => {
    const other = join(dir, 'other.sqlite');
    const db = new Database(other);
    db.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1)');
    db.close();
    expect(refusedUntouched(other).message).toMatch(/not a Siting Planner project/);
    const newer = (name: string, journal: 'DELETE' | 'WAL') =>
      editedCopy(base, dir, name, (copy) => {
        copy.prepare("UPDATE settings SET value = ? WHERE key = 'schema_version'").run(JSON.stringify(LATEST_SCHEMA_VERSION + 1));
        copy.pragma(`journal_mode = ${journal}`);
      });
    for (const path of [newer('newer-rollback.gpkg', 'DELETE'), newer('newer-wal.gpkg', 'WAL')]) {
      expect(refusedUntouched(path).message).toContain(`project schema version ${LATEST_SCHEMA_VERSION + 1} is newer than this app understands`);
    }
  });

  it('reads what a crashed writer left in the -wal, and leaves the file, the -wal and the -shm as they were', () => {
    // The trigger is only in the -wal (committed, never checkpointed): a refusal naming it shows the
    // -wal was read. A read-write connection would have checkpointed it into the file on close.
    const withShm = editedCopy(base, dir, 'crashed.gpkg', () => undefined);
    commitThenCrash(withShm, 'CREATE TRIGGER w AFTER INSERT ON audit_log BEGIN DELETE FROM facilities; END');
    // The same without the -shm (a copy of the file and its -wal, or a -shm removed since).
    const walOnly = editedCopy(base, dir, 'crashed-wal-only.gpkg', () => undefined);
    commitThenCrash(walOnly, 'CREATE TRIGGER w AFTER INSERT ON audit_log BEGIN DELETE FROM facilities; END');
    rmSync(`${walOnly}-shm`);
    // Not a project at all: a GeoPackage-like file whose only table is in the -wal.
    const other = join(dir, 'crashed-other.sqlite');
    new Database(other).pragma('journal_mode = WAL');
    commitThenCrash(other, 'CREATE TABLE t (x); INSERT INTO t VALUES (1)');
    for (const [path, sidecarsLeft, message] of [
      [withShm, ['-wal', '-shm'], 'the project file contains trigger "w" (on audit_log)'],
      [walOnly, ['-wal'], 'the project file contains trigger "w" (on audit_log)'],
      [other, ['-wal', '-shm'], 'not a Siting Planner project'],
    ] as const) {
      expect(sidecars(path)).toEqual(sidecarsLeft);
      const hashes = () => [path, `${path}-wal`].map((file) => (existsSync(file) ? sha256(file) : 'missing'));
      const before = hashes();
      const error = thrown(() => ProjectStore.open(path));
      expect(error).toBeInstanceOf(InputError);
      expect(error.message).toContain(message);
      expect({ path, hashes: hashes(), sidecars: sidecars(path) }).toEqual({ path, hashes: before, sidecars: sidecarsLeft });
    }
  });

  it('opens a project whose last edit a crashed writer left in the -wal, with that edit', () => {
    for (const [name, keepShm] of [['edited-crashed.gpkg', true], ['edited-crashed-wal-only.gpkg', false]] as const) {
      const path = editedCopy(base, dir, name, () => undefined);
      commitThenCrash(path, "DELETE FROM facilities WHERE id = 'b'");
      if (!keepShm) rmSync(`${path}-shm`);
      const store = ProjectStore.open(path);
      expect({ name, facilities: store.counts().facilities }).toEqual({ name, facilities: 1 });
      store.close();
    }
  });

  it('names the folder when a project is created in a folder that does not exist', () => {
    const folder = join(dir, 'no', 'such', 'folder');
    const error = thrown(() => ProjectStore.create(join(folder, 'p.gpkg')));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe(`${join(folder, 'p.gpkg')}: the folder ${folder} does not exist; create it first or choose another folder`);
    expect(existsSync(folder)).toBe(false);
  });
});

describe('reading a damaged project names the file, layer, feature and field', () => {
  let dir: string;
  let base: string;
  beforeAll(() => {
    dir = tempDir();
    base = baseProject(dir);
  });

  it('a damaged page of the population layer', () => {
    const path = editedCopy(base, dir, 'corrupt.gpkg', () => undefined);
    corruptLeafPage(path, 'population', 5);
    const store = ProjectStore.open(path);
    const error = thrown(() => store.loadDemandGrid());
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe(
      `${path}: layer population: the project file is damaged (database disk image is malformed); restore it from a copy or a backup`,
    );
    expect(thrown(() => store.counts()).message).toContain('layer population: the project file is damaged');
    expect(store.listFeatures('facilities')).toHaveLength(2);
    store.close();
  });

  it('a geometry blob that is not a GeoPackage geometry', () => {
    const path = editedCopy(base, dir, 'geom.gpkg', (db) => {
      db.prepare('UPDATE population SET geom = ? WHERE fid = 17').run(Buffer.from([0, 1, 2, 3]));
      db.prepare('UPDATE facilities SET geom = ? WHERE fid = 2').run(Buffer.from('GP not really'));
    });
    const store = ProjectStore.open(path);
    const grid = thrown(() => store.loadDemandGrid());
    expect(grid).toBeInstanceOf(InputError);
    expect(grid.message).toBe(`${path}, field geom: layer population, fid 17: not a GeoPackage geometry blob (4 bytes, bad magic) (expected a GeoPackage point)`);
    expect(thrown(() => store.selectedFacilities(['day_care'])).message).toMatch(/^.*geom\.gpkg, field geom: layer facilities, fid 2: /);
    expect(thrown(() => store.listFeatures('facilities')).message).toMatch(/field geom: layer facilities, fid 2: /);
    store.close();
  });

  it('text where a count belongs', () => {
    const path = editedCopy(base, dir, 'elderly.gpkg', (db) => {
      db.prepare("UPDATE population SET elderly = 'many' WHERE fid = 42").run();
      db.prepare("UPDATE facilities SET capacity = 'thirty' WHERE fid = 1").run();
    });
    const store = ProjectStore.open(path);
    const grid = thrown(() => store.loadDemandGrid());
    expect(grid).toBeInstanceOf(InputError);
    expect(grid.message).toBe(`${path}, field elderly: layer population, fid 42: "many" is not a number (expected a number ≥ 0, or empty)`);
    expect(thrown(() => store.selectedFacilities(['day_care'])).message).toBe(
      `${path}, field capacity: layer facilities, fid 1: "thirty" is not a number (expected a number ≥ 0, or empty)`,
    );
    store.close();
  });
});
