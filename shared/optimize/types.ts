/**
 * Data structures of the siting optimiser. Everything is index based: demand points 0..D-1 and
 * candidate sites 0..C-1, with ids kept alongside for reports. Hot loops run on these typed arrays.
 *
 * Units: costs are whatever the source gives (metres of network distance, minutes of walking, an
 * imported OD matrix's impedance); weights are persons (older people) per demand point.
 */

/**
 * Who covers whom: for every candidate j the demand indices within the service threshold, in CSR
 * form. `demand.subarray(start[j], start[j + 1])` are the demand points candidate j covers.
 */
export interface CoverageSets {
  readonly demandCount: number;
  readonly candidateCount: number;
  /** Length candidateCount + 1, non-decreasing, start[0] = 0. */
  readonly start: Int32Array;
  /** Demand indices, no duplicates within one candidate. */
  readonly demand: Int32Array;
}

/**
 * Sparse travel costs between demand points and candidates, stored in both orientations. A pair that
 * is absent is unreachable (infinite cost). Rows by demand are sorted by ascending cost (ties by
 * candidate index) so that "nearest open site" is a short scan; columns by candidate are sorted by
 * demand index.
 */
export interface CostMatrix {
  readonly demandCount: number;
  readonly candidateCount: number;
  /** Length demandCount + 1. */
  readonly rowStart: Int32Array;
  readonly rowCandidate: Int32Array;
  readonly rowCost: Float64Array;
  /** Length candidateCount + 1. */
  readonly colStart: Int32Array;
  readonly colDemand: Int32Array;
  readonly colCost: Float64Array;
}

/** Pairs of candidates that may not both be opened (closer than the minimum spacing), as CSR. */
export interface ConflictGraph {
  readonly candidateCount: number;
  /** Length candidateCount + 1. */
  readonly start: Int32Array;
  /** Neighbour candidate indices; symmetric (a lists b iff b lists a), no self loops. */
  readonly neighbour: Int32Array;
}

/** Fields shared by every siting problem. */
export interface SitingInput {
  /** Candidate ids (reported in `selected`), length C. */
  readonly candidateIds: readonly string[];
  /** Demand ids for messages, length D (optional). */
  readonly demandIds?: readonly string[];
  /** Demand weight per point (older persons), length D, finite and ≥ 0. */
  readonly weights: Float64Array;
  /** 1 where the candidate may be opened as a new site (after filters); default all. */
  readonly eligible?: Uint8Array;
  /**
   * Candidate indices that are open already (existing facilities placed in the candidate list):
   * they serve demand but are not counted in k and never closed.
   */
  readonly fixed?: readonly number[];
  /** Minimum-spacing conflicts between new sites. */
  readonly conflicts?: ConflictGraph;
}

/** The optimisation problems the solver knows. */
export type ProblemKind = 'max-coverage' | 'min-facilities' | 'p-median' | 'p-center' | 'capacitated-max-coverage';

/** How a result was obtained. */
export type SolvePath = 'mip' | 'heuristic' | 'branch-and-bound';

/** Where the reported bound comes from. */
export type BoundSource = 'mip' | 'lp' | 'lagrangian' | 'greedy' | 'packing' | 'trivial' | 'branch-and-bound';

/** Explicit size limits for handing a model to HiGHS. */
export interface ModelLimits {
  /** Largest MIP (columns) solved exactly; above it the heuristic path is used. */
  maxMipColumns: number;
  /** Largest MIP (constraint-matrix nonzeros) solved exactly. */
  maxMipNonzeros: number;
  /** Largest LP relaxation (nonzeros) solved for a bound when the MIP is too large. */
  maxLpNonzeros: number;
  /** Wall-clock limit for one MIP solve; when reached the result is not exact. */
  mipTimeLimitSeconds: number;
  /**
   * When the MIP is too large, the LP relaxation is solved for a tighter bound only while the relative
   * gap is above this (an LP of a million nonzeros can take HiGHS half a minute to shave 0.1 %).
   */
  lpBoundMinGap: number;
  /**
   * Wall-clock limit of such a bound-only LP: lpSecondsPerMillionNonzeros × nonzeros / 10⁶, at least
   * 1 s and at most maxLpSeconds (it adds nothing when it stops early, so it is kept short). The MIP
   * keeps mipTimeLimitSeconds.
   */
  lpSecondsPerMillionNonzeros: number;
  maxLpSeconds: number;
}

export const DEFAULT_LIMITS: ModelLimits = {
  maxMipColumns: 20_000,
  maxMipNonzeros: 200_000,
  maxLpNonzeros: 2_000_000,
  mipTimeLimitSeconds: 30,
  lpBoundMinGap: 0.005,
  lpSecondsPerMillionNonzeros: 5,
  maxLpSeconds: 10,
};

import type { AbortFlag } from '../run_control';

export type { AbortFlag };

export interface SolveOptions {
  /**
   * 'auto' (default): heuristic, then MIP when the model fits the limits and the gap is open.
   * 'exact': heuristic, then always the MIP (even when the heuristic's bound already closes the gap);
   * refused with an InputError when the model is beyond the limits. p-center uses the MIP for the
   * thresholds the cheaper tests leave undecided. 'heuristic': never HiGHS.
   */
  method?: 'auto' | 'exact' | 'heuristic';
  /** Seed of the deterministic pseudo-random choices (restarts, perturbations). Default 1. */
  seed?: number;
  limits?: Partial<ModelLimits>;
  /** Progress in [0, 1], non-decreasing. */
  onProgress?: (fraction: number) => void;
  signal?: AbortFlag;
  /**
   * Called with every model handed to HiGHS (write it with `modelToLpText` to reproduce the solve
   * in another solver).
   */
  onModel?: (model: import('./mip_model').MipModel) => void;
  /** Passed to the HiGHS loader (e.g. `locateFile` for highs.wasm in a browser worker). */
  highsLoaderOptions?: { locateFile?: (file: string) => string };
}

export interface CoveredFigures {
  /** Demand weight served (within the threshold of an open site, or assigned under capacities). */
  weight: number;
  /** Demand points with weight > 0 fully served. */
  count: number;
  /** weight / total weight (0 when the total is 0). */
  ratio: number;
}

/** The JSON result of every problem (see the definition of the fields). */
export interface OptimizeResult {
  problem: ProblemKind;
  /** Candidate ids of the new sites, by decreasing marginal gain. */
  selected: string[];
  /** Objective of the problem (covered weight, number of sites, Σ weight × cost, max cost). */
  objective: number;
  /** Best proven bound on the optimal objective (upper for max-coverage, lower otherwise). */
  bound: number;
  /** |objective − bound| / |objective| (0 when both are 0). */
  gap: number;
  /** True when the objective is proven optimal (gap closed by the MIP or by the bound). */
  exact: boolean;
  covered: CoveredFigures;
  /** Weighted mean cost to the nearest open site over served demand; null without costs. */
  meanCost: number | null;
  /** Largest cost to the nearest open site over served demand with weight > 0; null without costs. */
  maxCost: number | null;
  seconds: number;
  /**
   * Per selected site (same order): how much worse the objective gets when that site alone is
   * removed: covered / served weight lost (coverage problems, min-facilities), Σ weight × cost added
   * (p-median), rise of the worst cost (p-center). Infinity (null in JSON) when removing the site
   * would leave demand unreachable.
   */
  marginalGains: number[];
  /** Demand already served by existing (fixed) facilities before any new site. */
  baseline: { weight: number; count: number };
  path: SolvePath;
  boundSource: BoundSource;
  /** Size of the last model handed to HiGHS, when one was. */
  model: { columns: number; rows: number; nonzeros: number; relaxed: boolean } | null;
  /** Plain-language remarks (limits hit, demand excluded, ...). */
  notes: string[];
}
