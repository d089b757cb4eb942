/** Paths of the real test data (tests/data, see test_data.ts) and the hand-made fixtures. */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The repository's root folder. */
export const REPO_ROOT = path.resolve(here, '../../..');
export const FIXTURES = path.resolve(REPO_ROOT, 'tests/fixtures/import');

export { readTestData, testData } from '../../helpers/test_data';

export function readFixture(name: string): Uint8Array {
  return readFileSync(path.join(FIXTURES, name));
}

/** True when a GDAL command-line tool is installed (used for independent cross-checks). */
export function hasGdalTool(tool: 'gdalinfo' | 'gdal_translate' | 'gdalwarp' | 'gdalbuildvrt' | 'gdaltransform' | 'gdalsrsinfo' | 'ogrinfo' | 'ogr2ogr'): boolean {
  if (existsSync(`/usr/bin/${tool}`)) return true;
  try {
    execFileSync(tool, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The InputError (or other error) a promise rejects with; fails the test when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the import to fail, but it succeeded');
}
