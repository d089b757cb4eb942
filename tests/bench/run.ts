/**
 * `npm run bench`: runs every tests/bench/*.bench.ts (or only those whose name contains one of the
 * command-line arguments) and prints their tables. Each bench file default-exports an async function
 * that prints its own table with data sizes and medians. Wall times are reported, never asserted.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const filters = process.argv.slice(2);
const files = readdirSync(here)
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => filters.length === 0 || filters.some((f) => name.includes(f)))
  .sort();

console.log(`node ${process.version}, ${process.arch}, benches: ${files.join(', ') || '(none)'}`);
for (const name of files) {
  console.log(`\n## ${name}`);
  const module = (await import(pathToFileURL(join(here, name)).href)) as { default: () => Promise<void> };
  await module.default();
}
