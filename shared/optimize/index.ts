/**
 * The siting optimiser's public API (shared/: runs in Node, in the renderer and in a worker).
 *
 * Typical flow: costs (imported matrix CSV, straight-line distance, or the walking-network engine)
 * → coverage sets for a threshold → candidate filters and spacing → a solver → OptimizeResult JSON.
 */
export * from './types';
export { optimize, type OptimizeRequest, type OptimizeOptions } from './optimize';
export { solveMaxCoverage, type MaxCoverageInput, type CoverageSolveOptions } from './max_coverage';
export { solveMinFacilities, type MinFacilitiesInput } from './min_facilities';
export { solvePMedian, type PMedianInput, type MedianSolveOptions } from './p_median';
export { solvePCenter, type PCenterInput } from './p_center';
export { solveCapacitatedCoverage, type CapacitatedCoverageInput } from './capacitated_coverage';
export { costMatrixFromDense, costMatrixFromPairs, coverageFromCosts, pairCost, maxFiniteCost } from './cost_matrix';
export { coverageFromPoints, costMatrixFromPoints, type PointArrays, type ProgressOptions } from './point_costs';
export { parseCostMatrixCsv, parseDemandWeightsCsv, type ImportedCosts, type DemandWeights, type MatrixCsvColumns, type WeightsCsvColumns } from './matrix_csv';
export { parseOrlibPmed, type OrlibPmedInstance } from './orlib_pmed';
export { filterCandidates, type CandidateSite, type CandidateRules, type CandidateFilterResult, type ExclusionReason } from './candidate_filter';
export { spacingConflicts } from './spacing_conflicts';
export { gridCandidates, type GridCandidates } from './grid_candidates';
export { modelToLpText } from './lp_format';
export { loadHighs } from './highs_solver';
export type { ZoneGeometry } from './point_in_zone';
