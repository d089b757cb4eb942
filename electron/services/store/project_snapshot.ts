/**
 * The project snapshot (shared/usecases/project_snapshot.ts) of an open GeoPackage: the population
 * grid, the facilities in service of every kind (with a scenario: its proposals too), the candidates
 * layer and the boundaries; the grid and the facilities are read now, the rest on first use (the
 * walking network is built only when a use case asks for it).
 */
import { candidateLayerSites, walkNetworkFromRoads, type ProjectSnapshot } from '../../../shared/usecases/project_snapshot';
import { FacilityKind } from '../../../shared/schemas/entities';
import type { ProjectStore } from './project_store';

/**
 * @example const snapshot = readProjectSnapshot(store); await suggestSites(snapshot, request, solve)
 */
export function readProjectSnapshot(store: ProjectStore, options: { scenario?: string } = {}): ProjectSnapshot {
  const grid = store.loadDemandGrid();
  // Whether a layer has features, not how many: counting the population layer alone takes 30 ms at city scale.
  const has = { candidates: store.hasFeatures('candidates'), boundaries: store.hasFeatures('boundaries'), roads: store.hasFeatures('roads') };
  const once = <T>(read: () => T): (() => T) => {
    let value: { read: T } | null = null;
    return () => (value ??= { read: read() }).read;
  };
  const candidates = once(() => (has.candidates ? candidateLayerSites(store.listFeatures('candidates')) : []));
  const boundaries = once(() => (has.boundaries ? store.boundaryAreas() : []));
  const cellSize = once(() => store.populationCellSize());
  return {
    grid,
    facilities: store.selectedFacilities(FacilityKind.options, options.scenario),
    // Read on first use: an analysis without per-area figures never reads the boundary polygons.
    get candidates() {
      return candidates();
    },
    get boundaries() {
      return boundaries();
    },
    get cellSize() {
      return cellSize();
    },
    network: has.roads ? walkNetworkFromRoads(() => store.roadsForNetwork(), grid) : null,
  };
}
