/**
 * Launch helper: the app's Node services need Node >= 22 (better-sqlite3 13 ships binaries for it and
 * crashes on older Node). If this process runs on an older Node, re-run the same command with the
 * Node 22 that `npm install` put in node_modules (the "node" devDependency), then exit with its code.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

export function ensureNode22() {
  const major = Number(process.versions.node.split('.')[0]);
  if (major >= 22) return;
  const bundled = join(repoRoot, 'node_modules', 'node', 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
  if (!existsSync(bundled)) {
    console.error(`Siting Planner needs Node.js 22 or newer (this is ${process.version}); run \`npm install\` first.`);
    process.exit(1);
  }
  const result = spawnSync(bundled, process.argv.slice(1), { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}
