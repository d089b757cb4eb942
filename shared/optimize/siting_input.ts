/**
 * Checks the parts every siting problem shares (weights, eligibility, fixed sites, spacing conflicts,
 * k) once at the public entry, and normalises them into the arrays the solvers use.
 */
import { InputError } from '../errors';
import type { ConflictGraph, CostMatrix, CoverageSets, SitingInput } from './types';

export interface NormalisedSites {
  demandCount: number;
  candidateCount: number;
  /** 1 where the candidate may be opened as a new site (eligible and not already fixed). */
  open: Uint8Array;
  /** Number of candidates with open = 1. */
  openCount: number;
  fixed: Int32Array;
  /** Conflicts restricted to new-site candidates, or null when there are none. */
  conflicts: ConflictGraph | null;
  /** Sum of all weights. */
  totalWeight: number;
  /** Demand points with weight > 0. */
  positiveCount: number;
}

/**
 * Validates the shared input against the demand and candidate counts of the cost structure.
 * @example normaliseSites({ candidateIds: ['a'], weights: new Float64Array([1]) }, 1, 1).openCount // 1
 */
export function normaliseSites(input: SitingInput, demandCount: number, candidateCount: number): NormalisedSites {
  const { weights, candidateIds } = input;
  if (candidateIds.length !== candidateCount) {
    throw new InputError(`candidateIds has ${candidateIds.length} entries, the costs have ${candidateCount} candidates`, {
      field: 'candidateIds',
    });
  }
  if (input.demandIds && input.demandIds.length !== demandCount) {
    throw new InputError(`demandIds has ${input.demandIds.length} entries, the costs have ${demandCount} demand points`, {
      field: 'demandIds',
    });
  }
  if (weights.length !== demandCount) {
    throw new InputError(`weights has ${weights.length} entries, the costs have ${demandCount} demand points`, {
      field: 'weights',
    });
  }
  let totalWeight = 0;
  let positiveCount = 0;
  for (let i = 0; i < demandCount; i++) {
    const w = weights[i];
    if (!(w >= 0) || !Number.isFinite(w)) {
      throw new InputError(`weight must be finite and ≥ 0, got ${w} for demand ${demandLabel(input, i)}`, {
        field: 'weights',
      });
    }
    totalWeight += w;
    if (w > 0) positiveCount++;
  }
  const open = new Uint8Array(candidateCount);
  if (input.eligible) {
    if (input.eligible.length !== candidateCount) {
      throw new InputError(`eligible has ${input.eligible.length} entries, expected ${candidateCount}`, { field: 'eligible' });
    }
    for (let j = 0; j < candidateCount; j++) open[j] = input.eligible[j] ? 1 : 0;
  } else open.fill(1);
  const fixed = new Int32Array(input.fixed ?? []);
  const seen = new Uint8Array(candidateCount);
  for (const j of fixed) {
    if (!(j >= 0 && j < candidateCount)) {
      throw new InputError(`fixed site index ${j} out of range [0, ${candidateCount})`, { field: 'fixed' });
    }
    if (seen[j]) throw new InputError(`fixed site ${candidateIds[j]} is listed twice`, { field: 'fixed' });
    seen[j] = 1;
    open[j] = 0;
  }
  let openCount = 0;
  for (let j = 0; j < candidateCount; j++) openCount += open[j];
  let conflicts: ConflictGraph | null = null;
  if (input.conflicts) {
    checkConflicts(input.conflicts, candidateCount);
    if (input.conflicts.neighbour.length > 0) conflicts = input.conflicts;
  }
  return { demandCount, candidateCount, open, openCount, fixed, conflicts, totalWeight, positiveCount };
}

/**
 * Checks the number of new sites k.
 * @example checkK(4, 16) // no error
 */
export function checkK(k: number, openCount: number, field = 'k'): void {
  if (!Number.isInteger(k) || k < 1) throw new InputError(`${field} must be an integer ≥ 1, got ${k}`, { field });
  if (k > openCount) {
    throw new InputError(`${field} = ${k} new sites requested but only ${openCount} candidates are eligible`, { field }, { reason: 'too_few_candidates', params: { k, eligible: openCount } });
  }
}

/**
 * Per demand 1 when a fixed (existing) site covers it or `extra` marks it covered already.
 * @example baselineCoverage(coverage, new Int32Array([0])) // demand covered by candidate 0 marked 1
 */
export function baselineCoverage(coverage: CoverageSets, fixed: Int32Array, extra?: Uint8Array): Uint8Array {
  const covered = new Uint8Array(coverage.demandCount);
  if (extra) {
    if (extra.length !== coverage.demandCount) {
      throw new InputError(`baselineCovered has ${extra.length} entries, expected ${coverage.demandCount}`, {
        field: 'baselineCovered',
      });
    }
    for (let i = 0; i < covered.length; i++) covered[i] = extra[i] ? 1 : 0;
  }
  for (const j of fixed) {
    for (let p = coverage.start[j]; p < coverage.start[j + 1]; p++) covered[coverage.demand[p]] = 1;
  }
  return covered;
}

/**
 * Per demand the cost to the nearest fixed (existing) site, combined with `extra` (a cost already
 * available elsewhere); Infinity where neither exists.
 * @example baselineCosts(matrix, new Int32Array([])) // all Infinity
 */
export function baselineCosts(matrix: CostMatrix, fixed: Int32Array, extra?: Float64Array): Float64Array {
  const cost = new Float64Array(matrix.demandCount).fill(Infinity);
  if (extra) {
    if (extra.length !== matrix.demandCount) {
      throw new InputError(`baselineCost has ${extra.length} entries, expected ${matrix.demandCount}`, {
        field: 'baselineCost',
      });
    }
    for (let i = 0; i < cost.length; i++) {
      const c = extra[i];
      if (c < 0 || Number.isNaN(c)) {
        throw new InputError(`baselineCost must be ≥ 0 or Infinity, got ${c} at demand ${i}`, { field: 'baselineCost' });
      }
      cost[i] = c;
    }
  }
  for (const j of fixed) {
    for (let q = matrix.colStart[j]; q < matrix.colStart[j + 1]; q++) {
      const i = matrix.colDemand[q];
      if (matrix.colCost[q] < cost[i]) cost[i] = matrix.colCost[q];
    }
  }
  return cost;
}

/** Checks that coverage sets are well formed and match the counts. */
export function checkCoverageSets(coverage: CoverageSets): void {
  const { start, demand, candidateCount, demandCount } = coverage;
  if (start.length !== candidateCount + 1 || start[0] !== 0 || start[candidateCount] !== demand.length) {
    throw new InputError('coverage sets: start must have candidateCount + 1 offsets from 0 to demand.length', {
      field: 'coverage',
    });
  }
  for (let j = 0; j < candidateCount; j++) {
    if (start[j + 1] < start[j]) throw new InputError(`coverage sets: offsets decrease at candidate ${j}`, { field: 'coverage' });
  }
  for (let p = 0; p < demand.length; p++) {
    const i = demand[p];
    if (!(i >= 0 && i < demandCount)) {
      throw new InputError(`coverage sets: demand index ${i} out of range [0, ${demandCount})`, { field: 'coverage' });
    }
  }
}

function checkConflicts(conflicts: ConflictGraph, candidateCount: number): void {
  const { start, neighbour } = conflicts;
  if (conflicts.candidateCount !== candidateCount || start.length !== candidateCount + 1) {
    throw new InputError(`conflicts cover ${conflicts.candidateCount} candidates, expected ${candidateCount}`, {
      field: 'conflicts',
    });
  }
  for (let p = 0; p < neighbour.length; p++) {
    if (!(neighbour[p] >= 0 && neighbour[p] < candidateCount)) {
      throw new InputError(`conflicts: candidate index ${neighbour[p]} out of range`, { field: 'conflicts' });
    }
  }
}

/** The id of a demand point for messages ("#12" when no ids were given). */
export function demandLabel(input: Pick<SitingInput, 'demandIds'>, i: number): string {
  return input.demandIds ? input.demandIds[i] : `#${i}`;
}
