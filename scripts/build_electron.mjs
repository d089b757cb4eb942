/**
 * Bundles the Electron main process (ESM) and the sandboxed preload (CommonJS, single file: a sandboxed
 * preload cannot require anything but electron) into dist-electron/ (or the folder given with
 * --outdir), and writes next to them the script of the SQLite reader process, which runs as a utility
 * process and so must be a file of its own (electron/services/import/sqlite_reader_child.cjs, copied
 * as it is: it is standalone, and the Node hosts run the same file from the source tree).
 */
import { build } from 'esbuild';
import { repoRoot } from './node22.mjs';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { outdir: { type: 'string' } } });
const outdir = values.outdir ? resolve(values.outdir) : join(repoRoot, 'dist-electron');
const common = { bundle: true, platform: 'node', target: 'node22', sourcemap: true, absWorkingDir: repoRoot, logLevel: 'warning' };

await build({
  ...common,
  entryPoints: [join(repoRoot, 'electron/main/main.ts')],
  outfile: join(outdir, 'main.mjs'),
  format: 'esm',
  // Native or file-reading packages load from node_modules at run time (the print pipeline's PDF
  // writer, its rasteriser and its font files): they are dependencies the app ships.
  external: ['electron', 'better-sqlite3', 'pdfkit', '@resvg/resvg-js', '@embedpdf/fonts-sc'],
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
});
await build({
  ...common,
  entryPoints: [join(repoRoot, 'electron/preload/preload.ts')],
  outfile: join(outdir, 'preload.cjs'),
  format: 'cjs',
  external: ['electron'],
});
mkdirSync(outdir, { recursive: true });
copyFileSync(join(repoRoot, 'electron/services/import/sqlite_reader_child.cjs'), join(outdir, 'sqlite_reader_child.cjs'));
console.log(`built ${join(outdir, 'main.mjs')}, preload.cjs and sqlite_reader_child.cjs`);
