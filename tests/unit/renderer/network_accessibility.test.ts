/**
 * The worker's walking-network analysis (renderer/workers/analysis_task.ts with its WorkerMemory)
 * against the engine's own runAccessibilityAnalysis on the real Gothenburg network: equal figures —
 * per threshold, everyone's walking time up to the statistics horizon, the not-covered split,
 * off-network facilities, capacity per facility — for walking times and for network distances with
 * another steps factor, including when the cached network is reused with a different factor.
 */
import { describe, expect, it } from 'vitest';
import { runAccessibilityAnalysis, type AnalysisOptions, type AnalysisResult } from '../../../shared/engine/analysis/accessibility_analysis';
import { runAnalysisTask, type AnalysisSummary } from '../../../renderer/workers/analysis_task';
import { snapshotRoads } from '../../../shared/snapshot/snapshot_codec';
import { WorkerMemory } from '../../../renderer/workers/worker_memory';
import type { GridPayload } from '../../../renderer/workers/worker_inputs';
import type { SnapshotFacility } from '../../../shared/usecases/project_snapshot';
import { gothenburgGrid, gothenburgRoads, randomFacilities } from '../engine_network/gothenburg_fixture';

const { grid, cellWidthDeg, cellHeightDeg } = gothenburgGrid(250, 7);
const cellSize = { cellWidthDeg, cellHeightDeg };
const facilities: SnapshotFacility[] = [
  ...randomFacilities(30, 3, 'dc').map((f) => ({ ...f, name: `Test day care ${f.id}`, kind: 'day_care' as const, origin: 'facility' as const })),
  { id: 'dc-nocap', name: 'Test day care without places', kind: 'day_care', lon: 11.97, lat: 57.705, capacity: null, origin: 'facility' },
];

/** The grid as the renderer sends it: the arrays once, then only the version the worker holds. */
function payload(memory: WorkerMemory): GridPayload {
  if (memory.gridKey === 'gothenburg-250') return { key: 'gothenburg-250', data: null };
  const fid = Int32Array.from({ length: grid.count }, (_, i) => i + 1);
  return {
    key: 'gothenburg-250',
    data: { count: grid.count, fid, lon: grid.lon, lat: grid.lat, population: grid.population, elderly: grid.elderly, hasPopulation: true, hasElderly: true },
  };
}

function worker(cache: WorkerMemory, options: AnalysisOptions) {
  return runAnalysisTask(
    { grid: payload(cache), cellSize, facilities, kinds: ['day_care'], roads: { key: 'roads-1', data: snapshotRoads(gothenburgRoads()) }, boundaries: null, options, serviceAreas: true },
    cache,
  );
}

/**
 * The figures both report (timings and the engine's optional service-area polygons differ by design;
 * the worker's run is a project's, which says it covers the whole project: studyArea null).
 */
function figures(result: AnalysisSummary | AnalysisResult) {
  const { timings: _timings, serviceAreas: _areas, ...rest } = result as AnalysisSummary;
  if ('studyArea' in rest) {
    expect(rest.studyArea).toBeNull();
    delete (rest as Partial<AnalysisResult>).studyArea;
  }
  delete (rest as Partial<AnalysisResult>).coveredLargest;
  delete (rest as Partial<AnalysisResult>).cellMinutes;
  return rest;
}

function engine(options: AnalysisOptions): AnalysisResult {
  return runAccessibilityAnalysis({ grid, facilities, roads: gothenburgRoads(), cellSize }, options);
}

const byTime: AnalysisOptions = { mode: 'network', minutes: [5, 10, 15], speedMps: 1, maxSnapM: 300, capacity: true, uptakeRate: 0.03, gaps: true };
const byDistance: AnalysisOptions = {
  mode: 'network',
  networkM: [300, 500, 1000],
  speedMps: 0.8,
  stepsFactor: 3,
  statisticsHorizonFactor: 3,
  maxSnapM: 2000,
  capacity: true,
  uptakeRate: 0.5,
  gaps: true,
};

describe('the worker network analysis equals runAccessibilityAnalysis', () => {
  const cache = new WorkerMemory();

  it('for walking times, with everyone’s walking time, the not-covered split and off-network facilities', () => {
    const task = worker(cache, byTime);
    const expected = engine(byTime);
    expect(figures(task.summary)).toEqual(figures(expected));
    const { travelTime, unreachable, network } = task.summary;
    expect(travelTime!.horizonMinutes).toBe(30);
    expect(unreachable!.offNetwork.cells + unreachable!.noPath.cells + unreachable!.beyondLimit.cells).toBe(unreachable!.cells);
    expect(network!.stepsFactor).toBe(2);
    expect(network!.facilitiesOffNetwork!.length).toBeGreaterThan(0);
    expect(task.summary.capacity!.facilities.find((f) => f.id === 'dc-nocap')!.capacityKnown).toBe(false);
    expect(task.travelTime!.unit).toBe('minutes');
    expect(task.travelTime!.classes.map((c) => c.upTo)).toEqual([5, 10, 15]);
  });

  it('for network distances with steps at 3 × and a longer statistics horizon, on the cached network', () => {
    const task = worker(cache, byDistance);
    const expected = engine(byDistance);
    expect(figures(task.summary)).toEqual(figures(expected));
    expect(task.summary.thresholds.map((t) => [t.minutes, t.networkM])).toEqual([[null, 300], [null, 500], [null, 1000]]);
    expect(task.summary.travelTime!.horizonM).toBe(3000);
    expect(task.summary.network!.stepsFactor).toBe(3);
    expect(task.summary.capacity!.totals.unservedWithinReach).toBeGreaterThan(0);
    // Classes and service areas in metres, each class limit the engine's own test of its threshold.
    expect(task.travelTime!.unit).toBe('metres');
    expect(task.travelTime!.classes.map((c) => c.upTo)).toEqual([300, 500, 1000]);
    expect(task.travelTime!.classes.reduce((sum, c) => sum + c.cells, 0)).toBe(task.summary.thresholds[2].cells.covered);
    expect(task.serviceAreas.features.map((f) => f.properties.networkM).sort((a, b) => a! - b!)).toEqual([300, 500, 1000]);
  });

  it('honours the steps factor: other steps costs give other figures, and the cache keeps its own', () => {
    const defaultSteps = engine({ ...byDistance, stepsFactor: 2 });
    const slowSteps = engine(byDistance);
    expect(figures(slowSteps).thresholds).not.toEqual(figures(defaultSteps).thresholds);
    expect(figures(worker(cache, { ...byDistance, stepsFactor: 2 }).summary)).toEqual(figures(defaultSteps));
    // Back to walking times at the default factor: the cached graph was not re-costed in place.
    expect(figures(worker(cache, byTime).summary)).toEqual(figures(engine(byTime)));
  });
});
