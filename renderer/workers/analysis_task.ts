/**
 * The "analysis" task of the worker: circle or walking-network accessibility with the figures the
 * panel shows (per threshold, everyone's walking time, the not-covered split, capacity, gaps, per
 * area) and what the map draws (service areas, walking-time or walking-distance classes, the covered
 * mask of the largest threshold).
 */
import { runAccessibilityAnalysis, type AnalysisOptions, type AnalysisResult } from '../../shared/engine/analysis/accessibility_analysis';
import type { AreaInput } from '../../shared/engine/areas/area_coverage';
import { subRun, type RunControl } from '../../shared/run_control';
import { InputError } from '../../shared/errors';
import { networkAccessibility } from './network_accessibility';
import type { NetworkCache } from './network_cache';
import { circleServiceAreas, networkServiceAreas, type ServiceAreaCollection } from './service_area_shapes';
import { travelTimeClasses, type TravelTimeMap } from './travel_time_classes';
import { travelTimeDrawing, type TravelTimeDrawing } from './travel_time_image';
import { toDemandGrid, type GridPayload, type RoadsPayload, type WorkerFacility } from './worker_inputs';

export interface AnalysisTaskInput {
  grid: GridPayload;
  cellSize: { cellWidthDeg: number; cellHeightDeg: number } | null;
  facilities: WorkerFacility[];
  /** Network mode only. */
  roads: RoadsPayload | null;
  /** With options.byArea only. */
  boundaries: AreaInput[] | null;
  options: AnalysisOptions;
  /** Draw service areas (network: merged walking areas; circle: a circle per facility and radius). */
  serviceAreas: boolean;
}

/** The engine's result without its per-cell arrays (those come separately, as typed arrays). */
export type AnalysisSummary = Omit<AnalysisResult, 'coveredLargest' | 'cellMinutes'>;

export interface AnalysisTaskResult {
  summary: AnalysisSummary;
  /** Project fid of each cell, aligned with `covered` and travelTime.cellClass. */
  fid: Int32Array;
  /** 1 where the cell is covered at the largest threshold. */
  covered: Uint8Array;
  /** Network mode: walking-time classes of the cells and how to draw them. */
  travelTime: (TravelTimeMap & { drawing: TravelTimeDrawing }) | null;
  serviceAreas: ServiceAreaCollection;
  /** Roads key the worker holds a prepared network for after this run. */
  roadsKey: string | null;
  seconds: number;
}

/**
 * @example runAnalysisTask({ grid, facilities, options: { mode: 'circle', radiiM: [1000], gaps: true }, ... }, cache, control)
 */
export function runAnalysisTask(input: AnalysisTaskInput, cache: NetworkCache, control?: RunControl): AnalysisTaskResult {
  const started = performance.now();
  const grid = toDemandGrid(input.grid);
  const engineInput = {
    grid,
    facilities: input.facilities,
    boundaries: input.boundaries ?? undefined,
    cellSize: input.cellSize,
  };
  let result: AnalysisResult;
  let travelTime: AnalysisTaskResult['travelTime'] = null;
  let serviceAreas: ServiceAreaCollection = { type: 'FeatureCollection', features: [] };
  if (input.options.mode === 'network') {
    const roads = input.roads;
    if (!roads) throw new InputError('network mode needs a roads layer: import OSM ways first', { field: 'roads' });
    // The engine reads a missing list as "15 minutes"; an empty one from the panel means its thresholds were lost on the way.
    if (input.options.minutes?.length === 0 && !input.options.networkM?.length) {
      throw new InputError('network mode needs walking times (minutes) or network distances (networkM); both lists are empty', { field: 'minutes' });
    }
    const maxSnapM = input.options.maxSnapM ?? 300;
    const analysed = networkAccessibility(
      engineInput,
      input.options,
      (prepareControl) => cache.preparedCells(roads, input.grid, grid, maxSnapM, prepareControl),
      subRun(control, 0, input.serviceAreas ? 0.85 : 1),
    );
    result = analysed.result;
    // networkThresholds gives either all walking times or all network distances.
    const byDistance = analysed.kinds[0].networkM !== null;
    const limits = analysed.kinds.map((kind) => (byDistance ? kind.networkM : kind.minutes) as number);
    const classes = travelTimeClasses(analysed.cells, analysed.model.cellCostM, limits, byDistance ? 'metres' : 'minutes', analysed.model.speedMps);
    travelTime = { ...classes, drawing: travelTimeDrawing(grid, input.cellSize, classes) };
    if (input.serviceAreas) serviceAreas = networkServiceAreas(analysed.model, analysed.kinds, subRun(control, 0.85, 1));
  } else {
    result = runAccessibilityAnalysis(engineInput, input.options, control);
    if (input.serviceAreas) serviceAreas = circleServiceAreas(input.facilities, result.thresholds.map((t) => t.radiusM as number));
  }
  const { coveredLargest, cellMinutes: _cellMinutes, ...summary } = result;
  return {
    summary,
    // A copy: the grid's own arrays may stay in the network cache.
    fid: input.grid.fid.slice(),
    covered: coveredLargest,
    travelTime,
    serviceAreas,
    roadsKey: cache.roadsKey,
    seconds: (performance.now() - started) / 1000,
  };
}

/** Buffers of a result to transfer back to the renderer instead of copying them. */
export function analysisTransferables(result: AnalysisTaskResult): ArrayBuffer[] {
  const buffers = [result.fid.buffer, result.covered.buffer];
  if (result.travelTime) {
    buffers.push(result.travelTime.cellClass.buffer);
    if (result.travelTime.drawing.image) buffers.push(result.travelTime.drawing.image.pixels.buffer);
  }
  return buffers as ArrayBuffer[];
}
