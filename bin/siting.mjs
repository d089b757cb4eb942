#!/usr/bin/env node
/**
 * The `siting` command line (see `siting --help`). Runs the prebuilt bundle of electron/cli/main.ts
 * (dist-cli/, built by `npm install` and `npm run build`; see scripts/cli_bundle.mjs) on Node 22.
 * When a source the bundle was built from has changed since, it rebuilds the bundle first (a second
 * or two), so the code in the tree is what runs; where it cannot build (no esbuild, a read-only
 * folder) it runs the TypeScript sources through tsx. SITING_CLI_FROM_SOURCE=1 always runs the
 * sources through tsx (the old, slower path, e.g. to compare).
 *
 * Node 22: under `npm run siting` or `npx siting` the `node` found first is the one `npm install` put
 * in node_modules/.bin (the "node" devDependency), so this runs on it directly. Started by an older
 * Node, scripts/node22.mjs runs the command again as a child on that Node 22 — except for the help
 * (`siting`, `siting --help`), which needs nothing from Node 22 and is printed in place.
 */
import module from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const argv = process.argv.slice(2);
const helpOnly = argv.length === 0 || (argv.length === 1 && (argv[0] === '--help' || argv[0] === '-h'));
// On a Node below 22 importing it runs the command again on Node 22 and never returns; in that child
// it watches the launcher (it stops with it if the launcher is killed outright).
if (!helpOnly || Number(process.versions.node.split('.')[0]) >= 22) await import('../scripts/node22.mjs');

process.env.SITING_APP_ROOT ??= dirname(dirname(fileURLToPath(import.meta.url)));
const { main } = await loadCli();
process.exitCode = await main(argv);

/** The CLI's main module: the fresh bundle, else a rebuilt one, else the sources under tsx. */
async function loadCli() {
  if (process.env.SITING_CLI_FROM_SOURCE !== '1') {
    const bundle = await import('../scripts/cli_bundle.mjs');
    let entry = bundle.freshBundleEntry();
    if (entry === null) {
      if (process.stderr.isTTY) console.error(`siting: building the command line (${bundle.bundleStaleness()})`);
      entry = await bundle.buildCliBundle({ logLevel: 'silent' }).then(
        (built) => built.entry,
        (error) => {
          if (process.env.SITING_DEBUG) console.error('siting: cannot build the command line, running its sources:', error);
          return null;
        },
      );
    }
    if (entry !== null) {
      // V8 keeps the bundle's compiled code on disk (Node >= 22.1): later runs skip parsing it.
      module.enableCompileCache?.(join(bundle.CLI_BUNDLE_DIR, bundle.COMPILE_CACHE));
      return import(pathToFileURL(entry).href);
    }
  }
  const { register } = await import('tsx/esm/api');
  register();
  return import('../electron/cli/main.ts');
}
