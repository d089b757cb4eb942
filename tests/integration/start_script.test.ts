/**
 * `npm start` where Electron is not wanted (--browser, as on machines without the runtime): builds the
 * renderer, creates the sample project, serves both on 127.0.0.1 and prints the URL with its token.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, tempDir } from '../helpers/paths';
import { postApi, servedUrl } from '../helpers/served_host';

describe('npm start --browser', () => {
  it('prints a 127.0.0.1 URL that serves the app and the token-protected API for the sample project', async () => {
    const dir = tempDir();
    const project = join(dir, 'sample.gpkg');
    const child = spawn(process.execPath, [join(REPO_ROOT, 'scripts', 'start.mjs'), '--browser', '--project', project], {
      env: { ...process.env, SITING_CONFIG_DIR: join(dir, 'config') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const { url } = await servedUrl(child, 90_000);
      const { origin } = url;
      const page = await fetch(origin + '/');
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root"></div>');
      const reply = await postApi(url, 'project:current:get', {});
      const body = (await reply.json()) as { ok: boolean; value: { path: string; counts: { population: number } } };
      expect(body.ok).toBe(true);
      expect(body.value.path).toBe(project);
      expect(body.value.counts.population).toBe(24470);
      expect((await fetch(`${origin}/api/project:current:get`, { method: 'POST', body: '{}' })).status).toBe(401);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
