/**
 * The "optimize" task of the worker: where to put the next sites. Builds the request from the
 * project's data as `siting optimize` does, solves it (HiGHS in WebAssembly when the model fits), and
 * reports the chosen sites with their positions and marginal gains.
 */
import type { RunControl } from '../../shared/run_control';
import { subRun } from '../../shared/run_control';
import { optimize } from '../../shared/optimize/optimize';
import type { ZoneGeometry } from '../../shared/optimize/point_in_zone';
import { finishCircleResult } from '../../shared/optimize/project/finish_circle_result';
import type { OptimizeResult } from '../../shared/optimize/types';
import type { NetworkCache } from './network_cache';
import { buildSitingProblem, type SitingSettings } from './siting/build_problem';
import type { CandidateSet } from './siting/candidate_sites';
import type { SolverInputs } from '../../shared/optimize/project/solver_inputs';
import { toDemandGrid, type GridPayload, type RoadsPayload, type WorkerFacility } from './worker_inputs';

export interface OptimizeTaskInput {
  grid: GridPayload;
  /** Network mode only. */
  roads: RoadsPayload | null;
  /** Existing facilities of the chosen kinds: kept open, never counted in k. */
  existing: WorkerFacility[];
  /** Boundary polygons: grid candidates are kept inside them. */
  boundaries: ZoneGeometry[];
  settings: SitingSettings;
  method: 'auto' | 'exact' | 'heuristic';
  seed: number;
  /** Where the bundled highs.wasm is served (the loader cannot find it next to a bundled worker). */
  highsWasmUrl: string;
}

export interface SuggestedSite {
  rank: number;
  id: string;
  /** Layer sites: their name; grid cells: null. */
  name: string | null;
  lon: number;
  lat: number;
  floorAreaM2: number | null;
  floorLevel: number | null;
  /**
   * result.marginalGains[rank - 1]: how much worse the goal gets when this site alone is removed; null
   * when removing it would leave demand unreached.
   */
  marginalGain: number | null;
  /** Day places: the candidate's own capacity, else the run's site capacity (capacitated runs), else null. */
  capacity: number | null;
}

export interface OptimizeTaskResult {
  result: OptimizeResult;
  sites: SuggestedSite[];
  candidates: Pick<CandidateSet, 'source' | 'considered' | 'excluded' | 'gridCellsWithoutPopulation'> & { eligible: number };
  /** Unit of costs: metres (circle) or minutes of walking (network). */
  costUnit: SolverInputs['costUnit'];
  demand: { points: number; weight: number; leftOut: { count: number; weight: number } | null };
  existing: number;
  network: SolverInputs['network'] | null;
  /** The problem's notes followed by the solver's. */
  notes: string[];
  roadsKey: string | null;
  seconds: number;
}

/**
 * Progress: building the model [0, 0.4], solving [0.4, 1] (as the CLI reports it).
 * @example await runOptimizeTask({ settings: { problem: 'max-coverage', k: 3, mode: 'circle', radiusM: 1000, ... }, ... }, cache, control)
 */
export async function runOptimizeTask(input: OptimizeTaskInput, cache: NetworkCache, control?: RunControl): Promise<OptimizeTaskResult> {
  const started = performance.now();
  const grid = toDemandGrid(input.grid);
  const { settings } = input;
  const roads = input.roads;
  const prepare = roads ? (c: RunControl | undefined) => cache.preparedCells(roads, input.grid, grid, settings.maxSnapM, c) : null;
  const built = buildSitingProblem(grid, input.existing, input.boundaries, settings, prepare, subRun(control, 0, 0.4) ?? {});
  const solveControl = subRun(control, 0.4, 1);
  const result = await optimize(built.request, {
    seed: input.seed,
    method: input.method,
    onProgress: solveControl?.onProgress,
    highsLoaderOptions: { locateFile: (file) => (file.endsWith('.wasm') ? input.highsWasmUrl : file) },
  });
  finishCircleResult(
    { problem: result.problem, costUnit: built.inputs.costUnit, grid, weights: built.weights, existing: built.existing, candidates: built.candidates },
    result,
    settings.mode === 'circle' ? (settings.radiusM ?? null) : null,
  );
  const { candidates } = built;
  const index = new Map(candidates.ids.map((id, j) => [id, j]));
  const sites: SuggestedSite[] = result.selected.map((id, s) => {
    const j = index.get(id);
    if (j === undefined) throw new Error(`selected site ${id} is not among the candidates`);
    const gain = result.marginalGains[s];
    return {
      rank: s + 1,
      id,
      name: candidates.names[j],
      lon: candidates.lon[j],
      lat: candidates.lat[j],
      floorAreaM2: candidates.floorAreaM2[j],
      floorLevel: candidates.floorLevel[j],
      marginalGain: Number.isFinite(gain) ? gain : null,
      capacity: candidates.capacity[j] ?? settings.capacitated?.siteCapacity ?? null,
    };
  });
  let weight = 0;
  for (let i = 0; i < built.weights.length; i++) weight += built.weights[i];
  return {
    result,
    sites,
    candidates: {
      source: candidates.source,
      considered: candidates.considered,
      eligible: candidates.ids.length,
      excluded: candidates.excluded,
      gridCellsWithoutPopulation: candidates.gridCellsWithoutPopulation,
    },
    costUnit: built.inputs.costUnit,
    demand: { points: grid.count, weight, leftOut: built.leftOut },
    existing: built.existing.length,
    network: built.inputs.network ?? null,
    notes: [...built.notes, ...result.notes],
    roadsKey: cache.roadsKey,
    seconds: (performance.now() - started) / 1000,
  };
}
