/**
 * The real datasets the tests and benchmarks read, kept in the repository under tests/data/ (see its
 * README.md and each folder's SOURCES.md), so that a clone with nothing beside it runs every test.
 * Large text files are stored gzipped (`name.gz`); `testData('dir/name')` gives a path to the plain
 * file, decompressing it once into node_modules/.cache (keyed by the compressed file's content, so an
 * updated dataset is never read stale). The Wuhan core clip and the city boundary are not stored twice:
 * they ship with the app in data/samples/wuhan-core/, and `testData('wuhan/<file>')` finds them there.
 * Nothing here reads ../shared.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** tests/data: the repository's copies of the real datasets. */
export const TEST_DATA = join(REPO_ROOT, 'tests', 'data');
const CACHE = join(REPO_ROOT, 'node_modules', '.cache', 'siting-test-data');
/** The app's shipped sample: real Wuhan files that the tests read under the dataset name `wuhan/`. */
const SAMPLE_DIR = join(REPO_ROOT, 'data', 'samples', 'wuhan-core');

/**
 * Absolute path of a real dataset file, e.g. `testData('wuhan/wuhan_pop60plus_100m.tif')` or a folder
 * (`testData('wuhan/worldpop_agesex_60plus')`). Throws naming the file when the dataset is missing.
 */
export function testData(relative: string): string {
  const plain = join(TEST_DATA, relative);
  if (existsSync(plain)) return plain;
  const [dataset, ...rest] = relative.split('/');
  if (dataset === 'wuhan' && rest.length === 1 && existsSync(join(SAMPLE_DIR, rest[0]))) return join(SAMPLE_DIR, rest[0]);
  const packed = `${plain}.gz`;
  if (!existsSync(packed)) throw new Error(`test dataset ${relative} is not in tests/data (neither ${plain} nor ${packed})`);
  const bytes = readFileSync(packed);
  const key = createHash('sha1').update(bytes).digest('hex').slice(0, 12);
  const target = join(CACHE, key, relative);
  if (existsSync(target)) return target;
  mkdirSync(dirname(target), { recursive: true });
  // Test files run in parallel processes: write aside and rename, so nobody reads a half-written file.
  const partial = `${target}.${process.pid}.partial`;
  writeFileSync(partial, gunzipSync(bytes));
  renameSync(partial, target);
  return target;
}

/** The bytes of a real dataset file (see testData). */
export function readTestData(relative: string): Buffer {
  return readFileSync(testData(relative));
}
