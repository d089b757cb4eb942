/**
 * Two programs writing to one project (issue 10, defect 3). Another process holds the project's write
 * lock (tests/helpers/hold_write_lock.mjs, as a long `siting import` does while it writes); the app's
 * edits and the CLI's `optimize --save` wait their turn and then succeed, every acknowledged edit is
 * in the file, and a writer that waits longer than its bound fails with code 'busy' naming the file.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Proposal } from '../../shared/schemas/entities';
import { createHandlers } from '../../electron/services/api_handlers';
import { ProjectSession } from '../../electron/services/project_session';
import { dispatch } from '../../electron/ipc/dispatch';
import { REPO_ROOT, SAMPLE_DIR, tempDir } from '../helpers/paths';
import { runCli } from '../helpers/run_cli';
import { holdWriteLock, killLockHolders } from '../helpers/write_lock_holder';

const SITING = join(REPO_ROOT, 'bin', 'siting.mjs');

function proposal(id: string, scenarioId: string, lon: number): Proposal {
  return { id, scenarioId, name: `日间照料中心 ${id}`, kind: 'day_care', lon, lat: 30.58, capacity: 40, beds: null, nursingBeds: null, floorAreaM2: 400, floorLevel: 1, targetYear: 2027, note: null };
}

async function appSession(path: string): Promise<ReturnType<typeof createHandlers>> {
  process.env.SITING_CONFIG_DIR = join(tempDir(), 'config');
  const handlers = createHandlers(new ProjectSession(), { host: 'browser', version: 'test', dialogs: null });
  expect(await dispatch(handlers, 'project:create', { path })).toMatchObject({ ok: true });
  return handlers;
}

afterEach(async () => {
  delete process.env.SITING_WRITE_WAIT_SECONDS;
  await killLockHolders();
});

describe('the app and another program writing to the same project', () => {
  it('edits made while another program writes wait for it, and every acknowledged one is in the file', async () => {
    const path = join(tempDir(), 'p.gpkg');
    const handlers = await appSession(path);
    const created = await dispatch(handlers, 'scenario:create', { name: 'East' });
    expect(created).toMatchObject({ ok: true, value: { id: 'east' } });
    await holdWriteLock(path, 1500);
    // 30 edits at once, as the workspace sends them while the other program holds the lock.
    const replies = await Promise.all(
      Array.from({ length: 30 }, (_, i) => dispatch(handlers, 'proposals:apply', { put: [proposal(`e-${i + 1}`, 'east', 114.25 + i * 0.001)], delete: [], action: 'proposal:add' })),
    );
    const failed = replies.filter((reply) => !reply.ok);
    expect(failed).toEqual([]);
    const listed = await dispatch(handlers, 'proposals:list', { scenario: 'east' });
    expect(listed.ok).toBe(true);
    expect((listed as { value: Proposal[] }).value.map((p) => p.id).sort()).toEqual(Array.from({ length: 30 }, (_, i) => `e-${i + 1}`).sort());
    // The other program's write is there too, before the edits that waited for it.
    const db = new Database(path, { readonly: true });
    const actions = db.prepare("SELECT action FROM audit_log WHERE action IN ('test:hold-lock', 'proposal:add') ORDER BY fid").pluck().all() as string[];
    db.close();
    expect(actions[0]).toBe('test:hold-lock');
    expect(actions.filter((a) => a === 'proposal:add')).toHaveLength(30);
  });

  it('edits made while `siting import` writes a grid into the same file all succeed and are all kept', async () => {
    const path = join(tempDir(), 'p.gpkg');
    const handlers = await appSession(path);
    expect(await dispatch(handlers, 'scenario:create', { name: 'East' })).toMatchObject({ ok: true });
    const child = spawn(process.execPath, [SITING, 'import', path, 'population', join(SAMPLE_DIR, 'wuhan_core_grid_100m.csv')]);
    const exited = once(child, 'exit') as Promise<[number | null]>;
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdout.resume();
    // Edits one after another, as fast as the host answers, until the import has ended (how many
    // depends on the machine), and one more after it.
    const replies: Awaited<ReturnType<typeof dispatch>>[] = [];
    const edit = async () => {
      const n = replies.length + 1;
      replies.push(await dispatch(handlers, 'proposals:apply', { put: [proposal(`e-${n}`, 'east', 114.25 + n * 0.0001)], delete: [] }));
    };
    do {
      await edit();
      await new Promise((resolve) => setTimeout(resolve, 5));
    } while (child.exitCode === null);
    const [code] = await exited;
    await edit();
    expect(stderr).not.toMatch(/siting:/);
    expect(code).toBe(0);
    expect(replies.filter((reply) => !reply.ok)).toEqual([]);
    const listed = await dispatch(handlers, 'proposals:list', { scenario: 'east' });
    expect((listed as { value: Proposal[] }).value).toHaveLength(replies.length);
    // Every edit in the file once, in the order acknowledged, and the import's write among them.
    const db = new Database(path, { readonly: true });
    const written = db.prepare("SELECT coalesce(feature_id, action) FROM audit_log WHERE action IN ('import', 'proposal:add') ORDER BY fid").pluck().all();
    db.close();
    expect(written.filter((id) => id !== 'import')).toEqual(replies.map((_, i) => `e-${i + 1}`));
    expect(written.indexOf('import')).toBeLessThan(written.length - 1);
    expect(await dispatch(handlers, 'project:current:get', {})).toMatchObject({ ok: true, value: { counts: { population: 24470, proposals: replies.length } } });
  }, 60_000);

  it('gives up after its bound with code busy and a message naming the file and the likely cause', async () => {
    const path = join(tempDir(), 'p.gpkg');
    const handlers = await appSession(path);
    const lock = await holdWriteLock(path, 60_000);
    process.env.SITING_WRITE_WAIT_SECONDS = '1';
    const reply = await dispatch(handlers, 'scenario:create', { name: 'West' });
    await lock.release();
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error.code).toBe('busy');
    expect(reply.error.message).toMatch(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: another program is writing to this project \\(waited \\d+ s\\)`));
    expect(reply.error.details).toEqual({ file: path });
    // Nothing half-written: the scenario is not there, and once the other program is done the same edit succeeds.
    expect(await dispatch(handlers, 'scenario:list', {})).toMatchObject({ ok: true, value: [{ id: 'baseline' }] });
    expect(await dispatch(handlers, 'scenario:create', { name: 'West' })).toMatchObject({ ok: true, value: { id: 'west' } });
  });
});

describe('two CLI writers', () => {
  let sample: string;
  beforeAll(() => {
    sample = join(tempDir(), 'sample.gpkg');
    expect(runCli(['new', sample, '--sample', 'wuhan-core']).status).toBe(0);
  }, 60_000);

  it('optimize --save waits for the other writer and saves after it, instead of failing after the whole optimisation', async () => {
    const path = join(tempDir(), 'p.gpkg');
    copyFileSync(sample, path);
    const lock = await holdWriteLock(path, 60_000);
    const child = spawn(process.execPath, [SITING, 'optimize', path, '--problem', 'max-coverage', '--sites', '3', '--radius-m', '1000', '--candidates', 'grid', '--save', '--scenario', 'three']);
    const exited = once(child, 'exit') as Promise<[number | null]>;
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    // The optimisation ends (its progress reaches 100 %) while the lock is still held; release it a
    // second later, while the save waits (or, before the fix, after it has failed).
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (/optimising… 100 %/.test(stderr) || child.exitCode !== null) {
          clearInterval(poll);
          resolve();
        }
      }, 50);
    });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await lock.release();
    const [code] = await exited;
    expect(stderr).not.toMatch(/database is locked/);
    expect(stderr).toContain(`siting: ${path} is being written by another program; waiting for it to finish…`);
    expect(code).toBe(0);
    expect(stdout).toMatch(/saved as scenario "three" \(3 proposals\)/);
  }, 60_000);

  it('siting import gives up after its bound: exit 1, code busy naming the file, nothing imported', async () => {
    const path = join(tempDir(), 'p.gpkg');
    copyFileSync(sample, path);
    const lock = await holdWriteLock(path, 60_000);
    const facilities = join(SAMPLE_DIR, 'illustrative_facilities.csv');
    const refused = runCli(['import', path, 'facilities', facilities, '--json'], { SITING_WRITE_WAIT_SECONDS: '1' });
    await lock.release();
    expect(refused.status).toBe(1);
    expect(refused.json.error.code).toBe('busy');
    expect(refused.json.error.message).toMatch(/: another program is writing to this project \(waited \d+ s\); try again when it has finished/);
    expect(refused.json.error.message.startsWith(`${path}: `)).toBe(true);
    const info = runCli(['info', path, '--json']);
    expect(info.json.counts.facilities).toBe(0);
    expect(runCli(['import', path, 'facilities', facilities]).status).toBe(0);
  }, 60_000);
});
