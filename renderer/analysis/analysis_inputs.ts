/**
 * Loads what a worker run needs from the host (analysis:inputs:get, the candidates layer) through the
 * query cache, so that repeated runs do not fetch again until an import or an edit invalidates the
 * data. The grid and facilities live under `coverage:` (every change that invalidates coverage —
 * imports, proposal edits — changes them); the roads under `layer:roads`, so that only a roads import
 * makes the worker build its walking network again.
 */
import type { AreaInput } from '../../shared/engine/areas/area_coverage';
import type { AnalysisInputs } from '../../shared/ipc/contract';
import type { FacilityKind } from '../../shared/schemas/entities';
import type { CandidateLayerSite } from '../../shared/usecases/project_snapshot';
import type { TaskWorker } from '../workers/task_worker';
import type { RoadsPayload } from '../workers/worker_inputs';
import { KEYS, type AppServices } from '../state/app_context';

export const INPUT_KEYS = {
  data: (kinds: readonly FacilityKind[], scenario: string | null, boundaries: boolean) =>
    `coverage:inputs:${[...kinds].sort().join(',')}:${scenario ?? ''}:${boundaries ? 'boundaries' : ''}`,
  roads: 'layer:roads:analysis-inputs',
} as const;

/** A new key per fetched roads response: after an import the worker builds its network again. */
const roadsKeys = new WeakMap<object, string>();
let roadsFetches = 0;

export interface InputRequest {
  kinds: readonly FacilityKind[];
  scenario: string | null;
  boundaries: boolean;
}

/** Grid, facilities (existing of the kinds + the scenario's proposals) and boundaries, cached. */
export function loadInputs({ api, store }: AppServices, request: InputRequest): Promise<AnalysisInputs> {
  const { kinds, scenario, boundaries } = request;
  return store.fetch(INPUT_KEYS.data(kinds, scenario, boundaries), () =>
    api['analysis:inputs:get']({ kinds: [...kinds], ...(scenario ? { scenario } : {}), boundaries }),
  );
}

/**
 * The roads for a worker: the whole layer only when that worker does not hold its network yet.
 * @example const roads = await loadRoads(services, worker); worker.run('analysis', { ..., roads })
 */
export async function loadRoads({ api, store }: AppServices, worker: TaskWorker): Promise<RoadsPayload> {
  const inputs = await store.fetch(INPUT_KEYS.roads, () => api['analysis:inputs:get']({ roads: true }));
  let key = roadsKeys.get(inputs);
  if (!key) {
    key = `roads-${++roadsFetches}`;
    roadsKeys.set(inputs, key);
  }
  if (worker.holdsRoads(key)) return { key, data: null };
  return { key, data: inputs.roads ?? [] };
}

/** Boundaries as the engine's areas (the host sends the store's levels, which are Boundary levels). */
export function areaInputs(inputs: AnalysisInputs): AreaInput[] {
  return (inputs.boundaries ?? []) as AreaInput[];
}

function numberOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** The candidates layer as optimiser sites (floor area m², floor level, day places), as the CLI reads it. */
export async function loadLayerSites({ api, store }: AppServices): Promise<CandidateLayerSite[]> {
  const layer = await store.fetch(KEYS.layer('candidates'), () => api['layer:features:list']({ layer: 'candidates' }));
  return layer.features.map((feature, index) => {
    const geometry = feature.geometry as { type?: string; coordinates?: number[] } | null;
    if (!geometry || geometry.type !== 'Point' || !Array.isArray(geometry.coordinates)) {
      throw new Error(`candidates layer, feature ${index}: expected a point geometry`);
    }
    const [lon, lat] = geometry.coordinates;
    const p = feature.properties;
    return {
      id: String(p.id),
      name: String(p.name ?? p.id),
      lon,
      lat,
      floorAreaM2: numberOrNull(p.floor_area_m2),
      floorLevel: numberOrNull(p.floor_level),
      capacity: numberOrNull(p.capacity),
    };
  });
}
