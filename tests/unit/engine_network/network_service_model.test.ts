import { beforeAll, describe, expect, it } from 'vitest';
import { CancelledError } from '../../../shared/errors';
import { NetworkServiceModel } from '../../../shared/engine/network/network_service_model';
import { prepareCells, prepareNetwork, type PreparedCells } from '../../../shared/engine/network/prepare_network';
import { lifeCircleThresholds } from '../../../shared/engine/network/thresholds';
import { EDGE_GRADE_SEPARATED } from '../../../shared/engine/network/walk_graph';
import { gothenburgGrid, gothenburgRoads, randomFacilities, seededRandom, GOTHENBURG_BBOX } from './gothenburg_fixture';

let cells: PreparedCells;
const thresholds = lifeCircleThresholds('minutes');

beforeAll(() => {
  const network = prepareNetwork(gothenburgRoads());
  cells = prepareCells(network, gothenburgGrid(100).grid, { maxSnapM: 300 });
});

function fullModel(facilities: { id: string; lon: number; lat: number }[], speedMps = 1): NetworkServiceModel {
  const model = new NetworkServiceModel(cells, { thresholds, speedMps });
  model.setFacilities(facilities);
  return model;
}

function expectSameCosts(a: Float64Array, b: Float64Array): void {
  expect(a.length).toBe(b.length);
  let mismatches = 0;
  for (let c = 0; c < a.length; c++) {
    const same = a[c] === b[c] || Math.abs(a[c] - b[c]) < 1e-9;
    if (!same) mismatches++;
  }
  expect(mismatches).toBe(0);
}

describe('incremental updates', () => {
  it('adding, removing and moving facilities gives the same times and figures as a full pass', () => {
    const random = seededRandom(99);
    const current = new Map(randomFacilities(300, 5).map((f) => [f.id, f]));
    const model = fullModel([...current.values()]);
    let nextId = 0;
    const { west, south, east, north } = GOTHENBURG_BBOX;
    for (let step = 0; step < 60; step++) {
      const ids = [...current.keys()];
      const roll = random();
      if (roll < 0.3) {
        const f = { id: `new${nextId++}`, lon: west + random() * (east - west), lat: south + random() * (north - south) };
        current.set(f.id, { ...f, capacity: 1 });
        model.addFacility(f);
      } else if (roll < 0.6) {
        const id = ids[Math.floor(random() * ids.length)];
        current.delete(id);
        model.removeFacility(id);
      } else {
        // A drag: a move of up to ~300 m.
        const id = ids[Math.floor(random() * ids.length)];
        const f = current.get(id)!;
        const moved = { ...f, lon: f.lon + (random() - 0.5) * 0.01, lat: f.lat + (random() - 0.5) * 0.005 };
        current.set(id, moved);
        model.moveFacility(id, moved.lon, moved.lat);
      }
      if (step % 6 === 5) {
        const full = fullModel([...current.values()]);
        expectSameCosts(model.cellCostM, full.cellCostM);
        const a = model.figures(), b = full.figures();
        expect(a.facilities).toBe(current.size);
        for (let t = 0; t < thresholds.length; t++) {
          expect(a.thresholds[t].cells).toBe(b.thresholds[t].cells);
          expect(a.thresholds[t].elderly).toBeCloseTo(b.thresholds[t].elderly, 6);
          expect(a.thresholds[t].population).toBeCloseTo(b.thresholds[t].population, 6);
          expect(a.thresholds[t].meanMinutes.elderly!).toBeCloseTo(b.thresholds[t].meanMinutes.elderly!, 9);
          expect(a.thresholds[t].p90Minutes).toEqual(b.thresholds[t].p90Minutes);
        }
        expect(a.unreachable.cells).toBe(b.unreachable.cells);
      }
    }
  });

  it('removing every facility leaves every cell unreached', () => {
    const facilities = randomFacilities(40, 11);
    const model = fullModel(facilities);
    expect(model.figures().thresholds[2].cells).toBeGreaterThan(0);
    for (const f of facilities) model.removeFacility(f.id);
    expect(model.cellCostM.every((c) => c === Infinity)).toBe(true);
    const figures = model.figures();
    expect(figures.thresholds.map((t) => t.cells)).toEqual([0, 0, 0]);
    expect(figures.thresholds[2].elderly).toBe(0);
    expect(figures.unreachable.cells).toBe(cells.grid.count);
  });
});

describe('coverage figures', () => {
  it('match sums, means and percentiles computed directly from the cell times', () => {
    const model = fullModel(randomFacilities(200, 3), 0.8);
    const figures = model.figures();
    const grid = cells.grid;
    expect(figures.cutoffM).toBeCloseTo(15 * 60 * 0.8, 9);
    let offCells = 0;
    for (let c = 0; c < grid.count; c++) if (cells.snaps.edge[c] < 0) offCells++;
    expect(figures.offNetwork.cells).toBe(offCells);
    for (const [t, minutes] of [5, 10, 15].entries()) {
      const limitM = minutes * 60 * 0.8;
      const covered: { seconds: number; elderly: number }[] = [];
      let population = 0;
      for (let c = 0; c < grid.count; c++) {
        if (model.cellCostM[c] <= limitM) {
          covered.push({ seconds: model.cellCostM[c] / 0.8, elderly: grid.elderly[c] });
          population += grid.population[c];
        }
      }
      const elderly = covered.reduce((s, x) => s + x.elderly, 0);
      const f = figures.thresholds[t];
      expect(f.limitMinutes).toBeCloseTo(minutes, 12);
      expect(f.cells).toBe(covered.length);
      expect(f.elderly).toBeCloseTo(elderly, 6);
      expect(f.population).toBeCloseTo(population, 6);
      expect(f.elderlyShare!).toBeCloseTo(elderly / figures.totals.elderly, 12);
      const mean = covered.reduce((s, x) => s + x.seconds * x.elderly, 0) / elderly / 60;
      expect(f.meanMinutes.elderly!).toBeCloseTo(mean, 9);
      // Weighted 90th percentile: smallest time with ≥ 90 % of the weight at or below it.
      covered.sort((a, b) => a.seconds - b.seconds);
      let cumulative = 0;
      let p90 = 0;
      for (const x of covered) {
        cumulative += x.elderly;
        if (cumulative >= 0.9 * elderly) {
          p90 = x.seconds;
          break;
        }
      }
      // Reported to the whole second above, never past the threshold.
      expect(f.p90Minutes.elderly! * 60).toBeGreaterThanOrEqual(p90 - 1e-9);
      expect(f.p90Minutes.elderly! * 60).toBeLessThanOrEqual(Math.min(Math.floor(p90) + 1, minutes * 60) + 1e-9);
    }
    const widest = figures.thresholds[2];
    expect(figures.unreachable.cells).toBe(grid.count - widest.cells);
    expect(figures.unreachable.elderly).toBeCloseTo(figures.totals.elderly - widest.elderly, 6);
    expect(figures.unreachable.cells).toBeGreaterThanOrEqual(figures.offNetwork.cells);
  });

  it('a slower walking speed covers a subset of the cells', () => {
    const facilities = randomFacilities(150, 8);
    const slow = fullModel(facilities, 0.8);
    const fast = fullModel(facilities, 1.2);
    for (let c = 0; c < cells.grid.count; c++) {
      // Same network costs (metres); only the limits differ: 720 m versus 1080 m for 15 minutes.
      if (slow.cellCostM[c] <= 720) expect(fast.cellCostM[c]).toBeCloseTo(slow.cellCostM[c], 9);
    }
    expect(slow.figures().thresholds[2].cells).toBeLessThan(fast.figures().thresholds[2].cells);
  });
});

describe('snapping', () => {
  it('snaps onto the nearest point of the nearest walkable edge, never onto bridges, within 300 m', () => {
    const { graph, index } = cells.network;
    const { projection, coordX, coordY } = graph;
    const random = seededRandom(4);
    const grid = cells.grid;
    for (let k = 0; k < 150; k++) {
      const c = Math.floor(random() * grid.count);
      const x = (grid.lon[c] - projection.lon0) * projection.mPerDegLon;
      const y = (grid.lat[c] - projection.lat0) * projection.mPerDegLat;
      let best = Infinity;
      for (let i = 0; i + 1 < coordX.length; i++) {
        if (index.segmentEdge[i] < 0) continue;
        const dx = coordX[i + 1] - coordX[i], dy = coordY[i + 1] - coordY[i];
        const t = Math.max(0, Math.min(1, ((x - coordX[i]) * dx + (y - coordY[i]) * dy) / (dx * dx + dy * dy || 1)));
        best = Math.min(best, Math.hypot(coordX[i] + t * dx - x, coordY[i] + t * dy - y));
      }
      const e = cells.snaps.edge[c];
      if (best > 302) expect(e).toBe(-1);
      if (best < 298) {
        expect(e).toBeGreaterThanOrEqual(0);
        expect(graph.edgeFlags[e] & EDGE_GRADE_SEPARATED).toBe(0);
        // Never onto an isolated fragment (components under 500 m are not snapping targets).
        expect(graph.componentLengthM[graph.nodeComponent[graph.edgeFrom[e]]]).toBeGreaterThanOrEqual(500);
        // Haversine off-network leg versus the planar search distance: within 0.5 %.
        expect(Math.abs(cells.snaps.offM[c] - best)).toBeLessThan(0.005 * best + 0.01);
        expect(cells.snaps.alongM[c]).toBeGreaterThanOrEqual(0);
        expect(cells.snaps.alongM[c]).toBeLessThanOrEqual(graph.edgeLengthM[e]);
      }
    }
  });

  it('a facility far from any street reaches nobody and is reported off the network', () => {
    const model = new NetworkServiceModel(cells, { thresholds });
    model.setFacilities([{ id: 'at-sea', lon: 11.87, lat: 57.65 }]);
    expect(model.facilitySnaps()).toEqual([expect.objectContaining({ id: 'at-sea', edge: -1 })]);
    expect(model.figures().facilities).toBe(1);
    expect(model.figures().thresholds[2].cells).toBe(0);
  });
});

describe('progress and cancellation', () => {
  it('reports progress up to 1 and throws CancelledError when aborted', () => {
    const fractions: number[] = [];
    prepareCells(cells.network, cells.grid, { onProgress: (f) => fractions.push(f) });
    expect(fractions.at(-1)).toBe(1);
    expect(fractions.every((f, i) => i === 0 || f >= fractions[i - 1])).toBe(true);
    expect(() => prepareCells(cells.network, cells.grid, { signal: { aborted: true } })).toThrow(CancelledError);
    const model = new NetworkServiceModel(cells, { thresholds });
    expect(() => model.setFacilities(randomFacilities(10, 1), { signal: { aborted: true } })).toThrow(/computing walking times cancelled/);
  });
});
