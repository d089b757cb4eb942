import { describe, expect, it } from 'vitest';
import { GPKG_APPLICATION_ID, GPKG_USER_VERSION } from '../../../../electron/services/store/migrations/0001_gpkg_core';
import { migrate, readSchemaVersion } from '../../../../electron/services/store/schema_version';
import { databaseAt, tableNames } from './migration_helpers';

describe('migration 1: GeoPackage core', () => {
  it('turns an empty database into a GeoPackage at version 1', () => {
    const { db, path } = databaseAt(0);
    expect(readSchemaVersion(db)).toBe(0);
    migrate(db, path, 1);
    expect(readSchemaVersion(db)).toBe(1);
    expect(db.pragma('application_id', { simple: true })).toBe(GPKG_APPLICATION_ID);
    expect(db.pragma('user_version', { simple: true })).toBe(GPKG_USER_VERSION);
    expect(tableNames(db)).toEqual(expect.arrayContaining(['gpkg_contents', 'gpkg_geometry_columns', 'gpkg_spatial_ref_sys', 'settings']));
    const srs = db.prepare('SELECT srs_id FROM gpkg_spatial_ref_sys ORDER BY srs_id').all() as { srs_id: number }[];
    expect(srs.map((r) => r.srs_id)).toEqual([-1, 0, 4326]);
    db.close();
  });
});
