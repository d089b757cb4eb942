/**
 * Fewest new sites for a target weight, through maximum coverage with k sites (for min-facilities
 * models too large for the exact MIP):
 *  - lower bound: if the Lagrangian upper bound of max-coverage with k sites (coverage_lagrangian.ts)
 *    is below the target, more than k sites are needed. The bound grows with k, so the provable k form
 *    a prefix: binary search. (Its LP value equals the partial-cover LP's: min k with LP-MCLP(k) ≥ R.)
 *  - fewer sites: the smallest k whose greedy + swap search (or a Lagrangian site set) reaches the
 *    target, by binary search below the greedy set cover's size.
 */
import { coverageValue, greedyCoverage, type CoverageProblem } from './coverage_greedy';
import { lagrangianCoverageBound } from './coverage_lagrangian';
import { swapLocalSearch } from './coverage_swap';
import type { SolveControl } from './solve_control';

export interface SiteCountSearch {
  /** Proven: at least this many new sites are needed. */
  lower: number;
  /** True when the max-coverage bound raised `lower`. */
  raised: boolean;
  /** The fewest sites found that reach the target (null when none better than `upper` was found). */
  sites: number[] | null;
  /** k values tried. */
  tries: number;
}

/**
 * `lower` is already proven; `upper` is a site set reaching the target.
 * @example siteCountSearch(problem, 0.9 * total, 34, greedySites, false, control).lower // e.g. 52
 */
export function siteCountSearch(
  problem: CoverageProblem,
  required: number,
  lower: number,
  upper: readonly number[],
  integral: boolean,
  control?: SolveControl,
): SiteCountSearch {
  const nnz = problem.coverage.demand.length;
  const iterations = Math.max(20, Math.min(150, Math.round(3e8 / Math.max(1, nnz))));
  const enough = required * (1 - 1e-12);
  let sites: number[] | null = null;
  let best = upper.length;
  let tries = 0;
  /** Heuristic sites reaching the target with k sites, and whether the bound proves k too few. */
  const attempt = (k: number): { proven: boolean } => {
    tries++;
    const greedy = greedyCoverage(problem, k, undefined, required);
    let value = greedy.value;
    let chosen = greedy.selected;
    if (value < enough && chosen.length === k) {
      const swapped = swapLocalSearch(problem, chosen, 60, control);
      ({ value, selected: chosen } = swapped);
    }
    if (value >= enough) {
      if (chosen.length < best) [best, sites] = [chosen.length, chosen.slice()];
      return { proven: false };
    }
    const lagrangian = lagrangianCoverageBound(problem, k, value, iterations, control, integral, enough);
    if (lagrangian.improved && lagrangian.improved.value >= enough && k < best) {
      [best, sites] = [k, lagrangian.improved.selected];
      return { proven: false };
    }
    return { proven: lagrangian.bound < enough };
  };

  // Proofs: the largest k proven too few lies in [lower − 1, best − 1).
  let provenTooFew = lower - 1;
  let lo = lower;
  let hi = best - 1;
  let raised = false;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (attempt(mid).proven) {
      provenTooFew = mid;
      lo = mid + 1;
      raised = true;
    } else hi = mid - 1;
  }
  // Fewer sites: the smallest k in (provenTooFew, best) the heuristics reach.
  lo = provenTooFew + 1;
  hi = best - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const before = best;
    attempt(mid);
    if (best < before) hi = best - 1;
    else lo = mid + 1;
  }
  if (sites && coverageValue(problem, sites).value < enough) sites = null;
  return { lower: provenTooFew + 1, raised, sites, tries };
}
