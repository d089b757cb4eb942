/**
 * The "optimize" task of the worker: where to put the next sites. Runs the shared use case
 * (shared/usecases/suggest_sites.ts, the same function `siting optimize` calls) on the project data
 * the renderer sent, with the worker's cached walking network, solving in place (HiGHS in WebAssembly
 * when the model fits).
 */
import type { AreaInput } from '../../shared/engine/areas/area_coverage';
import { optimize } from '../../shared/optimize/optimize';
import type { CandidateSet } from '../../shared/optimize/project/candidate_sites';
import type { SolverInputs } from '../../shared/optimize/project/solver_inputs';
import type { OptimizeResult } from '../../shared/optimize/types';
import type { RunControl } from '../../shared/run_control';
import type { SuggestSitesRequest, SuggestSitesSettings } from '../../shared/settings/siting_settings';
import type { CandidateLayerSite, ProjectSnapshot, SnapshotFacility } from '../../shared/usecases/project_snapshot';
import { solvedWeight, suggestSites, type SuggestedSite } from '../../shared/usecases/suggest_sites';
import type { WorkerMemory } from './worker_memory';
import type { StudyAreaSummary } from '../../shared/engine/areas/study_area';

import type { GridPayload, RoadsPayload } from './worker_inputs';

export type { SuggestedSite };

export interface OptimizeTaskInput {
  grid: GridPayload;
  /** Network mode only. */
  roads: RoadsPayload | null;
  /** The project's existing facilities (those of the settings' kinds are kept open, never counted in k). */
  facilities: SnapshotFacility[];
  /** The candidates layer (layer candidates only; empty otherwise). */
  candidates: CandidateLayerSite[];
  /** Boundaries: grid candidates are kept inside them; excluded boundaries take no new site. */
  boundaries: AreaInput[];
  settings: SuggestSitesRequest;
  method: 'auto' | 'exact' | 'heuristic';
  seed: number;
  /** Where the bundled highs.wasm is served (the loader cannot find it next to a bundled worker). */
  highsWasmUrl: string;
}

export interface OptimizeTaskResult {
  /** The settings the run used, every default filled in. */
  parameters: SuggestSitesSettings;
  result: OptimizeResult;
  sites: SuggestedSite[];
  candidates: Pick<CandidateSet, 'source' | 'considered' | 'excluded' | 'gridCellsWithoutPopulation'> & { eligible: number };
  /** Unit of costs: metres (circle) or minutes of walking (network). */
  costUnit: SolverInputs['costUnit'];
  demand: { points: number; weight: number; leftOut: { count: number; weight: number } | null };
  existing: number;
  network: SolverInputs['network'] | null;
  /** The study area demand (and by default the candidates) was limited to; null = the whole project. */
  studyArea: StudyAreaSummary | null;
  /** The problem's notes followed by the solver's. */
  notes: string[];
  /** Grid and roads versions the worker holds after this run. */
  gridKey: string | null;
  roadsKey: string | null;
  seconds: number;
}

/**
 * Progress: building the model [0, 0.4], solving [0.4, 1] (as the CLI reports it).
 * @example await runOptimizeTask({ settings: { problem: 'max-coverage', k: 3, mode: 'circle', radiusM: 1000 }, ... }, memory, control)
 */
export async function runOptimizeTask(input: OptimizeTaskInput, memory: WorkerMemory, control?: RunControl): Promise<OptimizeTaskResult> {
  const grid = memory.grid(input.grid);
  const snapshot: ProjectSnapshot = {
    grid,
    facilities: input.facilities,
    candidates: input.candidates,
    boundaries: input.boundaries,
    cellSize: null,
    network: memory.networkSource(input.roads, input.grid.key, grid),
  };
  const outcome = await suggestSites(
    snapshot,
    input.settings,
    (request, solveControl) =>
      optimize(request, {
        seed: input.seed,
        method: input.method,
        onProgress: solveControl.onProgress,
        signal: solveControl.signal,
        highsLoaderOptions: { locateFile: (file) => (file.endsWith('.wasm') ? input.highsWasmUrl : file) },
      }),
    control ?? {},
  );
  const { problem } = outcome;
  const { candidates } = problem;
  return {
    parameters: outcome.parameters,
    result: outcome.result,
    sites: outcome.sites,
    candidates: {
      source: candidates.source,
      considered: candidates.considered,
      eligible: candidates.ids.length,
      excluded: candidates.excluded,
      gridCellsWithoutPopulation: candidates.gridCellsWithoutPopulation,
    },
    costUnit: problem.inputs.costUnit,
    demand: { points: problem.grid.count, weight: solvedWeight(problem), leftOut: problem.leftOut },
    studyArea: outcome.studyArea,
    existing: problem.existing.length,
    network: problem.inputs.network ?? null,
    notes: outcome.notes,
    gridKey: memory.gridKey,
    roadsKey: memory.roadsKey,
    seconds: outcome.seconds,
  };
}
