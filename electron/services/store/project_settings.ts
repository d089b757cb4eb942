/**
 * The project's settings table: key/value pairs stored as JSON, among them the app's settings
 * (`app_settings`, defaults filled in on read). Every change is an audited write.
 */
import type Database from 'better-sqlite3';
import { DEFAULT_SETTINGS, Settings } from '../../../shared/settings/settings_schema';
import type { AuditedWrites } from './audited_writes';

/** The next value of a setting from its current one, what the caller gets back, and the audit entry of the change. */
export type SettingUpdate<T, R> = (current: T | null) => { value: T; result: R; audit: { action: string; id: string; before: unknown; after: unknown } };

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

  /**
   * Reads a setting, computes its next value and writes it in one transaction (the write lock held
   * throughout), with the audit entry `update` gives (action, record id, before, after).
   */
  updateSetting<T, R>(key: string, update: SettingUpdate<T, R>): R {
    return this.writes.write([], () => {
      const { value, result, audit } = update(this.getSetting<T>(key));
      this.db
        .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
        .run(key, JSON.stringify(value));
      this.writes.appendAudit(audit.action, 'settings', audit.id, audit.before, audit.after);
      return result;
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
