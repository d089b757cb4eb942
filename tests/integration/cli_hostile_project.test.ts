/**
 * `siting` on hostile and damaged copies of the Wuhan sample project (issue 10): exit code 2 with a
 * message naming the file and the object, layer, fid or field, never a hang, and refused files left
 * byte-identical.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../../electron/services/store/migrations';
import { corruptLeafPage, editedCopy, ENDLESS_POPULATION_VIEW, sha256, sidecars } from '../helpers/hostile_files';
import { REPO_ROOT, tempDir } from '../helpers/paths';
import { runCli } from '../helpers/run_cli';

/** `siting <args> --json`, killed after `timeoutMs` (status null then): a hang fails instead of blocking the run. */
function runBounded(args: string[], timeoutMs = 30_000): { status: number | null; json: { error?: { code: string; message: string } } | null } {
  const result = spawnSync(process.execPath, [join(REPO_ROOT, 'bin', 'siting.mjs'), ...args, '--json'], { encoding: 'utf8', timeout: timeoutMs });
  let json = null;
  try {
    json = JSON.parse(result.stdout);
  } catch {
    // no JSON: the command was killed
  }
  return { status: result.status, json };
}

describe('siting on hostile copies of the sample project', () => {
  let dir: string;
  let base: string;
  beforeAll(() => {
    dir = tempDir();
    base = join(dir, 'base.gpkg');
    expect(runCli(['new', base, '--sample', 'wuhan-core']).status).toBe(0);
  }, 120_000);

  it('refuses a foreign trigger with exit 2, naming it, and leaves the file byte-identical', () => {
    const path = editedCopy(base, dir, 'trigger.gpkg', (db) => db.exec('CREATE TRIGGER w AFTER INSERT ON audit_log BEGIN DELETE FROM facilities; END'));
    const before = sha256(path);
    const run = runBounded(['info', path]);
    expect(run.status).toBe(2);
    expect(run.json?.error?.code).toBe('bad_input');
    expect(run.json?.error?.message).toMatch(/trigger\.gpkg: the project file contains trigger "w" \(on audit_log\), which Siting Planner does not create/);
    expect(sha256(path)).toBe(before);
    expect(sidecars(path)).toEqual([]);
  });

  it('refuses a layer replaced by an endless recursive view in bounded time instead of hanging', () => {
    const path = editedCopy(base, dir, 'view.gpkg', (db) => db.exec(`DROP TABLE population; ${ENDLESS_POPULATION_VIEW}`));
    const run = runBounded(['info', path]);
    expect(run.status).toBe(2);
    expect(run.json?.error?.message).toMatch(/view\.gpkg: the project file contains view "population"/);
  });

  it('names the file and the layer of a damaged page', () => {
    const path = editedCopy(base, dir, 'corrupt.gpkg', () => undefined);
    corruptLeafPage(path, 'population', 20);
    for (const command of [['info', path], ['analyze', path, '--radius-m', '500']]) {
      const run = runBounded(command);
      expect(run.status).toBe(2);
      expect(run.json?.error?.code).toBe('bad_input');
      expect(run.json?.error?.message).toBe(`${path}: layer population: the project file is damaged (database disk image is malformed); restore it from a copy or a backup`);
    }
  });

  it('names the layer, fid and field of a bad geometry blob and of text in the elderly column in analyze', () => {
    const geometry = editedCopy(base, dir, 'geom.gpkg', (db) => db.prepare('UPDATE population SET geom = ? WHERE fid = 17').run(Buffer.from([0, 1, 2, 3])));
    const badGeometry = runBounded(['analyze', geometry, '--radius-m', '500']);
    expect(badGeometry.status).toBe(2);
    expect(badGeometry.json?.error?.message).toBe(
      `${geometry}, field geom: layer population, fid 17: not a GeoPackage geometry blob (4 bytes, bad magic) (expected a GeoPackage point)`,
    );
    const text = editedCopy(base, dir, 'elderly.gpkg', (db) => db.prepare("UPDATE population SET elderly = 'many' WHERE fid = 42").run());
    const textElderly = runBounded(['analyze', text, '--radius-m', '500']);
    expect(textElderly.status).toBe(2);
    expect(textElderly.json?.error?.message).toBe(`${text}, field elderly: layer population, fid 42: "many" is not a number (expected a number ≥ 0, or empty)`);
  });

  it('leaves a refused non-project SQLite file and a newer-version project byte-identical, without -wal or -shm', () => {
    const other = join(dir, 'other.sqlite');
    const db = new Database(other);
    db.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1)');
    db.close();
    const newer = editedCopy(base, dir, 'newer.gpkg', (copy) =>
      copy.prepare("UPDATE settings SET value = ? WHERE key = 'schema_version'").run(JSON.stringify(LATEST_SCHEMA_VERSION + 1)),
    );
    for (const path of [other, newer]) {
      const before = sha256(path);
      const run = runBounded(['info', path]);
      expect(run.status).toBe(2);
      expect(sha256(path)).toBe(before);
      expect(sidecars(path)).toEqual([]);
    }
  });

  it('names the missing folder of a new project as bad input', () => {
    const folder = join(dir, 'missing', 'folder');
    const run = runBounded(['new', join(folder, 'p.gpkg')]);
    expect(run.status).toBe(2);
    expect(run.json?.error).toEqual({
      code: 'bad_input',
      message: `${join(folder, 'p.gpkg')}: the folder ${folder} does not exist; create it first or choose another folder`,
      location: { file: join(folder, 'p.gpkg') },
    });
  });
});
