/**
 * vitest globalSetup: builds the prebuilt `siting` (dist-cli/) once before the test files run when a
 * source changed since it was built, rather than in every CLI process the tests start at the same
 * time (bin/siting.mjs would rebuild it too: the tests always run the code in the tree).
 */
import { buildCliBundle, bundleStaleness } from '../../scripts/cli_bundle.mjs';

export default async function setup(): Promise<void> {
  if (bundleStaleness() !== null) await buildCliBundle();
}
