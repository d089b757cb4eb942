/**
 * The local host as `npm start` runs it with the most recent project: when that file is refused (here a
 * trigger was added to it since), the host says why, opens the fallback project instead and keeps
 * serving, instead of exiting (or, before projects were inspected, hanging on an endless view).
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProjectStore } from '../../electron/services/store/project_store';
import { editedCopy } from '../helpers/hostile_files';
import { REPO_ROOT, tempDir } from '../helpers/paths';
import { postApi, servedUrl } from '../helpers/served_host';

describe('serve.mjs with a refused most recent project', () => {
  it('opens the fallback project, keeps serving and prints the refusal naming the trigger', async () => {
    const dir = tempDir();
    const base = join(dir, 'base.gpkg');
    ProjectStore.create(base).close();
    const hostile = editedCopy(base, dir, 'recent.gpkg', (db) => db.exec('CREATE TRIGGER w AFTER INSERT ON audit_log BEGIN DELETE FROM facilities; END'));
    const fallback = editedCopy(base, dir, 'fallback.gpkg', () => undefined);
    const staticDir = join(dir, 'static');
    mkdirSync(staticDir);
    const child = spawn(
      process.execPath,
      [join(REPO_ROOT, 'scripts', 'serve.mjs'), '--project', hostile, '--sample', 'wuhan-core', '--fallback-project', fallback, '--port', '0', '--static', staticDir],
      { env: { ...process.env, SITING_CONFIG_DIR: join(dir, 'config') }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    try {
      const { url, output } = await servedUrl(child, 60_000);
      expect(output).toContain(`Cannot open the most recent project: ${hostile}: the project file contains trigger "w" (on audit_log)`);
      const reply = await postApi(url, 'project:current:get', {});
      const body = (await reply.json()) as { ok: boolean; value: { path: string } };
      expect(body).toMatchObject({ ok: true, value: { path: fallback } });
    } finally {
      child.kill('SIGTERM');
    }
  }, 90_000);
});
