/**
 * Builds one optimiser request from a project: demand = population cells weighted by older people
 * (60+), candidate sites from the candidates layer or a grid, existing facilities of the chosen kinds
 * kept open (coverage problems: the demand they already cover; p-median / p-center: each point's cost
 * to the nearest of them), costs by straight-line distance or by walking over the roads.
 */
import type { DemandGrid } from '../../../shared/engine/demand_grid';
import type { FacilityInput } from '../../../shared/engine/network/facility_input';
import { InputError } from '../../../shared/errors';
import type { OptimizeRequest } from '../../../shared/optimize/optimize';
import { spacingConflicts } from '../../../shared/optimize/spacing_conflicts';
import type { AbortFlag, ConflictGraph } from '../../../shared/optimize/types';
import type { FacilityKind } from '../../../shared/schemas/entities';
import type { ProjectStore, SelectedFacility } from '../store/project_store';
import { circleCostInputs, circleCoverageInputs } from '../../../shared/optimize/project/circle_inputs';
import { projectCandidates, type CandidateOptions, type CandidateSet } from './project_candidates';
import { networkInputs } from './network_inputs';
import type { SolverInputs } from '../../../shared/optimize/project/solver_inputs';
import { servableDemand } from '../../../shared/optimize/project/unservable_demand';
import { capacitatedRequest, checkSiteCapacities } from '../../../shared/optimize/project/capacitated_request';

export type ProjectProblemKind = 'max-coverage' | 'min-facilities' | 'p-median' | 'p-center';

export interface ProjectOptimizeSettings {
  problem: ProjectProblemKind;
  /** Capacitated maximum coverage (with problem 'max-coverage'). */
  capacitated: boolean;
  /** New sites (all problems but min-facilities). */
  k?: number;
  /** min-facilities: share of the older population to cover, (0, 1]. */
  targetShare?: number;
  mode: 'circle' | 'network';
  /** Circle mode coverage radius, metres (cost problems: demand within it counts as covered). */
  radiusM?: number;
  /** Network mode: the walking time (coverage threshold and longest walk considered), minutes. */
  minutes: number;
  speedMps: number;
  maxSnapM: number;
  kinds: FacilityKind[];
  candidates: CandidateOptions;
  /** Minimum distance between two new sites, metres (0 = none). */
  minSpacingM: number;
  /** Capacitated: day places of each new site that states none (candidates layer column `capacity`). */
  siteCapacity?: number;
  /** Capacitated: share of older people who use day care (demand = older people × uptake). */
  uptakeRate: number;
  /** Circle p-median / p-center: most cost pairs kept (default DEFAULT_PAIR_BUDGET). */
  pairBudget?: number;
}

export interface ProjectProblem {
  request: OptimizeRequest;
  grid: DemandGrid;
  /** Demand weight per cell as solved (older people; × uptake when capacitated; 0 for cells left out). */
  weights: Float64Array;
  candidates: CandidateSet;
  existing: SelectedFacility[];
  inputs: SolverInputs;
  /** Demand left out of a cost model because nothing can reach it. */
  leftOut: { count: number; weight: number } | null;
  notes: string[];
}

/**
 * @example
 *   const built = buildProjectProblem(store, { problem: 'max-coverage', k: 3, mode: 'circle', radiusM: 1000, ... });
 *   await optimize(built.request)
 */
export function buildProjectProblem(
  store: ProjectStore,
  settings: ProjectOptimizeSettings,
  control: { onProgress?: (fraction: number) => void; signal?: AbortFlag } = {},
): ProjectProblem {
  if (settings.capacitated && settings.problem !== 'max-coverage') {
    throw new InputError('--capacitated applies to --problem max-coverage only', { field: 'capacitated' });
  }
  const grid = store.loadDemandGrid();
  if (grid.count === 0) throw new InputError('the population layer is empty: import population cells first', { field: 'population' });
  if (!grid.hasElderly) {
    throw new InputError('the population layer has no counts of older people (60+): import it with an elderly column (--map elderly=<column>)', {
      field: 'elderly',
    });
  }
  let elderlyTotal = 0;
  for (let i = 0; i < grid.count; i++) elderlyTotal += grid.elderly[i];
  if (!(elderlyTotal > 0)) throw new InputError('the population layer counts no older people (60+): nothing to serve', { field: 'elderly' });
  const existing = store.selectedFacilities(settings.kinds);
  const candidates = projectCandidates(store, grid, grid.elderly, settings.candidates);
  const notes: string[] = [];
  if (settings.capacitated) checkSiteCapacities(candidates.capacity, settings.siteCapacity);
  const coverageProblem = settings.problem === 'max-coverage' || settings.problem === 'min-facilities';

  // Capacitated coverage keeps the existing facilities as fixed sites with their capacities.
  const capacitated = settings.capacitated;
  const sites: FacilityInput[] = candidates.ids.map((id, j) => ({ id, lon: candidates.lon[j], lat: candidates.lat[j] }));
  const existingInputs: FacilityInput[] = existing.map((f) => ({ id: f.id, lon: f.lon, lat: f.lat }));
  const modelSites = capacitated ? [...sites, ...existingInputs.map((f) => ({ ...f, id: `existing:${f.id}` }))] : sites;
  const modelExisting = capacitated ? [] : existingInputs;
  const points = (list: readonly FacilityInput[]) => ({ lon: Float64Array.from(list, (f) => f.lon), lat: Float64Array.from(list, (f) => f.lat) });

  let inputs: SolverInputs;
  if (settings.mode === 'network') {
    inputs = networkInputs(grid, store.roadsForNetwork(), modelSites, modelExisting, {
      minutes: settings.minutes,
      speedMps: settings.speedMps,
      maxSnapM: settings.maxSnapM,
      ...control,
    });
  } else if (coverageProblem) {
    inputs = circleCoverageInputs(grid, points(modelSites), points(modelExisting), { radiusM: settings.radiusM ?? 1000, ...control });
  } else {
    inputs = circleCostInputs(grid, grid.elderly, points(modelSites), points(modelExisting), {
      radiusM: settings.radiusM,
      pairBudget: settings.pairBudget,
      ...control,
    });
  }
  notes.push(...inputs.notes);

  let weights = grid.elderly;
  let leftOut: ProjectProblem['leftOut'] = null;
  if (!coverageProblem && settings.mode === 'network') {
    notes.push(
      `walking times beyond ${settings.minutes} minutes are not modelled: every older person a site can serve is brought within ` +
        `${settings.minutes} minutes of one (existing or new), and the objective is in minutes`,
    );
  }
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
    const built = capacitatedRequest(base, grid.elderly, inputs.coverage!, inputs.costs, k, candidates.capacity, existing.map((f) => f.capacity), {
      siteCapacity: settings.siteCapacity,
      uptakeRate: settings.uptakeRate,
    });
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
    const coverCost = inputs.threshold ?? undefined;
    request = { problem: settings.problem, ...base, costs: inputs.costs!, k, baselineCost: inputs.baselineCost, coverCost, cutoff: inputs.distanceCutoff };
  }
  return { request, grid, weights, candidates, existing, inputs, leftOut, notes };
}
