/** Paths of the real sample data and the hand-made fixtures, relative to the repository root. */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
/** Repository root (/work/main in the workplace checkout). */
export const REPO_ROOT = path.resolve(here, '../../..');
/** Shared real datasets: ../shared/data from the repository root. */
export const SHARED_DATA = path.resolve(REPO_ROOT, '../shared/data');
export const FIXTURES = path.resolve(REPO_ROOT, 'tests/fixtures/import');

export function sharedData(relative: string): string {
  return path.join(SHARED_DATA, relative);
}

export function readShared(relative: string): Uint8Array {
  return readFileSync(sharedData(relative));
}

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
