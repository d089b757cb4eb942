/**
 * Use case "accessibility analysis": coverage of the facilities that count, per threshold, by circle or
 * over the walking network, with capacity, gaps, per-area figures and service areas on request — the
 * engine's analysis (engine/analysis/accessibility_analysis.ts) on a project snapshot. `siting analyze`
 * and the app's analysis worker call this one function, so their figures agree by construction. The
 * walking network comes from the snapshot's source (built once with the default walk profile; another
 * steps factor re-costs it without a rebuild or a re-snap).
 */
import { analyseAccessibility, type AnalysisOptions, type AnalysisResult } from '../engine/analysis/accessibility_analysis';
import { withCellsStepsFactor, type NetworkPart } from '../engine/analysis/network_analysis';
import { isOfKinds } from '../engine/facilities_in_service';
import { DEFAULT_WALK_PROFILE } from '../engine/network/walk_profile';
import { InputError } from '../errors';
import type { RunControl } from '../run_control';
import type { FacilityKind } from '../schemas/entities';
import { AnalysisSettings, DEFAULTS, parseSettings } from '../settings/siting_settings';
import type { ProjectSnapshot, SnapshotFacility } from './project_snapshot';

export interface ProjectAccessibility {
  result: AnalysisResult;
  /** Network mode: the model the figures came from (for maps of walking times and service areas). */
  network: NetworkPart | null;
  /** The facilities counted: those of the snapshot (existing, plus the scenario's proposals) of the kinds. */
  facilities: SnapshotFacility[];
}

/**
 * Progress (network mode): preparation [0, 0.6], walking times [0.6, 0.8], gaps [0.8, 0.9], areas [0.9, 1].
 * @example analyseProjectAccessibility(snapshot, { mode: 'network', minutes: [5, 10, 15] }, ['day_care']).result.thresholds[2].elderly.ratio
 */
export function analyseProjectAccessibility(
  snapshot: ProjectSnapshot,
  options: AnalysisOptions,
  kinds: readonly FacilityKind[],
  control?: RunControl,
): ProjectAccessibility {
  options = parseSettings(AnalysisSettings, options);
  const facilities = snapshot.facilities.filter((f) => isOfKinds(f, kinds));
  const input = {
    grid: snapshot.grid,
    facilities,
    // Read only when needed (a host may load them lazily).
    boundaries: options.byArea ? [...snapshot.boundaries] : undefined,
    cellSize: options.gaps ? snapshot.cellSize : null,
  };
  if (options.mode !== 'network') return { ...analyseAccessibility(input, options, control), facilities };
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
  return { ...analysed, facilities };
}
