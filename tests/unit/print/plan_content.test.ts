/**
 * The geometry of the plan's drawing: geodesic service circles on the sphere of the coverage
 * computation (haversine), and the gap hatch clipped even–odd to polygons with holes.
 */
import { describe, expect, it } from 'vitest';
import { haversineM } from '../../../shared/geodesy/haversine';
import { geodesicCircle, hatchSegments } from '../../../shared/print/plan_content';

const length = (segments: number[][]) => segments.reduce((sum, [x0, y0, x1, y1]) => sum + Math.hypot(x1 - x0, y1 - y0), 0);

describe('geodesicCircle', () => {
  it('puts every vertex at the radius by the haversine distance circle coverage uses', () => {
    for (const [lon, lat, radius] of [[114.3, 30.6, 1000], [11.97, 57.7, 300], [114.3, 30.6, 15_000]]) {
      const ring = geodesicCircle(lon, lat, radius);
      expect(ring).toHaveLength(128);
      for (const [x, y] of ring) expect(haversineM(lon, lat, x, y)).toBeCloseTo(radius, 6);
      expect(ring[0][0]).toBeCloseTo(lon, 12); // due north first
      expect(ring[0][1]).toBeGreaterThan(lat);
    }
  });
});

describe('hatchSegments', () => {
  const square = (x: number, y: number, size: number) => [x, y, x + size, y, x + size, y + size, x, y + size];

  it('fills a square with diagonal lines whose length is its area over their spacing', () => {
    // lines x + y = 1 … 19 through a 10 mm square: chords √2·(1 + … + 10 + 9 + … + 1) = 100·√2
    const segments = hatchSegments([square(0, 0, 10)], 1);
    expect(segments).toHaveLength(19);
    expect(length(segments)).toBeCloseTo(100 * Math.SQRT2, 9);
    for (const [x0, y0, x1, y1] of segments) expect(x0 + y0).toBeCloseTo(x1 + y1, 9);
  });

  it('leaves a hole clear (even–odd)', () => {
    // the 4 mm hole at (3, 3) takes the chords of x + y = 7 … 13: √2·(1 + 2 + 3 + 4 + 3 + 2 + 1)
    const segments = hatchSegments([square(0, 0, 10), square(3, 3, 4)], 1);
    expect(length(segments)).toBeCloseTo(84 * Math.SQRT2, 9);
    for (const [x0, y0, x1, y1] of segments) {
      const mx = (x0 + x1) / 2, my = (y0 + y1) / 2;
      expect(mx > 3 && mx < 7 && my > 3 && my < 7).toBe(false);
    }
  });
});
