/**
 * Loads what a worker run needs from the host. The facilities and boundaries (analysis:inputs:get)
 * are cached under `coverage:` (every change that invalidates coverage — imports, proposal edits —
 * changes them). The grid and the roads come from the project snapshot (snapshot_client.ts), which
 * holds the grid once and asks the host with the versions held: they travel again only when their
 * layer changed, and a worker builds its walking network again only for a new roads version.
 */
import type { AreaInput } from '../../shared/engine/areas/area_coverage';
import type { AnalysisInputs } from '../../shared/ipc/contract';
import type { FacilityKind } from '../../shared/schemas/entities';
import { candidateLayerSites, type CandidateLayerSite } from '../../shared/usecases/project_snapshot';
import type { TaskWorker } from '../workers/task_worker';
import { gridPayload, type GridPayload, type RoadsPayload } from '../workers/worker_inputs';
import { KEYS, type AppServices } from '../state/app_context';
import { snapshotClient } from './snapshot_client';

export const INPUT_KEYS = {
  data: (kinds: readonly FacilityKind[], scenario: string | null, boundaries: boolean) =>
    `coverage:inputs:${[...kinds].sort().join(',')}:${scenario ?? ''}:${boundaries ? 'boundaries' : ''}`,
} as const;

export interface InputRequest {
  kinds: readonly FacilityKind[];
  scenario: string | null;
  boundaries: boolean;
}

/** The inputs of one run: the grid is this run's own copy (its buffers are moved into the worker). */
export interface LoadedInputs extends AnalysisInputs {
  grid: GridPayload;
  cellSize: { cellWidthDeg: number; cellHeightDeg: number } | null;
}

/**
 * Grid (the held snapshot's, copied for `worker` unless it holds this version already), facilities
 * (existing of the kinds + the scenario's proposals) and boundaries.
 */
export async function loadInputs({ api, store }: AppServices, request: InputRequest, worker: TaskWorker): Promise<LoadedInputs> {
  const { kinds, scenario, boundaries } = request;
  const [held, inputs] = await Promise.all([
    snapshotClient(api).grid(),
    store.fetch(INPUT_KEYS.data(kinds, scenario, boundaries), () =>
      api['analysis:inputs:get']({ kinds: [...kinds], ...(scenario ? { scenario } : {}), boundaries }),
    ),
  ]);
  return { ...inputs, grid: gridPayload(held.version, held.grid, worker.heldGridKey === held.version), cellSize: held.grid.cellSize };
}

/**
 * The roads for a worker: the whole layer only when that worker does not hold the network of the
 * current roads version (then in a buffer of their own: move it with roadsTransferables).
 * @example const roads = await loadRoads(services, worker); worker.run('analysis', { ..., roads }, { transfer: roadsTransferables(roads) })
 */
export async function loadRoads({ api }: AppServices, worker: TaskWorker): Promise<RoadsPayload> {
  const part = await snapshotClient(api).roads(worker.heldRoadsKey);
  return { key: part.version, data: part.data };
}

/** Boundaries as the engine's areas (the host sends the store's levels, which are Boundary levels). */
export function areaInputs(inputs: AnalysisInputs): AreaInput[] {
  return (inputs.boundaries ?? []) as AreaInput[];
}

/** The candidates layer as optimiser sites (floor area m², floor level, day places), as the CLI reads it. */
export async function loadLayerSites({ api, store }: AppServices): Promise<CandidateLayerSite[]> {
  const layer = await store.fetch(KEYS.layer('candidates'), () => api['layer:features:list']({ layer: 'candidates' }));
  return candidateLayerSites(layer.features);
}
