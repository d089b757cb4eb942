/**
 * One entry point for every siting problem, for the CLI (`siting optimize`) and the worker: the
 * problem kind selects the solver. All solvers return the same OptimizeResult JSON.
 */
import { solveCapacitatedCoverage, type CapacitatedCoverageInput } from './capacitated_coverage';
import { solveMaxCoverage, type CoverageSolveOptions, type MaxCoverageInput } from './max_coverage';
import { solveMinFacilities, type MinFacilitiesInput } from './min_facilities';
import { solvePCenter, type PCenterInput } from './p_center';
import { solvePMedian, type MedianSolveOptions, type PMedianInput } from './p_median';
import type { OptimizeResult } from './types';

export type OptimizeRequest =
  | ({ problem: 'max-coverage' } & MaxCoverageInput)
  | ({ problem: 'min-facilities' } & MinFacilitiesInput)
  | ({ problem: 'p-median' } & PMedianInput)
  | ({ problem: 'p-center' } & PCenterInput)
  | ({ problem: 'capacitated-max-coverage' } & CapacitatedCoverageInput);

export type OptimizeOptions = CoverageSolveOptions & MedianSolveOptions;

/**
 * Solves the requested problem.
 * @example
 *   const result = await optimize({ problem: 'max-coverage', coverage, k: 4, weights, candidateIds });
 *   JSON.stringify(result) // {"problem":"max-coverage","selected":[...],"objective":...,"bound":...,"gap":...}
 */
export function optimize(request: OptimizeRequest, options: OptimizeOptions = {}): Promise<OptimizeResult> {
  switch (request.problem) {
    case 'max-coverage':
      return solveMaxCoverage(request, options);
    case 'min-facilities':
      return solveMinFacilities(request, options);
    case 'p-median':
      return solvePMedian(request, options);
    case 'p-center':
      return solvePCenter(request, options);
    case 'capacitated-max-coverage':
      return solveCapacitatedCoverage(request, options);
  }
}
