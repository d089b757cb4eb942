/**
 * The app's writes while another program writes to the same project (issue 10 review): the app's own
 * edit or import that waited for another program's lock is not reported as that program's change, the
 * host keeps answering while a write waits, a damaged or dropped layer does not stop the session, and
 * reads do not wait for an app import that is itself still waiting for the lock.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Handlers, ImportJobStatus } from '../../shared/ipc/contract';
import type { Proposal } from '../../shared/schemas/entities';
import { ProjectSession } from '../../electron/services/project_session';
import { ProjectStore } from '../../electron/services/store/project_store';
import { dispatch } from '../../electron/ipc/dispatch';
import { SAMPLE_DIR, tempDir } from '../helpers/paths';
import { holdWriteLock, killLockHolders } from '../helpers/write_lock_holder';
import { call, testHost } from '../helpers/host_handlers';

const FACILITIES = join(SAMPLE_DIR, 'illustrative_facilities.csv');

/** A host with a new empty project holding the scenario "east". */
async function appHost(): Promise<{ path: string; session: ProjectSession; handlers: Handlers }> {
  const { dir, session, handlers } = testHost();
  const path = join(dir, 'p.gpkg');
  await call(handlers, 'project:create', { path });
  await call(handlers, 'scenario:create', { name: 'East' });
  return { path, session, handlers };
}

function proposal(id: string, lon: number): Proposal {
  return { id, scenarioId: 'east', name: `日间照料中心 ${id}`, kind: 'day_care', lon, lat: 30.58, capacity: 40, beds: null, nursingBeds: null, floorAreaM2: null, floorLevel: null, targetYear: null, note: null };
}

/** Polls an import job until `done(status)`; returns that status. */
async function pollJob(handlers: Handlers, jobId: string, done: (status: ImportJobStatus) => boolean): Promise<ImportJobStatus> {
  for (;;) {
    const status = await call(handlers, 'layer:import:status', { jobId });
    if (done(status)) return status;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

afterEach(async () => {
  delete process.env.SITING_WRITE_WAIT_SECONDS;
  await killLockHolders();
});

describe('the app’s own writes that waited for another program', () => {
  it('an edit that waited is not reported as the other program’s change, nor is an import that waited', async () => {
    const { path, session, handlers } = await appHost();
    // The other program writes an audit entry only; the app adds a proposal while it holds the lock.
    await holdWriteLock(path, 1500);
    expect(await call(handlers, 'proposals:apply', { put: [proposal('e-1', 114.25)], delete: [] })).toMatchObject({ after: [{ id: 'e-1' }] });
    const afterEdit = await call(handlers, 'project:changes:get', { since: 0 });
    expect(afterEdit.changes).toHaveLength(1);
    expect(afterEdit.changes[0]).toMatchObject({ seq: 1, before: { proposals: 0 }, after: { proposals: 0 }, proposalsChanged: false });

    // The same for an app import of the five sample facilities.
    await holdWriteLock(path, 1500);
    expect(await call(handlers, 'layer:import', { layer: 'facilities', file: { path: FACILITIES }, options: {} })).toMatchObject({ imported: 5 });
    const afterImport = await call(handlers, 'project:changes:get', { since: 1 });
    expect(afterImport.changes).toHaveLength(1);
    expect(afterImport.changes[0]).toMatchObject({ seq: 2, before: { facilities: 0, proposals: 1 }, after: { facilities: 0, proposals: 1 }, proposalsChanged: false });
    // Both writes are in the file, after the other program's.
    expect((await call(handlers, 'project:current:get', {}))?.counts).toMatchObject({ facilities: 5, proposals: 1 });
    const db = new Database(path, { readonly: true });
    const actions = db.prepare("SELECT action FROM audit_log WHERE action IN ('test:hold-lock', 'proposal:add', 'import') ORDER BY fid").pluck().all();
    db.close();
    expect(actions).toEqual(['test:hold-lock', 'proposal:add', 'test:hold-lock', 'import']);
    session.close();
  });

  it('while an edit waits, the host keeps answering other requests (the event loop runs between attempts)', async () => {
    const { path, session, handlers } = await appHost();
    await holdWriteLock(path, 1500);
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 20);
    let editSettled = false;
    const edit = dispatch(handlers, 'scenario:create', { name: 'West' }).finally(() => (editSettled = true));
    const read = await dispatch(handlers, 'project:current:get', {});
    const settledAtRead = editSettled;
    const reply = await edit;
    clearInterval(ticker);
    expect(read).toMatchObject({ ok: true, value: { path } });
    expect(settledAtRead).toBe(false);
    expect(reply).toMatchObject({ ok: true, value: { id: 'west' } });
    // Timer callbacks ran while the edit waited for the lock (none while SQLite's busy handler sleeps).
    expect(ticks).toBeGreaterThan(10);
    session.close();
  });

  it('reads answer while an app import waits for another program’s lock', async () => {
    process.env.SITING_WRITE_WAIT_SECONDS = '5';
    const { path, session, handlers } = await appHost();
    const lock = await holdWriteLock(path, 60_000);
    const { jobId } = await call(handlers, 'layer:import:start', { layer: 'facilities', file: { path: FACILITIES }, options: {} });
    // Parsed (60 %) and now waiting for the lock.
    await pollJob(handlers, jobId, (status) => status.progress >= 0.6 || status.state !== 'running');
    const read = await dispatch(handlers, 'scenario:list', {});
    const during = await call(handlers, 'layer:import:status', { jobId });
    await lock.release();
    const ended = await pollJob(handlers, jobId, (status) => status.state !== 'running');
    expect(read).toMatchObject({ ok: true, value: [{ id: 'baseline' }, { id: 'east' }] });
    expect(during).toMatchObject({ state: 'running', phase: 'parsing' });
    expect(ended).toMatchObject({ state: 'done', report: { imported: 5 } });
    session.close();
  });
});

describe('another program damages the project or drops a layer', () => {
  it('the session goes on: other channels answer, the change is reported, another project opens', async () => {
    const { path, session, handlers } = await appHost();
    const other = new Database(path);
    other.exec('DROP TABLE roads');
    other.close();
    expect(await dispatch(handlers, 'scenario:list', {})).toMatchObject({ ok: true, value: [{ id: 'baseline' }, { id: 'east' }] });
    const changes = await call(handlers, 'project:changes:get', { since: 0 });
    expect(changes.changes).toMatchObject([{ seq: 1, proposalsChanged: false }]);
    const second = join(tempDir(), 'q.gpkg');
    ProjectStore.create(second).close();
    expect(await dispatch(handlers, 'project:open', { path: second })).toMatchObject({ ok: true, value: { path: second } });
    session.close();
  });

  it('an edit that waited while the other program dropped a layer is committed and acknowledged as such', async () => {
    const { path, session, handlers } = await appHost();
    await holdWriteLock(path, 1500, 'DROP TABLE roads');
    const reply = await dispatch(handlers, 'proposals:apply', { put: [proposal('e-1', 114.25)], delete: [] });
    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT id FROM proposals').pluck().all()).toEqual(['e-1']);
    db.close();
    expect(reply).toMatchObject({ ok: true, value: { after: [{ id: 'e-1' }] } });
    expect((await call(handlers, 'proposals:list', { scenario: 'east' })).map((p) => p.id)).toEqual(['e-1']);
    session.close();
  });
});

describe('settings changed by another program while the app changes others', () => {
  it('an app settings change that waited keeps the other program’s settings change', async () => {
    const { path, session } = await appHost();
    const store = ProjectStore.open(path);
    // The CLI's busy timeout: the app's write waits inside SQLite until the other program commits.
    const theirs = JSON.stringify({ ...store.settings(), radiusM: 750 });
    await holdWriteLock(path, 300, `INSERT INTO settings (key, value) VALUES ('app_settings', '${theirs}') ON CONFLICT(key) DO UPDATE SET value = excluded.value`);
    const next = store.updateSettings({ language: 'en' });
    expect(next).toMatchObject({ language: 'en', radiusM: 750 });
    expect(store.settings()).toMatchObject({ language: 'en', radiusM: 750 });
    store.close();
    session.close();
  });
});
