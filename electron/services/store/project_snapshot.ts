/**
 * The project snapshot (shared/usecases/project_snapshot.ts) of an open GeoPackage: the population
 * grid, every existing facility, the candidates layer and the boundaries, read now; the walking
 * network read and built only when a use case asks for it.
 */
import { walkNetworkFromRoads, type CandidateLayerSite, type ProjectSnapshot } from '../../../shared/usecases/project_snapshot';
import { FacilityKind } from '../../../shared/schemas/entities';
import type { ProjectStore } from './project_store';

/**
 * @example const snapshot = readProjectSnapshot(store); await suggestSites(snapshot, request, solve)
 */
export function readProjectSnapshot(store: ProjectStore): ProjectSnapshot {
  const grid = store.loadDemandGrid();
  const counts = store.counts();
  return {
    grid,
    facilities: store.selectedFacilities(FacilityKind.options),
    candidates: counts.candidates > 0 ? candidateLayerSites(store) : [],
    boundaries: counts.boundaries > 0 ? store.boundaryAreas() : [],
    network: counts.roads > 0 ? walkNetworkFromRoads(() => store.roadsForNetwork(), grid) : null,
  };
}

function candidateLayerSites(store: ProjectStore): CandidateLayerSite[] {
  return store.listFeatures('candidates').map((f) => {
    const [lon, lat] = (f.geometry as { coordinates: number[] }).coordinates;
    return {
      id: String(f.properties.id),
      name: String(f.properties.name ?? f.properties.id),
      lon,
      lat,
      floorAreaM2: numberOrNull(f.properties.floor_area_m2),
      floorLevel: numberOrNull(f.properties.floor_level),
      capacity: numberOrNull(f.properties.capacity),
    };
  });
}

function numberOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
