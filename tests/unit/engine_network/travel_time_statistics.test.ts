/**
 * Walking-time statistics over everyone (searched past the largest threshold up to the horizon) and the
 * split of the unreachable into off-network / no path / beyond the limit, on the real Gothenburg
 * network. Expected values are computed plainly from cell costs of a second model whose threshold is
 * the horizon itself, and from a model with an unbounded distance threshold (reachability).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { demandGridFromRecords } from '../../../shared/engine/demand_grid';
import { NetworkServiceModel } from '../../../shared/engine/network/network_service_model';
import { prepareCells, prepareNetwork, type PreparedCells, type PreparedNetwork } from '../../../shared/engine/network/prepare_network';
import { gothenburgGrid, gothenburgRoads, randomFacilities, seededRandom } from './gothenburg_fixture';

let network: PreparedNetwork;
let allCells: PreparedCells;
/** Only the cells on the network, in the middle of the extent: people who can walk somewhere. */
let onNetwork: PreparedCells;

beforeAll(() => {
  network = prepareNetwork(gothenburgRoads());
  const { grid } = gothenburgGrid(100);
  allCells = prepareCells(network, grid, { maxSnapM: 300 });
  const records = [];
  for (let c = 0; c < grid.count; c++) {
    if (allCells.snaps.edge[c] < 0 || grid.lon[c] < 11.93 || grid.lon[c] > 12.03 || grid.lat[c] < 57.68 || grid.lat[c] > 57.73) continue;
    records.push({ lon: grid.lon[c], lat: grid.lat[c], population: grid.population[c], elderly: grid.elderly[c] });
  }
  onNetwork = prepareCells(network, demandGridFromRecords(records), { maxSnapM: 300 });
});

const fifteen = [{ label: '15 min', minutes: 15 }];

/** Weighted p90 in seconds over all cells (unreached = Infinity), and the plain mean of the reached. */
function plainStatistics(cells: PreparedCells, costM: Float64Array, speedMps: number) {
  const grid = cells.grid;
  const people: { seconds: number; elderly: number }[] = [];
  let total = 0, reached = 0, reachedSeconds = 0;
  for (let c = 0; c < grid.count; c++) {
    const seconds = costM[c] / speedMps;
    people.push({ seconds, elderly: grid.elderly[c] });
    total += grid.elderly[c];
    if (Number.isFinite(seconds)) {
      reached += grid.elderly[c];
      reachedSeconds += seconds * grid.elderly[c];
    }
  }
  people.sort((a, b) => a.seconds - b.seconds);
  let cumulative = 0;
  let p90 = Infinity;
  for (const p of people) {
    cumulative += p.elderly;
    if (cumulative >= 0.9 * total) {
      p90 = p.seconds;
      break;
    }
  }
  return { p90, share: reached / total, meanMinutes: reachedSeconds / reached / 60 };
}

describe('walking-time statistics over everyone', () => {
  it('report a 90th percentile beyond the 15-minute threshold, as computed from all cells up to the 30-minute horizon', () => {
    const facilities = randomFacilities(400, 21).filter((f) => f.lon > 11.94 && f.lon < 12.02 && f.lat > 57.685 && f.lat < 57.725).slice(0, 40);
    const model = new NetworkServiceModel(onNetwork, { thresholds: fifteen, speedMps: 1 });
    model.setFacilities(facilities);
    const figures = model.figures();
    expect(figures.horizonM).toBe(1800);
    expect(figures.travelTime.horizonMinutes).toBe(30);
    // The costs up to 30 minutes, from a model whose threshold is 30 minutes.
    const wide = new NetworkServiceModel(onNetwork, { thresholds: [{ label: '30 min', minutes: 30 }], statisticsHorizonFactor: 1 });
    wide.setFacilities(facilities);
    const plain = plainStatistics(onNetwork, wide.cellCostM, 1);
    const elderly = figures.travelTime.elderly;
    // Fewer than 90 % are within 15 minutes, yet the percentile is a number: the search went on.
    expect(figures.thresholds[0].elderlyShare!).toBeLessThan(0.9);
    expect(plain.p90).toBeGreaterThan(15 * 60);
    expect(plain.p90).toBeLessThan(30 * 60);
    expect(elderly.p90Minutes! * 60).toBeGreaterThanOrEqual(plain.p90 - 1e-9);
    expect(elderly.p90Minutes! * 60).toBeLessThanOrEqual(Math.floor(plain.p90) + 1 + 1e-9);
    expect(elderly.p90ExceedsMinutes).toBeNull();
    expect(elderly.withinHorizonShare!).toBeCloseTo(plain.share, 12);
    expect(elderly.meanMinutesWithinHorizon!).toBeCloseTo(plain.meanMinutes, 9);
    // The per-threshold figures stay conditional on being covered, and say so by staying ≤ 15 min.
    expect(figures.thresholds[0].p90Minutes.elderly!).toBeLessThanOrEqual(15);
    // Coverage is unchanged by the longer search: cellCostM still ends at the threshold.
    for (let c = 0; c < onNetwork.grid.count; c++) {
      if (wide.cellCostM[c] <= 900) expect(model.cellCostM[c]).toBeCloseTo(wide.cellCostM[c], 9);
      else expect(model.cellCostM[c]).toBe(Infinity);
    }
  });

  it('say "more than the horizon" when fewer than 90 % are reached within it', () => {
    const facilities = randomFacilities(400, 21).filter((f) => f.lon > 11.94 && f.lon < 12.02 && f.lat > 57.685 && f.lat < 57.725).slice(0, 40);
    // Horizon = the threshold: with < 90 % covered the percentile lies beyond 15 minutes.
    const tight = new NetworkServiceModel(onNetwork, { thresholds: fifteen, statisticsHorizonFactor: 1 });
    tight.setFacilities(facilities);
    const figures = tight.figures();
    expect(figures.travelTime.elderly).toMatchObject({ p90Minutes: null, p90ExceedsMinutes: 15 });
    expect(figures.travelTime.elderly.withinHorizonShare!).toBeCloseTo(figures.thresholds[0].elderlyShare!, 12);
    // The whole extent, where a third of the cells lie off the network (water): beyond any horizon.
    const city = new NetworkServiceModel(allCells, { thresholds: fifteen });
    city.setFacilities(randomFacilities(400, 5));
    const plain = plainStatistics(allCells, city.cellHorizonCostM, 1);
    expect(plain.p90).toBe(Infinity);
    expect(city.figures().travelTime.elderly).toMatchObject({ p90Minutes: null, p90ExceedsMinutes: 30 });
    expect(city.figures().travelTime.elderly.withinHorizonShare!).toBeCloseTo(plain.share, 12);
    expect(() => new NetworkServiceModel(allCells, { thresholds: fifteen, statisticsHorizonFactor: 0.5 })).toThrow(
      'statisticsHorizonFactor must be a finite number ≥ 1, got 0.5',
    );
  });

  it('stay equal to a full pass while facilities are added, moved and removed', () => {
    const random = seededRandom(5);
    const current = new Map(randomFacilities(30, 8).map((f) => [f.id, f]));
    const model = new NetworkServiceModel(onNetwork, { thresholds: [{ label: '10 min', minutes: 10 }], speedMps: 0.8 });
    model.setFacilities([...current.values()]);
    for (let step = 0; step < 24; step++) {
      const ids = [...current.keys()];
      if (step % 3 === 0) {
        const f = { id: `n${step}`, lon: 11.94 + random() * 0.08, lat: 57.685 + random() * 0.04, capacity: 1 };
        current.set(f.id, f);
        model.addFacility(f);
      } else if (step % 3 === 1) {
        const id = ids[Math.floor(random() * ids.length)];
        current.delete(id);
        model.removeFacility(id);
      } else {
        const id = ids[Math.floor(random() * ids.length)];
        const f = { ...current.get(id)!, lon: current.get(id)!.lon + (random() - 0.5) * 0.01 };
        current.set(id, f);
        model.moveFacility(id, f.lon, f.lat);
      }
      const full = new NetworkServiceModel(onNetwork, { thresholds: [{ label: '10 min', minutes: 10 }], speedMps: 0.8 });
      full.setFacilities([...current.values()]);
      const a = model.figures().travelTime, b = full.figures().travelTime;
      expect(a.elderly.p90Minutes).toEqual(b.elderly.p90Minutes);
      expect(a.elderly.p90ExceedsMinutes).toEqual(b.elderly.p90ExceedsMinutes);
      expect(a.population.withinHorizonShare!).toBeCloseTo(b.population.withinHorizonShare!, 9);
      expect(a.elderly.meanMinutesWithinHorizon!).toBeCloseTo(b.elderly.meanMinutesWithinHorizon!, 9);
      expect(model.figures().unreachable).toEqual(full.figures().unreachable);
    }
  });
});

describe('the unreachable, split by why', () => {
  it('off the network, no path (another connected part), and slower than the threshold add up to the uncovered', () => {
    const facilities = randomFacilities(60, 3);
    const model = new NetworkServiceModel(allCells, { thresholds: fifteen });
    model.setFacilities(facilities);
    // Reachability at any length: a distance threshold longer than the whole network.
    const unbounded = new NetworkServiceModel(allCells, { thresholds: [{ label: 'any', distanceM: 200_000 }], statisticsHorizonFactor: 1 });
    unbounded.setFacilities(facilities);
    const grid = allCells.grid;
    const expected = { offNetwork: { cells: 0, elderly: 0 }, noPath: { cells: 0, elderly: 0 }, beyondLimit: { cells: 0, elderly: 0 } };
    for (let c = 0; c < grid.count; c++) {
      const bucket =
        allCells.snaps.edge[c] < 0 ? expected.offNetwork : unbounded.cellCostM[c] === Infinity ? expected.noPath : model.cellCostM[c] === Infinity ? expected.beyondLimit : null;
      if (!bucket) continue;
      bucket.cells++;
      bucket.elderly += grid.elderly[c];
    }
    const u = model.figures().unreachable;
    for (const part of ['offNetwork', 'noPath', 'beyondLimit'] as const) {
      expect(u[part].cells, part).toBe(expected[part].cells);
      expect(u[part].elderly, part).toBeCloseTo(expected[part].elderly, 6);
      expect(expected[part].cells, part).toBeGreaterThan(0);
    }
    expect(u.cells).toBe(u.offNetwork.cells + u.noPath.cells + u.beyondLimit.cells);
    expect(u.elderly).toBeCloseTo(u.offNetwork.elderly + u.noPath.elderly + u.beyondLimit.elderly, 6);
    expect(u.cells).toBe(grid.count - model.figures().thresholds[0].cells);
    // Without facilities every snapped cell has no path.
    for (const f of facilities) model.removeFacility(f.id);
    const empty = model.figures().unreachable;
    expect(empty.noPath.cells).toBe(grid.count - expected.offNetwork.cells);
    expect(empty.beyondLimit.cells).toBe(0);
  });

  it('lists the facilities that lie off the network', () => {
    const model = new NetworkServiceModel(allCells, { thresholds: fifteen });
    const facilities = randomFacilities(20, 3);
    model.setFacilities(facilities);
    const expected = model.facilitySnaps().filter((s) => s.edge < 0).map((s) => s.id);
    expect(model.facilitiesOffNetwork()).toEqual(expected);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(facilities.length);
    // f0 lies in the sea west of the city: farther than 300 m from every walkable way.
    expect(expected).toContain('f0');
  });
});
