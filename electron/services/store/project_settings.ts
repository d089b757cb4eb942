/**
 * The project's settings table: key/value pairs stored as JSON, among them the app's settings
 * (`app_settings`, defaults filled in on read). Every change is an audited write.
 */
import type Database from 'better-sqlite3';
import { DEFAULT_SETTINGS, Settings } from '../../../shared/ipc/contract';
import type { AuditedWrites } from './audited_writes';

export class ProjectSettings {
  constructor(
    private readonly db: Database.Database,
    private readonly writes: AuditedWrites,
  ) {}

  getSetting<T>(key: string): T | null {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as T) : null;
  }

  setSetting(key: string, value: unknown): void {
    this.writes.write([], () => {
      const before = this.getSetting(key);
      this.db
        .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
        .run(key, JSON.stringify(value));
      this.writes.appendAudit('setting', 'settings', key, before, value);
    });
  }

  /** Project-level settings with defaults filled in. */
  settings(): Settings {
    const stored = this.getSetting<Partial<Settings>>('app_settings') ?? {};
    return Settings.parse({ ...DEFAULT_SETTINGS, ...stored });
  }

  /** Applies `patch` to the settings as they are when the write lock is held (another program's change is kept). */
  updateSettings(patch: Partial<Settings>): Settings {
    return this.writes.write([], () => {
      const next = Settings.parse({ ...this.settings(), ...patch });
      this.setSetting('app_settings', next);
      return next;
    });
  }
}
