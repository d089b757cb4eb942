/**
 * Walking-network engine at city scale: graph build on the real Gothenburg OSM network, 500 facilities
 * to all cells of a 100 m grid, capacity and isochrones, incremental add/move/remove (network mode at
 * the Gothenburg grid and at ~1 M cells; circle mode at 1 M cells) and memory at 1 M cells.
 * People on the grids are synthetic (seeded): only positions matter to the timings.
 */
import { readFileSync } from 'node:fs';
import v8 from 'node:v8';
import vm from 'node:vm';
import { allocateCapacity } from '../../shared/engine/capacity/allocate_capacity';
import type { DemandGrid } from '../../shared/engine/demand_grid';
import { findGapAreas, coveredMask } from '../../shared/engine/gaps/find_gap_areas';
import { gridLayout } from '../../shared/engine/gaps/grid_layout';
import { buildWalkGraph } from '../../shared/engine/network/build_walk_graph';
import { CircleCoverageState } from '../../shared/engine/circle_coverage_state';
import { networkFacilityReach } from '../../shared/engine/network/facility_reach';
import { facilityIsochrones, serviceAreas } from '../../shared/engine/network/isochrones';
import { NetworkServiceModel } from '../../shared/engine/network/network_service_model';
import { prepareCells, prepareGraph, type PreparedCells } from '../../shared/engine/network/prepare_network';
import { roadsFromGeoJson } from '../../shared/engine/network/roads_from_geojson';
import { lifeCircleThresholds } from '../../shared/engine/network/thresholds';
import { median, mulberry32, printTable, timeRuns } from './bench_util';
import { testData } from '../helpers/test_data';

const GOTHENBURG = testData('gothenburg_osm/gothenburg_ways.geojson');
const BBOX = { west: 11.8596, south: 57.6482, east: 12.0935, north: 57.762 };
const mb = (bytes: number) => Math.round(bytes / 1048576);

// A real collection before each memory reading, so that garbage does not count as use.
v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;
function memory() {
  collectGarbage();
  const m = process.memoryUsage();
  return { rss: m.rss, live: m.heapUsed + m.arrayBuffers };
}

/** A regular grid of cellM-metre cells over a box, built straight into typed arrays. */
function syntheticGrid(box: typeof BBOX, cellM: number, seed: number): { grid: DemandGrid; widthDeg: number; heightDeg: number } {
  const heightDeg = cellM / 111_195.08;
  const widthDeg = heightDeg / Math.cos((((box.south + box.north) / 2) * Math.PI) / 180);
  const rows = Math.floor((box.north - box.south) / heightDeg);
  const columns = Math.floor((box.east - box.west) / widthDeg);
  const count = rows * columns;
  const lon = new Float64Array(count), lat = new Float64Array(count);
  const population = new Float64Array(count), elderly = new Float64Array(count);
  const random = mulberry32(seed);
  for (let r = 0, c = 0; r < rows; r++) {
    for (let k = 0; k < columns; k++, c++) {
      lon[c] = box.west + (k + 0.5) * widthDeg;
      lat[c] = box.north - (r + 0.5) * heightDeg;
      population[c] = Math.floor(random() * 40 * (cellM / 100) ** 2);
      elderly[c] = Math.floor(population[c] * random() * 0.4);
    }
  }
  return { grid: { count, lon, lat, population, elderly, hasPopulation: true, hasElderly: true }, widthDeg, heightDeg };
}

function randomFacilities(count: number, seed: number, box = BBOX) {
  const random = mulberry32(seed);
  return Array.from({ length: count }, (_, i) => ({
    id: `f${i}`,
    lon: box.west + random() * (box.east - box.west),
    lat: box.south + random() * (box.north - box.south),
    capacity: 20 + Math.floor(random() * 60),
  }));
}

/** Median ms of `count` single add / move / remove operations on a model (each op timed alone). */
function incrementalTimes(
  model: {
    addFacility(f: { id: string; lon: number; lat: number }): void;
    moveFacility(id: string, lon: number, lat: number): void;
    removeFacility(id: string): void;
    figures(): unknown;
  },
  placed: readonly { id: string; lon: number; lat: number }[],
  box: typeof BBOX,
  seed: number,
  count = 100,
) {
  const random = mulberry32(seed);
  const ids = placed.map((f) => f.id);
  const positions = new Map(placed.map((f) => [f.id, { lon: f.lon, lat: f.lat }]));
  const add: number[] = [], move: number[] = [], remove: number[] = [];
  for (let k = 0; k < count; k++) {
    const lon = box.west + random() * (box.east - box.west), lat = box.south + random() * (box.north - box.south);
    let t = performance.now();
    model.addFacility({ id: `added${k}`, lon, lat });
    model.figures();
    add.push(performance.now() - t);
    const id = ids[k % ids.length];
    const at = positions.get(id)!;
    at.lon += (random() - 0.5) * 0.004; // a drag step of up to ~120 m
    at.lat += (random() - 0.5) * 0.002;
    t = performance.now();
    model.moveFacility(id, at.lon, at.lat);
    model.figures();
    move.push(performance.now() - t);
    t = performance.now();
    model.removeFacility(`added${k}`);
    model.figures();
    remove.push(performance.now() - t);
  }
  return { add: median(add), move: median(move), remove: median(remove), addMax: Math.max(...add), moveMax: Math.max(...move), removeMax: Math.max(...remove) };
}

export default async function networkBench(): Promise<void> {
  // 1. Graph build on the real network.
  let t = performance.now();
  const text = readFileSync(GOTHENBURG, 'utf8');
  const collection = JSON.parse(text);
  const parseMs = performance.now() - t;
  t = performance.now();
  const { roads } = roadsFromGeoJson(collection);
  const convertMs = performance.now() - t;
  const buildMs = median(await timeRuns(() => buildWalkGraph(roads), 5));
  const graph = buildWalkGraph(roads);
  const indexMs = median(await timeRuns(() => prepareGraph(graph), 5));
  const network = prepareGraph(graph);
  console.log('\nGraph build (real Gothenburg OSM network, median of 5)');
  printTable([{
    'file MB': Math.round(text.length / 1e5) / 10, ways: roads.length, walkable: graph.stats.walkableWays, nodes: graph.nodeCount,
    edges: graph.edgeCount, 'km': Math.round(graph.stats.totalLengthM / 1000), 'JSON.parse ms': parseMs, 'to roads ms': convertMs,
    'build ms': buildMs, 'snap index ms': indexMs, 'build+index ms': buildMs + indexMs,
  }]);

  // 2. 500 facilities → all cells of a 100 m grid.
  const { grid: grid100 } = syntheticGrid(BBOX, 100, 1);
  const snapMs = median(await timeRuns(() => prepareCells(network, grid100), 3));
  const cells100 = prepareCells(network, grid100);
  const facilities = randomFacilities(500, 42);
  const thresholds = lifeCircleThresholds('minutes');
  const model = new NetworkServiceModel(cells100, { thresholds, speedMps: 1.0 });
  const passMs = median(await timeRuns(() => model.setFacilities(facilities), 9));
  let offNetwork = 0;
  for (let c = 0; c < grid100.count; c++) if (cells100.snaps.edge[c] < 0) offNetwork++;
  console.log('\n500 facilities → every cell, one multi-source pass (100 m grid over the network extent)');
  printTable([{ cells: grid100.count, 'off network (>300 m)': offNetwork, facilities: 500, 'snap cells ms (once per grid)': snapMs, 'all thresholds pass ms (median of 9)': passMs }]);
  const figures = model.figures();
  printTable(figures.thresholds.map((f) => ({
    threshold: f.label, 'limit m @1.0 m/s': f.limitM, cells: f.cells, 'elderly share': f.elderlyShare ?? 0,
    'mean min (covered)': f.meanMinutes.elderly ?? 0, 'p90 min (covered)': f.p90Minutes.elderly ?? 0,
  })));
  // Walking time of everyone (the search runs on to the statistics horizon) and why the rest is not covered.
  const travel = figures.travelTime.elderly;
  const u = figures.unreachable;
  printTable([{
    'horizon min': figures.travelTime.horizonMinutes, 'elderly within horizon': travel.withinHorizonShare ?? 0,
    'mean min (within horizon)': travel.meanMinutesWithinHorizon ?? 0,
    'p90 min (everyone)': travel.p90Minutes === null ? `> ${travel.p90ExceedsMinutes}` : travel.p90Minutes,
    'uncovered cells': u.cells, 'off network': u.offNetwork.cells, 'no path': u.noPath.cells, 'beyond 15 min': u.beyondLimit.cells,
  }]);
  // What the horizon costs: the same pass searched only to the largest threshold.
  const tight = new NetworkServiceModel(cells100, { thresholds, speedMps: 1.0, statisticsHorizonFactor: 1 });
  const tightMs = median(await timeRuns(() => tight.setFacilities(facilities), 9));
  const tightMoves = incrementalTimes(tight, facilities, BBOX, 7, 50);
  const wideMoves = incrementalTimes(model, facilities, BBOX, 7, 50);
  console.log('\nStatistics horizon: the same 500 facilities searched to 15 min (factor 1) or 30 min (factor 2, the default)');
  printTable([
    { 'horizon factor': 1, 'full pass ms (median of 9)': tightMs, 'add ms': tightMoves.add, 'move ms': tightMoves.move, 'remove ms': tightMoves.remove },
    { 'horizon factor': 2, 'full pass ms (median of 9)': passMs, 'add ms': wideMoves.add, 'move ms': wideMoves.move, 'remove ms': wideMoves.remove },
  ]);
  model.setFacilities(facilities);

  // 3. Capacity, isochrones and gaps on that grid.
  const reachMs = median(await timeRuns(() => networkFacilityReach(cells100, facilities, 900), 3));
  const reach = networkFacilityReach(cells100, facilities, 900);
  const allocateMs = median(await timeRuns(() => allocateCapacity(grid100, reach, facilities.map((f) => f.capacity)), 5));
  const mergedMs = median(await timeRuns(() => serviceAreas(model, { pixelM: 10 }), 3));
  const perFacilityMs = median(await timeRuns(() => facilityIsochrones(network, facilities, thresholds, { pixelM: 10 }), 1));
  const layout = gridLayout(grid100);
  const gapMs = median(await timeRuns(() => findGapAreas(grid100, layout, coveredMask(model.cellCostM, 900)), 3));
  const gaps = findGapAreas(grid100, layout, coveredMask(model.cellCostM, 900));
  console.log('\nCapacity, isochrones and gaps (same grid, 500 facilities)');
  printTable([
    { step: '15-min reach lists, 500 single-source passes', size: `${reach.cells.length} pairs`, 'median ms': reachMs },
    { step: 'capacity allocation (nearest first)', size: `${reach.cells.length} pairs`, 'median ms': allocateMs },
    { step: 'merged service areas, 3 thresholds, 10 m pixels', size: '3 polygons', 'median ms': mergedMs },
    { step: 'isochrones per facility, 3 thresholds, 10 m pixels', size: '1500 polygons', 'median ms': perFacilityMs },
    { step: 'gap areas (15 min, 8-connected)', size: `${gaps.areas.length} areas`, 'median ms': gapMs },
  ]);

  // 4. Incremental updates, network mode: Gothenburg 100 m grid, then ~1 M cells (13 m grid).
  const rows: Record<string, string | number>[] = [];
  const small = incrementalTimes(model, facilities, BBOX, 7);
  rows.push({ mode: 'network', cells: grid100.count, facilities: 500, 'add ms': small.add, 'move ms': small.move, 'remove ms': small.remove, 'max of all ms': Math.max(small.addMax, small.moveMax, small.removeMax) });
  const memoryBefore = memory();
  const { grid: grid1m } = syntheticGrid(BBOX, 13, 3);
  t = performance.now();
  const cells1m: PreparedCells = prepareCells(network, grid1m);
  const snap1mMs = performance.now() - t;
  const model1m = new NetworkServiceModel(cells1m, { thresholds });
  const pass1mMs = median(await timeRuns(() => model1m.setFacilities(facilities), 3));
  const big = incrementalTimes(model1m, facilities, BBOX, 8);
  rows.push({ mode: 'network', cells: grid1m.count, facilities: 500, 'add ms': big.add, 'move ms': big.move, 'remove ms': big.remove, 'max of all ms': Math.max(big.addMax, big.moveMax, big.removeMax) });
  // Few facilities: each added one reaches a whole 15-minute area of cells that were uncovered.
  const sparse = facilities.slice(0, 50);
  model1m.setFacilities(sparse);
  const few = incrementalTimes(model1m, sparse, BBOX, 11);
  rows.push({ mode: 'network', cells: grid1m.count, facilities: 50, 'add ms': few.add, 'move ms': few.move, 'remove ms': few.remove, 'max of all ms': Math.max(few.addMax, few.moveMax, few.removeMax) });
  const memoryNetwork = memory();

  // 5. Circle mode at 1 M cells (1000 × 1000 cells of 100 m around Wuhan), radius 1000 m.
  const wuhanBox = { west: 113.78, south: 30.15, east: 114.82, north: 31.05 };
  const { grid: circleGrid } = syntheticGrid(wuhanBox, 100, 5);
  t = performance.now();
  const circle = new CircleCoverageState(circleGrid, 1000);
  const circleIndexMs = performance.now() - t;
  const circleFacilities = randomFacilities(500, 9, wuhanBox);
  const circleSetMs = median(await timeRuns(() => circle.setFacilities(circleFacilities), 3));
  const circleTimes = incrementalTimes(circle, circleFacilities, wuhanBox, 10);
  rows.push({ mode: 'circle 1000 m', cells: circleGrid.count, facilities: 500, 'add ms': circleTimes.add, 'move ms': circleTimes.move, 'remove ms': circleTimes.remove, 'max of all ms': Math.max(circleTimes.addMax, circleTimes.moveMax, circleTimes.removeMax) });
  console.log('\nIncremental updates (median of 100 single operations each; move = a ~100 m drag step)');
  printTable(rows);
  const memoryAll = memory();
  console.log('\nOne-off costs and memory at ~1 M cells');
  printTable([
    { item: `network: snap ${grid1m.count} cells`, value: Math.round(snap1mMs), unit: 'ms' },
    { item: 'network: full pass, 500 facilities, 3 thresholds', value: pass1mMs, unit: 'ms' },
    { item: `circle: kd-tree over ${circleGrid.count} cells`, value: Math.round(circleIndexMs), unit: 'ms' },
    { item: 'circle: set 500 facilities', value: circleSetMs, unit: 'ms' },
    { item: 'live memory (heap + array buffers) before the 1 M-cell grids', value: mb(memoryBefore.live), unit: 'MB' },
    { item: `  + network model at ${grid1m.count} cells (grid, snaps, times)`, value: mb(memoryNetwork.live - memoryBefore.live), unit: 'MB' },
    { item: `  + circle model at ${circleGrid.count} cells (grid, kd-tree, counts)`, value: mb(memoryAll.live - memoryNetwork.live), unit: 'MB' },
    { item: 'process RSS at the end (all of the above, Node included)', value: mb(memoryAll.rss), unit: 'MB' },
  ]);
  // Keep the models alive until memory was read.
  void [model1m.figures(), circle.figures()];
}
