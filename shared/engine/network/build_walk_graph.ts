/**
 * Builds the walking graph from the roads layer: keeps walkable ways (walk_profile.ts), splits them at
 * shared vertices (OSM nodes used by more than one way, or twice by one way) and at their ends, and
 * stores the result in CSR form (walk_graph.ts).
 */
import { InputError } from '../../errors';
import { haversineM } from '../../geodesy/haversine';
import { CoordinateHash } from './coordinate_hash';
import { localProjection, projectX, projectY } from './local_projection';
import { checkRun, type RunControl } from '../../run_control';
import { EDGE_GRADE_SEPARATED, EDGE_STEPS, type WalkGraph, type WalkGraphStats } from './walk_graph';
import {
  classifyWay,
  compileWalkProfile,
  DEFAULT_WALK_PROFILE,
  isGradeSeparated,
  wayCostFactor,
  type WalkProfile,
} from './walk_profile';

/** The fields of a Road record (shared/schemas/entities.ts) the builder reads. */
export interface RoadInput {
  id: string;
  highway: string | null;
  tags: Readonly<Record<string, string>>;
  geometry: { type: 'LineString'; coordinates: readonly (readonly number[])[] };
}

export interface BuildWalkGraphOptions extends RunControl {
  profile?: WalkProfile;
  /** Name of the input, used in error messages (e.g. the layer or file name). */
  source?: string;
}

/**
 * Builds the walking graph.
 * @example
 *   const graph = buildWalkGraph(roads);           // roads: Road[] from the roads layer
 *   graph.stats.excluded.excluded_class            // motorway/trunk ways left out
 */
export function buildWalkGraph(roads: readonly RoadInput[], options: BuildWalkGraphOptions = {}): WalkGraph {
  const compiled = compileWalkProfile(options.profile ?? DEFAULT_WALK_PROFILE);
  const file = options.source ?? 'roads';
  const excluded: WalkGraphStats['excluded'] = {
    no_highway: 0, foot_prohibited: 0, excluded_class: 0, foot_not_allowed_on_class: 0, unknown_class: 0, access_prohibited: 0,
  };

  // Pass 1: choose walkable ways, check their geometry, count coordinates.
  const walkable: number[] = [];
  let coordTotal = 0;
  for (let r = 0; r < roads.length; r++) {
    if ((r & 1023) === 0) checkRun(options, 0.3 * (r / Math.max(1, roads.length)), 'building the walking network');
    const road = roads[r];
    const verdict = classifyWay(compiled, road.highway, road.tags ?? {});
    if (verdict !== 'walkable') {
      excluded[verdict]++;
      continue;
    }
    const geometry = road.geometry;
    if (!geometry || geometry.type !== 'LineString' || !Array.isArray(geometry.coordinates)) {
      throw new InputError(`road ${road.id} must have a LineString geometry, got ${geometry?.type ?? 'none'}`, {
        file, feature: r, field: 'geometry',
      });
    }
    const coords = geometry.coordinates;
    for (let k = 0; k < coords.length; k++) {
      const lon = coords[k][0];
      const lat = coords[k][1];
      if (!Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lon) > 180 || Math.abs(lat) > 90) {
        throw new InputError(`road ${road.id}, vertex ${k}: coordinates must be WGS84 lon/lat, got (${lon}, ${lat})`, {
          file, feature: r, field: 'geometry',
        });
      }
    }
    walkable.push(r);
    coordTotal += coords.length;
  }

  // Pass 2: unique coordinates, how often each is used, and which are way ends.
  const hash = new CoordinateHash(coordTotal);
  const wayCoordIds = new Int32Array(coordTotal);
  const wayCoordStart = new Int32Array(walkable.length + 1);
  const uses = new Int32Array(coordTotal);
  const isEnd = new Uint8Array(coordTotal);
  const uniqueLon = new Float64Array(coordTotal);
  const uniqueLat = new Float64Array(coordTotal);
  let uniqueCount = 0;
  let cursor = 0;
  let degenerateWays = 0;
  for (let w = 0; w < walkable.length; w++) {
    const coords = roads[walkable[w]].geometry.coordinates;
    const start = cursor;
    for (let k = 0; k < coords.length; k++) {
      const id = hash.getOrInsert(coords[k][0], coords[k][1], uniqueCount);
      if (id === uniqueCount) {
        uniqueLon[id] = coords[k][0];
        uniqueLat[id] = coords[k][1];
        uniqueCount++;
      }
      if (cursor > start && wayCoordIds[cursor - 1] === id) continue; // repeated vertex
      wayCoordIds[cursor++] = id;
    }
    if (cursor - start < 2) {
      cursor = start; // a way with one distinct point has no length
      degenerateWays++;
    } else {
      for (let k = start; k < cursor; k++) uses[wayCoordIds[k]]++;
      isEnd[wayCoordIds[start]] = 1;
      isEnd[wayCoordIds[cursor - 1]] = 1;
    }
    wayCoordStart[w + 1] = cursor;
  }

  // Nodes: way ends and vertices used more than once.
  const nodeOf = new Int32Array(uniqueCount).fill(-1);
  let nodeCount = 0;
  for (let c = 0; c < uniqueCount; c++) if (isEnd[c] === 1 || uses[c] >= 2) nodeOf[c] = nodeCount++;
  const nodeLon = new Float64Array(nodeCount);
  const nodeLat = new Float64Array(nodeCount);
  for (let c = 0; c < uniqueCount; c++) {
    if (nodeOf[c] < 0) continue;
    nodeLon[nodeOf[c]] = uniqueLon[c];
    nodeLat[nodeOf[c]] = uniqueLat[c];
  }

  // Pass 3: split ways at nodes into edges. Each edge repeats its end coordinates, so the coordinate
  // arrays need at most (way coordinates + edges) entries; edges ≤ way coordinates.
  const capacity = cursor * 2;
  const coordLon = new Float64Array(capacity);
  const coordLat = new Float64Array(capacity);
  const coordCumM = new Float64Array(capacity);
  const edgeFrom = new Int32Array(cursor);
  const edgeTo = new Int32Array(cursor);
  const edgeLengthM = new Float64Array(cursor);
  const edgeCostFactor = new Float64Array(cursor);
  const edgeRoad = new Int32Array(cursor);
  const edgeFlags = new Uint8Array(cursor);
  const edgeCoordStart = new Int32Array(cursor + 1);
  let edgeCount = 0;
  let coordCount = 0;
  let walkableWays = 0;
  for (let w = 0; w < walkable.length; w++) {
    if ((w & 1023) === 0) checkRun(options, 0.3 + 0.6 * (w / Math.max(1, walkable.length)), 'building the walking network');
    const start = wayCoordStart[w];
    const end = wayCoordStart[w + 1];
    if (end - start < 2) continue;
    walkableWays++;
    const road = roads[walkable[w]];
    const factor = wayCostFactor(compiled, road.highway as string);
    const flags = (road.highway === 'steps' ? EDGE_STEPS : 0) | (isGradeSeparated(road.tags ?? {}) ? EDGE_GRADE_SEPARATED : 0);
    let edgeStartCoord = coordCount;
    let cum = 0;
    let fromNode = nodeOf[wayCoordIds[start]];
    coordLon[coordCount] = uniqueLon[wayCoordIds[start]];
    coordLat[coordCount] = uniqueLat[wayCoordIds[start]];
    coordCumM[coordCount++] = 0;
    for (let k = start + 1; k < end; k++) {
      const id = wayCoordIds[k];
      const lon = uniqueLon[id];
      const lat = uniqueLat[id];
      cum += haversineM(coordLon[coordCount - 1], coordLat[coordCount - 1], lon, lat);
      coordLon[coordCount] = lon;
      coordLat[coordCount] = lat;
      coordCumM[coordCount++] = cum;
      const node = nodeOf[id];
      if (node < 0) continue;
      edgeFrom[edgeCount] = fromNode;
      edgeTo[edgeCount] = node;
      edgeLengthM[edgeCount] = cum;
      edgeCostFactor[edgeCount] = factor;
      edgeRoad[edgeCount] = walkable[w];
      edgeFlags[edgeCount] = flags;
      edgeCoordStart[edgeCount] = edgeStartCoord;
      edgeCount++;
      if (k === end - 1) break;
      // The junction starts the next edge of this way.
      edgeStartCoord = coordCount;
      coordLon[coordCount] = lon;
      coordLat[coordCount] = lat;
      coordCumM[coordCount++] = 0;
      cum = 0;
      fromNode = node;
    }
  }
  edgeCoordStart[edgeCount] = coordCount;

  const graph = assembleGraph({
    nodeCount, edgeCount, nodeLon, nodeLat,
    edgeFrom: edgeFrom.slice(0, edgeCount),
    edgeTo: edgeTo.slice(0, edgeCount),
    edgeLengthM: edgeLengthM.slice(0, edgeCount),
    edgeCostFactor: edgeCostFactor.slice(0, edgeCount),
    edgeRoad: edgeRoad.slice(0, edgeCount),
    edgeFlags: edgeFlags.slice(0, edgeCount),
    edgeCoordStart: edgeCoordStart.slice(0, edgeCount + 1),
    coordLon: coordLon.slice(0, coordCount),
    coordLat: coordLat.slice(0, coordCount),
    coordCumM: coordCumM.slice(0, coordCount),
    stats: { roads: roads.length, walkableWays, excluded, degenerateWays },
  });
  checkRun(options, 1, 'building the walking network');
  return graph;
}

interface GraphParts {
  nodeCount: number;
  edgeCount: number;
  nodeLon: Float64Array;
  nodeLat: Float64Array;
  edgeFrom: Int32Array;
  edgeTo: Int32Array;
  edgeLengthM: Float64Array;
  edgeCostFactor: Float64Array;
  edgeRoad: Int32Array;
  edgeFlags: Uint8Array;
  edgeCoordStart: Int32Array;
  coordLon: Float64Array;
  coordLat: Float64Array;
  coordCumM: Float64Array;
  stats: Pick<WalkGraphStats, 'roads' | 'walkableWays' | 'excluded' | 'degenerateWays'>;
}

/** Adds adjacency, costs, projection and components to the edge list. */
function assembleGraph(parts: GraphParts): WalkGraph {
  const { nodeCount, edgeCount, edgeFrom, edgeTo, edgeLengthM, edgeCostFactor } = parts;
  const adjOffsets = new Int32Array(nodeCount + 1);
  for (let e = 0; e < edgeCount; e++) {
    adjOffsets[edgeFrom[e] + 1]++;
    adjOffsets[edgeTo[e] + 1]++;
  }
  for (let n = 0; n < nodeCount; n++) adjOffsets[n + 1] += adjOffsets[n];
  const fill = adjOffsets.slice(0, nodeCount);
  const adjNodes = new Int32Array(edgeCount * 2);
  const adjEdges = new Int32Array(edgeCount * 2);
  const edgeCostM = new Float64Array(edgeCount);
  let totalLengthM = 0;
  for (let e = 0; e < edgeCount; e++) {
    const a = edgeFrom[e];
    const b = edgeTo[e];
    adjNodes[fill[a]] = b;
    adjEdges[fill[a]++] = e;
    adjNodes[fill[b]] = a;
    adjEdges[fill[b]++] = e;
    edgeCostM[e] = edgeLengthM[e] * edgeCostFactor[e];
    totalLengthM += edgeLengthM[e];
  }

  // Projection centred on the bounding box of the network.
  let minLon = Infinity, maxLon = -Infinity, minLat = Infinity, maxLat = -Infinity;
  for (let n = 0; n < nodeCount; n++) {
    if (parts.nodeLon[n] < minLon) minLon = parts.nodeLon[n];
    if (parts.nodeLon[n] > maxLon) maxLon = parts.nodeLon[n];
    if (parts.nodeLat[n] < minLat) minLat = parts.nodeLat[n];
    if (parts.nodeLat[n] > maxLat) maxLat = parts.nodeLat[n];
  }
  const projection = nodeCount > 0 ? localProjection((minLon + maxLon) / 2, (minLat + maxLat) / 2) : localProjection(0, 0);
  const coordX = new Float64Array(parts.coordLon.length);
  const coordY = new Float64Array(parts.coordLat.length);
  for (let i = 0; i < coordX.length; i++) {
    coordX[i] = projectX(projection, parts.coordLon[i]);
    coordY[i] = projectY(projection, parts.coordLat[i]);
  }

  const { nodeComponent, componentLengthM } = connectedComponents(nodeCount, edgeFrom, edgeTo, edgeLengthM);
  let largest = 0;
  for (let c = 0; c < componentLengthM.length; c++) largest = Math.max(largest, componentLengthM[c]);
  return {
    nodeCount, edgeCount, nodeLon: parts.nodeLon, nodeLat: parts.nodeLat, adjOffsets, adjNodes, adjEdges,
    edgeFrom, edgeTo, edgeLengthM, edgeCostFactor, edgeCostM, edgeRoad: parts.edgeRoad, edgeFlags: parts.edgeFlags,
    edgeCoordStart: parts.edgeCoordStart, coordLon: parts.coordLon, coordLat: parts.coordLat, coordX, coordY,
    coordCumM: parts.coordCumM, nodeComponent, componentLengthM, projection,
    stats: {
      ...parts.stats, nodes: nodeCount, edges: edgeCount, totalLengthM, components: componentLengthM.length,
      largestComponentLengthShare: totalLengthM > 0 ? largest / totalLengthM : 0,
    },
  };
}

/** Union-find over the edges; components are numbered 0.. in order of their first node. */
function connectedComponents(nodeCount: number, from: Int32Array, to: Int32Array, lengthM: Float64Array) {
  const parent = new Int32Array(nodeCount);
  for (let n = 0; n < nodeCount; n++) parent[n] = n;
  const find = (n: number): number => {
    while (parent[n] !== n) {
      parent[n] = parent[parent[n]];
      n = parent[n];
    }
    return n;
  };
  for (let e = 0; e < from.length; e++) {
    const a = find(from[e]);
    const b = find(to[e]);
    if (a !== b) parent[a < b ? b : a] = a < b ? a : b;
  }
  const nodeComponent = new Int32Array(nodeCount);
  const componentOfRoot = new Int32Array(nodeCount).fill(-1);
  let components = 0;
  for (let n = 0; n < nodeCount; n++) {
    const root = find(n);
    if (componentOfRoot[root] < 0) componentOfRoot[root] = components++;
    nodeComponent[n] = componentOfRoot[root];
  }
  const componentLengthM = new Float64Array(components);
  for (let e = 0; e < from.length; e++) componentLengthM[nodeComponent[from[e]]] += lengthM[e];
  return { nodeComponent, componentLengthM };
}
