/**
 * Use case "limit to a study area": a project snapshot whose population cells are those with their
 * centre inside the chosen areas (shared/engine/areas/study_area.ts decides membership). Coverage
 * figures, gaps, per-area figures and the suggestion's demand are then the study area's; existing
 * facilities and proposals stay as they are, since one just outside still serves the people inside.
 * The walking network is the project's: the full grid's snaps, cut down to the cells kept.
 */
import { resolveStudyArea, restrictPreparedCells, studyAreaGrid, type StudyAreaSummary } from '../engine/areas/study_area';
import type { AreaInput } from '../engine/areas/area_coverage';
import type { PreparedCells } from '../engine/network/prepare_network';
import type { ProjectSnapshot, WalkNetworkSource } from './project_snapshot';

export interface StudyAreaSnapshot {
  /** The snapshot limited to the study area (the given one when `refs` is empty). */
  snapshot: ProjectSnapshot;
  /** The areas chosen; empty for the whole project. */
  areas: AreaInput[];
  /** null for the whole project. */
  summary: StudyAreaSummary | null;
}

/**
 * @example const { snapshot: limited, summary } = withStudyArea(snapshot, ['江汉区']); summary?.cellsInside
 */
export function withStudyArea(snapshot: ProjectSnapshot, refs: readonly string[] | undefined): StudyAreaSnapshot {
  if (!refs || refs.length === 0) return { snapshot, areas: [], summary: null };
  const areas = resolveStudyArea(snapshot.boundaries, refs);
  const limited = studyAreaGrid(snapshot.grid, areas);
  const source = snapshot.network;
  let network: WalkNetworkSource | null = null;
  if (source) {
    const cut = new WeakMap<PreparedCells, PreparedCells>();
    network = {
      get timings() {
        return source.timings;
      },
      preparedCells(maxSnapM, control) {
        const full = source.preparedCells(maxSnapM, control);
        let cells = cut.get(full);
        if (!cells) {
          cells = restrictPreparedCells(full, limited.grid, limited.indices);
          cut.set(full, cells);
        }
        return cells;
      },
    };
  }
  const restricted: ProjectSnapshot = {
    grid: limited.grid,
    facilities: snapshot.facilities,
    get candidates() {
      return snapshot.candidates;
    },
    get boundaries() {
      return snapshot.boundaries;
    },
    get cellSize() {
      return snapshot.cellSize;
    },
    network,
  };
  return { snapshot: restricted, areas, summary: limited.summary };
}
