/**
 * Filesystem paths through the hosts' channels. The browser host (token holders are web pages on this
 * computer) reads and writes files only as uploads and downloads, and keeps project files inside its
 * project folders; every host refuses paths with a NUL character (SQLite would cut the name there).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBrowserHandlers } from '../../electron/host/browser_file_access';
import { startHttpHost, type HttpHost } from '../../electron/host/http_host';
import { dispatch } from '../../electron/ipc/dispatch';
import { createHandlers } from '../../electron/services/api_handlers';
import { ProjectSession } from '../../electron/services/project_session';
import { ProjectStore } from '../../electron/services/store/project_store';
import { sha256 } from '../helpers/hostile_files';
import { REPO_ROOT, SAMPLE_DIR, tempDir } from '../helpers/paths';
import { postApi, servedUrl } from '../helpers/served_host';

interface WireReply {
  ok: boolean;
  value?: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- test convenience: shapes are asserted field by field
  error?: { code: string; message: string };
}

function post(host: HttpHost, channel: string, input: unknown): Promise<WireReply> {
  const body = JSON.stringify(input);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: host.port,
        path: `/api/${channel}`,
        method: 'POST',
        headers: { Host: `127.0.0.1:${host.port}`, Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve(JSON.parse(text) as WireReply));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const FACILITIES_CSV = join(SAMPLE_DIR, 'illustrative_facilities.csv');

describe('browser host: files only as uploads and downloads, projects only in the project folders', () => {
  let dir: string;
  let folder: string;
  let outside: string;
  let session: ProjectSession;
  let host: HttpHost;

  beforeAll(async () => {
    dir = tempDir();
    folder = join(dir, 'projects');
    outside = join(dir, 'elsewhere');
    mkdirSync(folder);
    mkdirSync(outside);
    process.env.SITING_CONFIG_DIR = join(dir, 'config');
    // A project outside the folders, opened earlier in the desktop app: it is in the recent list.
    const desktop = new ProjectSession();
    await desktop.create(join(outside, 'desktop.gpkg'), { sample: 'wuhan-core' });
    desktop.close();
    writeFileSync(join(outside, 'secret.csv'), 'name,lon,lat\nsecret-line-42,114.3,30.5\n');
    writeFileSync(join(outside, 'keep.geojson'), 'keep me');
    session = new ProjectSession();
    await session.create(join(folder, 'start.gpkg'), { sample: 'wuhan-core' });
    host = await startHttpHost({ handlers: createBrowserHandlers(session, { version: '0.0.0', projectFolders: [folder] }), staticDir: dir });
  });
  afterAll(async () => {
    session.close();
    await host.close();
  });

  it('refuses import sources given by path, anywhere, and still imports uploads', async () => {
    for (const path of [join(outside, 'secret.csv'), FACILITIES_CSV]) {
      const preview = await post(host, 'layer:import:preview', { layer: 'facilities', file: { path }, options: {} });
      expect(preview.ok).toBe(false);
      expect(preview.error?.code).toBe('unsupported');
      expect(preview.error?.message).toMatch(/^the browser version reads and writes files only as uploads and downloads/);
      expect(JSON.stringify(preview)).not.toContain('secret-line-42');
      for (const channel of ['layer:import', 'layer:import:start']) {
        expect((await post(host, channel, { layer: 'facilities', file: { path }, options: {} })).error?.code).toBe('unsupported');
      }
      expect((await post(host, 'layer:import', { layer: 'facilities', file: { files: [{ name: 'a.csv', dataBase64: '' }, { path }] }, options: {} })).ok).toBe(false);
    }
    expect((await post(host, 'project:current:get', {})).value.counts.facilities).toBe(0);
    const upload = { name: 'illustrative_facilities.csv', dataBase64: readFileSync(FACILITIES_CSV).toString('base64') };
    expect((await post(host, 'layer:import', { layer: 'facilities', file: upload, options: {} })).value.imported).toBe(5);
  });

  it('refuses export paths and still exports as a download', async () => {
    const target = join(outside, 'keep.geojson');
    const refused = await post(host, 'layer:export', { layer: 'boundaries', format: 'geojson', path: target });
    expect(refused.error?.code).toBe('unsupported');
    expect(readFileSync(target, 'utf8')).toBe('keep me');
    const download = await post(host, 'layer:export', { layer: 'boundaries', format: 'geojson' });
    expect(download.value).toMatchObject({ name: 'boundaries.geojson', path: null, count: 1 });
    expect(JSON.parse(download.value.content).features[0].properties.name).toBe('武汉市');
  });

  it('creates, saves and opens projects inside the folder only; a bare name goes into it', async () => {
    const refusals = [
      ['project:create', { path: join(outside, 'new.gpkg') }],
      ['project:create', { path: join(folder, '..', 'elsewhere', 'dots.gpkg') }],
      ['project:save-as', { path: join(outside, 'copy.gpkg') }],
      ['project:open', { path: join(outside, 'desktop.gpkg') }],
    ] as const;
    for (const [channel, input] of refusals) {
      const reply = await post(host, channel, input);
      expect({ channel, code: reply.error?.code, message: reply.error?.message }).toEqual({
        channel,
        code: 'unsupported',
        message: `in the browser version project files must be inside the project folder ${folder}`,
      });
    }
    expect(readdirSync(outside).sort()).toEqual(['desktop.gpkg', 'keep.geojson', 'secret.csv']);
    // A link inside the folder to a project outside it does not open the way out.
    symlinkSync(join(outside, 'desktop.gpkg'), join(folder, 'link.gpkg'));
    expect((await post(host, 'project:open', { path: join(folder, 'link.gpkg') })).error?.code).toBe('unsupported');
    // Nor does a link that leads nowhere yet (SQLite would create the file it points to).
    symlinkSync(join(outside, 'planted.gpkg'), join(folder, 'dangling.gpkg'));
    expect((await post(host, 'project:create', { path: join(folder, 'dangling.gpkg') })).error?.code).toBe('unsupported');
    expect(existsSync(join(outside, 'planted.gpkg'))).toBe(false);
    expect((await post(host, 'project:current:get', {})).value.path).toBe(join(folder, 'start.gpkg'));

    const named = await post(host, 'project:create', { path: 'plan.gpkg' });
    expect(named.value.path).toBe(join(folder, 'plan.gpkg'));
    mkdirSync(join(folder, 'district'));
    expect((await post(host, 'project:save-as', { path: join(folder, 'district', 'copy.gpkg') })).value.path).toBe(join(folder, 'district', 'copy.gpkg'));
    expect((await post(host, 'project:open', { path: join(folder, 'start.gpkg') })).value.path).toBe(join(folder, 'start.gpkg'));
  });

  it('lists only recent projects it may open, and tells the page its folders', async () => {
    const recent = (await post(host, 'project:recent:list', {})).value as string[];
    expect(recent).toContain(join(folder, 'start.gpkg'));
    expect(recent).not.toContain(join(outside, 'desktop.gpkg'));
    expect((await post(host, 'app:info:get', {})).value).toEqual({ version: '0.0.0', host: 'browser', dialogs: false, projectFolders: [folder] });
  });
});

/** `node scripts/serve.mjs args…` until `stop`; `call` posts to its API with the printed token. */
async function serve(args: string[], env: NodeJS.ProcessEnv): Promise<{ call(channel: string, input: unknown): Promise<WireReply>; stop(): void }> {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'scripts', 'serve.mjs'), ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const { url } = await servedUrl(child, 60_000);
  return {
    async call(channel, input) {
      return (await (await postApi(url, channel, input)).json()) as WireReply;
    },
    stop: () => child.kill('SIGTERM'),
  };
}

describe('serve.mjs started on the most recent project, which lies among other files (npm start)', () => {
  it('uses that file and the fallback file, but no other file in their folders', async () => {
    const home = tempDir();
    const config = join(home, '.config', 'siting-planner');
    const projects = join(config, 'projects');
    const recent = join(home, 'recent.gpkg');
    const fallback = join(home, 'samples', 'fallback.gpkg');
    const survey = join(home, 'survey.gpkg');
    const thesis = join(home, 'thesis', 'chapter.gpkg');
    mkdirSync(join(home, 'samples'));
    mkdirSync(join(home, 'thesis'));
    for (const path of [recent, fallback, survey, thesis]) ProjectStore.create(path).close();
    const hashes = () => [survey, thesis].map((path) => sha256(path));
    const before = hashes();
    const host = await serve(['--project', recent, '--fallback-project', fallback, '--port', '0', '--static', home], { SITING_CONFIG_DIR: config });
    try {
      expect((await host.call('project:current:get', {})).value.path).toBe(recent);
      for (const [channel, input] of [
        ['project:save-as', { path: survey, force: true }],
        ['project:create', { path: thesis, force: true, sample: 'wuhan-core' }],
        ['project:create', { path: join(home, 'new.gpkg') }],
        ['project:save-as', { path: join(home, 'samples', 'copy.gpkg') }],
        ['project:open', { path: survey }],
      ] as const) {
        const reply = await host.call(channel, input);
        expect({ channel, path: input.path, code: reply.error?.code, message: reply.error?.message }).toEqual({
          channel,
          path: input.path,
          code: 'unsupported',
          message: `in the browser version project files must be inside the project folder ${projects}`,
        });
      }
      expect(hashes()).toEqual(before);
      expect([join(home, 'new.gpkg'), join(home, 'samples', 'copy.gpkg')].filter((path) => existsSync(path))).toEqual([]);

      expect((await host.call('project:open', { path: fallback })).value.path).toBe(fallback);
      expect((await host.call('project:open', { path: recent })).value.path).toBe(recent);
      expect((await host.call('project:create', { path: 'plan.gpkg' })).value.path).toBe(join(projects, 'plan.gpkg'));
      expect((await host.call('app:info:get', {})).value.projectFolders).toEqual([projects]);
      expect(((await host.call('project:recent:list', {})).value as string[]).sort()).toEqual([join(projects, 'plan.gpkg'), recent, fallback].sort());
    } finally {
      host.stop();
    }
  }, 90_000);
});

describe('every host: a path with a NUL character', () => {
  it('is refused as bad input and creates nothing (SQLite would have created the name cut at the NUL)', async () => {
    const dir = tempDir();
    process.env.SITING_CONFIG_DIR = join(dir, 'config');
    const session = new ProjectSession();
    const handlers = createHandlers(session, { host: 'electron', version: '0.0.0', dialogs: null });
    for (const [channel, input] of [
      ['project:create', { path: join(dir, 'a\u0000.gpkg') }],
      ['project:open', { path: join(dir, 'a\u0000.gpkg') }],
      ['project:save-as', { path: join(dir, 'b\u0000.gpkg') }],
      ['layer:export', { layer: 'facilities', format: 'csv', path: join(dir, 'c\u0000.csv') }],
      ['layer:import:preview', { layer: 'facilities', file: { path: `${FACILITIES_CSV}\u0000.txt` }, options: {} }],
    ] as const) {
      const reply = await dispatch(handlers, channel, input);
      expect({ channel, ok: reply.ok, code: reply.ok ? null : reply.error.code }).toEqual({ channel, ok: false, code: 'bad_input' });
      if (!reply.ok) expect(reply.error.message).toContain('a file path cannot contain a NUL character');
    }
    expect(existsSync(join(dir, 'a'))).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
    session.close();
  });

  it('a project name must have a name before .gpkg, after normalisation', async () => {
    const dir = tempDir();
    process.env.SITING_CONFIG_DIR = join(dir, 'config');
    const session = new ProjectSession();
    for (const path of [join(dir, '.gpkg'), join(dir, 'x.gpkg', '..'), `${join(dir, 'p.gpkg')}/.`]) {
      if (path.endsWith('/.')) {
        // "p.gpkg/." is p.gpkg itself: allowed.
        expect((await session.create(path)).path).toBe(join(dir, 'p.gpkg'));
        continue;
      }
      await expect(session.create(path)).rejects.toThrow('a project file name must end in .gpkg');
    }
    session.close();
  });
});
