import { constants } from 'node:buffer';
import { request } from 'node:http';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../electron/services/api_handlers';
import { ProjectSession } from '../../electron/services/project_session';
import { MAX_BODY_BYTES, startHttpHost, type HttpHost } from '../../electron/host/http_host';
import { sessionContentSecurityPolicy } from '../../electron/content_security_policy';
import { MAX_IMPORT_BYTES } from '../../electron/services/import/read_file_sources';
import { MAX_UPLOAD_BYTES } from '../../shared/ipc/contract';
import { tempDir } from '../helpers/paths';
import { testData } from '../helpers/test_data';

interface Answer {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

function call(host: HttpHost, path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: host.port, path, method: options.method ?? 'POST', headers: { Host: `127.0.0.1:${host.port}`, ...options.headers } },
      (res) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('local HTTP host', () => {
  let host: HttpHost;
  let session: ProjectSession;
  let dir: string;

  beforeAll(async () => {
    dir = tempDir();
    process.env.SITING_CONFIG_DIR = join(dir, 'config');
    const staticDir = join(dir, 'static');
    mkdirSync(staticDir);
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>app</title>');
    writeFileSync(join(dir, 'secret.txt'), 'not to be served');
    session = new ProjectSession();
    host = await startHttpHost({ handlers: createHandlers(session, { host: 'browser', version: '0.0.0', dialogs: null }), staticDir });
  });
  afterAll(async () => {
    session.close();
    await host.close();
  });

  const auth = () => ({ Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' });

  it('listens on 127.0.0.1 only and prints a URL with the token', () => {
    expect((host.server.address() as AddressInfo).address).toBe('127.0.0.1');
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    expect(host.token.length).toBeGreaterThanOrEqual(32);
  });

  it('refuses API calls without the token, with a wrong token, from another origin or host', async () => {
    expect((await call(host, '/api/app:info:get', { body: '{}' })).status).toBe(401);
    expect((await call(host, '/api/app:info:get', { headers: { Authorization: 'Bearer nope' }, body: '{}' })).status).toBe(401);
    expect((await call(host, '/api/app:info:get', { headers: { ...auth(), Origin: 'http://evil.example' }, body: '{}' })).status).toBe(403);
    expect((await call(host, '/api/app:info:get', { headers: { ...auth(), Host: 'evil.example' }, body: '{}' })).status).toBe(421);
    expect((await call(host, '/api/app:info:get', { method: 'GET', headers: auth() })).status).toBe(405);
  });

  it('answers the contract with typed replies and validates input', async () => {
    const info = JSON.parse((await call(host, '/api/app:info:get', { headers: auth(), body: '{}' })).body);
    expect(info).toEqual({ ok: true, value: { version: '0.0.0', host: 'browser', dialogs: false, projectFolders: null } });
    const none = JSON.parse((await call(host, '/api/project:current:get', { headers: auth(), body: '{}' })).body);
    expect(none).toEqual({ ok: true, value: null });
    const noProject = JSON.parse((await call(host, '/api/analysis:coverage:run', { headers: auth(), body: '{"radiusM":1000}' })).body);
    expect(noProject.error.code).toBe('no_project');
    const bad = JSON.parse((await call(host, '/api/analysis:coverage:run', { headers: auth(), body: '{"radiusM":-1}' })).body);
    expect(bad.ok).toBe(false);
    expect(bad.error.code).toBe('bad_input');
    expect(bad.error.message).toMatch(/radiusM/);
    const unknown = JSON.parse((await call(host, '/api/fs:read', { headers: auth(), body: '{}' })).body);
    expect(unknown.error.code).toBe('not_found');
    const created = JSON.parse((await call(host, '/api/project:create', { headers: auth(), body: JSON.stringify({ path: join(dir, 'p.gpkg') }) })).body);
    expect(created.ok).toBe(true);
    expect(created.value.counts.facilities).toBe(0);
    const dialog = JSON.parse((await call(host, '/api/dialog:file:open', { headers: auth(), body: '{"purpose":"project"}' })).body);
    expect(dialog.error.code).toBe('unsupported');
  });

  it('serves the renderer but nothing outside its folder', async () => {
    const index = await call(host, '/', { method: 'GET' });
    expect(index.status).toBe(200);
    expect(index.body).toContain('<title>app</title>');
    expect(index.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(index.headers['content-security-policy']).toMatch(/script-src 'self' 'wasm-unsafe-eval'(;|$)/);
    const traversal = await call(host, '/..%2fsecret.txt', { method: 'GET' });
    expect([403, 404]).toContain(traversal.status);
    expect(traversal.body).not.toContain('not to be served');
  });

  it('answers 400 to malformed percent-escapes in the path, for pages and API channels alike', async () => {
    for (const path of ['/%', '/%E0%A4%A', '/assets/%zz.js']) {
      const answer = await call(host, path, { method: 'GET' });
      expect({ path, status: answer.status, body: answer.body }).toEqual({ path, status: 400, body: 'malformed percent-escape in the path' });
    }
    const api = await call(host, '/api/%', { headers: auth(), body: '{}' });
    expect(api.status).toBe(400);
    // The host keeps serving afterwards.
    expect((await call(host, '/', { method: 'GET' })).status).toBe(200);
  });
});

describe('local HTTP host: the page policy follows the open project\'s basemap', () => {
  it('admits only the basemap origins of the project open when the page is asked for', async () => {
    const dir = tempDir();
    process.env.SITING_CONFIG_DIR = join(dir, 'config');
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>app</title>');
    const session = new ProjectSession();
    const host = await startHttpHost({
      handlers: createHandlers(session, { host: 'browser', version: '0.0.0', dialogs: null }),
      staticDir: dir,
      contentSecurityPolicy: () => sessionContentSecurityPolicy(session),
    });
    const directive = async (name: string) => {
      const policy = String((await call(host, '/', { method: 'GET' })).headers['content-security-policy']);
      return policy.split('; ').find((part) => part.startsWith(`${name} `));
    };
    try {
      expect(await directive('connect-src')).toBe("connect-src 'self'");
      await session.create(join(dir, 'p.gpkg'));
      session.store.updateSettings({ basemapUrl: 'https://{s}.tile.example.com/{z}/{x}/{y}.png' });
      expect(await directive('connect-src')).toBe("connect-src 'self' https://*.tile.example.com");
      expect(await directive('img-src')).toBe("img-src 'self' data: blob: https://*.tile.example.com");
      session.store.updateSettings({ basemapUrl: 'https://demotiles.maplibre.org/style.json' });
      expect(await directive('connect-src')).toBe("connect-src 'self' https://demotiles.maplibre.org");
    } finally {
      session.close();
      await host.close();
    }
  });
});

describe('local HTTP host: import jobs and the upload limit', () => {
  const started: Array<{ host: HttpHost; session: ProjectSession }> = [];
  afterAll(async () => {
    for (const { host, session } of started) {
      session.close();
      await host.close();
    }
  });

  async function hostWith(options: { maxBodyBytes?: number; sample?: boolean } = {}) {
    const dir = tempDir();
    process.env.SITING_CONFIG_DIR = join(dir, 'config');
    const session = new ProjectSession();
    if (options.sample) await session.create(join(dir, 'w.gpkg'), { sample: 'wuhan-core' });
    const host = await startHttpHost({ handlers: createHandlers(session, { host: 'browser', version: '0.0.0', dialogs: null }), staticDir: dir, maxBodyBytes: options.maxBodyBytes });
    started.push({ host, session });
    const api = async (channel: string, input: unknown) =>
      JSON.parse((await call(host, `/api/${channel}`, { headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(input) })).body);
    return { host, api };
  }

  it('the upload limit fits a JSON string and the base64 of MAX_UPLOAD_BYTES; both are below the 1 GB path limit', () => {
    expect(MAX_BODY_BYTES).toBeLessThanOrEqual(constants.MAX_STRING_LENGTH);
    expect(MAX_BODY_BYTES).toBeGreaterThanOrEqual(Math.ceil(MAX_UPLOAD_BYTES / 3) * 4 + 1024 * 1024);
    expect(MAX_UPLOAD_BYTES).toBeLessThan(MAX_IMPORT_BYTES);
  });

  it('a body over the limit gets a 413 contract reply naming the upload and path limits', async () => {
    const { host } = await hostWith({ maxBodyBytes: 4096 });
    const big = JSON.stringify({ layer: 'facilities', file: { name: 'a.csv', dataBase64: 'A'.repeat(8192) }, options: {} });
    const answer = await call(host, '/api/layer:import:start', { headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' }, body: big });
    expect(answer.status).toBe(413);
    const reply = JSON.parse(answer.body);
    expect(reply).toMatchObject({ ok: false, error: { code: 'bad_input', reason: 'request_too_large', params: { limit: 380 } } });
    expect(reply.error.message).toBe(
      'the request is larger than 4096 bytes: files uploaded through the browser may be at most 380 MB together (larger ones, up to 1024 MB: open them by path in the desktop app or with `siting import`)',
    );
  });

  it('start answers at once; status reports progress; cancel over HTTP writes nothing (real Wuhan bands)', async () => {
    const { api } = await hostWith({ sample: true });
    const folder = testData('wuhan/worldpop_agesex_60plus');
    const files = readdirSync(folder)
      .filter((name) => name.endsWith('.tif'))
      .sort()
      .map((name) => ({ name, dataBase64: readFileSync(join(folder, name)).toString('base64') }));
    const auditBefore = (await api('audit:list', { limit: 10_000 })).value.length;
    const start = await api('layer:import:start', { layer: 'population', file: { files }, options: { replace: true } });
    expect(start).toMatchObject({ ok: true, value: { state: 'running', phase: 'reading', progress: 0 } });
    const jobId = start.value.jobId as string;
    let status = start.value;
    while (status.state === 'running' && !(status.progress > 0.1)) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      status = (await api('layer:import:status', { jobId })).value;
    }
    expect(status).toMatchObject({ state: 'running' });
    expect(status.progress).toBeLessThan(1);
    expect((await api('layer:import:cancel', { jobId })).value.cancelRequested).toBe(true);
    while (status.state === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 20));
      status = (await api('layer:import:status', { jobId })).value;
    }
    expect(status).toMatchObject({ state: 'cancelled', report: null });
    expect((await api('project:current:get', {})).value.counts.population).toBe(24_470);
    expect((await api('audit:list', { limit: 10_000 })).value.length).toBe(auditBefore);
    const unknown = await api('layer:import:status', { jobId: 'nope' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'bad_input', message: expect.stringContaining('no import job "nope"') } });
  });
});
