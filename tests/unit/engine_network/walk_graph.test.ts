import * as turf from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { isInputError } from '../../../shared/errors';
import { buildWalkGraph, type RoadInput } from '../../../shared/engine/network/build_walk_graph';
import { EDGE_GRADE_SEPARATED, EDGE_STEPS, withStepsFactor } from '../../../shared/engine/network/walk_graph';
import { DEFAULT_WALK_PROFILE } from '../../../shared/engine/network/walk_profile';
import { gothenburgCollection, gothenburgRoads } from './gothenburg_fixture';
import { key, referenceWalkable } from './reference_network';

const road = (id: string, highway: string | null, coordinates: number[][], tags: Record<string, string> = {}): RoadInput => ({
  id, highway, tags: highway ? { highway, ...tags } : tags, geometry: { type: 'LineString', coordinates },
});

describe('walking graph on a hand-made network', () => {
  // A residential street with a footway leaving from its middle vertex, steps at its east end, a
  // motorway crossing it without a shared vertex, and ways that are closed to walkers.
  const x0 = 11.95, y0 = 57.7;
  const roads = [
    road('street', 'residential', [[x0, y0], [x0 + 0.001, y0], [x0 + 0.002, y0]], { oneway: 'yes' }),
    road('footway', 'footway', [[x0 + 0.001, y0], [x0 + 0.001, y0 + 0.001]]),
    road('motorway', 'motorway', [[x0 + 0.0015, y0 - 0.001], [x0 + 0.0015, y0 + 0.001]]),
    road('steps', 'steps', [[x0 + 0.002, y0], [x0 + 0.002, y0 + 0.0005]]),
    road('no-foot', 'footway', [[x0, y0], [x0, y0 - 0.001]], { foot: 'no' }),
    road('private', 'service', [[x0 + 0.002, y0], [x0 + 0.003, y0]], { access: 'private' }),
    road('private-but-foot', 'service', [[x0, y0], [x0 - 0.001, y0]], { access: 'private', foot: 'yes' }),
    road('untagged', null, [[x0, y0], [x0, y0 + 0.001]]),
    road('bridge', 'footway', [[x0 - 0.001, y0], [x0 - 0.002, y0]], { bridge: 'yes' }),
  ];
  const graph = buildWalkGraph(roads);

  it('keeps walkable ways, splits them at shared vertices and reports why others were left out', () => {
    expect(graph.stats.excluded).toEqual({
      no_highway: 1, foot_prohibited: 1, excluded_class: 1, foot_not_allowed_on_class: 0, unknown_class: 0, access_prohibited: 1,
    });
    expect(graph.stats.walkableWays).toBe(5);
    // street split at the footway's vertex: 2 edges; footway, steps, private-but-foot, bridge: 1 each.
    expect(graph.edgeCount).toBe(6);
    expect(graph.nodeCount).toBe(7);
    const roadIds = Array.from(graph.edgeRoad, (r) => roads[r].id).sort();
    expect(roadIds).toEqual(['bridge', 'footway', 'private-but-foot', 'steps', 'street', 'street']);
  });

  it('measures edges with haversine, costs steps at the steps factor and ignores oneway', () => {
    for (let e = 0; e < graph.edgeCount; e++) {
      const coords = [];
      for (let i = graph.edgeCoordStart[e]; i < graph.edgeCoordStart[e + 1]; i++) coords.push([graph.coordLon[i], graph.coordLat[i]]);
      expect(graph.edgeLengthM[e]).toBeCloseTo(turf.length(turf.lineString(coords), { units: 'meters' }), 9);
      const isSteps = roads[graph.edgeRoad[e]].id === 'steps';
      expect((graph.edgeFlags[e] & EDGE_STEPS) !== 0).toBe(isSteps);
      expect((graph.edgeFlags[e] & EDGE_GRADE_SEPARATED) !== 0).toBe(roads[graph.edgeRoad[e]].id === 'bridge');
      expect(graph.edgeCostM[e]).toBeCloseTo(graph.edgeLengthM[e] * (isSteps ? DEFAULT_WALK_PROFILE.stepsFactor : 1), 9);
      // Both directions are in the adjacency, whatever `oneway` says.
      const from = graph.edgeFrom[e], to = graph.edgeTo[e];
      const outOf = (n: number) => Array.from(graph.adjEdges.subarray(graph.adjOffsets[n], graph.adjOffsets[n + 1]));
      expect(outOf(from)).toContain(e);
      expect(outOf(to)).toContain(e);
    }
    const slow = withStepsFactor(graph, 3.5);
    for (let e = 0; e < graph.edgeCount; e++) {
      const isSteps = (graph.edgeFlags[e] & EDGE_STEPS) !== 0;
      expect(slow.edgeCostM[e]).toBeCloseTo(graph.edgeLengthM[e] * (isSteps ? 3.5 : 1), 9);
    }
    expect(() => withStepsFactor(graph, 0.5)).toThrow(/stepsFactor must be a finite number ≥ 1, got 0.5/);
  });

  it('rejects bad geometry with an InputError naming the feature', () => {
    const bad = [road('ok', 'footway', [[x0, y0], [x0 + 0.001, y0]]), road('broken', 'footway', [[x0, y0], [x0, 95]])];
    try {
      buildWalkGraph(bad, { source: 'roads.geojson' });
      expect.unreachable();
    } catch (error) {
      expect(isInputError(error)).toBe(true);
      expect((error as Error).message).toBe(
        'roads.geojson, feature 1, field geometry: road broken, vertex 1: coordinates must be WGS84 lon/lat, got (11.95, 95)',
      );
    }
  });
});

describe('walking graph on the real Gothenburg network', () => {
  const roads = gothenburgRoads();
  const graph = buildWalkGraph(roads);
  const features = gothenburgCollection().features;

  it('leaves out motorway/trunk, foot=no and private ways: counts from the data', () => {
    expect(roads.length).toBe(20_227); // 20 120 lines + 107 polygon outlines (one ring each)
    expect(graph.stats.excluded).toEqual({
      no_highway: 0,
      foot_prohibited: 93, // foot=no
      excluded_class: 935, // motorway 183, motorway_link 250, trunk 176, trunk_link 191, construction 157, less 22 of them with foot=no
      foot_not_allowed_on_class: 8, // bridleway without foot=yes
      unknown_class: 0,
      access_prohibited: 583, // access=no/private without a foot permission
    });
    expect(graph.stats.walkableWays).toBe(18_608);
    // Independent count of the motorway/trunk classes in the file, and none of them is in the graph.
    const motorTraffic = features.filter((f) => /^(motorway|trunk)(_link)?$/.test(f.properties.highway));
    expect(motorTraffic.length).toBe(800);
    const used = new Set(Array.from(graph.edgeRoad));
    for (let r = 0; r < roads.length; r++) {
      if (/^(motorway|trunk)(_link)?$/.test(roads[r].highway ?? '') || roads[r].tags.foot === 'no') expect(used.has(r)).toBe(false);
    }
  });

  it('has the nodes, edges and length an independent count of the GeoJSON gives', () => {
    const uses = new Map<string, number>();
    const ends = new Set<string>();
    let lengthM = 0;
    const lines: number[][][] = [];
    for (const f of features) {
      if (!referenceWalkable(f.properties)) continue;
      const parts = f.geometry.type === 'LineString' ? [f.geometry.coordinates] : f.geometry.coordinates;
      for (const line of parts) {
        const distinct = line.filter((p, k) => k === 0 || key(p) !== key(line[k - 1]));
        lines.push(distinct);
        for (const p of distinct) uses.set(key(p), (uses.get(key(p)) ?? 0) + 1);
        ends.add(key(distinct[0]));
        ends.add(key(distinct[distinct.length - 1]));
        lengthM += turf.length(turf.lineString(distinct), { units: 'meters' });
      }
    }
    const isNode = (p: number[]) => ends.has(key(p)) || (uses.get(key(p)) ?? 0) >= 2;
    const nodes = [...uses.keys()].filter((k) => ends.has(k) || uses.get(k)! >= 2).length;
    let edges = 0;
    for (const line of lines) for (let k = 1; k < line.length; k++) if (isNode(line[k])) edges++;
    expect(graph.nodeCount).toBe(nodes);
    expect(graph.edgeCount).toBe(edges);
    expect(graph.stats.totalLengthM).toBeCloseTo(lengthM, 3);
    expect(graph.nodeCount).toBe(31_609);
    expect(graph.edgeCount).toBe(43_484);
    expect(Math.round(graph.stats.totalLengthM / 1000)).toBe(2072); // km of walkable ways
    expect(graph.stats.largestComponentLengthShare).toBeGreaterThan(0.98);
  });
});
