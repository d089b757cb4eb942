/**
 * What the optimiser needs from a project, whichever way the costs were made: who covers whom within
 * the threshold, or sparse costs to candidates, plus what the existing facilities already provide.
 * Built by `siting optimize` (electron/services/optimize) and by the renderer worker alike.
 */
import type { DistanceCutoff } from '../far_pairs';
import type { CostMatrix, CoverageSets } from '../types';
import type { CostCutoff } from './cost_cutoff';

/** Circle mode: metres of great-circle distance. Network mode: minutes of walking at the chosen speed. */
export type CostUnit = 'm' | 'min';

export interface SolverInputs {
  /** Coverage problems: demand within the threshold of each site. */
  coverage?: CoverageSets;
  /** Cost problems (and network coverage, for mean / max walking time). */
  costs?: CostMatrix;
  /** 1 where an existing facility covers the demand point already. */
  baselineCovered?: Uint8Array;
  /** Cost from each demand point to its nearest existing facility (Infinity where none reaches it). */
  baselineCost?: Float64Array;
  costUnit: CostUnit;
  /** Demand–site pairs in the model (coverage sets or cost matrix), counted before the solve moves them. */
  pairs: number;
  /** The coverage threshold in costUnit (radius in metres or minutes), null when none applies. */
  threshold: number | null;
  /** Circle cost problems: how far the straight-line costs go. */
  cutoff?: CostCutoff;
  /** Circle cost problems cut down to the pair budget: what the solver needs to stay valid (far_pairs.ts). */
  distanceCutoff?: DistanceCutoff;
  /** Network mode: the walking network and the points that did not reach it. */
  network?: {
    ways: number;
    nodes: number;
    edges: number;
    lengthKm: number;
    offNetworkCells: number;
    /** Sites farther than the snap distance from every walkable way: they reach nobody. */
    offNetworkSites: number;
  };
  notes: string[];
}
