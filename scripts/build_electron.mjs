/**
 * Bundles the Electron main process (ESM) and the sandboxed preload (CommonJS, single file: a sandboxed
 * preload cannot require anything but electron) into dist-electron/.
 */
import { build } from 'esbuild';
import { repoRoot } from './node22.mjs';
import { join } from 'node:path';

const common = { bundle: true, platform: 'node', target: 'node22', sourcemap: true, absWorkingDir: repoRoot, logLevel: 'warning' };

await build({
  ...common,
  entryPoints: [join(repoRoot, 'electron/main/main.ts')],
  outfile: join(repoRoot, 'dist-electron/main.mjs'),
  format: 'esm',
  external: ['electron', 'better-sqlite3'],
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
});
await build({
  ...common,
  entryPoints: [join(repoRoot, 'electron/preload/preload.ts')],
  outfile: join(repoRoot, 'dist-electron/preload.cjs'),
  format: 'cjs',
  external: ['electron'],
});
console.log('built dist-electron/main.mjs and dist-electron/preload.cjs');
