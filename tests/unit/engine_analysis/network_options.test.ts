/**
 * runAccessibilityAnalysis in network mode on the real Gothenburg network (made-up people on a 250 m
 * grid): the steps factor, network-distance thresholds, the unreachable split and the facilities that
 * lie off the network, each checked against a computation by another route.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { runAccessibilityAnalysis, type AnalysisResult } from '../../../shared/engine/analysis/accessibility_analysis';
import type { DemandGrid } from '../../../shared/engine/demand_grid';
import { buildWalkGraph } from '../../../shared/engine/network/build_walk_graph';
import { NetworkServiceModel } from '../../../shared/engine/network/network_service_model';
import { prepareCells, prepareGraph } from '../../../shared/engine/network/prepare_network';
import { snapPoints } from '../../../shared/engine/network/snap_points';
import { lifeCircleThresholds } from '../../../shared/engine/network/thresholds';
import { EDGE_STEPS, withStepsFactor } from '../../../shared/engine/network/walk_graph';
import { gothenburgGrid, gothenburgRoads, randomFacilities } from '../engine_network/gothenburg_fixture';

let grid: DemandGrid;
const facilities = randomFacilities(120, 13);

beforeAll(() => {
  grid = gothenburgGrid(250, 3).grid;
});

const analyse = (options: Partial<Parameters<typeof runAccessibilityAnalysis>[1]>): AnalysisResult =>
  runAccessibilityAnalysis({ grid, facilities, roads: gothenburgRoads() }, { mode: 'network', ...options });

describe('steps factor', () => {
  it('costs steps at the factor: the times equal a model on the graph re-costed with withStepsFactor, and steps only slow walks down', () => {
    const level = analyse({ minutes: [15], stepsFactor: 1 });
    const steep = analyse({ minutes: [15], stepsFactor: 4 });
    expect(steep.network).toMatchObject({ stepsFactor: 4 });
    expect(analyse({ minutes: [15] }).network!.stepsFactor).toBe(2);
    // The same factor by another route: the default graph, re-costed afterwards.
    const graph = withStepsFactor(buildWalkGraph(gothenburgRoads()), 4);
    let stepsEdges = 0;
    for (let e = 0; e < graph.edgeCount; e++) if ((graph.edgeFlags[e] & EDGE_STEPS) !== 0) stepsEdges++;
    expect(stepsEdges).toBeGreaterThan(100);
    const model = new NetworkServiceModel(prepareCells(prepareGraph(graph), grid, { maxSnapM: 300 }), { thresholds: [{ label: '15 min', minutes: 15 }] });
    model.setFacilities(facilities);
    let slower = 0;
    for (let c = 0; c < grid.count; c++) {
      const minutes = model.cellCostM[c] / 60;
      if (Number.isFinite(minutes)) expect(steep.cellMinutes![c]).toBeCloseTo(minutes, 9);
      else expect(steep.cellMinutes![c]).toBe(Infinity);
      expect(steep.cellMinutes![c]).toBeGreaterThanOrEqual(level.cellMinutes![c] - 1e-9);
      if (steep.cellMinutes![c] > level.cellMinutes![c] + 1e-6) slower++;
    }
    expect(slower).toBeGreaterThan(10);
    expect(steep.thresholds[0].cells.covered).toBeLessThan(level.thresholds[0].cells.covered);
  });
});

describe('network-distance thresholds', () => {
  it('300/500/1000 m on the network cover what 5, 8⅓ and 16⅔ minutes at 1 m/s cover, at any walking speed', () => {
    const distances = lifeCircleThresholds('distance').map((t) => ('distanceM' in t ? t.distanceM : 0));
    expect(distances).toEqual([300, 500, 1000]);
    const byDistance = analyse({ networkM: distances, speedMps: 0.8 });
    const byTime = analyse({ minutes: [5, 500 / 60, 1000 / 60], speedMps: 1 });
    expect(byDistance.thresholds.map((t) => [t.label, t.minutes, t.networkM, t.limitM])).toEqual([
      ['300 m', null, 300, 300],
      ['500 m', null, 500, 500],
      ['1000 m', null, 1000, 1000],
    ]);
    for (let t = 0; t < 3; t++) {
      expect(byDistance.thresholds[t].cells.covered).toBe(byTime.thresholds[t].cells.covered);
      expect(byDistance.thresholds[t].elderly.covered).toBeCloseTo(byTime.thresholds[t].elderly.covered, 6);
      // The same people, walking at 0.8 instead of 1 m/s: their times are 1.25 × longer.
      expect(byDistance.thresholds[t].meanMinutes!.elderly!).toBeCloseTo(byTime.thresholds[t].meanMinutes!.elderly! / 0.8, 9);
      expect(byDistance.thresholds[t].cells.covered).toBeGreaterThan(0);
    }
    expect(() => analyse({ networkM: [300], minutes: [5] })).toThrow('give walking times (minutes) or network distances (networkM), not both');
  });
});

describe('what the network result reports besides coverage', () => {
  it('splits the unreachable, lists the facilities off the network and gives the walking time of everyone', () => {
    const result = analyse({ minutes: [10, 15], capacity: true });
    const u = result.unreachable!;
    expect(u.cells).toBe(u.offNetwork.cells + u.noPath.cells + u.beyondLimit.cells);
    expect(u.offNetworkCells).toBe(u.offNetwork.cells);
    expect(u.cells).toBe(grid.count - result.thresholds[1].cells.covered);
    expect(u.beyondLimit.cells).toBeGreaterThan(0);
    // Off the network: farther than 300 m from every snapping target, by the snapping itself.
    const network = prepareGraph(buildWalkGraph(gothenburgRoads()));
    const snaps = snapPoints(network.index, facilities.map((f) => f.lon), facilities.map((f) => f.lat), 300);
    const expected = facilities.filter((_, i) => snaps.edge[i] < 0).map((f) => f.id);
    expect(result.network!.facilitiesOffNetwork).toEqual(expected);
    expect(expected.length).toBeGreaterThan(5);
    // …and they serve nobody.
    for (const id of expected) expect(result.capacity!.facilities.find((f) => f.id === id)!.served).toBe(0);
    const travel = result.travelTime!;
    expect(travel.horizonMinutes).toBe(30);
    expect(travel.elderly.withinHorizonShare!).toBeGreaterThanOrEqual(result.thresholds[1].elderly.ratio!);
    // A third of this grid is water: the 90th percentile is beyond any walk.
    expect(travel.elderly).toMatchObject({ p90Minutes: null, p90ExceedsMinutes: 30 });
    expect(analyse({ minutes: [15], statisticsHorizonFactor: 3 }).travelTime!.horizonMinutes).toBe(45);
  });
});
