/**
 * The prebuilt `siting` command line: electron/cli/main.ts and the Node services it loads, bundled by
 * esbuild into dist-cli/ (ES modules with code splitting: each command's code is a chunk of its own,
 * loaded when that command runs, so `siting --help` parses only the small entry chunk). Built by
 * `npm install` / `npm ci` (the `prepare` script), by `npm run build`, and again by bin/siting.mjs
 * whenever a source it was built from has changed: the CLI never runs stale code.
 *
 * Layout: dist-cli/current.json names the current build's folder (dist-cli/b-<time>-<pid>/) and lists
 * the files it was built from with their size and modification time. A build is written into a folder
 * of its own and only then made current (current.json replaced by a rename), so that a CLI that is
 * running, or another process building at the same time, never sees a half-written bundle. Folders of
 * older builds are removed by later builds once they are an hour old (the one just replaced is kept:
 * a CLI started from it may still load its chunks).
 *
 * Freshness check (`freshBundleEntry`): one stat per recorded file — the project's own sources the
 * bundle contains (from esbuild's metafile), plus package.json, the tsconfig files, this script, and
 * node_modules/.package-lock.json (which npm rewrites whenever it changes node_modules, standing for
 * the bundled packages). Any file whose size or mtime differs, or that is gone, makes the bundle stale.
 * A new source file can only enter the bundle through an edit of a file already in it, so it is caught.
 *
 * This module imports esbuild only when it builds: bin/siting.mjs loads it on every run.
 * The bundle's own imports of Node built-ins and better-sqlite3 become require() calls (see
 * requireForCommonJs below).
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, copyFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Where the bundle goes: inside the repository, so that its imports of better-sqlite3 etc. resolve.
 * SITING_CLI_BUNDLE_DIR moves it (the tests plant a stale bundle there), also inside the repository.
 */
export const CLI_BUNDLE_DIR = process.env.SITING_CLI_BUNDLE_DIR ? resolve(process.env.SITING_CLI_BUNDLE_DIR) : join(repoRoot, 'dist-cli');
const MANIFEST = 'current.json';
/** V8's code cache for the bundle (module.enableCompileCache), emptied by every build. */
export const COMPILE_CACHE = 'compile-cache';
/** Builds superseded more than this long ago are removed (a CLI still running one may load its chunks). */
const OLD_BUILD_MS = 60 * 60 * 1000;

/**
 * Packages loaded from node_modules at run time, not bundled: native addons (better-sqlite3, resvg),
 * packages that read their own files by path (pdfkit's font metrics, the CJK font files, highs.wasm
 * found through the loader's __dirname) — as scripts/build_electron.mjs does for the app.
 */
export const CLI_EXTERNAL = ['electron', 'better-sqlite3', 'pdfkit', '@resvg/resvg-js', '@embedpdf/fonts-sc', 'highs'];

/**
 * Node's built-in modules and better-sqlite3 (CommonJS) are loaded with require(), not import: an ES
 * import of a CommonJS module builds an ES facade of it, which reads every export — Node's lazy ones
 * too (fs.promises, crypto.webcrypto, ...) — and for a package parses its source to find the names.
 * Measured on Node 22: import('node:util') 5.6 ms, require 0.1 ms; node:crypto 9.6 ms against 2.9 ms.
 * Each such import becomes a small CommonJS module `module.exports = require('…')`, which esbuild
 * calls through the `require` of the banner below (named imports become property reads).
 */
const REQUIRED_PACKAGES = new Set(['better-sqlite3']);
const requireForCommonJs = {
  name: 'require-for-commonjs',
  setup(build) {
    build.onResolve({ filter: /^[a-z:@]/ }, (args) => {
      if (args.namespace === 'required') return { path: args.path, external: true };
      if (!isBuiltin(args.path) && !REQUIRED_PACKAGES.has(args.path)) return undefined;
      return { path: args.path, namespace: 'required' };
    });
    build.onLoad({ filter: /.*/, namespace: 'required' }, (args) => ({ contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: 'js' }));
  },
};

/** Files that shape the bundle besides the sources esbuild reads (checked like them). */
const BUILD_FILES = ['package.json', 'tsconfig.base.json', 'electron/tsconfig.json', 'shared/tsconfig.json', 'scripts/cli_bundle.mjs', 'node_modules/.package-lock.json'];

/** [path relative to `root`, size, mtimeMs] of a file, or null when it does not exist. */
function stamp(root, relative) {
  // (Concatenated, not path.join: this runs ~300 times on every start; Windows takes '/' too.)
  const stat = statSync(`${root}/${relative}`, { throwIfNoEntry: false });
  return stat === undefined ? null : [relative, stat.size, stat.mtimeMs];
}

/**
 * The inputs list of a manifest: [path, size, mtimeMs] of each file (size and mtime null when it does
 * not exist). A file modified during `readDuring` (the build's [start, end] in ms) may have changed
 * after esbuild read it: its mtime is recorded as -1, which no file has, so that the next check
 * finds it changed and builds again.
 */
export function stampInputs(relativePaths, { root = repoRoot, readDuring = null } = {}) {
  return [...new Set(relativePaths)].sort().map((relative) => {
    const now = stamp(root, relative);
    if (now === null) return [relative, null, null];
    // (2 s of slack before: a file system may keep times to the second (FAT, HFS+, some network
    // drives), so an edit during the build may carry an earlier time; 2 ms after: file times and
    // Date.now() are not taken from the same clock read. A file edited just before a build is only
    // built once more.)
    const duringBuild = readDuring !== null && now[2] >= readDuring[0] - 2000 && now[2] <= readDuring[1] + 2;
    return duringBuild ? [relative, now[1], -1] : now;
  });
}

function readManifest(bundleDir) {
  try {
    return JSON.parse(readFileSync(join(bundleDir, MANIFEST), 'utf8'));
  } catch {
    return null;
  }
}

/**
 * Why the bundle in `bundleDir` cannot be used for the sources as they are now (null: it is fresh).
 * @example bundleStaleness() // null, or 'electron/cli/main.ts changed since the build'
 */
export function bundleStaleness(bundleDir = CLI_BUNDLE_DIR, { root = repoRoot } = {}) {
  return staleness(readManifest(bundleDir), root);
}

function staleness(manifest, root) {
  if (!manifest || !Array.isArray(manifest.inputs) || typeof manifest.dir !== 'string') return 'no bundle has been built';
  for (const [relative, size, mtimeMs] of manifest.inputs) {
    const now = stamp(root, relative);
    if (size === null) {
      if (now !== null) return `${relative} appeared since the build`;
    } else if (now === null) return `${relative} is gone since the build`;
    else if (now[1] !== size || now[2] !== mtimeMs) return `${relative} changed since the build`;
  }
  return null;
}

/** The entry module of the bundle when it is fresh, else null. */
export function freshBundleEntry(bundleDir = CLI_BUNDLE_DIR) {
  const manifest = readManifest(bundleDir);
  return staleness(manifest, repoRoot) === null ? join(bundleDir, manifest.dir, 'main.mjs') : null;
}

/**
 * Bundles the CLI into `bundleDir` and makes the build current; returns its entry module and the time
 * esbuild took. Safe to run in several processes at once (the last to finish is current).
 * @example const { entry } = await buildCliBundle({ logLevel: 'silent' });
 */
export async function buildCliBundle({ bundleDir = CLI_BUNDLE_DIR, logLevel = 'warning' } = {}) {
  const { build } = await import('esbuild');
  const started = Date.now();
  const dir = `b-${started}-${process.pid}`;
  const outdir = join(bundleDir, dir);
  const result = await build({
    absWorkingDir: repoRoot,
    entryPoints: {
      main: join(repoRoot, 'electron/cli/main.ts'),
      // Started as a worker thread by optimize_in_worker.ts, found next to it by file name.
      optimize_worker: join(repoRoot, 'electron/services/optimize/optimize_worker.ts'),
    },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    outExtension: { '.js': '.mjs' },
    charset: 'utf8',
    chunkNames: 'chunk-[hash]',
    external: CLI_EXTERNAL,
    plugins: [requireForCommonJs],
    // CommonJS packages bundled into ES modules may call require() for Node built-ins.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    sourcemap: 'linked',
    metafile: true,
    logLevel,
  });
  // Copied as it is: it runs as a child process of its own, found next to the module that starts it.
  copyFileSync(join(repoRoot, 'electron/services/import/sqlite_reader_child.cjs'), join(outdir, 'sqlite_reader_child.cjs'));
  const esbuildMs = Date.now() - started;

  const sources = Object.keys(result.metafile.inputs).filter((path) => !path.startsWith('node_modules/') && !path.includes(':'));
  sources.push('electron/services/import/sqlite_reader_child.cjs');
  // A file changed since the build began may have been read before or after the change: not trusted.
  const inputs = stampInputs([...sources, ...BUILD_FILES], { readDuring: [started, Date.now()] });
  const previous = readManifest(bundleDir)?.dir;
  const manifest = { dir, builtAt: new Date(started).toISOString(), node: process.version, esbuildMs, inputs };
  const temporary = join(bundleDir, `${MANIFEST}.${process.pid}.tmp`);
  writeFileSync(temporary, `${JSON.stringify(manifest, null, 1)}\n`);
  renameSync(temporary, join(bundleDir, MANIFEST));
  removeOldBuilds(bundleDir, [dir, previous]);
  // V8's cache of compiled code (bin/siting.mjs): entries of older builds would only pile up.
  rmSync(join(bundleDir, COMPILE_CACHE), { recursive: true, force: true });
  return { entry: join(outdir, 'main.mjs'), esbuildMs };
}

/** Removes the folders of builds made over an hour ago, except the current and the one it replaced. */
function removeOldBuilds(bundleDir, keep) {
  for (const entry of readdirSync(bundleDir, { withFileTypes: true })) {
    if (!entry.isDirectory() || keep.includes(entry.name) || !entry.name.startsWith('b-')) continue;
    const path = join(bundleDir, entry.name);
    try {
      if (Date.now() - statSync(path).mtimeMs > OLD_BUILD_MS) rmSync(path, { recursive: true, force: true });
    } catch {
      // removed by another build meanwhile
    }
  }
}

// `node scripts/cli_bundle.mjs` (npm's prepare script, npm run build): build now.
if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  mkdirSync(CLI_BUNDLE_DIR, { recursive: true });
  try {
    const { entry, esbuildMs } = await buildCliBundle();
    console.log(`built ${entry} in ${esbuildMs} ms`);
  } catch (error) {
    // An install without the development packages (npm ci --omit=dev) has no esbuild: the install
    // must still succeed; bin/siting.mjs builds the bundle, or runs the sources, when it is missing.
    if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
    console.warn(`siting: the command line was not prebuilt (${error.message.split('\n')[0]}); it is built on first use`);
  }
}
