/**
 * Snaps points (demand cells, facilities) onto the nearest point of a walkable edge — anywhere along
 * the street, not only at junctions — within a maximum snap distance. Points farther than that from
 * every edge are off the network: they reach nothing and nothing reaches them.
 */
import { haversineM } from '../../geodesy/haversine';
import { projectX, projectY } from './local_projection';
import { checkRun, type RunControl } from '../../run_control';
import { nearestSegment, type NearestSegment, type SegmentIndex } from './segment_index';

/** Default maximum distance from a point to the network, metres (the issue: 300 m). */
export const DEFAULT_MAX_SNAP_M = 300;

export interface PointSnaps {
  readonly count: number;
  /** Edge the point snapped onto; -1 when off the network. */
  readonly edge: Int32Array;
  /** Haversine distance along the edge's polyline from its first node to the snap point, metres. */
  readonly alongM: Float64Array;
  /** Haversine length of the off-network leg from the point to the snap point, metres (walked at the same speed). */
  readonly offM: Float64Array;
  /** Snap point, WGS84. */
  readonly snapLon: Float64Array;
  readonly snapLat: Float64Array;
  readonly maxSnapM: number;
}

/**
 * Snaps every point; O(points × nearby segments).
 * @example const snaps = snapPoints(index, grid.lon, grid.lat, 300); snaps.edge[0] // -1 = off network
 */
export function snapPoints(
  index: SegmentIndex,
  lon: ArrayLike<number>,
  lat: ArrayLike<number>,
  maxSnapM: number = DEFAULT_MAX_SNAP_M,
  control?: RunControl,
): PointSnaps {
  if (!(maxSnapM >= 0) || !Number.isFinite(maxSnapM)) throw new RangeError(`maxSnapM must be a finite number ≥ 0, got ${maxSnapM}`);
  if (lon.length !== lat.length) throw new RangeError(`lon and lat must have the same length, got ${lon.length} and ${lat.length}`);
  const count = lon.length;
  const edge = new Int32Array(count).fill(-1);
  const alongM = new Float64Array(count);
  const offM = new Float64Array(count);
  const snapLon = new Float64Array(count);
  const snapLat = new Float64Array(count);
  const { graph } = index;
  const { projection, coordLon, coordLat, coordCumM, edgeLengthM } = graph;
  // The projection's scale error is < 0.5 % over a city; search a little wider and decide with haversine.
  const searchM = maxSnapM * 1.01 + 1;
  const nearest: NearestSegment = { segment: -1, t: 0, distanceM: Infinity };
  for (let p = 0; p < count; p++) {
    if ((p & 8191) === 0) checkRun(control, p / Math.max(1, count), 'snapping points to the network');
    const x = projectX(projection, lon[p]);
    const y = projectY(projection, lat[p]);
    nearestSegment(index, x, y, searchM, nearest);
    if (nearest.segment < 0) continue;
    const i = nearest.segment;
    const t = nearest.t;
    const sLon = coordLon[i] + t * (coordLon[i + 1] - coordLon[i]);
    const sLat = coordLat[i] + t * (coordLat[i + 1] - coordLat[i]);
    const off = haversineM(lon[p], lat[p], sLon, sLat);
    if (off > maxSnapM) continue;
    const e = index.segmentEdge[i];
    edge[p] = e;
    alongM[p] = Math.min(edgeLengthM[e], coordCumM[i] + haversineM(coordLon[i], coordLat[i], sLon, sLat));
    offM[p] = off;
    snapLon[p] = sLon;
    snapLat[p] = sLat;
  }
  checkRun(control, 1, 'snapping points to the network');
  return { count, edge, alongM, offM, snapLon, snapLat, maxSnapM };
}

/** Points grouped by edge (CSR): the points on edge e are items[start[e] .. start[e+1]). */
export interface PointsByEdge {
  readonly start: Int32Array;
  readonly items: Int32Array;
}

/**
 * Groups snapped points by edge, to find the cells touched when a node's time changes.
 * @example const byEdge = pointsByEdge(snaps, graph.edgeCount);
 */
export function pointsByEdge(snaps: PointSnaps, edgeCount: number): PointsByEdge {
  const start = new Int32Array(edgeCount + 1);
  for (let p = 0; p < snaps.count; p++) if (snaps.edge[p] >= 0) start[snaps.edge[p] + 1]++;
  for (let e = 0; e < edgeCount; e++) start[e + 1] += start[e];
  const fill = start.slice(0, edgeCount);
  const items = new Int32Array(start[edgeCount]);
  for (let p = 0; p < snaps.count; p++) if (snaps.edge[p] >= 0) items[fill[snaps.edge[p]]++] = p;
  return { start, items };
}
