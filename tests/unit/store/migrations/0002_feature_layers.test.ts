import { describe, expect, it } from 'vitest';
import { LAYER_NAMES } from '../../../../shared/schemas/entities';
import { migrate, readSchemaVersion } from '../../../../electron/services/store/schema_version';
import { databaseAt, tableNames } from './migration_helpers';

describe('migration 2: feature layers and scenarios', () => {
  it('keeps version-1 settings and adds the seven layers and a baseline scenario', () => {
    const { db, path } = databaseAt(1);
    db.prepare("INSERT INTO settings (key, value) VALUES ('attributions', ?)").run(JSON.stringify(['WorldPop CC BY 4.0']));
    migrate(db, path, 2);
    expect(readSchemaVersion(db)).toBe(2);
    expect(tableNames(db)).toEqual(expect.arrayContaining([...LAYER_NAMES, 'scenarios']));
    const registered = db.prepare("SELECT table_name FROM gpkg_geometry_columns ORDER BY table_name").all() as { table_name: string }[];
    expect(registered.map((r) => r.table_name)).toEqual([...LAYER_NAMES].sort());
    const kept = db.prepare("SELECT value FROM settings WHERE key = 'attributions'").get() as { value: string };
    expect(JSON.parse(kept.value)).toEqual(['WorldPop CC BY 4.0']);
    expect(db.prepare('SELECT id FROM scenarios').all()).toEqual([{ id: 'baseline' }]);
    db.close();
  });
});
