#!/usr/bin/env node
/**
 * `npm start`: builds the renderer, then runs the desktop app in Electron. Where the Electron runtime is
 * missing it is fetched on first start (Electron's own downloader); where it cannot be had (no internet,
 * unsupported system) the same UI is served on 127.0.0.1 and its address printed.
 *
 * Options (after `npm start --`): --project <file.gpkg>, --browser (skip Electron), --port N.
 * Without --project the most recent project opens, else the Wuhan sample project in the config folder;
 * when the most recent project is refused (changed or damaged since), the sample project opens instead.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureNode22, repoRoot } from './node22.mjs';

ensureNode22();
const { values } = parseArgs({
  options: { project: { type: 'string' }, browser: { type: 'boolean' }, port: { type: 'string' } },
  allowPositionals: true,
});

const bin = (name) => join(repoRoot, 'node_modules', '.bin', name);
run(bin('vite'), ['build', '--logLevel', 'warn']);

const electronPath = values.browser ? null : findElectron();
if (electronPath) {
  run(process.execPath, [join(repoRoot, 'scripts', 'build_electron.mjs')]);
  const args = [repoRoot, ...(values.project ? [values.project] : [])];
  const child = spawn(electronPath, args, { stdio: 'inherit', env: { ...process.env, SITING_APP_ROOT: repoRoot } });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  const recent = values.project ? undefined : recentProject();
  const project = values.project ?? recent ?? sampleProject();
  const serveArgs = [join(repoRoot, 'scripts', 'serve.mjs'), '--project', project, '--sample', 'wuhan-core'];
  if (recent) serveArgs.push('--fallback-project', sampleProject());
  if (values.port) serveArgs.push('--port', values.port);
  const child = spawn(process.execPath, serveArgs, { stdio: 'inherit', env: { ...process.env, SITING_APP_ROOT: repoRoot } });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
}

/** Path of the Electron binary, downloading it on first use; null (with the reason printed) if unavailable. */
function findElectron() {
  const require = createRequire(import.meta.url);
  try {
    require.resolve('electron');
  } catch {
    console.log('Electron is not installed; serving the app in the browser instead.');
    return null;
  }
  // electron/index.js downloads the runtime when it is missing; run it in a child so a failure
  // (no network) is reported, not fatal.
  const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 300_000,
  });
  const path = probe.status === 0 ? probe.stdout.trim() : '';
  if (path && existsSync(path)) return path;
  // The download error comes first (e.g. "TypeError: fetch failed" without internet), Electron's own
  // advice after it; show both, without stack lines.
  const lines = `${probe.stdout || ''}\n${probe.stderr || ''}`.split('\n').map((l) => l.trim());
  const errors = lines.filter((l) => /error/i.test(l) && !l.startsWith('at '));
  const reason = errors.length ? errors.join('; ') : probe.error ? String(probe.error) : 'unknown error';
  console.log(`The Electron runtime is not available here (${reason}).`);
  console.log('Serving the same app on 127.0.0.1 instead; open the address below in a browser.');
  return null;
}

/** The most recent project that still exists, if any. */
function recentProject() {
  const recent = join(configDir(), 'recent.json');
  if (!existsSync(recent)) return undefined;
  try {
    const list = JSON.parse(readFileSync(recent, 'utf8'));
    return Array.isArray(list) ? list.find((p) => typeof p === 'string' && existsSync(p)) : undefined;
  } catch {
    // an unreadable recent list is not a reason to stop; the sample project opens instead
    return undefined;
  }
}

/** The Wuhan sample project in the config folder (created on first use by the host). */
function sampleProject() {
  const folder = join(configDir(), 'projects');
  mkdirSync(folder, { recursive: true });
  return join(folder, 'wuhan-core-sample.gpkg');
}

function configDir() {
  if (process.env.SITING_CONFIG_DIR) return process.env.SITING_CONFIG_DIR;
  return join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'siting-planner');
}

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: repoRoot });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
