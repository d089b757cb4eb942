/**
 * The walking graph in compressed sparse row form on typed arrays. Nodes are the junctions and ends
 * of walkable ways; each edge is the piece of one way between two junctions and keeps its polyline,
 * so that points can be snapped onto the street itself and not only onto its junctions.
 *
 * Units: lengths in metres measured with haversine (R = 6 371 008.8 m) along the polyline; costs in
 * "level-walking metres" (length × cost factor, e.g. steps × 2), so time = cost / speedMps.
 */
import type { LocalProjection } from './local_projection';
import type { WayVerdict } from './walk_profile';

/** Edge flag: `highway=steps`. */
export const EDGE_STEPS = 1;
/** Edge flag: bridge or tunnel; not a snapping target by default. */
export const EDGE_GRADE_SEPARATED = 2;

export interface WalkGraphStats {
  /** Roads given to the builder. */
  roads: number;
  /** Walkable ways that contributed edges. */
  walkableWays: number;
  /** Ways left out, by reason (see walk_profile.ts). */
  excluded: Record<Exclude<WayVerdict, 'walkable'>, number>;
  /** Walkable ways with fewer than two distinct points (dropped). */
  degenerateWays: number;
  nodes: number;
  edges: number;
  totalLengthM: number;
  components: number;
  /** Share of the total length in the largest connected component. */
  largestComponentLengthShare: number;
}

export interface WalkGraph {
  readonly nodeCount: number;
  readonly edgeCount: number;
  readonly nodeLon: Float64Array;
  readonly nodeLat: Float64Array;
  /** Adjacency (both directions: oneway is ignored for walking): node n's arcs are [adjOffsets[n], adjOffsets[n+1]). */
  readonly adjOffsets: Int32Array;
  readonly adjNodes: Int32Array;
  readonly adjEdges: Int32Array;
  readonly edgeFrom: Int32Array;
  readonly edgeTo: Int32Array;
  readonly edgeLengthM: Float64Array;
  readonly edgeCostFactor: Float64Array;
  /** edgeLengthM × edgeCostFactor */
  readonly edgeCostM: Float64Array;
  /** Index of the source road in the builder's input. */
  readonly edgeRoad: Int32Array;
  readonly edgeFlags: Uint8Array;
  /** Polyline of edge e: coordinates [edgeCoordStart[e], edgeCoordStart[e+1]), from edgeFrom to edgeTo. */
  readonly edgeCoordStart: Int32Array;
  readonly coordLon: Float64Array;
  readonly coordLat: Float64Array;
  /** Local projection of the coordinates in metres (see local_projection.ts). */
  readonly coordX: Float64Array;
  readonly coordY: Float64Array;
  /** Haversine length from the start of the edge to this coordinate, metres. */
  readonly coordCumM: Float64Array;
  /** Connected component of each node, and the total edge length of each component. */
  readonly nodeComponent: Int32Array;
  readonly componentLengthM: Float64Array;
  readonly projection: LocalProjection;
  readonly stats: WalkGraphStats;
}

/**
 * Returns a copy of the graph that shares all arrays except the cost arrays, with steps costed at
 * `stepsFactor` (cheap: no rebuild when the planner edits the factor).
 * @example const slowSteps = withStepsFactor(graph, 3);
 */
export function withStepsFactor(graph: WalkGraph, stepsFactor: number): WalkGraph {
  if (!(stepsFactor >= 1) || !Number.isFinite(stepsFactor)) {
    throw new RangeError(`stepsFactor must be a finite number ≥ 1, got ${stepsFactor}`);
  }
  const edgeCostFactor = new Float64Array(graph.edgeCount);
  const edgeCostM = new Float64Array(graph.edgeCount);
  for (let e = 0; e < graph.edgeCount; e++) {
    edgeCostFactor[e] = (graph.edgeFlags[e] & EDGE_STEPS) !== 0 ? stepsFactor : 1;
    edgeCostM[e] = graph.edgeLengthM[e] * edgeCostFactor[e];
  }
  return { ...graph, edgeCostFactor, edgeCostM };
}
