/**
 * A walking-network accessibility analysis that keeps its prepared network between runs: the engine's
 * own analysis (shared/engine/analysis/accessibility_analysis.ts, analyseAccessibility) with the graph
 * and the snapped cells taken from the worker's NetworkCache instead of being rebuilt on every run, so
 * its figures equal `siting analyze --mode network` (tests/unit/renderer/network_accessibility.test.ts
 * compares the two).
 */
import { analyseAccessibility, type AnalysisInput, type AnalysisOptions, type AnalysisResult } from '../../shared/engine/analysis/accessibility_analysis';
import { withCellsStepsFactor } from '../../shared/engine/analysis/network_analysis';
import type { ThresholdKind } from '../../shared/engine/analysis/service_area_features';
import type { NetworkServiceModel } from '../../shared/engine/network/network_service_model';
import type { PreparedCells } from '../../shared/engine/network/prepare_network';
import type { RunControl } from '../../shared/run_control';
import type { WalkThreshold } from '../../shared/engine/network/thresholds';
import { DEFAULT_WALK_PROFILE } from '../../shared/engine/network/walk_profile';

export interface NetworkAccessibility {
  result: AnalysisResult;
  model: NetworkServiceModel;
  /** The snapped cells the model ran on (its graph costed with the run's steps factor). */
  cells: PreparedCells;
  /** What each threshold is (minutes or network distance), in the order of result.thresholds. */
  kinds: ThresholdKind[];
  walkThresholds: WalkThreshold[];
}

/**
 * `input.roads` is not read: the walking network comes from `prepare`, which returns the snapped cells
 * for the grid (from the cache, or built under the control it is given) on a graph built with the
 * default walk profile; other steps factors re-cost that graph (no rebuild, no re-snap: snapping
 * depends on geometry only).
 * Progress: preparation [0, 0.6], walking times [0.6, 0.8], gaps [0.8, 0.9], areas [0.9, 1].
 * @example networkAccessibility(input, { mode: 'network', networkM: [300, 500, 1000], stepsFactor: 3 }, (c) => cache.preparedCells(roads, payload, grid, 300, c))
 */
export function networkAccessibility(
  input: AnalysisInput,
  options: AnalysisOptions,
  prepare: (control: RunControl | undefined) => PreparedCells,
  control?: RunControl,
): NetworkAccessibility {
  const stepsFactor = options.stepsFactor ?? DEFAULT_WALK_PROFILE.stepsFactor;
  const { result, network } = analyseAccessibility(
    input,
    { ...options, mode: 'network', serviceAreas: undefined },
    control,
    (prepareControl) => withCellsStepsFactor(prepare(prepareControl), stepsFactor, DEFAULT_WALK_PROFILE.stepsFactor),
  );
  if (!network) throw new Error('a network analysis returned no network part');
  return { result, model: network.model, cells: network.model.cells, kinds: network.kinds, walkThresholds: network.walkThresholds };
}
