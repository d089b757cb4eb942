/**
 * What the use cases read from a project, as plain values: the population grid as typed arrays, the
 * facilities, the candidate sites, the boundaries and (lazily) the walking network. The CLI builds it
 * from the GeoPackage (electron/services/store/project_snapshot.ts), the renderer worker from what the
 * host sent; the use cases in this folder never see a store, a file or a window.
 */
import type { AreaInput } from '../engine/areas/area_coverage';
import type { DemandGrid } from '../engine/demand_grid';
import type { RoadInput } from '../engine/network/build_walk_graph';
import { prepareCells, prepareNetwork, type PreparedCells, type PreparedNetwork } from '../engine/network/prepare_network';
import type { CandidateSite } from '../optimize/candidate_filter';
import { elapsed, now, subRun, type RunControl } from '../run_control';
import { InputError } from '../errors';
import type { FacilityKind } from '../schemas/entities';

/** A facility as the use cases read it: from the facilities layer (status existing) or a scenario's proposals. */
export interface SnapshotFacility {
  id: string;
  name: string;
  kind: FacilityKind;
  lon: number;
  lat: number;
  /** Day places; null when the layer states none. */
  capacity: number | null;
  origin: 'facility' | 'proposal';
}

/** A site of the candidates layer (floor area m², floor level, day places; null when unknown). */
export interface CandidateLayerSite extends CandidateSite {
  name: string;
  capacity: number | null;
}

/** The walking network of the roads layer, prepared on demand (a host may keep it between runs). */
export interface WalkNetworkSource {
  /** The grid's cells snapped onto the network within maxSnapM. */
  preparedCells(maxSnapM: number, control?: RunControl): PreparedCells;
  /** Milliseconds spent preparing, by step (roadsReadMs, networkBuildMs, snapMs), for reports. */
  readonly timings?: Readonly<Record<string, number>>;
}

export interface ProjectSnapshot {
  grid: DemandGrid;
  /** Existing facilities (origin 'facility') and, when a scenario is read, its proposals. */
  facilities: readonly SnapshotFacility[];
  /** The candidates layer (empty when the project has none). */
  candidates: readonly CandidateLayerSite[];
  boundaries: readonly AreaInput[];
  /** The population cells' size when every cell states the same one (gap areas are traced on it), else null. */
  cellSize: { cellWidthDeg: number; cellHeightDeg: number } | null;
  /** null when the project has no roads layer. */
  network: WalkNetworkSource | null;
}

/**
 * A network source over a roads layer read on first use: the walking graph is built once, the cells
 * snapped once per snap distance. Progress of preparedCells: graph [0, 0.7], snapping [0.7, 1].
 * @example const network = store.counts().roads > 0 ? walkNetworkFromRoads(() => store.roadsForNetwork(), grid) : null;
 */
export function walkNetworkFromRoads(readRoads: () => readonly RoadInput[], grid: DemandGrid): WalkNetworkSource {
  let network: PreparedNetwork | null = null;
  const cells = new Map<number, PreparedCells>();
  const timings: Record<string, number> = {};
  return {
    timings,
    preparedCells(maxSnapM, control) {
      const known = cells.get(maxSnapM);
      if (known) return known;
      if (!network) {
        let started = now();
        const roads = readRoads();
        timings.roadsReadMs = elapsed(started);
        started = now();
        network = prepareNetwork(roads, { ...subRun(control, 0, 0.7) });
        timings.networkBuildMs = elapsed(started);
      }
      const started = now();
      const prepared = prepareCells(network, grid, { maxSnapM, ...subRun(control, 0.7, 1) });
      timings.snapMs = elapsed(started);
      cells.set(maxSnapM, prepared);
      return prepared;
    },
  };
}

/**
 * The candidates layer's features (as the store lists them: point geometry, snake_case properties) as
 * optimiser sites; a feature without a point is refused naming it.
 * @example candidateLayerSites(store.listFeatures('candidates'))[0].floorAreaM2
 */
export function candidateLayerSites(features: readonly { geometry: unknown; properties: Record<string, unknown> }[]): CandidateLayerSite[] {
  return features.map((feature, index) => {
    const geometry = feature.geometry as { type?: string; coordinates?: unknown } | null;
    const coordinates = geometry?.type === 'Point' && Array.isArray(geometry.coordinates) ? (geometry.coordinates as unknown[]) : null;
    if (!coordinates || typeof coordinates[0] !== 'number' || typeof coordinates[1] !== 'number') {
      throw new InputError('expected a point geometry', { file: 'candidates layer', feature: index });
    }
    const p = feature.properties;
    return {
      id: String(p.id),
      name: String(p.name ?? p.id),
      lon: coordinates[0],
      lat: coordinates[1],
      floorAreaM2: finiteOrNull(p.floor_area_m2),
      floorLevel: finiteOrNull(p.floor_level),
      capacity: finiteOrNull(p.capacity),
    };
  });
}

function finiteOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
