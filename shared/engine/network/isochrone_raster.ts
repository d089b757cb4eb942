/**
 * The polygon of the places reachable within a cost limit, built from the reached network itself
 * (not a convex hull): every street point reached within the limit, widened by an access width for the
 * walk off the street, rasterised on a fine grid in local metres and outlined exactly (the dissolve of
 * its pixels). A point off the street belongs to the area when its nearest point on a reached
 * street piece costs c, it lies d ≤ accessWidthM from it, and c + d ≤ limit — the rule cells follow.
 */
import { projectX, projectY } from './local_projection';
import { rasterOutline, type MultiPolygonCoordinates } from './raster_outline';
import type { WalkGraph } from './walk_graph';

export type { MultiPolygonCoordinates } from './raster_outline';

/** A facility joined to the network (see NetworkServiceModel.facilitySnaps). */
export interface IsochroneSource {
  lon: number;
  lat: number;
  /** -1 when off the network */
  edge: number;
  alongM: number;
  offM: number;
}

export interface IsochroneRasterOptions {
  /** Walk allowed off the street on either side, metres. Default 100. */
  accessWidthM?: number;
  /** Pixel size, metres. Default 10. */
  pixelM?: number;
}

/**
 * Outline of the area reached within limitM, given node costs `dist` (level-walking metres) from the sources.
 * `reachedNodes` lists the nodes with dist ≤ limitM (more is harmless). Returns [] when nothing is reached.
 * @example const coordinates = isochronePolygon(graph, ws.dist, nodes, [source], 900, { pixelM: 10 });
 */
export function isochronePolygon(
  graph: WalkGraph,
  dist: Float64Array,
  reachedNodes: ArrayLike<number>,
  sources: readonly IsochroneSource[],
  limitM: number,
  options: IsochroneRasterOptions = {},
): MultiPolygonCoordinates {
  const accessWidthM = options.accessWidthM ?? 100;
  const pixelM = options.pixelM ?? 10;
  if (!(accessWidthM >= 0) || !Number.isFinite(accessWidthM)) throw new RangeError(`accessWidthM must be ≥ 0, got ${accessWidthM}`);
  if (!(pixelM > 0) || !Number.isFinite(pixelM)) throw new RangeError(`pixelM must be > 0, got ${pixelM}`);
  const { projection, coordX, coordY, coordCumM, edgeCoordStart, edgeFrom, edgeTo, edgeLengthM, edgeCostFactor } = graph;

  // Edges next to reached nodes, and the sources' own edges.
  const edges: number[] = [];
  const seen = new Uint8Array(graph.edgeCount);
  const addEdge = (e: number): void => {
    if (seen[e] === 0) {
      seen[e] = 1;
      edges.push(e);
    }
  };
  for (let k = 0; k < reachedNodes.length; k++) {
    const n = reachedNodes[k];
    if (!(dist[n] <= limitM)) continue;
    for (let a = graph.adjOffsets[n]; a < graph.adjOffsets[n + 1]; a++) addEdge(graph.adjEdges[a]);
  }
  const sourcesOnEdge = new Map<number, IsochroneSource[]>();
  for (const s of sources) {
    if (s.edge < 0 || s.offM > limitM) continue;
    addEdge(s.edge);
    const list = sourcesOnEdge.get(s.edge);
    if (list) list.push(s);
    else sourcesOnEdge.set(s.edge, [s]);
  }
  if (edges.length === 0) return [];

  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const e of edges) {
    for (let i = edgeCoordStart[e]; i < edgeCoordStart[e + 1]; i++) {
      if (coordX[i] < minX) minX = coordX[i];
      if (coordX[i] > maxX) maxX = coordX[i];
      if (coordY[i] < minY) minY = coordY[i];
      if (coordY[i] > maxY) maxY = coordY[i];
    }
  }
  for (const s of sources) {
    if (s.edge < 0) continue;
    const x = projectX(projection, s.lon), y = projectY(projection, s.lat);
    minX = Math.min(minX, x); maxX = Math.max(maxX, x); minY = Math.min(minY, y); maxY = Math.max(maxY, y);
  }
  minX -= accessWidthM + pixelM;
  minY -= accessWidthM + pixelM;
  maxX += accessWidthM + pixelM;
  maxY += accessWidthM + pixelM;
  const columns = Math.ceil((maxX - minX) / pixelM);
  const rows = Math.ceil((maxY - minY) / pixelM);
  const labels = new Int32Array(columns * rows).fill(-1);

  /** Marks pixels near segment a→b whose cost (linear in t between the given ends, or from costAt) plus offset fits. */
  const markSegment = (ax: number, ay: number, bx: number, by: number, lowest: number, costAt: (t: number) => number): void => {
    const reach = Math.min(accessWidthM, limitM - lowest);
    if (!(reach >= 0)) return;
    const dx = bx - ax, dy = by - ay;
    const len2 = dx * dx + dy * dy;
    const c0 = Math.max(0, Math.floor((Math.min(ax, bx) - reach - minX) / pixelM));
    const c1 = Math.min(columns - 1, Math.floor((Math.max(ax, bx) + reach - minX) / pixelM));
    const r0 = Math.max(0, Math.floor((maxY - (Math.max(ay, by) + reach)) / pixelM));
    const r1 = Math.min(rows - 1, Math.floor((maxY - (Math.min(ay, by) - reach)) / pixelM));
    for (let r = r0; r <= r1; r++) {
      const py = maxY - (r + 0.5) * pixelM;
      for (let c = c0; c <= c1; c++) {
        const p = r * columns + c;
        if (labels[p] === 0) continue;
        const px = minX + (c + 0.5) * pixelM;
        let t = len2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / len2 : 0;
        t = t < 0 ? 0 : t > 1 ? 1 : t;
        const ex = ax + t * dx - px, ey = ay + t * dy - py;
        const d = Math.sqrt(ex * ex + ey * ey);
        if (d <= reach && costAt(t) + d <= limitM) labels[p] = 0;
      }
    }
  };

  for (const e of edges) {
    const factor = edgeCostFactor[e];
    const du = dist[edgeFrom[e]];
    const dv = dist[edgeTo[e]];
    const length = edgeLengthM[e];
    const onEdge = sourcesOnEdge.get(e);
    const costAlong = (s: number): number => {
      let cost = Math.min(du + s * factor, dv + (length - s) * factor);
      if (onEdge) for (const src of onEdge) cost = Math.min(cost, src.offM + Math.abs(src.alongM - s) * factor);
      return cost;
    };
    for (let i = edgeCoordStart[e]; i < edgeCoordStart[e + 1] - 1; i++) {
      const sa = coordCumM[i], sb = coordCumM[i + 1];
      let lowest = Math.min(costAlong(sa), costAlong(sb));
      if (onEdge) for (const src of onEdge) if (src.alongM >= sa && src.alongM <= sb) lowest = Math.min(lowest, src.offM);
      if (lowest > limitM) continue;
      markSegment(coordX[i], coordY[i], coordX[i + 1], coordY[i + 1], lowest, (t) => costAlong(sa + t * (sb - sa)));
    }
  }
  // The sources' walk from the door to the street: cost grows from 0 at the facility to offM at the street.
  for (const s of sources) {
    if (s.edge < 0 || s.offM > limitM) continue;
    const i = findSegment(graph, s.edge, s.alongM);
    const sa = coordCumM[i], sb = coordCumM[i + 1];
    const t = sb > sa ? (s.alongM - sa) / (sb - sa) : 0;
    const sx = coordX[i] + t * (coordX[i + 1] - coordX[i]);
    const sy = coordY[i] + t * (coordY[i + 1] - coordY[i]);
    const offM = s.offM;
    markSegment(projectX(projection, s.lon), projectY(projection, s.lat), sx, sy, 0, (u) => u * offM);
  }

  return rasterOutline({ projection, minX, maxY, pixelM, columns, rows, labels });
}

/** The segment of edge e that holds the point alongM from its start (index of its first coordinate). */
function findSegment(graph: WalkGraph, e: number, alongM: number): number {
  const last = graph.edgeCoordStart[e + 1] - 2;
  for (let i = graph.edgeCoordStart[e]; i < last; i++) if (graph.coordCumM[i + 1] >= alongM) return i;
  return last;
}
