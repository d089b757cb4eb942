/**
 * One process that solves OR-Library pmed1..pmed40 (or the instances named on the command line) with
 * the library's default path (solvePMedian, method 'auto', seed 1), printing one JSON line per
 * instance. Spawned and timed whole by orlib.bench.ts; runnable alone:
 *   npx tsx tests/bench/orlib_solve_all.ts pmed26 pmed40
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { costMatrixFromDense } from '../../shared/optimize/cost_matrix';
import { parseOrlibPmed } from '../../shared/optimize/orlib_pmed';
import { solvePMedian } from '../../shared/optimize/p_median';
import { testData } from '../helpers/test_data';

const dir = testData('orlib_pmed');
const names = process.argv.slice(2).length > 0 ? process.argv.slice(2) : Array.from({ length: 40 }, (_, i) => `pmed${i + 1}`);
for (const name of names) {
  const started = performance.now();
  const inst = parseOrlibPmed(readFileSync(path.join(dir, `${name}.txt`), 'utf8'), `${name}.txt`);
  const costs = costMatrixFromDense(inst.costs, inst.vertexCount, inst.vertexCount);
  const prepared = performance.now();
  const r = await solvePMedian({
    costs,
    k: inst.p,
    weights: new Float64Array(inst.vertexCount).fill(1),
    candidateIds: Array.from({ length: inst.vertexCount }, (_, i) => String(i + 1)),
  });
  const done = performance.now();
  const nodes = /branch-and-bound: (\d+) nodes/.exec(r.notes.join('\n'));
  console.log(
    JSON.stringify({
      name,
      n: inst.vertexCount,
      p: inst.p,
      objective: r.objective,
      bound: r.bound,
      exact: r.exact,
      path: r.path,
      nodes: nodes ? Number(nodes[1]) : null,
      prepSeconds: (prepared - started) / 1000,
      solveSeconds: (done - prepared) / 1000,
    }),
  );
}
