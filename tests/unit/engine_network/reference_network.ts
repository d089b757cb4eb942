/**
 * An independent walking network for cross-checks, built straight from the GeoJSON with none of the
 * engine's code: string-keyed vertices, object adjacency lists with one edge per polyline segment
 * (no splitting at junctions), Turf's distance for lengths, and a Dijkstra whose priority "queue" is a
 * linear scan over the open vertices. The tag rules are restated here from the issue text.
 */
import * as turf from '@turf/turf';
import type { GeoJsonFeature } from './gothenburg_fixture';

const NEVER = new Set(['motorway', 'motorway_link', 'trunk', 'trunk_link', 'construction', 'proposed', 'abandoned', 'disused', 'raceway', 'bus_guideway', 'busway', 'escape']);
const WALK = new Set(['footway', 'path', 'pedestrian', 'steps', 'living_street', 'residential', 'service', 'unclassified', 'tertiary', 'tertiary_link', 'secondary', 'secondary_link', 'primary', 'primary_link', 'cycleway', 'track', 'road', 'platform', 'corridor', 'crossing', 'elevator']);

/** The rules: foot=no/private excluded, motorway/trunk excluded, private access respected unless foot is allowed. */
export function referenceWalkable(tags: Record<string, string>): boolean {
  const highway = tags.highway;
  if (!highway) return false;
  if (['no', 'private', 'use_sidepath', 'discouraged_no'].includes(tags.foot)) return false;
  if (NEVER.has(highway)) return false;
  const footOk = ['yes', 'designated', 'permissive', 'destination', 'delivery', 'customers', 'official'].includes(tags.foot);
  if (highway === 'bridleway') return footOk;
  if (!WALK.has(highway)) return false;
  return footOk || !['no', 'private'].includes(tags.access);
}

export const key = (p: readonly number[]): string => `${p[0]},${p[1]}`;

export interface ReferenceSegment {
  a: number[];
  b: number[];
  factor: number;
}

export class ReferenceNetwork {
  readonly adjacency = new Map<string, { to: string; w: number }[]>();
  readonly segments: ReferenceSegment[] = [];
  readonly position = new Map<string, number[]>();

  constructor(features: readonly GeoJsonFeature[], stepsFactor: number) {
    for (const f of features) {
      if (!referenceWalkable(f.properties)) continue;
      const lines = f.geometry.type === 'LineString' ? [f.geometry.coordinates] : f.geometry.coordinates;
      const factor = f.properties.highway === 'steps' ? stepsFactor : 1;
      for (const line of lines) {
        for (let k = 0; k + 1 < line.length; k++) {
          if (key(line[k]) === key(line[k + 1])) continue;
          this.segments.push({ a: line[k], b: line[k + 1], factor });
          this.link(line[k], line[k + 1], factor);
        }
      }
    }
  }

  private link(a: number[], b: number[], factor: number): void {
    const w = turf.distance(a, b, { units: 'meters' }) * factor;
    this.position.set(key(a), a);
    this.position.set(key(b), b);
    if (!this.adjacency.has(key(a))) this.adjacency.set(key(a), []);
    if (!this.adjacency.has(key(b))) this.adjacency.set(key(b), []);
    this.adjacency.get(key(a))!.push({ to: key(b), w });
    this.adjacency.get(key(b))!.push({ to: key(a), w });
  }

  private unlink(a: string, b: string): void {
    for (const [from, to] of [[a, b], [b, a]]) {
      const list = this.adjacency.get(from)!;
      const k = list.findIndex((e) => e.to === to);
      if (k < 0) throw new Error(`no edge ${from} → ${to}`);
      list.splice(k, 1);
    }
  }

  /** Segments whose end pair occurs once (no overlapping ways), safe to put points on. */
  uniqueSegments(): ReferenceSegment[] {
    const count = new Map<string, number>();
    const pair = (s: ReferenceSegment) => [key(s.a), key(s.b)].sort().join('|');
    for (const s of this.segments) count.set(pair(s), (count.get(pair(s)) ?? 0) + 1);
    return this.segments.filter((s) => count.get(pair(s)) === 1);
  }

  /**
   * Inserts points lying on segments (at fractions t of the segment, in lon/lat) as vertices named
   * `name`; several points on one segment are chained in order of t.
   */
  insertPoints(points: { name: string; segment: ReferenceSegment; t: number }[]): void {
    const bySegment = new Map<ReferenceSegment, { name: string; t: number }[]>();
    for (const p of points) {
      if (!bySegment.has(p.segment)) bySegment.set(p.segment, []);
      bySegment.get(p.segment)!.push(p);
    }
    for (const [segment, list] of bySegment) {
      list.sort((x, y) => x.t - y.t);
      this.unlink(key(segment.a), key(segment.b));
      let previous = segment.a;
      let previousName = key(segment.a);
      for (const p of list) {
        const at = [segment.a[0] + p.t * (segment.b[0] - segment.a[0]), segment.a[1] + p.t * (segment.b[1] - segment.a[1])];
        this.addEdge(previousName, p.name, turf.distance(previous, at, { units: 'meters' }) * segment.factor);
        this.position.set(p.name, at);
        previous = at;
        previousName = p.name;
      }
      this.addEdge(previousName, key(segment.b), turf.distance(previous, segment.b, { units: 'meters' }) * segment.factor);
    }
  }

  private addEdge(a: string, b: string, w: number): void {
    if (!this.adjacency.has(a)) this.adjacency.set(a, []);
    if (!this.adjacency.has(b)) this.adjacency.set(b, []);
    this.adjacency.get(a)!.push({ to: b, w });
    this.adjacency.get(b)!.push({ to: a, w });
  }

  /** Costs from the sources (vertex name → starting cost) up to cutoffM; array-scan priority. */
  shortestCosts(sources: Map<string, number>, cutoffM: number): Map<string, number> {
    const settled = new Map<string, number>();
    const open = new Map<string, number>(sources);
    while (open.size > 0) {
      let best = '';
      let bestCost = Infinity;
      for (const [name, cost] of open) {
        if (cost < bestCost) {
          bestCost = cost;
          best = name;
        }
      }
      open.delete(best);
      if (bestCost > cutoffM) break;
      settled.set(best, bestCost);
      for (const { to, w } of this.adjacency.get(best) ?? []) {
        if (settled.has(to)) continue;
        const cost = bestCost + w;
        if (cost <= cutoffM && cost < (open.get(to) ?? Infinity)) open.set(to, cost);
      }
    }
    return settled;
  }
}
