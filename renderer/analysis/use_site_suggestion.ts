/**
 * "Suggest sites": the optimiser in the worker on the project's data, as `siting optimize` builds it
 * (demand = older people per cell; existing facilities of the chosen kinds kept open; candidates from
 * a grid or the candidates layer), then the chosen sites on the map and in the table.
 */
import highsWasm from 'highs/runtime?url';
import { useCallback } from 'react';
import type { FacilityKind } from '../../shared/schemas/entities';
import { KEYS, useServices } from '../state/app_context';
import { timedAsync } from '../state/timing';
import { useWorkerRun, type WorkerRun } from '../state/use_worker_run';
import type { OptimizeTaskResult } from '../workers/optimize_task';
import type { SitingProblemKind } from '../workers/siting/build_problem';
import type { CandidateSource } from '../workers/siting/candidate_sites';
import { gridTransferables, roadsTransferables } from '../workers/worker_inputs';
import { loadInputs, loadLayerSites, loadRoads, workerFacilities } from './analysis_inputs';

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
  candidates: { source: 'grid'; gridM: number } | { source: 'layer'; minFloorAreaM2: number | null; maxFloorLevel: number | null };
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
        const inputs = await loadInputs(services, { kinds: params.kinds, scenario: null, boundaries: true });
        const roads = params.mode === 'network' ? await loadRoads(services, worker) : null;
        let candidates: CandidateSource;
        if (params.candidates.source === 'layer') {
          const sites = await loadLayerSites(services);
          // The same cached layer response loadLayerSites read: the capacity column by site id.
          const layer = await services.store.fetch(KEYS.layer('candidates'), () => services.api['layer:features:list']({ layer: 'candidates' }));
          const capacity = new Map(layer.features.map((f) => [String(f.properties.id), f.properties.capacity]));
          candidates = {
            source: 'layer',
            sites: sites.map((site) => {
              const c = capacity.get(site.id);
              return { ...site, capacity: typeof c === 'number' && Number.isFinite(c) ? c : null };
            }),
            minFloorAreaM2: params.candidates.minFloorAreaM2 ?? undefined,
            maxFloorLevel: params.candidates.maxFloorLevel ?? undefined,
          };
        } else {
          candidates = { source: 'grid', gridM: params.candidates.gridM };
        }
        const excluded = new Set(params.excludeBoundaries);
        candidates.exclusionZones = (inputs.boundaries ?? []).filter((b) => excluded.has(b.id)).map((b) => b.geometry);
        if (!current()) throw new Error('superseded');
        const grid = inputs.grid;
        computing();
        const task = await timedAsync('siting:suggest-run', () =>
          worker.run(
            'optimize',
            {
              grid,
              roads,
              existing: workerFacilities(inputs),
              boundaries: (inputs.boundaries ?? []).map((boundary) => boundary.geometry),
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
                capacitated:
                  params.problem === 'max-coverage' && params.capacitated
                    ? { siteCapacity: params.capacitated.siteCapacity ?? undefined, uptakeRate: params.capacitated.uptakeRate }
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
