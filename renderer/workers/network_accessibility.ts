/**
 * A walking-network accessibility analysis that keeps its prepared network between runs. It is
 * runAccessibilityAnalysis (shared/engine/analysis/accessibility_analysis.ts) with its network part
 * analyseNetwork (network_analysis.ts) — the same thresholds (networkThresholds: minutes or network
 * distances), steps factor, statistics horizon, snapping, multi-source model, capacity reach, gap
 * areas and per-area figures — so its figures equal `siting analyze --mode network`
 * (tests/unit/renderer/network_accessibility.test.ts compares the two). The one difference: the graph
 * and the snapped cells come from the worker's NetworkCache instead of being rebuilt on every run,
 * because analyseNetwork builds them itself from the roads. Once analyseNetwork accepts prepared
 * cells, this file shrinks to a call of runAccessibilityAnalysis.
 */
import type { AnalysisInput, AnalysisOptions, AnalysisResult, ThresholdResult } from '../../shared/engine/analysis/accessibility_analysis';
import { elapsed, networkThresholds, now } from '../../shared/engine/analysis/network_analysis';
import type { ThresholdKind } from '../../shared/engine/analysis/service_area_features';
import { areaCoverage, type CoverageLayer } from '../../shared/engine/areas/area_coverage';
import { allocateCapacity, DEFAULT_UPTAKE_RATE } from '../../shared/engine/capacity/allocate_capacity';
import type { DemandGrid } from '../../shared/engine/demand_grid';
import { coveredMask, findGapAreas } from '../../shared/engine/gaps/find_gap_areas';
import { gridLayout } from '../../shared/engine/gaps/grid_layout';
import { networkFacilityReach } from '../../shared/engine/network/facility_reach';
import { NetworkServiceModel } from '../../shared/engine/network/network_service_model';
import type { PreparedCells } from '../../shared/engine/network/prepare_network';
import { subRun, type RunControl } from '../../shared/engine/network/run_control';
import { DEFAULT_SPEED_MPS, type WalkThreshold } from '../../shared/engine/network/thresholds';
import { withStepsFactor } from '../../shared/engine/network/walk_graph';
import { DEFAULT_WALK_PROFILE } from '../../shared/engine/network/walk_profile';
import { InputError } from '../../shared/errors';

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
 * default walk profile; other steps factors re-cost that graph here (no rebuild, no re-snap: snapping
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
  const timings: Record<string, number> = {};
  const { grid, facilities } = input;
  const speedMps = options.speedMps ?? DEFAULT_SPEED_MPS;
  const stepsFactor = options.stepsFactor ?? DEFAULT_WALK_PROFILE.stepsFactor;
  const { walk, kinds } = networkThresholds(options, speedMps);
  let started = now();
  const cells = withCellsStepsFactor(prepare(subRun(control, 0, 0.6)), stepsFactor);
  timings.prepareMs = elapsed(started);
  started = now();
  const model = new NetworkServiceModel(cells, {
    thresholds: walk,
    speedMps,
    facilitySnapM: options.maxSnapM,
    statisticsHorizonFactor: options.statisticsHorizonFactor,
  });
  model.setFacilities(facilities, subRun(control, 0.6, 0.8));
  timings.shortestPathsMs = elapsed(started);
  const figures = model.figures();
  const totals = figures.totals;
  const stats = cells.network.graph.stats;
  const thresholds: ThresholdResult[] = figures.thresholds.map((t, i) => ({
    label: t.label,
    radiusM: null,
    minutes: kinds[i].minutes,
    networkM: kinds[i].networkM,
    limitM: t.limitM,
    population: { total: totals.population, covered: t.population, ratio: t.populationShare },
    elderly: { total: totals.elderly, covered: t.elderly, ratio: t.elderlyShare },
    cells: { total: totals.cells, covered: t.cells },
    meanMinutes: t.meanMinutes,
    p90Minutes: t.p90Minutes,
  }));
  const limitsM = figures.thresholds.map((t) => t.limitM);
  const masks = limitsM.map((limitM) => coveredMask(model.cellCostM, limitM));
  const cellMinutes = new Float64Array(grid.count);
  for (let c = 0; c < grid.count; c++) cellMinutes[c] = model.cellCostM[c] / speedMps / 60;
  const largest = limitsM.indexOf(Math.max(...limitsM));

  const result: AnalysisResult = {
    mode: 'network',
    facilities: facilities.length,
    speedMps,
    thresholds,
    unreachable: { ...figures.unreachable, offNetworkCells: figures.offNetwork.cells },
    travelTime: figures.travelTime,
    network: {
      ways: stats.walkableWays,
      nodes: stats.nodes,
      edges: stats.edges,
      lengthKm: Math.round(stats.totalLengthM / 100) / 10,
      stepsFactor,
      facilitiesOffNetwork: model.facilitiesOffNetwork(),
    },
    capacity: null,
    gaps: null,
    areas: null,
    serviceAreas: null,
    coveredLargest: masks[largest],
    cellMinutes,
    timings,
  };

  if (options.capacity) {
    started = now();
    const reach = networkFacilityReach(model.cells, facilities, limitsM[largest]);
    const allocation = allocateCapacity(grid, reach, facilities.map((f) => f.capacity ?? null), { uptakeRate: options.uptakeRate ?? DEFAULT_UPTAKE_RATE });
    result.capacity = {
      threshold: thresholds[largest].label,
      uptakeRate: allocation.uptakeRate,
      mode: allocation.mode,
      totals: allocation.totals,
      facilities: allocation.facilities,
    };
    timings.capacityMs = elapsed(started);
  }
  if (options.gaps) {
    started = now();
    result.gaps = gapAreas(grid, input.cellSize ?? {}, masks[largest], thresholds[largest].label, options.maxGaps ?? 50, subRun(control, 0.8, 0.9));
    timings.gapsMs = elapsed(started);
  }
  if (options.byArea) {
    if (!input.boundaries || input.boundaries.length === 0) {
      throw new InputError('per-area figures need a boundaries layer: import district/street/community polygons first', { field: 'boundaries' });
    }
    started = now();
    const layers: CoverageLayer[] = thresholds.map((t, i) => ({ label: t.label, covered: masks[i] }));
    result.areas = areaCoverage(grid, input.boundaries, layers, { facilities, ...subRun(control, 0.9, 1) });
    timings.areasMs = elapsed(started);
  }
  return { result, model, cells, kinds, walkThresholds: walk };
}

/**
 * The cells on the same network with steps costed at `stepsFactor`. The cache builds the graph with
 * DEFAULT_WALK_PROFILE; withStepsFactor gives the costs buildWalkGraph would give with that factor
 * (length × factor on `highway=steps` edges), sharing every other array, and the segment index and
 * the snaps stay valid because they depend on geometry only.
 */
function withCellsStepsFactor(cells: PreparedCells, stepsFactor: number): PreparedCells {
  if (stepsFactor === DEFAULT_WALK_PROFILE.stepsFactor) return cells;
  const graph = withStepsFactor(cells.network.graph, stepsFactor);
  return { ...cells, network: { graph, index: cells.network.index } };
}

/** Gap areas of a coverage mask, listed and as GeoJSON, as runAccessibilityAnalysis reports them. */
function gapAreas(
  grid: DemandGrid,
  cellSize: { cellWidthDeg?: number; cellHeightDeg?: number },
  covered: Uint8Array,
  threshold: string,
  maxGaps: number,
  control?: RunControl,
): NonNullable<AnalysisResult['gaps']> {
  const layout = gridLayout(grid, cellSize);
  const found = findGapAreas(grid, layout, covered, control);
  const listed = found.areas.slice(0, maxGaps);
  return {
    uncoveredCells: found.uncoveredCells,
    uncoveredElderly: found.uncoveredElderly,
    areas: listed.map(({ geometry: _geometry, ...rest }) => rest),
    geojson: {
      type: 'FeatureCollection',
      features: listed.map(({ geometry, ...rest }) => ({ type: 'Feature', geometry, properties: { ...rest, threshold } })),
    },
  };
}
