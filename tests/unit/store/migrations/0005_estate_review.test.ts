import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../../../../shared/rules/presets';
import { reviewEstateLayer } from '../../../../shared/usecases/review_estates';
import { estatesOf } from '../../../../electron/services/store/estate_reviews';
import { LATEST_SCHEMA_VERSION, ProjectStore } from '../../../../electron/services/store/project_store';
import { migrate, readSchemaVersion } from '../../../../electron/services/store/schema_version';
import { tempDir } from '../../../helpers/paths';
import { testData } from '../../../helpers/test_data';
import { databaseAt } from './migration_helpers';

const NEW_ESTATE_COLUMNS = ['residential_floor_area_m2', 'average_unit_m2', 'urban', 'co_located_health_station', 'synchronous_provision', 'care_rooms'];

const columnsOf = (db: Database.Database, table: string) =>
  (db.prepare(`SELECT name, type FROM pragma_table_info('${table}')`).all() as { name: string; type: string }[]).map((c) => `${c.name} ${c.type}`);

function expectVersion5Tables(db: Database.Database): void {
  expect(columnsOf(db, 'estates').slice(-6)).toEqual([
    'residential_floor_area_m2 DOUBLE',
    'average_unit_m2 DOUBLE',
    'urban BOOLEAN',
    'co_located_health_station BOOLEAN',
    'synchronous_provision BOOLEAN',
    'care_rooms TEXT',
  ]);
  expect(columnsOf(db, 'estate_reviews')).toEqual([
    'fid INTEGER',
    'estate_id TEXT',
    'preset_id TEXT',
    'preset_version INTEGER',
    'inputs TEXT',
    'checks TEXT',
    'verdict TEXT',
    'reviewed_at TEXT',
  ]);
  expect(db.prepare("SELECT data_type, identifier FROM gpkg_contents WHERE table_name = 'estate_reviews'").get()).toEqual({ data_type: 'attributes', identifier: 'estate_reviews' });
}

describe('migration 5: estate review', () => {
  it('adds the review columns to a version-4 file, keeps its estates, and an old care floor area reviews as one room', () => {
    const { db, path } = databaseAt(4);
    // A point estate as version 4 stored it (GeoPackage header + WKB point 114.3, 30.6).
    const point = Buffer.alloc(8 + 21);
    point.write('GP', 0, 'ascii');
    point.writeUInt8(0, 2);
    point.writeUInt8(1, 3);
    point.writeInt32LE(4326, 4);
    point.writeUInt8(1, 8);
    point.writeUInt32LE(1, 9);
    point.writeDoubleLE(114.3, 13);
    point.writeDoubleLE(30.6, 21);
    db.prepare("INSERT INTO estates (geom, id, name, area_type, households, care_floor_area_m2, source) VALUES (?, 'e1', '老小区', 'old', 1000, 140, NULL)").run(point);
    expect(columnsOf(db, 'estates').map((c) => c.split(' ')[0])).not.toContain('care_rooms');
    migrate(db, path, 5);
    expect(readSchemaVersion(db)).toBe(5);
    expectVersion5Tables(db);
    expect(db.prepare(`SELECT id, area_type, households, care_floor_area_m2, ${NEW_ESTATE_COLUMNS.join(', ')} FROM estates`).get()).toEqual({
      id: 'e1',
      area_type: 'old',
      households: 1000,
      care_floor_area_m2: 140,
      residential_floor_area_m2: null,
      average_unit_m2: null,
      urban: null,
      co_located_health_station: null,
      synchronous_provision: null,
      care_rooms: null,
    });
    db.close();

    const store = ProjectStore.open(path);
    try {
      const estates = estatesOf(store.listFeatures('estates'), store.path);
      expect(estates[0]).toMatchObject({ id: 'e1', areaType: 'old', households: 1000, careFloorAreaM2: 140, careRooms: null, urban: null });
      // Nanhai, old area: 1000 / 100 × 15 = 150 m² required, 140 provided.
      const reviewed = reviewEstateLayer({ estates, healthStations: [] }, PRESETS.nanhai);
      expect(reviewed.estates[0].checks[0]).toMatchObject({ rule: 'care_floor_area_per_100_households', verdict: 'fail', required: 150, provided: 140, shortfall: 10, unit: 'm2' });
      expect(store.estateReviews.write(reviewed.estates, reviewed.inputs, '2026-01-02T03:04:05.000Z')).toBe(1);
      expect(store.estateReviews.list()).toEqual([
        { estateId: 'e1', presetId: 'nanhai', presetVersion: 1, inputs: reviewed.inputs[0], checks: reviewed.estates[0].checks, verdict: 'non_compliant', reviewedAt: '2026-01-02T03:04:05.000Z' },
      ]);
      expect(store.auditEntries(1)[0]).toMatchObject({ action: 'review', layer: 'estates', after: { count: 1, presets: ['nanhai@1'], estates: ['e1'] } });
    } finally {
      store.close();
    }
  });

  it('migrates a schema-4 file an earlier version wrote, which then stores estates with care rooms and their reviews', () => {
    const path = join(tempDir(), 'schema4.gpkg');
    copyFileSync(testData('old_projects/schema4-ccf8571.gpkg'), path);
    const raw = new Database(path, { readonly: true });
    expect(readSchemaVersion(raw)).toBe(4);
    expect(columnsOf(raw, 'estates').map((c) => c.split(' ')[0])).not.toContain('care_rooms');
    raw.close();

    const store = ProjectStore.open(path);
    try {
      expect(store.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
      store.writeLayer('estates', [
        {
          id: 'n1',
          name: 'new estate',
          areaType: 'new',
          households: 1500,
          careFloorAreaM2: null,
          geometry: { type: 'Point', coordinates: [114.27, 30.59] },
          source: null,
          urban: true,
          careRooms: [
            { floorAreaM2: 180, floorLevels: [1], basement: false, lon: 114.2701, lat: 30.5901 },
            { floorAreaM2: 150, floorLevels: [2, 3], basement: false, lon: null, lat: null },
          ],
        },
      ]);
      const [estate] = estatesOf(store.listFeatures('estates'), store.path);
      expect(estate.careRooms).toEqual([
        { floorAreaM2: 180, floorLevels: [1], basement: false, lon: 114.2701, lat: 30.5901 },
        { floorAreaM2: 150, floorLevels: [2, 3], basement: false, lon: null, lat: null },
      ]);
      // A room that is not what the review reads is refused on write, naming the field.
      expect(() =>
        store.writeLayer('estates', [
          { id: 'bad', name: 'bad', areaType: 'renewal', households: 10, careFloorAreaM2: null, geometry: { type: 'Point', coordinates: [114.2, 30.5] }, source: null, careRooms: [{ floorAreaM2: -5, floorLevels: null, basement: null, lon: null, lat: null }] },
        ]),
      ).toThrow(/careRooms\.0\.floorAreaM2/);
      // 1500 / 100 × 20 = 300 m² required; the two rooms give 330.
      const reviewed = reviewEstateLayer({ estates: [estate], healthStations: [] }, PRESETS.nanhai);
      expect(reviewed.estates[0].checks[0]).toMatchObject({ verdict: 'pass', required: 300, provided: 330 });
      store.estateReviews.write(reviewed.estates, reviewed.inputs);
      expect(store.estateReviews.list().map((r) => [r.estateId, r.presetId, r.verdict])).toEqual([['n1', 'nanhai', 'compliant']]);
    } finally {
      store.close();
    }
    const check = new Database(path, { readonly: true });
    expectVersion5Tables(check);
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    check.close();
  });
});
