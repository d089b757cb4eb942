/**
 * One process that solves p-center on OR-Library pmed1..pmed40 (or the instances named on the
 * command line) and then min-facilities (set cover) at the p-center's radius, with the default path,
 * printing one JSON line per instance. Spawned and timed whole by orlib.bench.ts; runnable alone:
 *   npx tsx tests/bench/orlib_center_all.ts pmed26 pmed36
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { costMatrixFromDense, coverageFromCosts } from '../../shared/optimize/cost_matrix';
import { solveMinFacilities } from '../../shared/optimize/min_facilities';
import { parseOrlibPmed } from '../../shared/optimize/orlib_pmed';
import { solvePCenter } from '../../shared/optimize/p_center';
import { testData } from '../helpers/test_data';

const dir = testData('orlib_pmed');
const names = process.argv.slice(2).length > 0 ? process.argv.slice(2) : Array.from({ length: 40 }, (_, i) => `pmed${i + 1}`);
for (const name of names) {
  const inst = parseOrlibPmed(readFileSync(path.join(dir, `${name}.txt`), 'utf8'), `${name}.txt`);
  const costs = costMatrixFromDense(inst.costs, inst.vertexCount, inst.vertexCount);
  const weights = new Float64Array(inst.vertexCount).fill(1);
  const candidateIds = Array.from({ length: inst.vertexCount }, (_, i) => String(i + 1));
  let started = performance.now();
  const center = await solvePCenter({ costs, k: inst.p, weights, candidateIds });
  const centerSeconds = (performance.now() - started) / 1000;
  started = performance.now();
  const cover = await solveMinFacilities({ coverage: coverageFromCosts(costs, center.objective), weights, candidateIds });
  const coverSeconds = (performance.now() - started) / 1000;
  console.log(
    JSON.stringify({
      name,
      n: inst.vertexCount,
      p: inst.p,
      center: { objective: center.objective, bound: center.bound, exact: center.exact, seconds: centerSeconds },
      cover: { radius: center.objective, objective: cover.objective, bound: cover.bound, exact: cover.exact, seconds: coverSeconds },
    }),
  );
}
