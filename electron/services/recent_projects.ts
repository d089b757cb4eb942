/** The recent-projects list (most recent first, at most 10), kept in the user's config folder. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as z from 'zod';
import { configDir } from './app_paths';

const MAX_RECENT = 10;
const RecentFile = z.array(z.string());

function recentPath(): string {
  return join(configDir(), 'recent.json');
}

export function listRecent(): string[] {
  try {
    const parsed = RecentFile.safeParse(JSON.parse(readFileSync(recentPath(), 'utf8')));
    return parsed.success ? parsed.data.filter((p) => existsSync(p)) : [];
  } catch {
    return [];
  }
}

export function addRecent(path: string): string[] {
  const absolute = resolve(path);
  const next = [absolute, ...listRecent().filter((p) => p !== absolute)].slice(0, MAX_RECENT);
  mkdirSync(configDir(), { recursive: true });
  writeFileSync(recentPath(), JSON.stringify(next, null, 2));
  return next;
}
