#!/usr/bin/env node
/**
 * Serves the app on 127.0.0.1 without Electron: `node scripts/serve.mjs --project p.gpkg [--sample wuhan-core] [--port N]`.
 * Prints "Siting Planner: http://127.0.0.1:PORT/?token=TOKEN".
 */
import { ensureNode22, repoRoot } from './node22.mjs';

ensureNode22();
process.env.SITING_APP_ROOT ??= repoRoot;
const { register } = await import('tsx/esm/api');
register();
await import('../electron/host/serve_main.ts');
