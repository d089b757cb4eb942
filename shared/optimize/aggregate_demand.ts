/**
 * A second valid relaxation for straight-line cost problems whose matrix was cut down to a pair budget
 * (far_pairs.ts), for when many demand points lie beyond the cutoff (few sites, no existing facilities):
 * demand is grouped on a coarse grid and each group g gets one representative point r_g.
 *
 * For a demand point i of group g at distance δ_i from r_g, and any site set S, the triangle
 * inequality gives d(i, j) ≥ d(r_g, j) − δ_i for every site j, hence
 *   cost_i(S) = min(b_i, min_{j∈S} d(i, j)) ≥ f_i(m_g(S)),  f_i(m) = min(b_i, max(0, m − δ_i)),
 * with m_g(S) = min_{j∈S} d(r_g, j) and b_i the existing service. Every f_i is non-decreasing in the
 * same scalar, so Σ_{i∈g} w_i f_i(m_g(S)) = min_{j∈S} F_gj with F_gj = Σ_{i∈g} w_i f_i(d(r_g, j)), and
 * max_{i∈g} f_i(m_g(S)) = min_{j∈S} H_gj with H_gj = max_{i∈g} f_i(d(r_g, j)). So a p-median on the
 * groups with costs F (a p-center with costs H) has an optimum ≤ the true optimum: any lower bound of
 * it is a lower bound of the true problem, and its sites are good candidates (evaluated with true
 * distances afterwards).
 */
import { DEG_TO_RAD, EARTH_RADIUS_M, haversineM } from '../geodesy/haversine';
import { costMatrixFromPairs } from './cost_matrix';
import type { DistanceCutoff } from './far_pairs';
import type { CostMatrix } from './types';

/** Group × candidate pairs of the aggregated model at most. */
export const AGGREGATE_PAIR_BUDGET = 4_000_000;

export interface DemandGroups {
  groupCount: number;
  /** Grid cell size of the groups, metres. */
  cellM: number;
  repLon: Float64Array;
  repLat: Float64Array;
  /** Members of group g: positions start[g] .. start[g + 1] − 1 of the member arrays. */
  start: Int32Array;
  /** Per member: distance to its group's representative (δ), weight, existing cost. */
  delta: Float64Array;
  weight: Float64Array;
  existing: Float64Array;
  /** Σ weight × δ: what the relaxation loses at most against the true optimum (p-median). */
  offsetSum: number;
  /** Largest δ: what it loses at most for p-center. */
  offsetMax: number;
}

export interface AggregatedDemand {
  /** Group × open-candidate costs F (sum) or H (max); every open candidate reaches every group. */
  costs: CostMatrix;
  /** Per group: the same function at m = ∞ (the existing service alone), Infinity when some member has none. */
  baselineCost: Float64Array;
  /** Weight 1 per group (the weights are inside the costs). */
  weights: Float64Array;
}

/**
 * Groups the demand points with weight > 0 so that groups × open candidates ≤ pairBudget.
 * @example demandGroups(cutoff, weights, existingCost, 3400).offsetSum / 518264 // mean δ, ≈ 170 m
 */
export function demandGroups(
  cutoff: DistanceCutoff,
  weights: Float64Array,
  existingCost: Float64Array,
  openCount: number,
  pairBudget = AGGREGATE_PAIR_BUDGET,
): DemandGroups {
  const { demand } = cutoff;
  const maxGroups = Math.max(1, Math.floor(pairBudget / Math.max(1, openCount)));
  const members: number[] = [];
  for (let i = 0; i < weights.length; i++) if (weights[i] > 0) members.push(i);
  const { groupOf, groupCount, cellM } = gridGroups(demand.lon, demand.lat, members, maxGroups);

  // Representative: the weighted centroid of the members (lon/lat are fine at city scale).
  const sumW = new Float64Array(groupCount);
  const repLon = new Float64Array(groupCount);
  const repLat = new Float64Array(groupCount);
  for (const i of members) {
    const g = groupOf[i];
    sumW[g] += weights[i];
    repLon[g] += weights[i] * demand.lon[i];
    repLat[g] += weights[i] * demand.lat[i];
  }
  for (let g = 0; g < groupCount; g++) {
    repLon[g] /= sumW[g];
    repLat[g] /= sumW[g];
  }
  const start = new Int32Array(groupCount + 1);
  for (const i of members) start[groupOf[i] + 1]++;
  for (let g = 0; g < groupCount; g++) start[g + 1] += start[g];
  const fill = start.slice(0, groupCount);
  const delta = new Float64Array(members.length);
  const weight = new Float64Array(members.length);
  const existing = new Float64Array(members.length);
  let offsetSum = 0;
  let offsetMax = 0;
  for (const i of members) {
    const g = groupOf[i];
    const p = fill[g]++;
    delta[p] = haversineM(repLon[g], repLat[g], demand.lon[i], demand.lat[i]);
    weight[p] = weights[i];
    existing[p] = existingCost[i];
    const loss = Math.min(delta[p], existingCost[i]);
    offsetSum += weights[i] * loss;
    if (loss > offsetMax) offsetMax = loss;
  }
  return { groupCount, cellM, repLon, repLat, start, delta, weight, existing, offsetSum, offsetMax };
}

/**
 * The relaxed group × candidate costs (F for 'sum', H for 'max').
 * @example aggregatedCosts(groups, cutoff, open, 'sum').costs.rowCost.length // groups × open candidates
 */
export function aggregatedCosts(groups: DemandGroups, cutoff: DistanceCutoff, open: Uint8Array, kind: 'sum' | 'max'): AggregatedDemand {
  const { candidates } = cutoff;
  const { groupCount, start, delta, weight, existing, repLon, repLat } = groups;
  const openSites: number[] = [];
  for (let j = 0; j < open.length; j++) if (open[j]) openSites.push(j);
  const value = (g: number, m: number): number => {
    let out = 0;
    for (let p = start[g]; p < start[g + 1]; p++) {
      const reduced = m - delta[p];
      const f = reduced <= 0 ? 0 : reduced < existing[p] ? reduced : existing[p];
      if (kind === 'sum') out += weight[p] * f;
      else if (f > out) out = f;
    }
    return out;
  };
  const pairCount = groupCount * openSites.length;
  const pairDemand = new Int32Array(pairCount);
  const pairCandidate = new Int32Array(pairCount);
  const pairCost = new Float64Array(pairCount);
  const baselineCost = new Float64Array(groupCount);
  let n = 0;
  for (let g = 0; g < groupCount; g++) {
    baselineCost[g] = value(g, Infinity);
    for (const j of openSites) {
      pairDemand[n] = g;
      pairCandidate[n] = j;
      pairCost[n++] = value(g, haversineM(repLon[g], repLat[g], candidates.lon[j], candidates.lat[j]));
    }
  }
  const costs = costMatrixFromPairs(groupCount, open.length, pairDemand, pairCandidate, pairCost);
  return { costs, baselineCost, weights: new Float64Array(groupCount).fill(1) };
}

/**
 * Square grid cells (local equirectangular metres) over the points, the cell size grown until at
 * most `maxGroups` cells are occupied; returns the group of every listed point (−1 for the others).
 */
function gridGroups(
  lon: Float64Array,
  lat: Float64Array,
  members: readonly number[],
  maxGroups: number,
): { groupOf: Int32Array; groupCount: number; cellM: number } {
  const groupOf = new Int32Array(lon.length).fill(-1);
  if (members.length === 0) return { groupOf, groupCount: 0, cellM: 0 };
  let west = Infinity;
  let east = -Infinity;
  let south = Infinity;
  let north = -Infinity;
  for (const i of members) {
    west = Math.min(west, lon[i]);
    east = Math.max(east, lon[i]);
    south = Math.min(south, lat[i]);
    north = Math.max(north, lat[i]);
  }
  const mPerDegLat = EARTH_RADIUS_M * DEG_TO_RAD;
  const mPerDegLon = mPerDegLat * Math.cos(((south + north) / 2) * DEG_TO_RAD);
  const widthM = Math.max(1, (east - west) * mPerDegLon);
  const heightM = Math.max(1, (north - south) * mPerDegLat);
  let cellM = Math.max(1, Math.sqrt((widthM * heightM) / maxGroups));
  for (;;) {
    const columns = Math.floor(widthM / cellM) + 1;
    const ids = new Map<number, number>();
    for (const i of members) {
      const key = Math.floor(((lat[i] - south) * mPerDegLat) / cellM) * columns + Math.floor(((lon[i] - west) * mPerDegLon) / cellM);
      let g = ids.get(key);
      if (g === undefined) {
        g = ids.size;
        ids.set(key, g);
      }
      groupOf[i] = g;
    }
    if (ids.size <= maxGroups || ids.size === 1) return { groupOf, groupCount: ids.size, cellM };
    cellM *= 1.15;
  }
}
