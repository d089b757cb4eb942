/**
 * Typed errors over both hosts: a real failing action replies with the reason and params of
 * shared/errors.ts ERROR_REASONS (what the renderer translates), the English message the CLI prints,
 * and the location, in the same reply from the desktop host's handlers (Electron IPC runs the same
 * dispatch) and from the browser host served as its own process over HTTP.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PATHS_REFUSED } from '../../electron/host/browser_file_access';
import { dispatch } from '../../electron/ipc/dispatch';
import { ProjectStore } from '../../electron/services/store/project_store';
import { testHost } from '../helpers/host_handlers';
import { REPO_ROOT, SAMPLE_DIR, tempDir } from '../helpers/paths';
import { postApi, servedUrl } from '../helpers/served_host';

type Ask = (channel: string, input: unknown) => Promise<{ ok: boolean; value?: unknown; error?: Record<string, unknown> }>;

/** A project folder with a project (p.gpkg) and a SQLite file that is not a project. */
function prepare(folder: string) {
  mkdirSync(folder, { recursive: true });
  const project = join(folder, 'p.gpkg');
  ProjectStore.create(project).close();
  const foreign = join(folder, 'foreign.gpkg');
  const db = new Database(foreign);
  db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)');
  db.close();
  return { project, foreign };
}

/** The header of the sample facilities with no rows (refused with a message the UI shows as it is). */
const EMPTY_FACILITIES_CSV = `${readFileSync(join(SAMPLE_DIR, 'illustrative_facilities.csv'), 'utf8').split('\n')[0]}\n`;

/** The failing actions, each with the error reply it must get (`folder` is the host's project folder). */
async function failures(ask: Ask, folder: string) {
  const { project, foreign } = prepare(folder);
  expect(await ask('project:open', { path: project })).toMatchObject({ ok: true });
  expect(await ask('scenario:create', { name: '东片方案' })).toMatchObject({ ok: true });
  const taken = await ask('scenario:create', { name: '东片方案' });
  const notProject = await ask('project:open', { path: foreign });
  const upload = { name: 'empty.csv', dataBase64: Buffer.from(EMPTY_FACILITIES_CSV).toString('base64') };
  const headerOnly = await ask('layer:import', { layer: 'facilities', file: upload, options: {} });
  const missing = join(folder, 'missing.csv');
  const byPath = await ask('layer:import', { layer: 'facilities', file: { path: missing }, options: {} });
  return { taken, notProject, headerOnly, byPath, missing, project, foreign };
}

function expectReplies(results: Awaited<ReturnType<typeof failures>>, host: 'electron' | 'browser') {
  expect(results.taken).toEqual({
    ok: false,
    error: {
      code: 'bad_input',
      message: 'field scenario: a scenario named "东片方案" already exists',
      reason: 'scenario_name_taken',
      params: { name: '东片方案' },
      details: { field: 'scenario' },
    },
  });
  expect(results.notProject).toEqual({
    ok: false,
    error: {
      code: 'bad_input',
      message: `${results.foreign}: not a Siting Planner project (a SQLite/GeoPackage file without the project tables)`,
      reason: 'not_siting_project',
      params: {},
      details: { file: results.foreign },
    },
  });
  // No reason: the UI shows the message with its place in the active language.
  expect(results.headerOnly).toEqual({
    ok: false,
    error: { code: 'bad_input', message: 'empty.csv: no data rows: the file has only a header', details: { file: 'empty.csv' } },
  });
  // The desktop host reads files by path; the browser host takes uploads only.
  if (host === 'electron') {
    expect(results.byPath).toEqual({
      ok: false,
      error: {
        code: 'bad_input',
        message: `${results.missing}: file not found or not readable`,
        reason: 'import_unreadable',
        params: {},
        details: { file: results.missing },
      },
    });
  } else {
    expect(results.byPath).toEqual({
      ok: false,
      error: {
        code: 'unsupported',
        message: PATHS_REFUSED,
        reason: 'paths_desktop_only',
        params: {},
      },
    });
  }
}

describe('error replies carry the reason and params over both hosts', () => {
  let child: ChildProcessByStdio<null, Readable, Readable> | null = null;
  let url: URL;
  let servedFolder: string;

  beforeAll(async () => {
    const dir = tempDir();
    servedFolder = join(dir, 'config', 'projects');
    mkdirSync(join(dir, 'static'), { recursive: true });
    child = spawn(process.execPath, [join(REPO_ROOT, 'scripts', 'serve.mjs'), '--port', '0', '--static', join(dir, 'static')], {
      env: { ...process.env, SITING_CONFIG_DIR: join(dir, 'config') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    url = (await servedUrl(child, 60_000)).url;
  }, 90_000);

  afterAll(() => {
    child?.kill('SIGTERM');
  });

  it('the desktop host (its handlers through dispatch, as Electron IPC calls them)', async () => {
    const { dir, session, handlers } = testHost('electron');
    try {
      const ask: Ask = async (channel, input) => JSON.parse(JSON.stringify(await dispatch(handlers, channel, input)));
      expectReplies(await failures(ask, join(dir, 'projects')), 'electron');
    } finally {
      session.close();
    }
  });

  it('the browser host served over HTTP', async () => {
    const ask: Ask = async (channel, input) => (await postApi(url, channel, input)).json() as ReturnType<Ask>;
    expectReplies(await failures(ask, servedFolder), 'browser');
  });

  it('a file that is no SQLite database at all: project_unreadable with the reason SQLite gives, on both hosts', async () => {
    const { dir, session, handlers } = testHost('electron');
    try {
      const local = join(dir, 'notes.gpkg');
      const served = join(servedFolder, 'notes.gpkg');
      for (const path of [local, served]) writeFileSync(path, 'these are notes, not a project\n'.repeat(20));
      const fromDesktop = await dispatch(handlers, 'project:open', { path: local });
      const fromBrowser = await (await postApi(url, 'project:open', { path: served })).json();
      for (const [reply, path] of [[fromDesktop, local], [fromBrowser, served]] as const) {
        expect(reply).toMatchObject({ ok: false, error: { code: 'bad_input', reason: 'project_unreadable', details: { file: path } } });
        const error = (reply as { error: { message: string; params: { detail: string } } }).error;
        expect(error.params.detail.length).toBeGreaterThan(0);
        expect(error.message).toBe(`${path}: not a readable SQLite/GeoPackage file (${error.params.detail})`);
      }
    } finally {
      session.close();
    }
  });
});
