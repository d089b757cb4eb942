/**
 * Circle coverage of the open project: existing facilities of the chosen kinds plus the scenario's
 * proposals (the store's selection, facilities_in_service.ts), against the population grid. The
 * figures come from the accessibility analysis use case in circle mode — the same call as `siting
 * analyze --mode circle --radius-m R` and the renderer's analysis worker, so the three agree by construction.
 * With a study area in the project's settings, the figures are those of the cells whose centre lies
 * inside it (result.studyArea says so), and only those cells can be "uncovered".
 */
import { DEFAULTS } from '../../shared/settings/siting_settings';
import { analyseProjectAccessibility } from '../../shared/usecases/accessibility_analysis';
import type { ProjectSnapshot } from '../../shared/usecases/project_snapshot';
import type { DemandGrid } from '../../shared/engine/demand_grid';
import type { CoverageResult } from '../../shared/ipc/contract';
import type { FacilityKind } from '../../shared/schemas/entities';
import type { ProjectStore } from './store/project_store';
import type { AreaInput } from '../../shared/engine/areas/area_coverage';
import { resolveStudyArea, studyAreaGrid } from '../../shared/engine/areas/study_area';


export interface CoverageRequest {
  radiusM: number;
  kinds?: FacilityKind[];
  scenario?: string;
}

/** The figures, and 1 where a cell is covered (aligned with the grid arrays). */
export function runCoverage(
  store: ProjectStore,
  grid: DemandGrid,
  request: CoverageRequest,
): { result: CoverageResult; detail: { covered: Uint8Array; fids: Int32Array | null } } {
  const kinds = request.kinds && request.kinds.length > 0 ? request.kinds : [...DEFAULTS.kinds];
  // The session's cached grid and the facilities in service of the kinds: a snapshot of what a
  // circle analysis reads, for the same use case `siting analyze` and the analysis worker call.
  const studyArea = store.settings().studyArea;
  const snapshot: ProjectSnapshot = {
    grid,
    facilities: store.selectedFacilities(kinds, request.scenario),
    candidates: [],
    boundaries: studyArea.length > 0 ? store.boundaryAreas() : [],
    cellSize: null,
    network: null,
  };
  const { result: analysis } = analyseProjectAccessibility(snapshot, { mode: 'circle', radiiM: [request.radiusM], studyArea }, kinds);
  // The covered mask is aligned with the cells analysed: the study area's, in the grid's order.
  const fids = studyArea.length > 0 ? studyAreaFids(grid, snapshot.boundaries, studyArea) : null;
  const [threshold] = analysis.thresholds;
  return {
    result: {
      population: threshold.population,
      elderly: threshold.elderly,
      cells: threshold.cells,
      facilities: analysis.facilities,
      radiusM: request.radiusM,
      kinds,
      scenario: request.scenario ?? null,
      studyArea: analysis.studyArea ?? null,
    },
    detail: { covered: analysis.coveredLargest, fids },
  };
}

/** Project fids of the study area's cells, in the grid's order. */
function studyAreaFids(grid: DemandGrid, boundaries: readonly AreaInput[], refs: readonly string[]): Int32Array {
  return studyAreaGrid(grid, resolveStudyArea(boundaries, refs)).grid.fid!;
}

/**
 * fids of the cells that are not covered (for the map's "uncovered cells" layer); `fids` names the
 * cells `covered` is aligned with when they are not the whole grid (a study area).
 */
export function uncoveredFids(grid: DemandGrid, covered: Uint8Array, fids: Int32Array | null = null): number[] {
  const out: number[] = [];
  for (let i = 0; i < covered.length; i++) if (covered[i] === 0) out.push(fids ? fids[i] : grid.fid ? grid.fid[i] : i);
  return out;
}
