/**
 * Golden cases: tests/golden/<operation>/<case>/{input.json, params.json, expected.json}.
 * `UPDATE_GOLDEN=1` rewrites expected.json from the engine's output (then review the diff by hand).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const GOLDEN_ROOT = path.resolve(here, '../../golden');
export const UPDATE_GOLDEN = process.env.UPDATE_GOLDEN === '1';

export interface GoldenCase<I, P, E> {
  name: string;
  dir: string;
  input: I;
  params: P;
  expected: E;
}

export function goldenCases<I, P, E>(operation: string): GoldenCase<I, P, E>[] {
  const root = path.join(GOLDEN_ROOT, operation);
  return fs
    .readdirSync(root)
    .filter((name) => fs.statSync(path.join(root, name)).isDirectory())
    .sort()
    .map((name) => {
      const dir = path.join(root, name);
      const read = (file: string) => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
      return { name, dir, input: read('input.json') as I, params: read('params.json') as P, expected: read('expected.json') as E };
    });
}

export function writeExpected(dir: string, value: unknown): void {
  fs.writeFileSync(path.join(dir, 'expected.json'), JSON.stringify(value, null, 1) + '\n');
}
