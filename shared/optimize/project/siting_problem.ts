/**
 * One optimiser request from a project snapshot: demand = population cells weighted by older people
 * (60+); candidate sites from the candidates layer or a grid; existing facilities of the chosen kinds
 * kept open (coverage problems: the demand they already cover; p-median / p-center: each point's cost
 * to the nearest of them; capacitated max-coverage: fixed sites with their capacities); costs by
 * straight-line distance or by walking over the roads. `siting optimize` and the app's "Suggest
 * sites" both build their problem here (through shared/usecases/suggest_sites.ts).
 */
import type { DemandGrid } from '../../engine/demand_grid';
import { isOfKinds } from '../../engine/facilities_in_service';
import type { FacilityInput } from '../../engine/network/facility_input';
import { InputError } from '../../errors';
import type { RunControl } from '../../run_control';
import { DEFAULTS, type SuggestSitesSettings } from '../../settings/siting_settings';
import type { ProjectSnapshot, SnapshotFacility } from '../../usecases/project_snapshot';
import type { OptimizeRequest } from '../optimize';
import { spacingConflicts } from '../spacing_conflicts';
import type { ConflictGraph } from '../types';
import { capacitatedRequest, checkSiteCapacities } from './capacitated_request';
import { candidateSites, type CandidateSet, type CandidateStudyArea } from './candidate_sites';
import { circleCostInputs, circleCoverageInputs } from './circle_inputs';
import { networkInputs } from './network_inputs';
import type { SolverInputs } from './solver_inputs';
import { servableDemand } from './unservable_demand';

export interface SitingProblem {
  request: OptimizeRequest;
  grid: DemandGrid;
  /** Demand weight per cell as solved (older people; × uptake when capacitated; 0 for cells left out). */
  weights: Float64Array;
  candidates: CandidateSet;
  /** The existing facilities kept open (of the settings' kinds). */
  existing: readonly SnapshotFacility[];
  inputs: SolverInputs;
  /** Demand left out of a cost model because nothing can reach it. */
  leftOut: { count: number; weight: number } | null;
  notes: string[];
}

/**
 * @example
 *   const built = buildSitingProblem(snapshot, SuggestSitesSettings.parse({ problem: 'max-coverage', k: 3, mode: 'circle', radiusM: 1000 }));
 *   await optimize(built.request)
 */
export function buildSitingProblem(
  snapshot: ProjectSnapshot,
  settings: SuggestSitesSettings,
  control: RunControl = {},
  studyArea: CandidateStudyArea | null = null,
): SitingProblem {
  const { grid } = snapshot;
  if (grid.count === 0) throw new InputError('the population layer is empty: import population cells first', { field: 'population' }, { reason: 'population_empty' });
  if (!grid.hasElderly) {
    throw new InputError('the population layer has no counts of older people (60+): import it with an elderly column', { field: 'elderly' }, { reason: 'population_without_elderly' });
  }
  let elderlyTotal = 0;
  for (let i = 0; i < grid.count; i++) elderlyTotal += grid.elderly[i];
  if (!(elderlyTotal > 0)) throw new InputError('the population layer counts no older people (60+): nothing to serve', { field: 'elderly' }, { reason: 'no_older_people' });
  const capacitated = settings.capacitated;
  if (capacitated && settings.problem !== 'max-coverage') throw new InputError('capacitated siting applies to max-coverage only', { field: 'capacitated' });
  // New sites go on top of what exists: the existing facilities of the kinds, never a scenario's proposals.
  const existing = snapshot.facilities.filter((f) => f.origin === 'facility' && isOfKinds(f, settings.kinds));
  const candidates = candidateSites(grid, grid.elderly, snapshot.candidates, snapshot.boundaries, settings.candidates, studyArea);
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
    inputs = networkInputs(grid, snapshot.network, modelSites, modelExisting, {
      minutes: settings.minutes,
      speedMps: settings.speedMps,
      maxSnapM: settings.maxSnapM,
      ...control,
    });
  } else if (coverageProblem) {
    inputs = circleCoverageInputs(grid, points(modelSites), points(modelExisting), { radiusM: settings.radiusM ?? DEFAULTS.radiusM, ...control });
  } else {
    inputs = circleCostInputs(grid, grid.elderly, points(modelSites), points(modelExisting), {
      radiusM: settings.radiusM,
      pairBudget: settings.pairBudget,
      ...control,
    });
  }
  notes.push(...inputs.notes);

  let weights = grid.elderly;
  let leftOut: SitingProblem['leftOut'] = null;
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
    const built = capacitatedRequest(base, grid.elderly, inputs.coverage!, inputs.costs, k, candidates.capacity, existing.map((f) => f.capacity), capacitated);
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
