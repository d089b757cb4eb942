/**
 * Straight-line costs: the k-d tree + threshold test of coverageFromPoints equals the plain
 * haversineM(...) ≤ radiusM test pair by pair (including points placed on the circle), and
 * costMatrixFromPoints holds the haversine distances.
 */
import { describe, expect, it } from 'vitest';
import { haversineM } from '../../../shared/geodesy/haversine';
import { costMatrixFromPoints, coverageFromPoints } from '../../../shared/optimize/point_costs';
import { pairCost } from '../../../shared/optimize/cost_matrix';
import { mulberry32 } from '../../../shared/optimize/random';

function randomPoints(n: number, seed: number) {
  const random = mulberry32(seed);
  const lon = new Float64Array(n);
  const lat = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    lon[i] = 114.25 + random() * 0.1;
    lat[i] = 30.55 + random() * 0.1;
  }
  return { lon, lat };
}

describe('coverageFromPoints', () => {
  it('equals the pairwise haversine test', () => {
    const demand = randomPoints(3000, 1);
    const candidates = randomPoints(40, 2);
    // Put demand points exactly on a circle around candidate 0 (distance within a rounding of r).
    const r = 800;
    for (let t = 0; t < 50; t++) {
      const bearing = (2 * Math.PI * t) / 50;
      const dLat = (r / 6371008.8) * Math.cos(bearing) * (180 / Math.PI);
      const dLon = ((r / 6371008.8) * Math.sin(bearing) * (180 / Math.PI)) / Math.cos((candidates.lat[0] * Math.PI) / 180);
      demand.lon[t] = candidates.lon[0] + dLon;
      demand.lat[t] = candidates.lat[0] + dLat;
    }
    const coverage = coverageFromPoints(demand, candidates, r);
    let pairs = 0;
    for (let j = 0; j < 40; j++) {
      const got = new Set(coverage.demand.subarray(coverage.start[j], coverage.start[j + 1]));
      for (let i = 0; i < 3000; i++) {
        const inside = haversineM(candidates.lon[j], candidates.lat[j], demand.lon[i], demand.lat[i]) <= r;
        expect(got.has(i)).toBe(inside);
        if (inside) pairs++;
      }
    }
    expect(coverage.demand.length).toBe(pairs);
    expect(pairs).toBeGreaterThan(1000);
  });

  it('equals the haversine test at small radii for points within a hair of the circle', () => {
    // The chord between unit vectors loses relative precision as the distance shrinks (about 1e-6 m
    // ÷ distance): points within 1e-7 of the radius, on 36 bearings, at radii from 0.5 m to 150 m.
    const candidates = { lon: new Float64Array([114.3]), lat: new Float64Array([30.6]) };
    for (const r of [0.1, 0.5, 2, 15, 55, 150]) {
      const n = 36 * 201;
      const demand = { lon: new Float64Array(n), lat: new Float64Array(n) };
      for (let b = 0; b < 36; b++) {
        const bearing = (2 * Math.PI * b) / 36 + 0.1;
        for (let k = -100; k <= 100; k++) {
          const d = r * (1 + k * (r < 1 ? 3e-8 : 1e-9));
          const i = b * 201 + k + 100;
          demand.lat[i] = 30.6 + (d / 6371008.8) * Math.cos(bearing) * (180 / Math.PI);
          demand.lon[i] = 114.3 + ((d / 6371008.8) * Math.sin(bearing) * (180 / Math.PI)) / Math.cos((30.6 * Math.PI) / 180);
        }
      }
      const got = new Set(coverageFromPoints(demand, candidates, r).demand);
      let inside = 0;
      for (let i = 0; i < n; i++) {
        const expected = haversineM(114.3, 30.6, demand.lon[i], demand.lat[i]) <= r;
        if (got.has(i) !== expected) expect.fail(`r = ${r} m, point ${i}: coverage says ${got.has(i)}, haversine ${expected}`);
        if (expected) inside++;
      }
      // Both sides of the circle are present.
      expect(inside).toBeGreaterThan(n / 4);
      expect(inside).toBeLessThan((3 * n) / 4);
    }
  });

  it('rejects bad radius and coordinates', () => {
    const p = randomPoints(2, 3);
    expect(() => coverageFromPoints(p, p, -5)).toThrow(/radiusM must be > 0, got -5/);
    expect(() => coverageFromPoints({ lon: new Float64Array([200]), lat: new Float64Array([0]) }, p, 5)).toThrow(/demand point 0/);
  });
});

describe('costMatrixFromPoints', () => {
  it('holds haversine distances, all pairs or only those within a cutoff', () => {
    const demand = randomPoints(200, 4);
    const candidates = randomPoints(12, 5);
    const all = costMatrixFromPoints(demand, candidates);
    expect(all.rowCost.length).toBe(200 * 12);
    const cut = costMatrixFromPoints(demand, candidates, 3000);
    for (let i = 0; i < 200; i += 7) {
      for (let j = 0; j < 12; j++) {
        const d = haversineM(candidates.lon[j], candidates.lat[j], demand.lon[i], demand.lat[i]);
        expect(pairCost(all, i, j)).toBe(d);
        expect(pairCost(cut, i, j)).toBe(d <= 3000 ? d : Infinity);
      }
    }
  });
});
