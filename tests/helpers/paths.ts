/** Paths of the repository and its shipped data (the real test datasets: test_data.ts). */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SAMPLE_DIR = join(REPO_ROOT, 'data', 'samples', 'wuhan-core');

export function tempDir(prefix = 'siting-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
