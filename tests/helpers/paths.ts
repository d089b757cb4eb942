/** Paths of the repository, its shipped data, and the shared real-data folder beside the repository. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SAMPLE_DIR = join(REPO_ROOT, 'data', 'samples', 'wuhan-core');
export const SHARED_DATA = resolve(REPO_ROOT, '..', 'shared', 'data');

export function tempDir(prefix = 'siting-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
