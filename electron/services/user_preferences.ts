/**
 * The user's preferences (UI language, Tianditu key), kept in the user's config folder so that they
 * hold for every project: a project file made by the CLI or on another computer does not change them.
 * A missing, unreadable or malformed file (edited by hand, written by a hostile program) counts as
 * the defaults, field by field: a bad key does not cost the language. Written whole (temporary file
 * and rename), never half.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_USER_PREFERENCES, UserPreferences } from '../../shared/ipc/contract';
import { configDir } from './app_paths';

export function preferencesPath(): string {
  return join(configDir(), 'preferences.json');
}

/** The stored preferences; each field that is missing or invalid takes its default. */
export function readPreferences(): UserPreferences {
  let stored: unknown;
  try {
    stored = JSON.parse(readFileSync(preferencesPath(), 'utf8'));
  } catch {
    return { ...DEFAULT_USER_PREFERENCES };
  }
  if (stored === null || typeof stored !== 'object' || Array.isArray(stored)) return { ...DEFAULT_USER_PREFERENCES };
  const fields = stored as Record<string, unknown>;
  const shape = UserPreferences.shape;
  const language = shape.language.safeParse(fields.language);
  const tiandituKey = shape.tiandituKey.safeParse(fields.tiandituKey);
  return {
    language: language.success ? language.data : DEFAULT_USER_PREFERENCES.language,
    tiandituKey: tiandituKey.success ? tiandituKey.data : DEFAULT_USER_PREFERENCES.tiandituKey,
  };
}

/** Saves `patch` over the stored preferences (checked again here: this module may be called without the contract). */
export function updatePreferences(patch: Partial<UserPreferences>): UserPreferences {
  const next = UserPreferences.parse({ ...readPreferences(), ...patch });
  const target = preferencesPath();
  mkdirSync(configDir(), { recursive: true });
  const temporary = `${target}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
    renameSync(temporary, target);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
  return next;
}
