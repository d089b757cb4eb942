/**
 * The walking-network part of an accessibility analysis: builds the graph (with the steps factor),
 * snaps the cells, runs the multi-source model and turns its figures into per-threshold results, the
 * unreachable split, the walking-time statistics and the network summary.
 */
import { InputError } from '../../errors';
import type { DemandGrid } from '../demand_grid';
import { coveredMask } from '../gaps/find_gap_areas';
import type { RoadInput } from '../network/build_walk_graph';
import type { FacilityInput } from '../network/facility_input';
import { NetworkServiceModel } from '../network/network_service_model';
import { prepareCells, prepareNetwork, type PreparedCells } from '../network/prepare_network';
import { elapsed, now, subRun, type RunControl } from '../../run_control';
import { DEFAULT_SPEED_MPS, type WalkThreshold } from '../network/thresholds';
import { withStepsFactor } from '../network/walk_graph';
import { DEFAULT_WALK_PROFILE } from '../network/walk_profile';
import type { AnalysisOptions, AnalysisResult, ThresholdResult } from './analysis_types';
import type { ThresholdKind } from './service_area_features';

export interface NetworkPart {
  model: NetworkServiceModel;
  walkThresholds: WalkThreshold[];
  kinds: ThresholdKind[];
  thresholds: ThresholdResult[];
  masks: Uint8Array[];
  limitsM: number[];
  speedMps: number;
  unreachable: NonNullable<AnalysisResult['unreachable']>;
  travelTime: NonNullable<AnalysisResult['travelTime']>;
  network: NonNullable<AnalysisResult['network']>;
  cellMinutes: Float64Array;
}

/**
 * The thresholds of a network analysis: walking times (minutes, default 15) or network distances.
 * @example networkThresholds({ mode: 'network', networkM: [300, 500, 1000] }, 1).walk[0] // { label: '300 m', distanceM: 300 }
 */
export function networkThresholds(options: AnalysisOptions, speedMps: number): { walk: WalkThreshold[]; kinds: ThresholdKind[] } {
  const byDistance = options.networkM !== undefined && options.networkM.length > 0;
  if (byDistance && options.minutes !== undefined && options.minutes.length > 0) {
    throw new InputError('give walking times (minutes) or network distances (networkM), not both', { field: 'networkM' });
  }
  if (byDistance) {
    const distances = options.networkM!;
    return {
      walk: distances.map((d) => ({ label: `${d} m`, distanceM: d })),
      kinds: distances.map((d) => ({ label: `${d} m`, limitM: d, minutes: null, radiusM: null, networkM: d })),
    };
  }
  const minutes = options.minutes?.length ? options.minutes : [15];
  return {
    walk: minutes.map((m) => ({ label: `${m} min`, minutes: m })),
    kinds: minutes.map((m) => ({ label: `${m} min`, limitM: m * 60 * speedMps, minutes: m, radiusM: null, networkM: null })),
  };
}

/**
 * @example const part = analyseNetwork(grid, facilities, roads, { mode: 'network', minutes: [15] }, timings);
 */
export function analyseNetwork(
  grid: DemandGrid,
  facilities: readonly FacilityInput[],
  roads: readonly RoadInput[] | undefined,
  options: AnalysisOptions,
  timings: Record<string, number>,
  control?: RunControl,
): NetworkPart {
  if (!roads || roads.length === 0) {
    throw new InputError('network mode needs a roads layer: import OSM ways first', { field: 'roads' }, { reason: 'roads_missing' });
  }
  const stepsFactor = options.stepsFactor ?? DEFAULT_WALK_PROFILE.stepsFactor;
  let started = now();
  const prepared = prepareNetwork(roads, { profile: { ...DEFAULT_WALK_PROFILE, stepsFactor }, ...subRun(control, 0, 0.4) });
  timings.networkBuildMs = elapsed(started);
  started = now();
  const cells = prepareCells(prepared, grid, { maxSnapM: options.maxSnapM, ...subRun(control, 0.4, 0.6) });
  timings.snapMs = elapsed(started);
  return analysePreparedNetwork(grid, cells, facilities, options, timings, control);
}

/**
 * analyseNetwork on cells already snapped to a graph (a worker's cache): `cells` must be the grid's
 * cells on a graph costed with `options.stepsFactor` (withCellsStepsFactor re-costs a cached one).
 * Progress: walking times [0.6, 0.8] of `control`.
 */
export function analysePreparedNetwork(
  grid: DemandGrid,
  cells: PreparedCells,
  facilities: readonly FacilityInput[],
  options: AnalysisOptions,
  timings: Record<string, number>,
  control?: RunControl,
): NetworkPart {
  const speedMps = options.speedMps ?? DEFAULT_SPEED_MPS;
  const stepsFactor = options.stepsFactor ?? DEFAULT_WALK_PROFILE.stepsFactor;
  const { walk, kinds } = networkThresholds(options, speedMps);
  const started = now();
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
  const cellMinutes = new Float64Array(grid.count);
  for (let c = 0; c < grid.count; c++) cellMinutes[c] = model.cellCostM[c] / speedMps / 60;
  return {
    model,
    walkThresholds: walk,
    kinds,
    thresholds,
    masks: limitsM.map((limitM) => coveredMask(model.cellCostM, limitM)),
    limitsM,
    speedMps,
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
    cellMinutes,
  };
}

/**
 * The cells on the same network with steps costed at `stepsFactor`. withStepsFactor gives the costs
 * buildWalkGraph would give with that factor (length × factor on `highway=steps` edges), sharing every
 * other array; the segment index and the snaps stay valid because they depend on geometry only.
 * @example analysePreparedNetwork(grid, withCellsStepsFactor(cached, 3, DEFAULT_WALK_PROFILE.stepsFactor), facilities, options, timings)
 */
export function withCellsStepsFactor(cells: PreparedCells, stepsFactor: number, builtWith: number): PreparedCells {
  if (stepsFactor === builtWith) return cells;
  const graph = withStepsFactor(cells.network.graph, stepsFactor);
  return { ...cells, network: { graph, index: cells.network.index } };
}

