import { describe, expect, it } from 'vitest';
import { migrate, readSchemaVersion } from '../../../../electron/services/store/schema_version';
import { databaseAt } from './migration_helpers';

describe('migration 3: append-only audit log', () => {
  it('keeps version-2 rows and adds an audit log that refuses updates and deletes', () => {
    const { db, path } = databaseAt(2);
    db.prepare("INSERT INTO scenarios (id, name, is_plan, created_at) VALUES ('s1', 'plan A', 0, '2026-01-01T00:00:00Z')").run();
    migrate(db, path, 3);
    expect(readSchemaVersion(db)).toBe(3);
    expect(db.prepare("SELECT name FROM scenarios WHERE id = 's1'").get()).toEqual({ name: 'plan A' });
    db.prepare("INSERT INTO audit_log (at, action) VALUES ('2026-01-01T00:00:00Z', 'test')").run();
    expect(() => db.prepare("UPDATE audit_log SET action = 'changed'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(db.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual({ n: 1 });
    db.close();
  });
});
