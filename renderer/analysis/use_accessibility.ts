/**
 * The accessibility analysis as the panel and the map use it: parameters → inputs from the host →
 * the worker → figures, covered cells, walking-time classes, service areas, gaps, per-area table.
 */
import { useCallback } from 'react';
import type { FacilityKind } from '../../shared/schemas/entities';
import { useServices } from '../state/app_context';
import { timedAsync } from '../state/timing';
import { useWorkerRun, type WorkerRun } from '../state/use_worker_run';
import type { AnalysisTaskResult } from '../workers/analysis_task';
import type { SnapshotFacility } from '../../shared/usecases/project_snapshot';
import { gridTransferables, roadsTransferables } from '../workers/worker_inputs';
import { areaInputs, loadInputs, loadRoads } from './analysis_inputs';

export interface AccessibilityParams {
  mode: 'circle' | 'network';
  /** Circle mode radii, metres. */
  radiiM: number[];
  /** Network mode walking times, minutes (unused when networkM has values). */
  minutes: number[];
  /** Network mode distances on the network, level-walking metres, instead of walking times (absent or empty: minutes). */
  networkM?: number[];
  speedMps: number;
  /** Network mode: cost of a metre of steps relative to level walking (absent: the engine's default, 2). */
  stepsFactor?: number;
  maxSnapM: number;
  capacity: boolean;
  uptakeRate: number;
  gaps: boolean;
  byArea: boolean;
  kinds: FacilityKind[];
  /** Scenario whose proposals count with the existing facilities (null: existing only). */
  scenario: string | null;
  /** The study area: ids of boundary areas (absent or empty: the whole project). */
  studyArea?: string[];
}

export interface AccessibilityResult {
  params: AccessibilityParams;
  task: AnalysisTaskResult;
  /** The facilities analysed, in the engine's order (names for the tables). */
  facilities: SnapshotFacility[];
  /** Project fids of the cells not covered at the largest threshold (for the map's hatch). */
  uncoveredFids: number[];
}

export function useAccessibility(): WorkerRun<AccessibilityResult> & { start(params: AccessibilityParams): Promise<void> } {
  const services = useServices();
  const run = useWorkerRun<AccessibilityResult>();
  const { run: runWork } = run;
  const start = useCallback(
    (params: AccessibilityParams) =>
      runWork(async ({ worker, computing, onProgress, current }) => {
        const network = params.mode === 'network';
        const limited = (params.studyArea?.length ?? 0) > 0;
        const inputs = await loadInputs(services, { kinds: params.kinds, scenario: params.scenario, boundaries: params.byArea || limited }, worker);
        const roads = network ? await loadRoads(services, worker) : null;
        if (!current()) throw new Error('superseded');
        const grid = inputs.grid;
        const facilities = inputs.facilities;
        computing();
        const task = await timedAsync('siting:accessibility-run', () =>
          worker.run(
            'analysis',
            {
              grid,
              cellSize: inputs.cellSize,
              facilities,
              kinds: params.kinds,
              roads,
              boundaries: params.byArea || limited ? areaInputs(inputs) : null,
              options: {
                mode: params.mode,
                radiiM: network ? undefined : params.radiiM,
                minutes: network && !params.networkM?.length ? params.minutes : undefined,
                networkM: network && params.networkM?.length ? params.networkM : undefined,
                speedMps: params.speedMps,
                stepsFactor: network ? params.stepsFactor : undefined,
                maxSnapM: params.maxSnapM,
                capacity: params.capacity,
                uptakeRate: params.uptakeRate,
                gaps: params.gaps,
                byArea: params.byArea,
                studyArea: params.studyArea ?? [],
              },
              serviceAreas: true,
            },
            { onProgress, transfer: [...gridTransferables(grid), ...roadsTransferables(roads)] },
          ),
        );
        const uncoveredFids: number[] = [];
        for (let i = 0; i < task.covered.length; i++) if (task.covered[i] === 0) uncoveredFids.push(task.fid[i]);
        return { params, task, facilities, uncoveredFids };
      }),
    [runWork, services],
  );
  return { ...run, start };
}
