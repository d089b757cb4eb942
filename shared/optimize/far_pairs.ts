/**
 * Straight-line cost matrices cut down to a pair budget (project mode, see project/cost_cutoff.ts):
 * the matrix holds only the pairs up to a common cutoff, so a pair that is absent is not unreachable
 * but farther than the cutoff.
 *
 * Valid bounds: every absent pair costs more than `cutoffM`, so giving each demand point a virtual
 * option that costs exactly `cutoffM` (and never closes) makes the model's cost of any site set
 * min(true cost, cutoffM) or the true cost, never more. A lower bound of that model (Lagrangian, MIP,
 * p-center thresholds proven infeasible) is therefore a lower bound of the true problem.
 *
 * True objective: the reported figures are measured with the great-circle distance from every demand
 * point to its nearest open site (`trueAssignment`), never with the virtual option.
 */
import { InputError } from '../errors';
import { haversineM } from '../geodesy/haversine';
import type { PointArrays } from './point_costs';

export interface DistanceCutoff {
  /**
   * Every demand–candidate pair absent from the cost matrix is farther than this (metres), or no
   * nearer than the point's existing service (then it cannot matter).
   */
  readonly cutoffM: number;
  /** Demand positions (WGS84), aligned with the matrix rows; costs are haversineM between positions. */
  readonly demand: PointArrays;
  /** Candidate positions, aligned with the matrix columns. */
  readonly candidates: PointArrays;
}

/** Nearest and second-nearest option per demand point; a1 = candidate index, −1 for existing service. */
export interface Assignment {
  c1: Float64Array;
  c2: Float64Array;
  a1: Int32Array;
}

/**
 * Checks the cutoff against the matrix size once at the public entry.
 * @example checkDistanceCutoff({ cutoffM: 2000, demand, candidates }, 24470, 3400)
 */
export function checkDistanceCutoff(cutoff: DistanceCutoff, demandCount: number, candidateCount: number): void {
  if (!(cutoff.cutoffM > 0) || !Number.isFinite(cutoff.cutoffM)) {
    throw new InputError(`cutoff.cutoffM must be a finite distance > 0 m, got ${cutoff.cutoffM}`, { field: 'cutoff' });
  }
  const sizes: [PointArrays, number, string][] = [
    [cutoff.demand, demandCount, 'demand'],
    [cutoff.candidates, candidateCount, 'candidates'],
  ];
  for (const [points, count, name] of sizes) {
    if (points.lon.length !== count || points.lat.length !== count) {
      throw new InputError(`cutoff.${name} has ${points.lon.length} positions, the costs have ${count}`, { field: 'cutoff' });
    }
  }
}

/**
 * True nearest and second-nearest options of every demand point when `sites` (candidate indices: new
 * and fixed) are open, with great-circle distances, and `existingCost` per point (Infinity where no
 * existing facility serves it). O(demand × sites) haversines: sites are the k chosen ones.
 * @example trueAssignment(cutoff, baselineCost, [12, 40, 311]).c1[0] // metres to the nearest open site
 */
export function trueAssignment(cutoff: DistanceCutoff, existingCost: Float64Array, sites: readonly number[]): Assignment {
  const { demand, candidates } = cutoff;
  const n = demand.lon.length;
  const c1 = new Float64Array(n);
  const c2 = new Float64Array(n);
  const a1 = new Int32Array(n);
  const siteLon = Float64Array.from(sites, (j) => candidates.lon[j]);
  const siteLat = Float64Array.from(sites, (j) => candidates.lat[j]);
  for (let i = 0; i < n; i++) {
    let best1 = existingCost[i];
    let best2 = Infinity;
    let site1 = -1;
    const lon = demand.lon[i];
    const lat = demand.lat[i];
    for (let s = 0; s < sites.length; s++) {
      const d = haversineM(lon, lat, siteLon[s], siteLat[s]);
      if (d < best1) {
        best2 = best1;
        best1 = d;
        site1 = sites[s];
      } else if (d < best2) best2 = d;
    }
    c1[i] = best1;
    c2[i] = best2;
    a1[i] = site1;
  }
  return { c1, c2, a1 };
}

/**
 * Σ weight × true nearest cost of a site set (the p-median objective without the virtual option).
 * @example trueMedianObjective(cutoff, weights, baselineCost, [12, 40, 311])
 */
export function trueMedianObjective(cutoff: DistanceCutoff, weights: Float64Array, existingCost: Float64Array, sites: readonly number[]): number {
  const { c1 } = trueAssignment(cutoff, existingCost, sites);
  let sum = 0;
  for (let i = 0; i < c1.length; i++) if (weights[i] > 0) sum += weights[i] * c1[i];
  return sum;
}

/**
 * The true assignment of a result when the input has a cutoff, else null.
 * @example truthFor(input, sites.fixed, bestSites)?.c1
 */
export function truthFor(
  input: { cutoff?: DistanceCutoff; baselineCost?: Float64Array },
  fixed: Int32Array,
  selected: readonly number[],
): Assignment | null {
  if (!input.cutoff) return null;
  const existing = input.baselineCost ?? new Float64Array(input.cutoff.demand.lon.length).fill(Infinity);
  return trueAssignment(input.cutoff, existing, [...fixed, ...selected]);
}

/**
 * A note on the demand the cut-down model counted at the cutoff (none when every point has an open
 * site or existing facility within it).
 * @example farNote(cutoff, truth, weights, problem.baselineCost) // ['1830 demand points (…) are farther than 1970 m …']
 */
export function farNote(cutoff: DistanceCutoff, truth: Assignment, weights: Float64Array, optionCost: Float64Array): string[] {
  let count = 0;
  let weight = 0;
  for (let i = 0; i < weights.length; i++) {
    if (!(weights[i] > 0) || !(truth.c1[i] > optionCost[i])) continue;
    count++;
    weight += weights[i];
  }
  if (count === 0) return [];
  return [
    `${count} demand points (weight ${weight.toFixed(1)}) are farther than the cutoff (${cutoff.cutoffM.toFixed(0)} m) from every open site: ` +
      'the bound counts each at the cutoff (valid for the true problem, every farther pair costs more), ' +
      'while objective, mean and max cost use their true straight-line distance',
  ];
}
