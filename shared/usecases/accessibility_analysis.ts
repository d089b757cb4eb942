/**
 * Use case "accessibility analysis": coverage of the facilities that count, per threshold, by circle or
 * over the walking network, with capacity, gaps, per-area figures and service areas on request — the
 * engine's analysis (engine/analysis/accessibility_analysis.ts) on a project snapshot. `siting analyze`
 * and the app's analysis worker call this one function, so their figures agree by construction. The
 * walking network comes from the snapshot's source (built once with the default walk profile; another
 * steps factor re-costs it without a rebuild or a re-snap).
 */
import type { AreaInput } from '../engine/areas/area_coverage';
import type { DemandGrid } from '../engine/demand_grid';
import { analyseAccessibility, type AnalysisOptions, type AnalysisResult } from '../engine/analysis/accessibility_analysis';
import { withCellsStepsFactor, type NetworkPart } from '../engine/analysis/network_analysis';
import { isOfKinds } from '../engine/facilities_in_service';
import { DEFAULT_WALK_PROFILE } from '../engine/network/walk_profile';
import { InputError } from '../errors';
import type { RunControl } from '../run_control';
import type { FacilityKind } from '../schemas/entities';
import { AnalysisSettings, DEFAULTS, parseSettings } from '../settings/siting_settings';
import type { ProjectSnapshot, SnapshotFacility } from './project_snapshot';
import { PolygonIndex } from '../engine/areas/polygon_index';
import { withStudyArea } from './study_area';

export interface ProjectAccessibility {
  result: AnalysisResult;
  /** Network mode: the model the figures came from (for maps of walking times and service areas). */
  network: NetworkPart | null;
  /** The facilities counted: those of the snapshot (existing, plus the scenario's proposals) of the kinds. */
  facilities: SnapshotFacility[];
  /** The cells analysed (the study area's, else the snapshot's grid): result.coveredLargest is aligned with them. */
  grid: DemandGrid;
}

/** The analysis settings plus the study area: ids (or unique names) of boundary areas; absent or empty = the whole project. */
export type ProjectAnalysisOptions = AnalysisOptions & { studyArea?: readonly string[] };

/**
 * With a study area, the figures, gaps and per-area rows are those of the cells whose centre lies
 * inside it (result.studyArea says which and how many); per-area rows list the areas holding such cells.
 * Progress (network mode): preparation [0, 0.6], walking times [0.6, 0.8], gaps [0.8, 0.9], areas [0.9, 1].
 * @example analyseProjectAccessibility(snapshot, { mode: 'network', minutes: [5, 10, 15] }, ['day_care']).result.thresholds[2].elderly.ratio
 */
export function analyseProjectAccessibility(
  fullSnapshot: ProjectSnapshot,
  settings: ProjectAnalysisOptions,
  kinds: readonly FacilityKind[],
  control?: RunControl,
): ProjectAccessibility {
  const { studyArea, ...rest } = settings;
  const options: AnalysisOptions = parseSettings(AnalysisSettings, rest);
  const limited = withStudyArea(fullSnapshot, studyArea);
  const snapshot = limited.snapshot;
  const facilities = snapshot.facilities.filter((f) => isOfKinds(f, kinds));
  const input = {
    grid: snapshot.grid,
    facilities,
    // Read only when needed (a host may load them lazily).
    boundaries: options.byArea ? areasOfCells(snapshot, limited.summary !== null) : undefined,
    cellSize: options.gaps ? snapshot.cellSize : null,
  };
  const withArea = (analysed: ProjectAccessibility): ProjectAccessibility => {
    analysed.result.studyArea = limited.summary;
    return analysed;
  };
  if (options.mode !== 'network') return withArea({ ...analyseAccessibility(input, options, control), facilities, grid: snapshot.grid });
  const source = snapshot.network;
  if (!source) throw new InputError('network mode needs a roads layer: import OSM ways first', { field: 'roads' }, { reason: 'roads_missing' });
  // The engine reads a missing list as "15 minutes"; an empty one means the thresholds were lost on the way.
  if (options.minutes?.length === 0 && !options.networkM?.length) {
    throw new InputError('network mode needs walking times (minutes) or network distances (networkM); both lists are empty', { field: 'minutes' });
  }
  const maxSnapM = options.maxSnapM ?? DEFAULTS.maxSnapM;
  const stepsFactor = options.stepsFactor ?? DEFAULTS.stepsFactor;
  const analysed = analyseAccessibility(input, options, control, (prepareControl) =>
    withCellsStepsFactor(source.preparedCells(maxSnapM, prepareControl), stepsFactor, DEFAULT_WALK_PROFILE.stepsFactor),
  );
  return withArea({ ...analysed, facilities, grid: snapshot.grid });
}

/** The boundaries for per-area figures; within a study area, only the areas that hold one of its cells. */
function areasOfCells(snapshot: ProjectSnapshot, limited: boolean): AreaInput[] {
  const all = [...snapshot.boundaries];
  if (!limited) return all;
  const { grid } = snapshot;
  const index = new PolygonIndex(all.map((a) => a.geometry.coordinates));
  const holds = new Uint8Array(all.length);
  const found: number[] = [];
  for (let c = 0; c < grid.count; c++) for (const a of index.containing(grid.lon[c], grid.lat[c], found)) holds[a] = 1;
  return all.filter((_, a) => holds[a] === 1);
}
