import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Boundary, Facility } from '../../../shared/schemas/entities';
import { ProjectStore } from '../../../electron/services/store/project_store';
import { LATEST_SCHEMA_VERSION } from '../../../electron/services/store/migrations';
import { tempDir } from '../../helpers/paths';

function facility(id: string, lon: number, lat: number, extra: Partial<Facility> = {}): Facility {
  return {
    id, name: `设施 ${id}`, kind: 'day_care', status: 'existing', lon, lat, capacity: 30, beds: null, nursingBeds: null,
    floorAreaM2: 320.5, floorLevel: 1, address: '武汉市江汉区', source: 'test fixture', illustrative: true, ...extra,
  };
}

describe('ProjectStore', () => {
  it('round-trips facilities and polygons exactly and records the write in the audit log', () => {
    const path = join(tempDir(), 'p.gpkg');
    const store = ProjectStore.create(path);
    store.writeLayer('facilities', [facility('a', 114.2712345678, 30.5912345678), facility('b', 114.3, 30.6, { kind: 'care_home', beds: 120 })], { action: 'import' });
    const ring: [number, number][] = [[114.1, 30.4], [114.5, 30.4], [114.5, 30.7], [114.1, 30.7], [114.1, 30.4]];
    const boundary: Boundary = { id: 'x', name: '示例区', level: 'district', urban: true, source: null, geometry: { type: 'MultiPolygon', coordinates: [[ring]] } };
    store.writeLayer('boundaries', [boundary]);
    store.close();

    const reopened = ProjectStore.open(path);
    const facilities = reopened.listFeatures('facilities');
    expect(facilities.map((f) => f.geometry)).toEqual([
      { type: 'Point', coordinates: [114.2712345678, 30.5912345678] },
      { type: 'Point', coordinates: [114.3, 30.6] },
    ]);
    expect(facilities[1].properties).toMatchObject({ id: 'b', kind: 'care_home', beds: 120, floor_area_m2: 320.5, illustrative: true });
    expect(reopened.listFeatures('boundaries')[0]).toMatchObject({ geometry: boundary.geometry, properties: { name: '示例区', urban: true } });
    expect(reopened.bbox()).toEqual([114.1, 30.4, 114.5, 30.7]);
    expect(reopened.counts()).toMatchObject({ facilities: 2, boundaries: 1, population: 0 });
    const audit = reopened.auditEntries();
    expect(audit.map((a) => [a.action, a.layer])).toEqual([['write', 'boundaries'], ['import', 'facilities']]);
    expect(audit[1].after).toMatchObject({ count: 2 });
    reopened.close();
  });

  it('writes nothing when one record of an import fails (duplicate id)', () => {
    const store = ProjectStore.create(join(tempDir(), 'p.gpkg'));
    store.writeLayer('facilities', [facility('a', 114.2, 30.5)]);
    const auditBefore = store.auditEntries().length;
    expect(() => store.writeLayer('facilities', [facility('b', 114.21, 30.5), facility('a', 114.22, 30.5)])).toThrow(/id "a" already exists.*row 2|row 2.*id "a" already exists/);
    expect(store.counts().facilities).toBe(1);
    expect(store.auditEntries().length).toBe(auditBefore);
    expect(store.bbox()).toEqual([114.2, 30.5, 114.2, 30.5]);
    store.close();
  });

  it('replace deletes the old features in the same transaction', () => {
    const store = ProjectStore.create(join(tempDir(), 'p.gpkg'));
    store.writeLayer('facilities', [facility('a', 114.2, 30.5), facility('b', 114.3, 30.6)]);
    store.writeLayer('facilities', [facility('a', 114.25, 30.55)], { replace: true });
    expect(store.listFeatures('facilities').map((f) => f.properties.id)).toEqual(['a']);
    expect(store.bbox()).toEqual([114.25, 30.55, 114.25, 30.55]);
    store.close();
  });

  it('selects existing facilities of the chosen kinds only', () => {
    const store = ProjectStore.create(join(tempDir(), 'p.gpkg'));
    store.writeLayer('facilities', [
      facility('a', 114.2, 30.5),
      facility('b', 114.3, 30.6, { kind: 'hospital' }),
      facility('c', 114.4, 30.6, { status: 'planned' }),
    ]);
    expect(store.selectedFacilities(['day_care']).map((f) => f.id)).toEqual(['a']);
    expect(store.selectedFacilities(['day_care', 'hospital']).map((f) => f.id)).toEqual(['a', 'b']);
    expect(() => store.selectedFacilities(['day_care'], 'no such plan')).toThrow(/unknown scenario "no such plan"; scenarios in this project: baseline/);
    store.close();
  });

  it('refuses a project written by a newer version, naming the file', () => {
    const path = join(tempDir(), 'future.gpkg');
    ProjectStore.create(path).close();
    const db = new Database(path);
    db.prepare("UPDATE settings SET value = ? WHERE key = 'schema_version'").run(JSON.stringify(LATEST_SCHEMA_VERSION + 1));
    db.close();
    expect(() => ProjectStore.open(path)).toThrow(`future.gpkg: project schema version ${LATEST_SCHEMA_VERSION + 1} is newer than this app understands (${LATEST_SCHEMA_VERSION})`);
  });

  it('refuses other SQLite files and non-SQLite files without touching them', () => {
    const dir = tempDir();
    const other = join(dir, 'other.sqlite');
    const db = new Database(other);
    db.exec('CREATE TABLE t (x)');
    db.close();
    expect(() => ProjectStore.open(other)).toThrow(/not a Siting Planner project/);
    const reopened = new Database(other);
    expect(reopened.prepare("SELECT name FROM sqlite_master WHERE type='table'").all()).toEqual([{ name: 't' }]);
    reopened.close();

    const text = join(dir, 'notes.gpkg');
    writeFileSync(text, 'this is not a database, just some text that is long enough to have a header........');
    expect(() => ProjectStore.open(text)).toThrow(/notes\.gpkg: not a readable SQLite\/GeoPackage file/);
    expect(() => ProjectStore.open(join(dir, 'missing.gpkg'))).toThrow(/missing\.gpkg: project file not found/);
  });

  it('refuses to overwrite an existing file unless forced', () => {
    const path = join(tempDir(), 'p.gpkg');
    const store = ProjectStore.create(path);
    store.writeLayer('facilities', [facility('a', 114.2, 30.5)]);
    store.close();
    expect(() => ProjectStore.create(path)).toThrow(/file exists; use --force/);
    expect(ProjectStore.open(path).counts().facilities).toBe(1);
    const fresh = ProjectStore.create(path, { force: true });
    expect(fresh.counts().facilities).toBe(0);
    fresh.close();
  });

  it('copies itself to a new file (Save As) with every layer', () => {
    const dir = tempDir();
    const store = ProjectStore.create(join(dir, 'a.gpkg'));
    store.writeLayer('facilities', [facility('a', 114.2, 30.5)]);
    store.copyTo(join(dir, 'b.gpkg'));
    store.close();
    const copy = ProjectStore.open(join(dir, 'b.gpkg'));
    expect(copy.listFeatures('facilities')[0].properties.id).toBe('a');
    copy.close();
  });
});
