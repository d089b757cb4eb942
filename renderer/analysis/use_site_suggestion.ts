/**
 * "Suggest sites": the optimiser in the worker on the project's data, as `siting optimize` builds it
 * (demand = older people per cell; existing facilities of the chosen kinds kept open; candidates from
 * a grid or the candidates layer), then the chosen sites on the map and in the table.
 */
import highsWasm from 'highs/runtime?url';
import { useCallback } from 'react';
import type { FacilityKind } from '../../shared/schemas/entities';
import { useServices } from '../state/app_context';
import { timedAsync } from '../state/timing';
import { useWorkerRun, type WorkerRun } from '../state/use_worker_run';
import type { OptimizeTaskResult } from '../workers/optimize_task';
import { DEFAULTS, type CandidateOptions, type SitingProblemKind } from '../../shared/settings/siting_settings';
import { gridTransferables, roadsTransferables } from '../workers/worker_inputs';
import { areaInputs, loadInputs, loadLayerSites, loadRoads } from './analysis_inputs';

export interface SuggestParams {
  problem: SitingProblemKind;
  /** New sites (max-coverage, p-median, p-center). */
  k: number;
  /** min-facilities: share of older people to cover, (0, 1]. */
  targetShare: number;
  mode: 'circle' | 'network';
  /** Circle mode: coverage radius, metres. */
  radiusM: number;
  /** Network mode: walking time, minutes. */
  minutes: number;
  speedMps: number;
  maxSnapM: number;
  candidates:
    | { source: 'grid'; gridM: number }
    | {
        source: 'layer';
        minFloorAreaM2: number | null;
        maxFloorLevel: number | null;
        /** Leave out basements (floor below 1; the default), else any floor. */
        excludeBasements: boolean;
      };
  minSpacingM: number;
  method: 'auto' | 'exact' | 'heuristic';
  kinds: FacilityKind[];
  /**
   * Capacitated max-coverage: day places of each new site whose candidate states none (null: every
   * candidate must state one) and the share of older people using day care; null: uncapacitated.
   */
  capacitated: { siteCapacity: number | null; uptakeRate: number } | null;
  /** Ids of the project's boundaries used as exclusion zones (no new site inside). */
  excludeBoundaries: string[];
  /** The study area: ids of boundary areas ([] = the whole project) and whether sites outside it may be chosen. */
  studyArea: string[];
  candidatesOutside: boolean;
}

export interface SuggestResult {
  params: SuggestParams;
  task: OptimizeTaskResult;
}

export function useSiteSuggestion(): WorkerRun<SuggestResult> & { start(params: SuggestParams): Promise<void> } {
  const services = useServices();
  const run = useWorkerRun<SuggestResult>();
  const { run: runWork } = run;
  const start = useCallback(
    (params: SuggestParams) =>
      runWork(async ({ worker, computing, onProgress, current }) => {
        // Existing facilities only (no scenario): new sites are suggested on top of what exists, as the CLI does.
        const inputs = await loadInputs(services, { kinds: params.kinds, scenario: null, boundaries: true }, worker);
        const roads = params.mode === 'network' ? await loadRoads(services, worker) : null;
        const layerSites = params.candidates.source === 'layer' ? await loadLayerSites(services) : [];
        const candidates: CandidateOptions =
          params.candidates.source === 'layer'
            ? {
                source: 'layer',
                minFloorAreaM2: params.candidates.minFloorAreaM2 ?? undefined,
                maxFloorLevel: params.candidates.maxFloorLevel ?? undefined,
                minFloorLevel: params.candidates.excludeBasements ? DEFAULTS.minFloorLevel : null,
                excludeBoundaries: params.excludeBoundaries,
              }
            : { source: 'grid', gridM: params.candidates.gridM, excludeBoundaries: params.excludeBoundaries };
        if (params.studyArea.length > 0 && params.candidatesOutside) candidates.outsideStudyArea = true;
        if (!current()) throw new Error('superseded');
        const grid = inputs.grid;
        computing();
        const task = await timedAsync('siting:suggest-run', () =>
          worker.run(
            'optimize',
            {
              grid,
              roads,
              facilities: inputs.facilities,
              candidates: layerSites,
              boundaries: areaInputs(inputs),
              settings: {
                problem: params.problem,
                k: params.problem === 'min-facilities' ? undefined : params.k,
                targetShare: params.problem === 'min-facilities' ? params.targetShare : undefined,
                mode: params.mode,
                radiusM: params.mode === 'circle' ? params.radiusM : undefined,
                minutes: params.minutes,
                speedMps: params.speedMps,
                maxSnapM: params.maxSnapM,
                candidates,
                minSpacingM: params.minSpacingM,
                kinds: params.kinds,
                studyArea: params.studyArea,
                capacitated:
                  params.problem === 'max-coverage' && params.capacitated
                    ? { ...(params.capacitated.siteCapacity !== null ? { siteCapacity: params.capacitated.siteCapacity } : {}), uptakeRate: params.capacitated.uptakeRate }
                    : null,
              },
              method: params.method,
              seed: 1,
              highsWasmUrl: new URL(highsWasm, document.baseURI).href,
            },
            { onProgress, transfer: [...gridTransferables(grid), ...roadsTransferables(roads)] },
          ),
        );
        return { params, task };
      }),
    [runWork, services],
  );
  return { ...run, start };
}
