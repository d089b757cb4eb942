/**
 * The capacitated max-coverage request of a project, as `siting optimize --capacitated` and the
 * "Suggest sites" panel build it: demand = older people × uptake (day places wanted); new sites offer
 * their candidate's own capacity, else the common site capacity; existing facilities stay open as
 * fixed sites with their capacities (unlimited when they state none).
 */
import { InputError } from '../../errors';
import type { OptimizeRequest } from '../optimize';
import type { ConflictGraph, CostMatrix, CoverageSets } from '../types';

export interface CapacitatedSettings {
  /** Day places of each new site whose candidate states no capacity; omitted: every candidate must state one. */
  siteCapacity?: number;
  /** Share of older people who use day care, (0, 1]. */
  uptakeRate: number;
}

/**
 * Refuses, before any model is built, a run where some candidate has no capacity and no common one is given.
 * @example checkSiteCapacities([40, null], undefined) // throws: 1 of 2 candidate sites state no capacity
 */
export function checkSiteCapacities(candidateCapacity: readonly (number | null)[], siteCapacity: number | undefined): void {
  const unstated = candidateCapacity.filter((c) => c === null).length;
  if (siteCapacity === undefined && unstated > 0) {
    throw new InputError(
      `capacitated siting needs the day places of each new site: ${unstated} of ${candidateCapacity.length} candidate sites state no capacity`,
      { field: 'siteCapacity' },
      { reason: 'site_capacity_missing', params: { missing: unstated, total: candidateCapacity.length } },
    );
  }
  if (siteCapacity !== undefined && !(siteCapacity > 0 && Number.isFinite(siteCapacity))) {
    throw new InputError(`site capacity must be a number of day places > 0, got ${siteCapacity}`, { field: 'siteCapacity' });
  }
}

/**
 * `base.candidateIds` lists the new-site candidates first, then the existing facilities (as fixed sites).
 * @example capacitatedRequest(base, grid.elderly, coverage, undefined, 3, [null, 40], [120, null], { siteCapacity: 30, uptakeRate: 0.03 })
 */
export function capacitatedRequest(
  base: { candidateIds: string[]; demandIds?: string[]; conflicts?: ConflictGraph },
  elderly: Float64Array,
  coverage: CoverageSets,
  costs: CostMatrix | undefined,
  k: number,
  candidateCapacity: readonly (number | null)[],
  existingCapacity: readonly (number | null)[],
  settings: CapacitatedSettings,
): { request: OptimizeRequest; weights: Float64Array; notes: string[] } {
  checkSiteCapacities(candidateCapacity, settings.siteCapacity);
  const notes: string[] = [];
  const demand = elderly.map((w) => w * settings.uptakeRate);
  let totalDemand = 0;
  for (let i = 0; i < demand.length; i++) totalDemand += demand[i];
  const siteCount = candidateCapacity.length;
  const capacity = new Float64Array(siteCount + existingCapacity.length);
  candidateCapacity.forEach((c, j) => (capacity[j] = c ?? settings.siteCapacity!));
  const stated = candidateCapacity.filter((c) => c !== null).length;
  if (stated > 0) {
    notes.push(
      `${stated} candidate sites state their own capacity` +
        (stated < siteCount ? `; the other ${siteCount - stated} get the site capacity ${settings.siteCapacity}` : ''),
    );
  }
  let unlimited = 0;
  existingCapacity.forEach((c, e) => {
    // An existing facility without a stated capacity is unlimited: it can take all demand.
    capacity[siteCount + e] = c ?? totalDemand;
    if (c === null) unlimited++;
  });
  if (unlimited > 0) notes.push(`${unlimited} existing facilities state no capacity and are treated as unlimited`);
  notes.push(`capacitated demand = older people × uptake ${settings.uptakeRate}; covered weight is in day places used`);
  const request: OptimizeRequest = {
    problem: 'capacitated-max-coverage',
    ...base,
    weights: demand,
    coverage,
    k,
    capacity,
    fixed: existingCapacity.map((_, e) => siteCount + e),
    costs,
  };
  return { request, weights: demand, notes };
}
