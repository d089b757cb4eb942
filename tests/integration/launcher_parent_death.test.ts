/**
 * On a system Node below 22, scripts/node22.mjs runs the command again as a child on the bundled
 * Node 22. If the outer process is killed outright (kill -9: no signal to relay), the child must not
 * go on as an orphan writing the project: it cancels as on Ctrl-C (an import rolls back) and exits.
 * Linux only (the test finds the child and its open files in /proc).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, tempDir } from '../helpers/paths';
import { runCli } from '../helpers/run_cli';
import { testData } from '../helpers/test_data';

/** A Node below 22 on this machine outside the repository (the launcher's case), or null. */
function oldSystemNode(): string | null {
  const candidates = new Set(['/usr/bin/node', '/usr/local/bin/node']);
  for (const dir of (process.env.PATH ?? '').split(':')) if (dir && !dir.startsWith(REPO_ROOT)) candidates.add(join(dir, 'node'));
  for (const candidate of candidates) {
    if (!existsSync(candidate)) continue;
    const version = spawnSync(candidate, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.trim();
    if (Number(version.split('.')[0]) < 22) return candidate;
  }
  return null;
}

const OLD_NODE = process.platform === 'linux' ? oldSystemNode() : null;

/** Pids whose parent is `parent` (from /proc/<pid>/stat: "pid (comm) state ppid …"). */
function childrenOf(parent: number): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === parent) pids.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return pids;
}

/** True while `pid` runs (a zombie waiting for its reaper has ended). */
function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

function hasOpen(pid: number, path: string): boolean {
  try {
    return readdirSync(`/proc/${pid}/fd`).some((fd) => {
      try {
        return readlinkSync(`/proc/${pid}/fd/${fd}`) === path;
      } catch {
        return false;
      }
    });
  } catch {
    return false;
  }
}

async function until(what: string, check: () => boolean, timeoutMs: number): Promise<number> {
  const started = performance.now();
  while (!check()) {
    if (performance.now() - started > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return performance.now() - started;
}

function projectState(path: string) {
  const db = new Database(path, { readonly: true });
  try {
    return {
      integrity: db.pragma('integrity_check', { simple: true }),
      cells: (db.prepare('SELECT count(*) AS n FROM population').get() as { n: number }).n,
      audit: (db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n,
    };
  } finally {
    db.close();
  }
}

// Skipped where no Node below 22 is installed: only there does the launcher start a child at all
// (on Node 22 it runs the CLI itself), so there is no child to orphan.
describe.skipIf(OLD_NODE === null)(`siting on a system Node below 22 (${OLD_NODE ?? 'none found'})`, () => {
  /**
   * Imports the ten Wuhan 60+ bands (494,676 cells) with --replace through the launcher on the old
   * Node, kills the launcher with SIGKILL once `ready(childPid)` holds, and checks that the child ends
   * on its own, cancelled, with the project as it was.
   */
  async function killLauncherDuringImport(ready: (child: number, project: string) => boolean): Promise<void> {
    const dir = tempDir();
    const project = join(dir, 'p.gpkg');
    expect(runCli(['new', project, '--sample', 'wuhan-core'], { SITING_CONFIG_DIR: join(dir, 'config') }).status).toBe(0);
    const before = projectState(project);
    expect(before).toMatchObject({ integrity: 'ok', cells: 24_470 });

    const bands = testData('wuhan/worldpop_agesex_60plus');
    const files = readdirSync(bands).filter((name) => name.endsWith('.tif')).sort().map((name) => join(bands, name));
    const launcher = spawn(OLD_NODE!, [join(REPO_ROOT, 'bin', 'siting.mjs'), 'import', project, 'population', ...files, '--replace'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, SITING_CONFIG_DIR: join(dir, 'config') },
    });
    let stderr = '';
    launcher.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    launcher.stdout.resume();
    let child = 0;
    await until('the launcher starts its Node 22 child', () => (child = childrenOf(launcher.pid!)[0] ?? 0) > 0, 30_000);
    await until('the import reaches the moment to kill', () => ready(child, project), 60_000);
    launcher.kill('SIGKILL');
    const goneAfterMs = await until('the child ends after its parent was killed', () => !running(child), 20_000);
    console.log(`child ${child} ended ${Math.round(goneAfterMs)} ms after kill -9 of the launcher`);
    expect(projectState(project)).toEqual(before);
    // Its stderr was the launcher's, still ours: it cancelled as on Ctrl-C.
    await until('the child output is read', () => stderr.includes('siting:'), 5_000);
    expect(stderr).toContain('siting: import cancelled: nothing was written');
  }

  it('kill -9 of the launcher while the import reads: the Node 22 child cancels and exits, the project is intact', async () => {
    // The child has the project open: the import has begun.
    await killLauncherDuringImport((child, project) => hasOpen(child, project));
  });

  it('kill -9 of the launcher while the import writes: the child rolls the transaction back and exits', async () => {
    // Pages of the open write transaction spill into the WAL file (cache larger than SQLite's 2 MB).
    await killLauncherDuringImport((_child, project) => existsSync(`${project}-wal`) && statSync(`${project}-wal`).size > 8 * 1024 * 1024);
  });
});
