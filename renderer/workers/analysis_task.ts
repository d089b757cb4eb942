/**
 * The "analysis" task of the worker: the accessibility use case (shared/usecases/accessibility_analysis.ts,
 * the function `siting analyze` calls) on the data the renderer sent, with the worker's cached walking
 * network, plus what the map draws (service areas, walking-time or walking-distance classes, the
 * covered mask of the largest threshold).
 */
import type { AnalysisResult } from '../../shared/engine/analysis/accessibility_analysis';
import type { AreaInput } from '../../shared/engine/areas/area_coverage';
import { subRun, type RunControl } from '../../shared/run_control';
import type { FacilityKind } from '../../shared/schemas/entities';
import { analyseProjectAccessibility, type ProjectAnalysisOptions } from '../../shared/usecases/accessibility_analysis';
import type { SnapshotFacility } from '../../shared/usecases/project_snapshot';
import type { WorkerMemory } from './worker_memory';
import { circleServiceAreas, networkServiceAreas, type ServiceAreaCollection } from './service_area_shapes';
import { travelTimeClasses, type TravelTimeMap } from './travel_time_classes';
import { travelTimeDrawing, type TravelTimeDrawing } from './travel_time_image';
import type { GridPayload, RoadsPayload } from './worker_inputs';

export interface AnalysisTaskInput {
  grid: GridPayload;
  cellSize: { cellWidthDeg: number; cellHeightDeg: number } | null;
  /** The project's facilities in service (existing, plus the chosen scenario's proposals); those of `kinds` count. */
  facilities: SnapshotFacility[];
  kinds: FacilityKind[];
  /** Network mode only. */
  roads: RoadsPayload | null;
  /** With options.byArea or a study area only. */
  boundaries: AreaInput[] | null;
  /** The analysis settings and the study area (options.studyArea: boundary ids; absent or empty = the whole project). */
  options: ProjectAnalysisOptions;
  /** Draw service areas (network: merged walking areas; circle: a circle per facility and radius). */
  serviceAreas: boolean;
}

/** The engine's result without its per-cell arrays (those come separately, as typed arrays). */
export type AnalysisSummary = Omit<AnalysisResult, 'coveredLargest' | 'cellMinutes'>;

export interface AnalysisTaskResult {
  summary: AnalysisSummary;
  /** Project fid of each cell analysed (the study area's only, when there is one), aligned with `covered` and travelTime.cellClass. */
  fid: Int32Array;
  /** 1 where the cell is covered at the largest threshold. */
  covered: Uint8Array;
  /** Network mode: walking-time classes of the cells and how to draw them. */
  travelTime: (TravelTimeMap & { drawing: TravelTimeDrawing }) | null;
  serviceAreas: ServiceAreaCollection;
  /** Grid and roads versions the worker holds after this run. */
  gridKey: string | null;
  roadsKey: string | null;
  seconds: number;
}

/**
 * @example runAnalysisTask({ grid, facilities, options: { mode: 'circle', radiiM: [1000], gaps: true }, ... }, memory, control)
 */
export function runAnalysisTask(input: AnalysisTaskInput, memory: WorkerMemory, control?: RunControl): AnalysisTaskResult {
  const started = performance.now();
  const grid = memory.grid(input.grid);
  const network = input.options.mode === 'network';
  const analysed = analyseProjectAccessibility(
    {
      grid,
      facilities: input.facilities,
      candidates: [],
      boundaries: input.boundaries ?? [],
      cellSize: input.cellSize,
      network: memory.networkSource(input.roads, input.grid.key, grid),
    },
    { ...input.options, serviceAreas: undefined },
    input.kinds,
    subRun(control, 0, network && input.serviceAreas ? 0.85 : 1),
  );
  const result: AnalysisResult = analysed.result;
  let travelTime: AnalysisTaskResult['travelTime'] = null;
  let serviceAreas: ServiceAreaCollection = { type: 'FeatureCollection', features: [] };
  if (analysed.network) {
    const { model, kinds } = analysed.network;
    // networkThresholds gives either all walking times or all network distances.
    const byDistance = kinds[0].networkM !== null;
    const limits = kinds.map((kind) => (byDistance ? kind.networkM : kind.minutes) as number);
    const classes = travelTimeClasses(model.cells, model.cellCostM, limits, byDistance ? 'metres' : 'minutes', model.speedMps);
    travelTime = { ...classes, drawing: travelTimeDrawing(analysed.grid, input.cellSize, classes) };
    if (input.serviceAreas) serviceAreas = networkServiceAreas(model, kinds, subRun(control, 0.85, 1));
  } else if (input.serviceAreas) {
    serviceAreas = circleServiceAreas(analysed.facilities, result.thresholds.map((t) => t.radiusM as number));
  }
  const { coveredLargest, cellMinutes: _cellMinutes, ...summary } = result;
  return {
    summary,
    // A copy: the grid's own arrays stay in the worker's memory for the next run.
    fid: analysed.grid === grid ? grid.fid!.slice() : analysed.grid.fid!,
    covered: coveredLargest,
    travelTime,
    serviceAreas,
    gridKey: memory.gridKey,
    roadsKey: memory.roadsKey,
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
