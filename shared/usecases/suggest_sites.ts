/**
 * Use case "suggest sites": where to put the next day-care centres. Builds the optimiser's problem
 * from a project snapshot (every problem, circle or network: optimize/project/siting_problem.ts),
 * solves it with the solver the host gives (the CLI runs it in a worker thread so Ctrl+C stays
 * responsive; the renderer worker runs it in place with HiGHS from its own URL), completes circle
 * results with exact distances, and lists the chosen sites with their positions and marginal gains.
 * `siting optimize` and the app's "Suggest sites" call this same function, so their optima agree.
 */
import type { OptimizeRequest } from '../optimize/optimize';
import { finishCircleResult } from '../optimize/project/finish_circle_result';
import { buildSitingProblem, type SitingProblem } from '../optimize/project/siting_problem';
import type { OptimizeResult } from '../optimize/types';
import { now, subRun, type RunControl } from '../run_control';
import { DEFAULTS, parseSettings, SuggestSitesSettings, type SuggestSitesRequest } from '../settings/siting_settings';
import type { StudyAreaSummary } from '../engine/areas/study_area';
import type { ProjectSnapshot } from './project_snapshot';
import { withStudyArea } from './study_area';

/** Solves one request (`control.onProgress` gets the solve's own fraction in [0, 1]); `problem` is what it was built from. */
export type SolveRequest = (request: OptimizeRequest, control: RunControl, problem: SitingProblem) => Promise<OptimizeResult>;

export interface SuggestedSite {
  rank: number;
  id: string;
  /** Layer sites: their name; grid cells: null (each output names them in its language). */
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

export interface SuggestSitesResult {
  /** The settings this run used, every default filled in. */
  parameters: SuggestSitesSettings;
  result: OptimizeResult;
  sites: SuggestedSite[];
  /** The problem as built (demand, candidates, existing facilities, solver inputs, notes). */
  problem: SitingProblem;
  /** The problem's notes followed by the solver's. */
  notes: string[];
  /** Seconds spent building the problem (the solver's own time is result.seconds). */
  buildSeconds: number;
  /** Seconds for the whole use case. */
  seconds: number;
  /** The study area the demand (and by default the candidates) was limited to; null: the whole project. */
  studyArea: StudyAreaSummary | null;
}

/**
 * Progress: building the model [0, 0.4], solving [0.4, 1].
 * @example
 *   const { result, sites } = await suggestSites(snapshot, { problem: 'max-coverage', k: 3, mode: 'circle', radiusM: 1000 },
 *     (request, control) => optimize(request, { onProgress: control.onProgress, signal: control.signal }));
 */
export async function suggestSites(
  snapshot: ProjectSnapshot,
  request: SuggestSitesRequest | SuggestSitesSettings,
  solve: SolveRequest,
  control: RunControl = {},
): Promise<SuggestSitesResult> {
  const started = now();
  const parsed = parseSettings(SuggestSitesSettings, request);
  // Circle coverage needs a radius (cost problems may go without: straight-line costs, no cover radius).
  const coverage = parsed.problem === 'max-coverage' || parsed.problem === 'min-facilities';
  const parameters = parsed.mode === 'circle' && coverage && parsed.radiusM === undefined ? { ...parsed, radiusM: DEFAULTS.radiusM } : parsed;
  // A study area keeps the demand inside it; new sites go inside it too unless candidates.outsideStudyArea.
  const limited = withStudyArea(snapshot, parameters.studyArea);
  const studyArea = limited.summary ? { zones: limited.areas.map((a) => a.geometry), candidatesOutside: parameters.candidates.outsideStudyArea === true } : null;
  const problem = buildSitingProblem(limited.snapshot, parameters, subRun(control, 0, 0.4) ?? {}, studyArea);
  const buildSeconds = (now() - started) / 1000;
  const result = await solve(problem.request, subRun(control, 0.4, 1) ?? {}, problem);
  finishCircleResult(
    { problem: result.problem, costUnit: problem.inputs.costUnit, grid: problem.grid, weights: problem.weights, existing: problem.existing, candidates: problem.candidates },
    result,
    parameters.mode === 'circle' ? (parameters.radiusM ?? null) : null,
  );
  const { candidates } = problem;
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
      capacity: candidates.capacity[j] ?? parameters.capacitated?.siteCapacity ?? null,
    };
  });
  return { parameters, result, sites, problem, notes: [...problem.notes, ...result.notes], buildSeconds, seconds: (now() - started) / 1000, studyArea: limited.summary };
}

/** Total demand weight as solved. */
export function solvedWeight(problem: SitingProblem): number {
  let weight = 0;
  for (let i = 0; i < problem.weights.length; i++) weight += problem.weights[i];
  return weight;
}
