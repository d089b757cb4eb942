/**
 * Point-in-polygon for many points against a set of (multi)polygons: a flatbush tree over polygon
 * boxes finds the candidates, and each polygon's edges are bucketed in horizontal strips so a ray-
 * casting test only looks at the edges crossing the point's latitude. Even-odd over all rings, so
 * holes and multi-part polygons need no special case. Works in lon/lat degrees (planar rings, as GeoJSON).
 */
import Flatbush from 'flatbush';

type MultiPolygonCoordinates = readonly (readonly (readonly (readonly number[])[])[])[];

interface StripPolygon {
  minY: number;
  stripHeight: number;
  strips: number;
  /** Edges of strip s: edge ids edgeIds[stripStart[s] .. stripStart[s+1]); edge k = (x1,y1,x2,y2) at 4k. */
  stripStart: Int32Array;
  edgeIds: Int32Array;
  edges: Float64Array;
}

/**
 * @example
 *   const index = new PolygonIndex(boundaries.map((b) => b.geometry.coordinates));
 *   index.containing(114.3, 30.6) // indices of the boundaries holding the point
 */
export class PolygonIndex {
  private readonly tree: Flatbush | null;
  private readonly polygons: StripPolygon[];

  /**
   * @example const index = new PolygonIndex(boundaries.map((b) => b.geometry.coordinates));
   */
  constructor(multiPolygons: readonly MultiPolygonCoordinates[]) {
    this.polygons = multiPolygons.map(stripPolygon);
    if (multiPolygons.length === 0) {
      this.tree = null;
      return;
    }
    this.tree = new Flatbush(multiPolygons.length);
    for (const p of multiPolygons) {
      let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
      for (const polygon of p) for (const ring of polygon) for (const [x, y] of ring) {
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
        if (y < minY) minY = y;
        if (y > maxY) maxY = y;
      }
      if (minX > maxX) minX = maxX = minY = maxY = 0; // empty geometry: a box that holds no edges
      this.tree.add(minX, minY, maxX, maxY);
    }
    this.tree.finish();
  }

  /** Indices of the polygons containing (x, y), in ascending order. */
  containing(x: number, y: number, out: number[] = []): number[] {
    out.length = 0;
    if (!this.tree) return out;
    for (const k of this.tree.search(x, y, x, y)) if (this.contains(k, x, y)) out.push(k);
    return out.sort((a, b) => a - b);
  }

  /** Even-odd ray casting against polygon k. */
  contains(k: number, x: number, y: number): boolean {
    const p = this.polygons[k];
    const s = Math.floor((y - p.minY) / p.stripHeight);
    if (!(s >= 0 && s < p.strips)) return false;
    let inside = false;
    const { edges, edgeIds, stripStart } = p;
    for (let m = stripStart[s]; m < stripStart[s + 1]; m++) {
      const e = edgeIds[m] * 4;
      const x1 = edges[e], y1 = edges[e + 1], x2 = edges[e + 2], y2 = edges[e + 3];
      if (y1 > y !== y2 > y && x < ((x2 - x1) * (y - y1)) / (y2 - y1) + x1) inside = !inside;
    }
    return inside;
  }
}

function stripPolygon(multiPolygon: MultiPolygonCoordinates): StripPolygon {
  const list: number[] = [];
  let minY = Infinity, maxY = -Infinity;
  for (const polygon of multiPolygon) {
    for (const ring of polygon) {
      for (let k = 0; k + 1 < ring.length; k++) {
        const [x1, y1] = ring[k];
        const [x2, y2] = ring[k + 1];
        if (y1 === y2) continue; // horizontal edges never change the even-odd count
        list.push(x1, y1, x2, y2);
        minY = Math.min(minY, y1, y2);
        maxY = Math.max(maxY, y1, y2);
      }
    }
  }
  const edgeCount = list.length / 4;
  const edges = Float64Array.from(list);
  if (edgeCount === 0) return { minY: 0, stripHeight: 1, strips: 0, stripStart: new Int32Array(1), edgeIds: new Int32Array(0), edges };
  const strips = Math.max(1, Math.min(1024, Math.ceil(edgeCount / 8)));
  const stripHeight = (maxY - minY) / strips || 1;
  const stripOf = (y: number): number => Math.min(strips - 1, Math.max(0, Math.floor((y - minY) / stripHeight)));
  const stripStart = new Int32Array(strips + 1);
  for (let pass = 0; pass < 2; pass++) {
    const fill = pass === 1 ? stripStart.slice(0, strips) : null;
    const edgeIds = pass === 1 ? new Int32Array(stripStart[strips]) : null;
    for (let k = 0; k < edgeCount; k++) {
      const a = stripOf(Math.min(edges[k * 4 + 1], edges[k * 4 + 3]));
      const b = stripOf(Math.max(edges[k * 4 + 1], edges[k * 4 + 3]));
      for (let s = a; s <= b; s++) {
        if (fill && edgeIds) edgeIds[fill[s]++] = k;
        else stripStart[s + 1]++;
      }
    }
    if (pass === 0) for (let s = 0; s < strips; s++) stripStart[s + 1] += stripStart[s];
    else if (edgeIds) return { minY, stripHeight, strips, stripStart, edgeIds, edges };
  }
  throw new Error('unreachable');
}
