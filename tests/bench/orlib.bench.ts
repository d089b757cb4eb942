/**
 * OR-Library pmed1..pmed40 (`npm run bench orlib`): the p-median proofs of issue 14. One child
 * process (tsx tests/bench/orlib_solve_all.ts) parses, computes shortest paths and solves all 40 with
 * the default path; its whole-process wall time is the figure the target is about (start-up and
 * transpiling included). Per instance: n, p, published optimum, objective, bound, exact?,
 * branch-and-bound nodes, seconds. Targets: all 40 proven (exact, bound = objective), whole process
 * ≤ 60 s. A second child (orlib_center_all.ts) solves p-center on the same 40 and min-facilities (set
 * cover) at each p-center radius, reporting objective, bound and exact? per instance. Wall times are
 * printed, never asserted.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { printTable } from './bench_util';
import { testData } from '../helpers/test_data';

const TARGETS = { proven: 40, wholeSeconds: 60 };
const here = path.dirname(fileURLToPath(import.meta.url));

interface Line {
  name: string;
  n: number;
  p: number;
  objective: number;
  bound: number;
  exact: boolean;
  path: string;
  nodes: number | null;
  prepSeconds: number;
  solveSeconds: number;
}

export default async function bench(): Promise<void> {
  const optima = new Map(
    readFileSync(path.join(testData('orlib_pmed'), 'pmedopt.txt'), 'utf8')
      .trim()
      .split(/\r?\n/)
      .slice(1)
      .map((l) => l.trim().split(/\s+/))
      .map(([name, value]) => [name, Number(value)] as const),
  );
  console.log('\n### OR-Library pmed1..pmed40 (p-median, default options, seed 1), one process for all 40');
  const tsx = path.join(here, '../../node_modules/.bin/tsx');
  const started = performance.now();
  const run = spawnSync(tsx, [path.join(here, 'orlib_solve_all.ts')], { encoding: 'utf8', maxBuffer: 1 << 24 });
  const wholeSeconds = (performance.now() - started) / 1000;
  if (run.status !== 0) throw new Error(`orlib_solve_all failed (${run.status}): ${run.stderr}`);
  const lines = run.stdout
    .trim()
    .split(/\r?\n/)
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Line);
  const rows = lines.map((r) => {
    const optimum = optima.get(r.name)!;
    return {
      instance: r.name,
      n: r.n,
      p: r.p,
      optimum,
      objective: r.objective,
      bound: r.bound,
      'bound gap %': ((100 * (r.objective - r.bound)) / r.objective).toFixed(3),
      exact: String(r.exact && r.bound === r.objective),
      path: r.path,
      nodes: r.nodes ?? '-',
      'prep s': r.prepSeconds.toFixed(2),
      'solve s': r.solveSeconds.toFixed(2),
    };
  });
  printTable(rows);
  const proven = lines.filter((r) => r.exact && r.bound === r.objective).length;
  const atOptimum = lines.filter((r) => r.objective === optima.get(r.name)).length;
  const gaps = lines.map((r) => (100 * (r.objective - optima.get(r.name)!)) / optima.get(r.name)!);
  const inProcess = lines.reduce((s, r) => s + r.prepSeconds + r.solveSeconds, 0);
  const hardest = [...lines].sort((a, b) => b.solveSeconds - a.solveSeconds).slice(0, 3);
  printTable([
    {
      instances: lines.length,
      'at optimum': atOptimum,
      'mean / worst gap to optimum %': `${(gaps.reduce((a, b) => a + b, 0) / gaps.length).toFixed(3)} / ${Math.max(...gaps).toFixed(3)}`,
      'proven (exact, bound = objective)': proven,
      'in-process s (parse + paths + solve)': inProcess.toFixed(1),
      'whole process s (tsx, all 40)': wholeSeconds.toFixed(1),
      hardest: hardest.map((r) => `${r.name} ${r.solveSeconds.toFixed(1)} s`).join(', '),
    },
  ]);
  const verdict = (name: string, ok: boolean, text: string) => console.log(`${ok ? 'PASS' : 'MISS'}  ${name}: ${text}`);
  verdict('OR-Library proven optimal', proven >= TARGETS.proven, `${proven} of ${lines.length} (target ${TARGETS.proven})`);
  verdict('OR-Library all 40, whole process', wholeSeconds <= TARGETS.wholeSeconds, `${wholeSeconds.toFixed(1)} s (target ≤ ${TARGETS.wholeSeconds} s)`);
  centers(tsx);
}

interface CenterLine {
  name: string;
  n: number;
  p: number;
  center: { objective: number; bound: number; exact: boolean; seconds: number };
  cover: { radius: number; objective: number; bound: number; exact: boolean; seconds: number };
}

/** p-center and set cover on the 40 instances, one child process. */
function centers(tsx: string): void {
  console.log('\n### OR-Library pmed1..pmed40: p-center (k = p) and min-facilities at the p-center radius, one process');
  const started = performance.now();
  const run = spawnSync(tsx, [path.join(here, 'orlib_center_all.ts')], { encoding: 'utf8', maxBuffer: 1 << 24 });
  const wholeSeconds = (performance.now() - started) / 1000;
  if (run.status !== 0) throw new Error(`orlib_center_all failed (${run.status}): ${run.stderr}`);
  const lines = run.stdout
    .trim()
    .split(/\r?\n/)
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as CenterLine);
  printTable(
    lines.map((r) => ({
      instance: r.name,
      n: r.n,
      p: r.p,
      'p-center': r.center.objective,
      'pc bound': r.center.bound,
      'pc exact': String(r.center.exact),
      'pc s': r.center.seconds.toFixed(2),
      'cover radius': r.cover.radius,
      'min sites': r.cover.objective,
      'cover bound': r.cover.bound,
      'cover exact': String(r.cover.exact),
      'cover s': r.cover.seconds.toFixed(2),
    })),
  );
  const hardest = [...lines].sort((a, b) => b.center.seconds + b.cover.seconds - (a.center.seconds + a.cover.seconds)).slice(0, 3);
  printTable([
    {
      instances: lines.length,
      'p-center proven': lines.filter((r) => r.center.exact).length,
      'set cover proven': lines.filter((r) => r.cover.exact).length,
      'whole process s (tsx, all 40, both problems)': wholeSeconds.toFixed(1),
      hardest: hardest.map((r) => `${r.name} ${(r.center.seconds + r.cover.seconds).toFixed(1)} s`).join(', '),
    },
  ]);
}
