/**
 * Small max-coverage problems for the optimiser's property tests (coverage_reduce, coverage_packing):
 * a problem from plain lists, the optimum by enumeration written from the definition, and the seeded
 * fast-check instances both draw from.
 */
import fc from 'fast-check';
import type { CoverageProblem } from '../../shared/optimize/coverage_greedy';
import type { ConflictGraph } from '../../shared/optimize/types';

/** A problem from plain lists: sets[j] = demand covered by candidate j. */
export function coverageProblemOf(
  sets: number[][],
  weights: number[],
  options: { baseline?: number[]; closed?: number[]; conflicts?: Array<[number, number]> } = {},
): CoverageProblem {
  const C = sets.length;
  const start = new Int32Array(C + 1);
  sets.forEach((s, j) => (start[j + 1] = start[j] + s.length));
  const baseline = new Uint8Array(weights.length);
  for (const i of options.baseline ?? []) baseline[i] = 1;
  const open = new Uint8Array(C).fill(1);
  for (const j of options.closed ?? []) open[j] = 0;
  let conflicts: ConflictGraph | null = null;
  if (options.conflicts && options.conflicts.length > 0) {
    const lists: number[][] = Array.from({ length: C }, () => []);
    for (const [a, b] of options.conflicts) {
      if (a === b || lists[a].includes(b)) continue;
      lists[a].push(b);
      lists[b].push(a);
    }
    const cs = new Int32Array(C + 1);
    lists.forEach((l, j) => (cs[j + 1] = cs[j] + l.length));
    conflicts = { candidateCount: C, start: cs, neighbour: Int32Array.from(lists.flat()) };
  }
  return {
    coverage: { demandCount: weights.length, candidateCount: C, start, demand: Int32Array.from(sets.flat()) },
    weights: Float64Array.from(weights),
    baseline,
    open,
    conflicts,
  };
}

/** Brute force written from the definition: best covered weight (baseline included) of ≤ k open, conflict-free sites. */
export function bruteCoverageOptimum(p: CoverageProblem, k: number): number {
  const { coverage, weights, baseline, open, conflicts } = p;
  const sites = [...Array(coverage.candidateCount).keys()].filter((j) => open[j]);
  const clash = (a: number, b: number) => (conflicts ? Array.from(conflicts.neighbour.subarray(conflicts.start[a], conflicts.start[a + 1])).includes(b) : false);
  let best = -Infinity;
  const visit = (from: number, chosen: number[]) => {
    const covered = new Set<number>();
    for (let i = 0; i < weights.length; i++) if (baseline[i]) covered.add(i);
    for (const j of chosen) for (let q = coverage.start[j]; q < coverage.start[j + 1]; q++) covered.add(coverage.demand[q]);
    let v = 0;
    for (const i of covered) v += weights[i];
    best = Math.max(best, v);
    if (chosen.length === k) return;
    for (let t = from; t < sites.length; t++) if (!chosen.some((c) => clash(c, sites[t]))) visit(t + 1, [...chosen, sites[t]]);
  };
  visit(0, []);
  return best;
}

/**
 * Random instances of up to maxD demand points, maxC candidates and k ≤ maxK: coverage sets, weights
 * (whole, zero or fractional), up to two baseline-covered points and two closed candidates, plus the
 * fields `extra` draws for the test (given D and C).
 */
export function coverageInstances<E extends object>(maxD: number, maxC: number, maxK: number, extra: (D: number, C: number) => { [K in keyof E]: fc.Arbitrary<E[K]> }) {
  return fc.record({ D: fc.integer({ min: 1, max: maxD }), C: fc.integer({ min: 1, max: maxC }) }).chain(({ D, C }) =>
    fc
      .tuple(
        fc.record({
          sets: fc.array(fc.subarray([...Array(D).keys()]), { minLength: C, maxLength: C }),
          weights: fc.array(fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 1, max: 9 }) }, { weight: 1, arbitrary: fc.constant(0) }, { weight: 2, arbitrary: fc.double({ min: 0.1, max: 9, noNaN: true }) }), {
            minLength: D,
            maxLength: D,
          }),
          baseline: fc.subarray([...Array(D).keys()], { maxLength: Math.min(2, D) }),
          closed: fc.subarray([...Array(C).keys()], { maxLength: Math.min(2, C) }),
          k: fc.integer({ min: 1, max: maxK }),
        }),
        fc.record<E>(extra(D, C)),
      )
      .map(([base, more]) => ({ ...base, ...more })),
  );
}
