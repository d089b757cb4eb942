/**
 * Circle coverage of the open project: existing facilities of the chosen kinds plus the scenario's
 * proposals, against the population grid.
 */
import { circleCoverage, type CircleCoverageResult } from '../../shared/engine/circle_coverage';
import type { DemandGrid } from '../../shared/engine/demand_grid';
import type { CoverageResult } from '../../shared/ipc/contract';
import type { FacilityKind } from '../../shared/schemas/entities';
import type { ProjectStore } from './store/project_store';

export const DEFAULT_KINDS: FacilityKind[] = ['day_care', 'community_station'];

export interface CoverageRequest {
  radiusM: number;
  kinds?: FacilityKind[];
  scenario?: string;
}

export function runCoverage(
  store: ProjectStore,
  grid: DemandGrid,
  request: CoverageRequest,
): { result: CoverageResult; detail: CircleCoverageResult } {
  const kinds = request.kinds && request.kinds.length > 0 ? request.kinds : DEFAULT_KINDS;
  const facilities = store.selectedFacilities(kinds, request.scenario);
  const detail = circleCoverage(grid, facilities, request.radiusM);
  return {
    result: {
      population: detail.population,
      elderly: detail.elderly,
      cells: detail.cells,
      facilities: detail.facilities,
      radiusM: detail.radiusM,
      kinds,
      scenario: request.scenario ?? null,
    },
    detail,
  };
}

/** fids of the cells that are not covered (for the map's "uncovered cells" layer). */
export function uncoveredFids(grid: DemandGrid, covered: Uint8Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < grid.count; i++) if (covered[i] === 0) out.push(grid.fid ? grid.fid[i] : i);
  return out;
}
