import { request } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../electron/services/api_handlers';
import { ProjectSession } from '../../electron/services/project_session';
import { startHttpHost, type HttpHost } from '../../electron/host/http_host';
import { tempDir } from '../helpers/paths';

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
    expect(info).toEqual({ ok: true, value: { version: '0.0.0', host: 'browser', dialogs: false } });
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
});
