/**
 * One optimiser request from the project's data, built as `siting optimize` builds it
 * (electron/services/optimize/project_problem.ts): demand = population cells weighted by older people
 * (60+); candidate sites from the candidates layer or a grid; existing facilities kept open (coverage
 * problems: the demand they already cover; p-median / p-center: each point's cost to the nearest of
 * them; capacitated max-coverage: fixed sites with their capacities); costs by straight-line
 * distance or by walking.
 */
import type { DemandGrid } from '../../../shared/engine/demand_grid';
import type { FacilityInput } from '../../../shared/engine/network/facility_input';
import type { PreparedCells } from '../../../shared/engine/network/prepare_network';
import type { RunControl } from '../../../shared/run_control';
import { InputError } from '../../../shared/errors';
import type { OptimizeRequest } from '../../../shared/optimize/optimize';
import type { ZoneGeometry } from '../../../shared/optimize/point_in_zone';
import { spacingConflicts } from '../../../shared/optimize/spacing_conflicts';
import type { ConflictGraph } from '../../../shared/optimize/types';
import { candidateSites, type CandidateSet, type CandidateSource } from './candidate_sites';
import { circleCostInputs, circleCoverageInputs } from '../../../shared/optimize/project/circle_inputs';
import { networkInputs } from './network_inputs';
import type { SolverInputs } from '../../../shared/optimize/project/solver_inputs';
import { servableDemand } from '../../../shared/optimize/project/unservable_demand';
import { capacitatedRequest, checkSiteCapacities, type CapacitatedSettings } from '../../../shared/optimize/project/capacitated_request';

export type SitingProblemKind = 'max-coverage' | 'min-facilities' | 'p-median' | 'p-center';

export interface SitingSettings {
  problem: SitingProblemKind;
  /** New sites (all problems but min-facilities). */
  k?: number;
  /** min-facilities: share of the older population to cover, (0, 1]. */
  targetShare?: number;
  mode: 'circle' | 'network';
  /** Circle mode: coverage radius, metres (cost problems: demand within it counts as covered). */
  radiusM?: number;
  /** Network mode: walking time (coverage threshold and longest walk considered), minutes. */
  minutes: number;
  speedMps: number;
  maxSnapM: number;
  candidates: CandidateSource;
  /** Minimum distance between two new sites, metres (0 = none). */
  minSpacingM: number;
  /** Capacitated max-coverage (with problem 'max-coverage'): day places per site and uptake. */
  capacitated?: CapacitatedSettings | null;
}

export interface SitingProblem {
  request: OptimizeRequest;
  grid: DemandGrid;
  /** Demand weight per cell as solved (older people; 0 for cells left out of a cost model). */
  weights: Float64Array;
  candidates: CandidateSet;
  existing: readonly FacilityInput[];
  inputs: SolverInputs;
  leftOut: { count: number; weight: number } | null;
  notes: string[];
}

/**
 * `prepareNetwork` gives the grid's cells on the walking network (network mode only).
 * @example buildSitingProblem(grid, existing, boundaries, { problem: 'max-coverage', k: 3, mode: 'circle', radiusM: 1000, ... }, null)
 */
export function buildSitingProblem(
  grid: DemandGrid,
  existing: readonly FacilityInput[],
  boundaries: readonly ZoneGeometry[],
  settings: SitingSettings,
  prepareNetwork: ((control: RunControl | undefined) => PreparedCells) | null,
  control: RunControl = {},
): SitingProblem {
  if (grid.count === 0) throw new InputError('the population layer is empty: import population cells first', { field: 'population' });
  if (!grid.hasElderly) {
    throw new InputError('the population layer has no counts of older people (60+): import it with an elderly column', { field: 'elderly' });
  }
  let elderlyTotal = 0;
  for (let i = 0; i < grid.count; i++) elderlyTotal += grid.elderly[i];
  if (!(elderlyTotal > 0)) throw new InputError('the population layer counts no older people (60+): nothing to serve', { field: 'elderly' });
  const capacitated = settings.capacitated ?? null;
  if (capacitated && settings.problem !== 'max-coverage') throw new InputError('capacitated siting applies to max-coverage only', { field: 'capacitated' });
  const candidates = candidateSites(grid, grid.elderly, boundaries, settings.candidates);
  if (capacitated) checkSiteCapacities(candidates.capacity, capacitated.siteCapacity);
  const notes: string[] = [];
  const coverageProblem = settings.problem === 'max-coverage' || settings.problem === 'min-facilities';
  const sites: FacilityInput[] = candidates.ids.map((id, j) => ({ id, lon: candidates.lon[j], lat: candidates.lat[j] }));
  const existingInputs: FacilityInput[] = existing.map((f) => ({ id: f.id, lon: f.lon, lat: f.lat }));
  // Capacitated coverage keeps the existing facilities as fixed sites with their capacities.
  const modelSites = capacitated ? [...sites, ...existingInputs.map((f) => ({ ...f, id: `existing:${f.id}` }))] : sites;
  const modelExisting = capacitated ? [] : existingInputs;
  const points = (list: readonly FacilityInput[]) => ({ lon: Float64Array.from(list, (f) => f.lon), lat: Float64Array.from(list, (f) => f.lat) });

  let inputs: SolverInputs;
  if (settings.mode === 'network') {
    if (!prepareNetwork) throw new InputError('network mode needs a roads layer: import OSM ways first', { field: 'roads' });
    inputs = networkInputs(grid, prepareNetwork, modelSites, modelExisting, {
      minutes: settings.minutes,
      speedMps: settings.speedMps,
      maxSnapM: settings.maxSnapM,
      ...control,
    });
  } else if (coverageProblem) {
    inputs = circleCoverageInputs(grid, points(modelSites), points(modelExisting), { radiusM: settings.radiusM ?? 1000, ...control });
  } else {
    inputs = circleCostInputs(grid, grid.elderly, points(sites), points(existingInputs), { radiusM: settings.radiusM, ...control });
  }
  notes.push(...inputs.notes);

  let weights = grid.elderly;
  let leftOut: SitingProblem['leftOut'] = null;
  // Network costs stop at M minutes: demand no site or facility reaches within them cannot be served.
  // Circle costs never leave a point unservable (a cut-down matrix gives the solver the cutoff instead).
  if (!coverageProblem && settings.mode === 'network') {
    const servable = servableDemand(inputs.costs!, weights, inputs.baselineCost);
    weights = servable.weights;
    leftOut = servable.leftOut;
    if (leftOut.count > 0) {
      notes.push(
        `${leftOut.count} cells (${leftOut.weight.toFixed(1)} older people) are reached by no existing facility and by no candidate ` +
          `within ${settings.minutes} minutes' walk; they are left out of the model`,
      );
    }
  }

  let conflicts: ConflictGraph | undefined;
  if (settings.minSpacingM > 0) {
    const eligible = new Uint8Array(modelSites.length);
    eligible.fill(1, 0, sites.length);
    conflicts = spacingConflicts(points(modelSites), settings.minSpacingM, eligible);
  }
  const base = {
    candidateIds: modelSites.map((s) => s.id),
    demandIds: Array.from(grid.fid ?? Int32Array.from({ length: grid.count }, (_, i) => i), (fid) => `cell fid ${fid}`),
    weights,
    conflicts,
  };
  const k = settings.k ?? 0;
  let request: OptimizeRequest;
  if (capacitated) {
    const built = capacitatedRequest(base, grid.elderly, inputs.coverage!, inputs.costs, k, candidates.capacity, existing.map((f) => f.capacity ?? null), capacitated);
    ({ request, weights } = built);
    notes.push(...built.notes);
  } else if (settings.problem === 'max-coverage') {
    request = { problem: 'max-coverage', ...base, coverage: inputs.coverage!, k, baselineCovered: inputs.baselineCovered, costs: inputs.costs, baselineCost: inputs.baselineCost };
  } else if (settings.problem === 'min-facilities') {
    request = {
      problem: 'min-facilities',
      ...base,
      coverage: inputs.coverage!,
      targetShare: settings.targetShare,
      baselineCovered: inputs.baselineCovered,
      costs: inputs.costs,
      baselineCost: inputs.baselineCost,
    };
  } else {
    request = {
      problem: settings.problem,
      ...base,
      costs: inputs.costs!,
      k,
      baselineCost: inputs.baselineCost,
      coverCost: inputs.threshold ?? undefined,
      cutoff: inputs.distanceCutoff,
    };
  }
  return { request, grid, weights, candidates, existing, inputs, leftOut, notes };
}
