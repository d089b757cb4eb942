/**
 * MIP formulations of the coverage problems for HiGHS:
 *  - maximal covering (MCLP, Church & ReVelle 1974): max Σ w_i z_i, z_i ≤ Σ_{j∈N(i)} x_j, Σ x_j ≤ k;
 *  - set covering (LSCP, Toregas et al. 1971): min Σ x_j, Σ_{j∈N(i)} x_j ≥ 1 for every demand to cover;
 *  - partial set covering: min Σ x_j, z_i ≤ Σ x_j, Σ w_i z_i ≥ required weight.
 * Spacing conflicts add x_a + x_b ≤ 1. Demand already covered by existing sites, with weight 0 or
 * out of reach of every open candidate gets no row (its contribution is a constant).
 */
import { MipModelBuilder, type MipModel } from './mip_model';
import type { CoverageProblem } from './coverage_greedy';

export type CoverageModelKind =
  | { kind: 'max-coverage'; k: number }
  | { kind: 'set-cover' }
  | { kind: 'partial-cover'; requiredWeight: number };

export interface CoverageModel {
  model: MipModel;
  /** Column of candidate j, or −1 when it is not a decision (not open). */
  siteColumn: Int32Array;
  /** Column of demand i's z variable, or −1. */
  demandColumn: Int32Array;
  /** Candidate of each x column, in column order. */
  columnSite: number[];
}

/** Demand → open candidates covering it (transpose of the coverage sets restricted to open sites). */
export function openCoverersByDemand(problem: CoverageProblem): { start: Int32Array; site: Int32Array } {
  const { coverage, open } = problem;
  const start = new Int32Array(coverage.demandCount + 1);
  for (let j = 0; j < coverage.candidateCount; j++) {
    if (!open[j]) continue;
    for (let p = coverage.start[j]; p < coverage.start[j + 1]; p++) start[coverage.demand[p] + 1]++;
  }
  for (let i = 0; i < coverage.demandCount; i++) start[i + 1] += start[i];
  const site = new Int32Array(start[coverage.demandCount]);
  const fill = start.slice(0, coverage.demandCount);
  for (let j = 0; j < coverage.candidateCount; j++) {
    if (!open[j]) continue;
    for (let p = coverage.start[j]; p < coverage.start[j + 1]; p++) site[fill[coverage.demand[p]]++] = j;
  }
  return { start, site };
}

/**
 * Size of the model `buildCoverageModel` would make, without building it.
 * @example coverageModelSize(problem, { kind: 'max-coverage', k: 4 }) // { columns: 221, nonzeros: 1128 } (SF, 5000 m)
 */
export function coverageModelSize(problem: CoverageProblem, spec: CoverageModelKind): { columns: number; nonzeros: number } {
  const { coverage, open, weights, baseline } = problem;
  let sites = 0;
  let pairs = 0;
  const reach = new Uint8Array(coverage.demandCount);
  for (let j = 0; j < coverage.candidateCount; j++) {
    if (!open[j]) continue;
    sites++;
    for (let p = coverage.start[j]; p < coverage.start[j + 1]; p++) {
      const i = coverage.demand[p];
      if (!baseline[i] && weights[i] > 0) {
        pairs++;
        reach[i] = 1;
      }
    }
  }
  let demandColumns = 0;
  for (let i = 0; i < reach.length; i++) demandColumns += reach[i];
  // Each conflict pair is one row with two entries; the CSR lists every pair twice.
  const conflictNonzeros = problem.conflicts ? problem.conflicts.neighbour.length : 0;
  if (spec.kind === 'set-cover') return { columns: sites, nonzeros: pairs + conflictNonzeros };
  // z in every cover row; max-coverage adds the Σx ≤ k row, partial cover the Σ w z ≥ target row.
  const extra = spec.kind === 'max-coverage' ? sites : demandColumns;
  return { columns: sites + demandColumns, nonzeros: pairs + demandColumns + extra + conflictNonzeros };
}

/**
 * Builds the MIP. `mustCover` (set-cover only) marks the demand that has to be covered.
 * @example buildCoverageModel(problem, { kind: 'max-coverage', k: 4 }).model.columnCount
 */
export function buildCoverageModel(problem: CoverageProblem, spec: CoverageModelKind, mustCover?: Uint8Array): CoverageModel {
  const { coverage, weights, baseline, open, conflicts } = problem;
  const { demandCount, candidateCount } = coverage;
  const byDemand = openCoverersByDemand(problem);
  const b = new MipModelBuilder(spec.kind === 'max-coverage' ? 'max' : 'min');
  const siteColumn = new Int32Array(candidateCount).fill(-1);
  const demandColumn = new Int32Array(demandCount).fill(-1);
  const columnSite: number[] = [];
  const siteCost = spec.kind === 'max-coverage' ? 0 : 1;
  for (let j = 0; j < candidateCount; j++) {
    if (!open[j]) continue;
    siteColumn[j] = b.addColumn(`x${j}`, siteCost, 0, 1, true);
    columnSite.push(j);
  }
  let constant = 0;
  const indices: number[] = [];
  const values: number[] = [];
  const coverRow = (i: number, z: number) => {
    indices.length = 0;
    values.length = 0;
    if (z >= 0) {
      indices.push(z);
      values.push(1);
    }
    for (let p = byDemand.start[i]; p < byDemand.start[i + 1]; p++) {
      indices.push(siteColumn[byDemand.site[p]]);
      values.push(-1);
    }
  };
  for (let i = 0; i < demandCount; i++) {
    if (baseline[i]) {
      constant += weights[i];
      continue;
    }
    const reachable = byDemand.start[i + 1] > byDemand.start[i];
    if (spec.kind === 'set-cover') {
      if (!mustCover || !mustCover[i] || !reachable) continue;
      coverRow(i, -1);
      for (let k = 0; k < values.length; k++) values[k] = 1;
      b.addGreaterEqual(indices, values, 1);
      continue;
    }
    if (!(weights[i] > 0) || !reachable) continue;
    const z = b.addColumn(`z${i}`, spec.kind === 'max-coverage' ? weights[i] : 0, 0, 1);
    demandColumn[i] = z;
    coverRow(i, z);
    b.addLessEqual(indices, values, 0);
  }
  if (spec.kind === 'max-coverage') {
    b.offset = constant;
    b.addLessEqual(columnSite.map((j) => siteColumn[j]), columnSite.map(() => 1), spec.k);
  } else if (spec.kind === 'partial-cover') {
    const zi: number[] = [];
    const zw: number[] = [];
    for (let i = 0; i < demandCount; i++) {
      if (demandColumn[i] >= 0) {
        zi.push(demandColumn[i]);
        zw.push(weights[i]);
      }
    }
    b.addGreaterEqual(zi, zw, spec.requiredWeight - constant);
  }
  if (conflicts) {
    for (let a = 0; a < candidateCount; a++) {
      if (siteColumn[a] < 0) continue;
      for (let q = conflicts.start[a]; q < conflicts.start[a + 1]; q++) {
        const other = conflicts.neighbour[q];
        if (other > a && siteColumn[other] >= 0) b.addLessEqual([siteColumn[a], siteColumn[other]], [1, 1], 1);
      }
    }
  }
  return { model: b.build(), siteColumn, demandColumn, columnSite };
}

/**
 * Column values of a site set for use as a MIP start (x and the implied z).
 * @example coverageStart(built, problem, [1, 6]) // Float64Array of model.columnCount values
 */
export function coverageStart(built: CoverageModel, problem: CoverageProblem, sites: readonly number[]): Float64Array {
  const values = new Float64Array(built.model.columnCount);
  const { coverage } = problem;
  for (const j of sites) {
    if (built.siteColumn[j] < 0) continue;
    values[built.siteColumn[j]] = 1;
    for (let p = coverage.start[j]; p < coverage.start[j + 1]; p++) {
      const z = built.demandColumn[coverage.demand[p]];
      if (z >= 0) values[z] = 1;
    }
  }
  return values;
}

/** Sites whose x column is 1 in a solution vector. */
export function sitesFromValues(built: CoverageModel, values: Float64Array): number[] {
  return built.columnSite.filter((j) => values[built.siteColumn[j]] > 0.5);
}
