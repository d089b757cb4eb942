/**
 * The project's study area as the hosts and the CLI read and set it: the ids stored in the project's
 * settings (`studyArea`), checked against the boundaries layer on every change, with the outline the
 * map dims outside of. Membership of cells is shared/engine/areas/study_area.ts.
 */
import type { AreaInput } from '../../shared/engine/areas/area_coverage';
import { resolveStudyArea, studyAreaGrid, studyAreaOutline } from '../../shared/engine/areas/study_area';
import type { StudyAreaInfo } from '../../shared/ipc/contract';
import type { ProjectStore } from './store/project_store';
import { sitePlaces, type SitePlace } from '../../shared/usecases/site_names';

/**
 * @example studyAreaInfo(store).areas.map((a) => a.name)
 */
export function studyAreaInfo(store: ProjectStore): StudyAreaInfo {
  const areaIds = store.settings().studyArea;
  const boundaries = store.hasFeatures('boundaries') ? store.boundaryAreas() : [];
  return describe(areaIds, boundaries);
}

/** Checks the ids (or unique names) against the boundaries layer and stores their ids; [] = the whole project. */
/** The ids of `refs` (ids or unique names) in the boundaries layer; refused when one is unknown. Writes nothing. */
export function resolveStudyAreaIds(store: ProjectStore, refs: readonly string[]): string[] {
  return refs.length > 0 ? resolveStudyArea(store.boundaryAreas(), refs).map((a) => a.id) : [];
}

export function setStudyArea(store: ProjectStore, refs: readonly string[]): StudyAreaInfo {
  const boundaries = refs.length > 0 ? store.boundaryAreas() : [];
  const ids = resolveStudyArea(boundaries, refs).map((a) => a.id);
  store.updateSettings({ studyArea: ids });
  return describe(ids, boundaries.length > 0 ? boundaries : store.hasFeatures('boundaries') ? store.boundaryAreas() : []);
}

/** Project fids of the cells inside the study area; null for the whole project. */
export function studyAreaCells(store: ProjectStore, grid = store.loadDemandGrid()): number[] | null {
  const refs = store.settings().studyArea;
  if (refs.length === 0) return null;
  return Array.from(studyAreaGrid(grid, resolveStudyArea(store.boundaryAreas(), refs)).grid.fid!);
}

/** Where each site is (nearest named road within 250 m, finest boundary area), for suggested sites' names. */
export function suggestedPlaces(store: ProjectStore, sites: readonly { lon: number; lat: number }[]): SitePlace[] {
  const roads = store.hasFeatures('roads') ? store.roadsForNetwork() : [];
  const areas = store.hasFeatures('boundaries') ? store.boundaryAreas() : [];
  return sitePlaces(sites, roads, areas);
}

function describe(areaIds: readonly string[], boundaries: readonly AreaInput[]): StudyAreaInfo {
  const byId = new Map(boundaries.map((b) => [b.id, b]));
  const chosen = areaIds.flatMap((id) => byId.get(id) ?? []);
  const outline = studyAreaOutline(chosen);
  return {
    areaIds: [...areaIds],
    areas: chosen.map(({ id, name, level }) => ({ id, name, level })),
    missing: areaIds.filter((id) => !byId.has(id)),
    choices: boundaries.map(({ id, name, level }) => ({ id, name, level })),
    outline,
    bbox: outline ? boxOf(outline.coordinates) : null,
  };
}

function boxOf(coordinates: number[][][][]): [number, number, number, number] {
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const polygon of coordinates) for (const ring of polygon) for (const [x, y] of ring) {
    box[0] = Math.min(box[0], x);
    box[1] = Math.min(box[1], y);
    box[2] = Math.max(box[2], x);
    box[3] = Math.max(box[3], y);
  }
  return box;
}
