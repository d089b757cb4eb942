import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contract } from '../../../shared/ipc/contract';
import { preferencesPath, readPreferences, updatePreferences } from '../../../electron/services/user_preferences';

describe('user preferences (config folder)', () => {
  let dir: string;
  let previous: string | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'siting-prefs-'));
    previous = process.env.SITING_CONFIG_DIR;
    process.env.SITING_CONFIG_DIR = join(dir, 'config');
  });
  afterEach(() => {
    if (previous === undefined) delete process.env.SITING_CONFIG_DIR;
    else process.env.SITING_CONFIG_DIR = previous;
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts from the defaults when there is no file', () => {
    expect(readPreferences()).toEqual({ language: 'auto', tiandituKey: '' });
  });

  it('keeps what was saved, each field on its own', () => {
    expect(updatePreferences({ language: 'zh' })).toEqual({ language: 'zh', tiandituKey: '' });
    expect(updatePreferences({ tiandituKey: 'abc123DEF' })).toEqual({ language: 'zh', tiandituKey: 'abc123DEF' });
    expect(readPreferences()).toEqual({ language: 'zh', tiandituKey: 'abc123DEF' });
    expect(JSON.parse(readFileSync(preferencesPath(), 'utf8'))).toEqual({ language: 'zh', tiandituKey: 'abc123DEF' });
  });

  it('ignores a malformed or hostile file, field by field', () => {
    updatePreferences({ language: 'en' });
    writeFileSync(preferencesPath(), '{ not json');
    expect(readPreferences()).toEqual({ language: 'auto', tiandituKey: '' });
    writeFileSync(preferencesPath(), JSON.stringify(['zh']));
    expect(readPreferences()).toEqual({ language: 'auto', tiandituKey: '' });
    // A key that would break out of a tile address, a language the app does not have.
    writeFileSync(preferencesPath(), JSON.stringify({ language: 'zh', tiandituKey: 'x&callback=evil', __proto__: { language: 'en' } }));
    expect(readPreferences()).toEqual({ language: 'zh', tiandituKey: '' });
    writeFileSync(preferencesPath(), JSON.stringify({ language: 'fr', tiandituKey: 'k1' }));
    expect(readPreferences()).toEqual({ language: 'auto', tiandituKey: 'k1' });
  });

  it('refuses invalid values before writing anything', () => {
    updatePreferences({ language: 'en', tiandituKey: 'k1' });
    expect(() => updatePreferences({ tiandituKey: 'a b' })).toThrow();
    expect(readPreferences()).toEqual({ language: 'en', tiandituKey: 'k1' });
  });

  it('the IPC contract refuses unknown fields and bad values', () => {
    const input = contract['app:preferences:set'].input;
    expect(input.safeParse({ language: 'zh' }).success).toBe(true);
    expect(input.safeParse({ language: 'de' }).success).toBe(false);
    expect(input.safeParse({ basemapUrl: 'https://x' }).success).toBe(false);
    expect(input.safeParse({ tiandituKey: 'k'.repeat(65) }).success).toBe(false);
  });
});
