#!/usr/bin/env node
/** The `siting` command line (see `siting --help`). Runs the TypeScript CLI on Node 22 through tsx. */
import { ensureNode22, repoRoot } from '../scripts/node22.mjs';

ensureNode22();
process.env.SITING_APP_ROOT ??= repoRoot;
const { register } = await import('tsx/esm/api');
register();
const { main } = await import('../electron/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
