/**
 * Network travel times checked against an independent shortest-path computation on the real
 * Gothenburg network (reference_network.ts: string-keyed object graph, Turf distances, array-scan
 * Dijkstra, points inserted into their segments).
 */
import * as turf from '@turf/turf';
import { beforeAll, describe, expect, it } from 'vitest';
import { demandGridFromRecords } from '../../../shared/engine/demand_grid';
import { buildWalkGraph } from '../../../shared/engine/network/build_walk_graph';
import { networkFacilityReach } from '../../../shared/engine/network/facility_reach';
import { NetworkServiceModel } from '../../../shared/engine/network/network_service_model';
import { prepareCells, prepareGraph, type PreparedNetwork } from '../../../shared/engine/network/prepare_network';
import { gothenburgCollection, gothenburgRoads, seededRandom } from './gothenburg_fixture';
import { key, ReferenceNetwork, type ReferenceSegment } from './reference_network';

const STEPS_FACTOR = 2;
let network: PreparedNetwork;

beforeAll(() => {
  const graph = buildWalkGraph(gothenburgRoads());
  // Points in these tests lie exactly on the streets, bridges included; snap onto any edge.
  network = prepareGraph(graph, { snapToGradeSeparated: true, minComponentLengthM: 0 });
});

/** A fresh reference per test: tests insert their own points into it. */
function freshReference(): { reference: ReferenceNetwork; segments: ReferenceSegment[] } {
  const reference = new ReferenceNetwork(gothenburgCollection().features, STEPS_FACTOR);
  return { reference, segments: reference.uniqueSegments() };
}

const pointAt = (s: ReferenceSegment, t: number) => ({ lon: s.a[0] + t * (s.b[0] - s.a[0]), lat: s.a[1] + t * (s.b[1] - s.a[1]) });

describe('travel times against an independent Dijkstra on the real Gothenburg network', () => {
  it('agrees for 200 seeded random source–target pairs (source mid-street, target any reached vertex)', () => {
    const { reference, segments } = freshReference();
    const random = seededRandom(20261122);
    const cutoffM = 1200;
    const used = new Set<ReferenceSegment>();
    const sources: { id: string; lon: number; lat: number }[] = [];
    const inserted: { name: string; segment: ReferenceSegment; t: number }[] = [];
    while (sources.length < 200) {
      const s = segments[Math.floor(random() * segments.length)];
      if (used.has(s)) continue;
      used.add(s);
      const t = 0.2 + 0.6 * random();
      inserted.push({ name: `source${sources.length}`, segment: s, t });
      sources.push({ id: `source${sources.length}`, ...pointAt(s, t) });
    }
    reference.insertPoints(inserted);

    const targets: { lon: number; lat: number; expected: number }[] = [];
    for (let i = 0; i < sources.length; i++) {
      const costs = reference.shortestCosts(new Map([[`source${i}`, 0]]), cutoffM);
      const reached = [...costs.keys()].filter((name) => !name.startsWith('source'));
      const name = reached[Math.floor(random() * reached.length)];
      const [lon, lat] = reference.position.get(name)!;
      targets.push({ lon, lat, expected: costs.get(name)! });
    }
    const grid = demandGridFromRecords(targets.map((t) => ({ lon: t.lon, lat: t.lat, population: 1, elderly: 1 })));
    const cells = prepareCells(network, grid, { maxSnapM: 300 });
    const reach = networkFacilityReach(cells, sources, cutoffM);
    let compared = 0;
    let longest = 0;
    for (let i = 0; i < sources.length; i++) {
      expect(cells.snaps.offM[i]).toBeLessThan(1e-6);
      let found = Infinity;
      for (let k = reach.start[i]; k < reach.start[i + 1]; k++) if (reach.cells[k] === i) found = reach.costM[k];
      expect(found, `pair ${i}`).toBeCloseTo(targets[i].expected, 6);
      compared++;
      longest = Math.max(longest, found);
    }
    expect(compared).toBe(200);
    expect(longest).toBeGreaterThan(900); // the pairs span real walking distances, not neighbours
  });

  it('agrees for a multi-source pass: 60 facilities, 400 cells on vertices, mid-street and on facility edges', () => {
    const { reference, segments } = freshReference();
    const random = seededRandom(7);
    const cutoffM = 900;
    const used = new Set<ReferenceSegment>();
    const pick = (): ReferenceSegment => {
      for (;;) {
        const s = segments[Math.floor(random() * segments.length)];
        if (!used.has(s)) {
          used.add(s);
          return s;
        }
      }
    };
    const facilities: { id: string; lon: number; lat: number }[] = [];
    const inserted: { name: string; segment: ReferenceSegment; t: number }[] = [];
    const cellPoints: { name: string; lon: number; lat: number }[] = [];
    for (let f = 0; f < 60; f++) {
      const s = pick();
      const t = 0.3 + 0.4 * random();
      inserted.push({ name: `facility${f}`, segment: s, t });
      facilities.push({ id: `facility${f}`, ...pointAt(s, t) });
      if (f < 20) {
        // A cell on the same segment: its best path may be the direct walk along the street.
        const tc = random() < 0.5 ? t / 3 : t + (1 - t) * 0.7;
        inserted.push({ name: `cell${cellPoints.length}`, segment: s, t: tc });
        cellPoints.push({ name: `cell${cellPoints.length}`, ...pointAt(s, tc) });
      }
    }
    while (cellPoints.length < 220) {
      const s = pick();
      const t = 0.1 + 0.8 * random();
      inserted.push({ name: `cell${cellPoints.length}`, segment: s, t });
      cellPoints.push({ name: `cell${cellPoints.length}`, ...pointAt(s, t) });
    }
    const vertices = [...reference.position.keys()].filter((name) => !name.startsWith('source'));
    while (cellPoints.length < 400) {
      const name = vertices[Math.floor(random() * vertices.length)];
      const [lon, lat] = reference.position.get(name)!;
      cellPoints.push({ name: key([lon, lat]), lon, lat });
    }
    reference.insertPoints(inserted);
    const expected = reference.shortestCosts(new Map(facilities.map((f) => [f.id, 0])), cutoffM);

    const grid = demandGridFromRecords(cellPoints.map((c) => ({ lon: c.lon, lat: c.lat, population: 1, elderly: 1 })));
    const model = new NetworkServiceModel(prepareCells(network, grid, { maxSnapM: 300 }), {
      thresholds: [{ label: '900 m', distanceM: cutoffM }],
    });
    model.setFacilities(facilities);
    let reached = 0;
    for (let c = 0; c < cellPoints.length; c++) {
      const want = expected.get(cellPoints[c].name) ?? Infinity;
      const got = model.cellCostM[c];
      if (want === Infinity) expect(got, `cell ${c}`).toBe(Infinity);
      else {
        expect(got, `cell ${c}`).toBeCloseTo(want, 6);
        reached++;
      }
    }
    expect(reached).toBeGreaterThan(100);
    // The first 20 cells share a street segment with facility c; for most of them the best route is the
    // direct walk along that segment, which the engine must find without passing a junction.
    let direct = 0;
    for (let c = 0; c < 20; c++) {
      const segment = inserted.find((p) => p.name === `facility${c}`)!.segment;
      const along = turf.distance([facilities[c].lon, facilities[c].lat], [cellPoints[c].lon, cellPoints[c].lat], { units: 'meters' });
      if (Math.abs(model.cellCostM[c] - along * segment.factor) < 1e-6) direct++;
    }
    expect(direct).toBeGreaterThanOrEqual(15);
    // Same-edge cells are reached from their own facility.
    for (let c = 0; c < 20; c++) expect(model.facilityIdOfSlot(model.cellSource[c])).toBe(`facility${c}`);
  });
});
