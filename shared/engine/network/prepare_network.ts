/**
 * The two expensive preparations of a network analysis, done once and reused while facilities move:
 * the walking graph with its snapping index (per roads layer), and the demand cells snapped onto it
 * (per roads layer × population grid).
 */
import type { DemandGrid } from '../demand_grid';
import { buildWalkGraph, type BuildWalkGraphOptions, type RoadInput } from './build_walk_graph';
import { checkRun, subRun, type RunControl } from '../../run_control';
import { buildSegmentIndex, type SegmentIndex, type SegmentIndexOptions } from './segment_index';
import { DEFAULT_MAX_SNAP_M, pointsByEdge, snapPoints, type PointSnaps, type PointsByEdge } from './snap_points';
import type { WalkGraph } from './walk_graph';

export interface PreparedNetwork {
  readonly graph: WalkGraph;
  readonly index: SegmentIndex;
}

export interface PreparedCells {
  readonly network: PreparedNetwork;
  readonly grid: DemandGrid;
  readonly snaps: PointSnaps;
  readonly byEdge: PointsByEdge;
}

/**
 * Builds the graph and its snapping index.
 * @example const network = prepareNetwork(roads, { profile: { ...DEFAULT_WALK_PROFILE, stepsFactor: 2.5 } });
 */
export function prepareNetwork(
  roads: readonly RoadInput[],
  options: BuildWalkGraphOptions & { snapping?: SegmentIndexOptions } = {},
): PreparedNetwork {
  const graph = buildWalkGraph(roads, { ...options, ...subRun(options, 0, 0.9) });
  return prepareGraph(graph, options.snapping, subRun(options, 0.9, 1));
}

/**
 * Indexes an existing graph (e.g. one re-costed with withStepsFactor).
 * @example const network = prepareGraph(withStepsFactor(graph, 3));
 */
export function prepareGraph(graph: WalkGraph, snapping: SegmentIndexOptions = {}, control?: RunControl): PreparedNetwork {
  const index = buildSegmentIndex(graph, snapping);
  checkRun(control, 1, 'indexing the walking network');
  return { graph, index };
}

/**
 * Snaps every demand cell onto the network.
 * @example const cells = prepareCells(network, grid, { maxSnapM: 300 }); cells.snaps.edge[i] < 0 // off network
 */
export function prepareCells(
  network: PreparedNetwork,
  grid: DemandGrid,
  options: { maxSnapM?: number } & RunControl = {},
): PreparedCells {
  const snaps = snapPoints(network.index, grid.lon, grid.lat, options.maxSnapM ?? DEFAULT_MAX_SNAP_M, options);
  return { network, grid, snaps, byEdge: pointsByEdge(snaps, network.graph.edgeCount) };
}
