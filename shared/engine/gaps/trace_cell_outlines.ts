/**
 * Exact outlines of unions of grid cells (dissolve of square cells), by walking the cell edges that
 * separate a label from anything else. O(cells); no floating-point geometry.
 *
 * Lattice: vertex (i, j) is the corner at column i, row j, rows counted downward (row 0 = north).
 * Rings are traced with their label on the left, so in lon/lat (north up) outer rings run
 * counter-clockwise and holes clockwise, as RFC 7946 wants. Where two cells of a label touch only at a
 * corner, a traced ring may touch itself there; such rings are split at the repeated corner, so every
 * ring returned is simple (rings of one polygon may still touch at single points, as OGC allows).
 */

/** A closed ring of lattice vertices as [i0, j0, i1, j1, ...] (first vertex not repeated at the end). */
export type LatticeRing = Int32Array;

export interface LabelOutline {
  label: number;
  /** Counter-clockwise in lon/lat (positive area). */
  outers: LatticeRing[];
  /** Clockwise in lon/lat. */
  holes: LatticeRing[];
}

// Directions: 0 east (+i), 1 north (-j), 2 west (-i), 3 south (+j). Left turn = (d + 1) % 4.
const DI = [1, 0, -1, 0];
const DJ = [0, -1, 0, 1];

/**
 * Traces the outline of every label ≥ 0 in a row-major label grid (-1 = outside).
 * @example traceCellOutlines(2, 1, Int32Array.from([0, 0])) // one outer ring: (0,0) (0,1) (2,1) (2,0)
 */
export function traceCellOutlines(columns: number, rows: number, labels: Int32Array): Map<number, LabelOutline> {
  if (labels.length !== columns * rows) throw new RangeError(`labels has ${labels.length} cells, expected ${columns}×${rows}`);
  const at = (r: number, c: number): number => (r < 0 || c < 0 || r >= rows || c >= columns ? -1 : labels[r * columns + c]);
  // Whether the directed unit edge leaving (i, j) in direction d has `label` on its left and something else on its right.
  const exists = (i: number, j: number, d: number, label: number): boolean => {
    switch (d) {
      case 0: return at(j - 1, i) === label && at(j, i) !== label;
      case 1: return at(j - 1, i - 1) === label && at(j - 1, i) !== label;
      case 2: return at(j, i - 1) === label && at(j - 1, i - 1) !== label;
      default: return at(j, i) === label && at(j, i - 1) !== label;
    }
  };
  // Visited directed edges: horizontal unit edge (i..i+1, j) bit 1 = east, bit 2 = west;
  // vertical unit edge (i, j..j+1) bit 1 = south, bit 2 = north.
  const visitedH = new Uint8Array((rows + 1) * columns);
  const visitedV = new Uint8Array(rows * (columns + 1));
  const markVisited = (i: number, j: number, d: number): void => {
    if (d === 0) visitedH[j * columns + i] |= 1;
    else if (d === 2) visitedH[j * columns + i - 1] |= 2;
    else if (d === 3) visitedV[j * (columns + 1) + i] |= 1;
    else visitedV[(j - 1) * (columns + 1) + i] |= 2;
  };

  const result = new Map<number, LabelOutline>();
  const corners: number[] = [];
  const trace = (i0: number, j0: number, d0: number, label: number): void => {
    corners.length = 0;
    let i = i0, j = j0, d = d0;
    for (;;) {
      markVisited(i, j, d);
      i += DI[d];
      j += DJ[d];
      // Prefer a left turn, then straight, then right: a consistent rule keeps rings from crossing.
      let next = -1;
      for (const turn of [1, 0, 3]) {
        const candidate = (d + turn) & 3;
        if (exists(i, j, candidate, label)) {
          next = candidate;
          break;
        }
      }
      if (next < 0) throw new Error(`outline tracing lost its way at (${i}, ${j})`);
      if (next !== d) corners.push(i, j);
      if (i === i0 && j === j0 && next === d0) break;
      d = next;
    }
    let outline = result.get(label);
    if (!outline) {
      outline = { label, outers: [], holes: [] };
      result.set(label, outline);
    }
    for (const ring of splitAtRepeatedCorners(corners, columns + 1)) {
      if (signedAreaLonLat(ring) > 0) outline.outers.push(ring);
      else outline.holes.push(ring);
    }
  };

  for (let j = 0; j <= rows; j++) {
    for (let i = 0; i < columns; i++) {
      const north = at(j - 1, i);
      const south = at(j, i);
      if (north === south) continue;
      const h = j * columns + i;
      if (north >= 0 && (visitedH[h] & 1) === 0) trace(i, j, 0, north);
      if (south >= 0 && (visitedH[h] & 2) === 0) trace(i + 1, j, 2, south);
    }
  }
  return result;
}

/** Splits a closed corner sequence wherever a corner repeats, dropping collinear corners. */
function splitAtRepeatedCorners(corners: number[], stride: number): LatticeRing[] {
  const rings: LatticeRing[] = [];
  const stack: number[] = [];
  const position = new Map<number, number>();
  for (let k = 0; k < corners.length; k += 2) {
    const key = corners[k + 1] * stride + corners[k];
    const seen = position.get(key);
    if (seen !== undefined) {
      const ring = stack.splice(seen + 2);
      for (let m = 0; m < ring.length; m += 2) position.delete(ring[m + 1] * stride + ring[m]);
      rings.push(Int32Array.from([stack[seen], stack[seen + 1], ...ring]));
      continue;
    }
    position.set(key, stack.length);
    stack.push(corners[k], corners[k + 1]);
  }
  rings.push(Int32Array.from(stack));
  return rings.map(dropCollinear).filter((r) => r.length >= 6);
}

function dropCollinear(ring: LatticeRing): LatticeRing {
  const n = ring.length / 2;
  const kept: number[] = [];
  for (let k = 0; k < n; k++) {
    const p = ((k + n - 1) % n) * 2, q = k * 2, s = ((k + 1) % n) * 2;
    const cross = (ring[q] - ring[p]) * (ring[s + 1] - ring[q + 1]) - (ring[q + 1] - ring[p + 1]) * (ring[s] - ring[q]);
    if (cross !== 0) kept.push(ring[q], ring[q + 1]);
  }
  return Int32Array.from(kept);
}

/**
 * Shoelace area in lon/lat orientation (x = i, y = −j): positive = counter-clockwise.
 * @example signedAreaLonLat(Int32Array.from([0, 1, 1, 1, 1, 0, 0, 0])) // 1
 */
export function signedAreaLonLat(ring: LatticeRing): number {
  let twice = 0;
  const n = ring.length / 2;
  for (let k = 0; k < n; k++) {
    const m = ((k + 1) % n) * 2;
    twice += ring[k * 2] * -ring[m + 1] - ring[m] * -ring[k * 2 + 1];
  }
  return twice / 2;
}

/**
 * Even-odd test of a point (lattice units, may be fractional) against a ring.
 * @example latticeRingContains(Int32Array.from([0, 1, 1, 1, 1, 0, 0, 0]), 0.5, 0.5) // true
 */
export function latticeRingContains(ring: LatticeRing, x: number, y: number): boolean {
  let inside = false;
  const n = ring.length / 2;
  for (let k = 0, m = n - 1; k < n; m = k++) {
    const xk = ring[k * 2], yk = ring[k * 2 + 1], xm = ring[m * 2], ym = ring[m * 2 + 1];
    if (yk > y !== ym > y && x < ((xm - xk) * (y - yk)) / (ym - yk) + xk) inside = !inside;
  }
  return inside;
}

/**
 * Groups a label's rings into polygons: each hole goes to the smallest outer ring that contains it.
 * @example assemblePolygons(outline) // [[outer, hole, ...], [outer], ...] in lattice units
 */
export function assemblePolygons(outline: LabelOutline): LatticeRing[][] {
  const polygons = outline.outers.map((ring) => ({ ring, area: signedAreaLonLat(ring), holes: [] as LatticeRing[] }));
  for (const hole of outline.holes) {
    // The middle of the hole's first unit edge lies inside its shell and on no shell edge (each directed
    // unit edge bounds one ring, and rings touch only at corners).
    const x = hole[0] + Math.sign(hole[2] - hole[0]) / 2;
    const y = hole[1] + Math.sign(hole[3] - hole[1]) / 2;
    let best: (typeof polygons)[number] | null = null;
    for (const p of polygons) if (latticeRingContains(p.ring, x, y) && (!best || p.area < best.area)) best = p;
    if (!best) throw new Error('outline tracing produced a hole outside every shell');
    best.holes.push(hole);
  }
  return polygons.map((p) => [p.ring, ...p.holes]);
}
