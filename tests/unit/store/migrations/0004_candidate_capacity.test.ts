import { describe, expect, it } from 'vitest';
import { ProjectStore } from '../../../../electron/services/store/project_store';
import { migrate, readSchemaVersion } from '../../../../electron/services/store/schema_version';
import { LATEST_SCHEMA_VERSION } from '../../../../electron/services/store/migrations';
import { createTableSql, LAYER_TABLES } from '../../../../electron/services/store/layer_tables';
import { LAYER_NAMES } from '../../../../shared/schemas/entities';
import { databaseAt } from './migration_helpers';

const columns = (db: ReturnType<typeof databaseAt>['db']) =>
  (db.prepare("SELECT name FROM pragma_table_info('candidates')").all() as { name: string }[]).map((c) => c.name);

describe('migration 4: candidate capacity', () => {
  it('adds the capacity column to a version-3 file and keeps its candidates (capacity unknown)', () => {
    // Migrations 1–3 write the tables as version 3 wrote them (no capacity column).
    const { db, path } = databaseAt(3);
    expect(columns(db)).not.toContain('capacity');
    db.prepare("INSERT INTO candidates (geom, id, name, floor_area_m2) VALUES (x'00', 'c1', 'old school', 420)").run();
    migrate(db, path, 4);
    expect(readSchemaVersion(db)).toBe(4);
    expect(columns(db)).toContain('capacity');
    expect(db.prepare("SELECT id, name, floor_area_m2, capacity FROM candidates WHERE id = 'c1'").get()).toEqual({
      id: 'c1',
      name: 'old school',
      floor_area_m2: 420,
      capacity: null,
    });
    db.close();
  });

  it('gives a new file the tables of today\'s layer specification, and the store reads and writes the column', () => {
    const { db, path } = databaseAt(LATEST_SCHEMA_VERSION);
    for (const name of LAYER_NAMES) {
      const { sql } = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?").get(LAYER_TABLES[name].table) as { sql: string };
      expect(sql, name).toBe(createTableSql(LAYER_TABLES[name]));
    }
    db.close();
    const store = ProjectStore.open(path);
    try {
      store.writeLayer('candidates', [
        { id: 'a', name: 'site A', lon: 114.3, lat: 30.6, floorAreaM2: 300, floorLevel: 1, landAreaM2: null, note: null, source: null, capacity: 40 },
        { id: 'b', name: 'site B', lon: 114.31, lat: 30.6, floorAreaM2: 300, floorLevel: 1, landAreaM2: null, note: null, source: null },
      ]);
      const read = store.listFeatures('candidates').map((f) => [f.properties.id, f.properties.capacity]);
      expect(read).toEqual([
        ['a', 40],
        ['b', null],
      ]);
    } finally {
      store.close();
    }
  });
});
