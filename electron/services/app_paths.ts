/**
 * Where the app's own files are: the repository root in development, the unpacked app in a packaged
 * build. SITING_APP_ROOT (set by the launchers) wins; otherwise we walk up from this module.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export function appRoot(): string {
  if (process.env.SITING_APP_ROOT) return resolve(process.env.SITING_APP_ROOT);
  let dir = moduleDir();
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'data', 'samples'))) return dir;
    dir = dirname(dir);
  }
  throw new Error('cannot find the app folder (data/samples); set SITING_APP_ROOT');
}

function moduleDir(): string {
  // Bundled as CommonJS there is no import.meta.url; __dirname exists instead.
  if (typeof __dirname === 'string') return __dirname;
  return dirname(fileURLToPath(import.meta.url));
}

/** Per-user configuration folder (recent projects); SITING_CONFIG_DIR overrides (tests). */
export function configDir(): string {
  if (process.env.SITING_CONFIG_DIR) return resolve(process.env.SITING_CONFIG_DIR);
  const base = process.env.XDG_CONFIG_HOME ?? (process.platform === 'win32' ? process.env.APPDATA : undefined) ?? join(homedir(), '.config');
  return join(base ?? homedir(), 'siting-planner');
}

/** The app's own folder for project files (`npm start` puts the sample project there). */
export function projectsDir(): string {
  return join(configDir(), 'projects');
}
