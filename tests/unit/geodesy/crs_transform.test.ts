import { describe, expect, it } from 'vitest';
import { createTransformFromWgs84, createTransformToWgs84, parseCrs } from '../../../shared/geodesy/crs';
import { getCrsDefinition } from '../../../shared/geodesy/crs_definitions';
import { isInputError } from '../../../shared/errors';
import { haversineM } from '../../../shared/geodesy/haversine';
import { mulberry32 } from '../../bench/bench_util';
import { GDALTRANSFORM, SKIP_REASON, gdalTransform } from './gdal_cli';

/** Error message of an InputError thrown by fn (fails the test when fn does not throw one). */
function inputErrorMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(isInputError(error)).toBe(true);
    return (error as Error).message;
  }
  throw new Error('expected an InputError');
}

/** Seeded WGS84 points around an EPSG system's central meridian (up to 1.5 half-zones out), lat 18–53. */
function pointsFor(code: number, count: number): Array<[number, number]> {
  const def = getCrsDefinition(code)!;
  const random = mulberry32(code);
  const out: Array<[number, number]> = [];
  for (let i = 0; i < count; i++) {
    if (def.family === 'web_mercator') {
      out.push([73 + random() * 62, 18 + random() * 35]);
      continue;
    }
    const halfWidthDeg = (def.zoneWidthDeg ?? 6) / 2;
    const lon = def.centralMeridianDeg! + (random() * 2 - 1) * 1.5 * halfWidthDeg;
    const lat = def.family === 'utm_south' ? -(1 + random() * 50) : 18 + random() * 35;
    out.push([lon, lat]);
  }
  return out;
}

describe('published sample: Wuhan 114.3°E, 30.6°N', () => {
  // Values from GDAL 3.6.2 / PROJ: echo "114.3 30.6" | gdaltransform -s_srs EPSG:4326 -t_srs EPSG:<code> -output_xy
  it.each([
    ['EPSG:4547', 528770.23725568, 3386666.25056236],
    ['EPSG:4526', 38528770.2372557, 3386666.25056236],
    ['EPSG:32650', 241125.514825284, 3388379.64189325],
    ['EPSG:3857', 12723817.7976712, 3580909.76046188],
  ])('%s', (id, easting, northing) => {
    const spec = parseCrs(id);
    const [x, y] = createTransformFromWgs84(spec)(114.3, 30.6);
    expect(Math.abs(x - easting)).toBeLessThan(1e-3);
    expect(Math.abs(y - northing)).toBeLessThan(1e-3);
    const [lon, lat] = createTransformToWgs84(spec)(easting, northing);
    expect(haversineM(lon, lat, 114.3, 30.6)).toBeLessThan(1e-3);
  });

  it('zone-prefix and CM forms differ only by zone·1e6 in x', () => {
    const withPrefix = createTransformFromWgs84(parseCrs('4526'))(114.3, 30.6);
    const cmForm = createTransformFromWgs84(parseCrs('4547'))(114.3, 30.6);
    expect(withPrefix[0] - cmForm[0]).toBeCloseTo(38_000_000, 6);
    expect(withPrefix[1]).toBe(cmForm[1]);
  });
});

// Both prefix forms of 3° and 6° zones at both ends of China, UTM north and south, Web Mercator.
const CROSS_CHECK_CODES = [4491, 4497, 4501, 4502, 4509, 4512, 4513, 4526, 4533, 4534, 4547, 4554, 32643, 32650, 32753, 3857];

// Skipped only where the GDAL command-line tools (Debian gdal-bin) is missing: the cross-check needs GDAL itself; .ci/run installs it.
describe.skipIf(!GDALTRANSFORM)(`proj4 against gdaltransform (PROJ) ${GDALTRANSFORM ? '' : SKIP_REASON}`, () => {
  it.each(CROSS_CHECK_CODES)('EPSG:%i forward within 1 mm, inverse within 1e-8°, 50 seeded points', (code) => {
    const spec = parseCrs(`EPSG:${code}`);
    const points = pointsFor(code, 50);
    const expected = gdalTransform('EPSG:4326', `EPSG:${code}`, points);
    const forward = createTransformFromWgs84(spec);
    const inverse = createTransformToWgs84(spec);
    let maxForwardM = 0;
    let maxInverseDeg = 0;
    points.forEach(([lon, lat], i) => {
      const [x, y] = forward(lon, lat);
      maxForwardM = Math.max(maxForwardM, Math.abs(x - expected[i][0]), Math.abs(y - expected[i][1]));
      const [backLon, backLat] = inverse(expected[i][0], expected[i][1]);
      maxInverseDeg = Math.max(maxInverseDeg, Math.abs(backLon - lon), Math.abs(backLat - lat));
    });
    expect(maxForwardM).toBeLessThan(1e-3);
    expect(maxInverseDeg).toBeLessThan(1e-8);
  });

  it('GDAL\'s inverse of our projected coordinates lands on the input (EPSG:4547 → 4326)', () => {
    const points = pointsFor(4547, 20);
    const forward = createTransformFromWgs84(parseCrs('EPSG:4547'));
    const projected = points.map(([lon, lat]) => forward(lon, lat));
    const back = gdalTransform('EPSG:4547', 'EPSG:4326', projected);
    back.forEach(([lon, lat], i) => expect(haversineM(lon, lat, points[i][0], points[i][1])).toBeLessThan(1e-3));
  });
});

describe('GCJ-02 and BD-09 specs', () => {
  it('transform through gcj02.ts', () => {
    // eviltransform reference pair (Shanghai), see gcj02.test.ts.
    const [lon, lat] = createTransformToWgs84(parseCrs('gcj02'))(121.531541859215, 31.17530398364597);
    expect(haversineM(lon, lat, 121.5272106, 31.1774276)).toBeLessThan(0.01);
    const bd = createTransformFromWgs84(parseCrs('BD-09'))(114.3, 30.6);
    const back = createTransformToWgs84(parseCrs('bd09'))(bd[0], bd[1]);
    expect(haversineM(back[0], back[1], 114.3, 30.6)).toBeLessThan(0.01);
  });

  it('WGS84 and CGCS2000 lon/lat are identity', () => {
    expect(createTransformToWgs84(parseCrs('cgcs2000'))(114.3, 30.6)).toEqual([114.3, 30.6]);
    expect(createTransformFromWgs84(parseCrs('wgs84'))(114.3, 30.6)).toEqual([114.3, 30.6]);
  });
});

describe('bad coordinates are InputErrors that say what is wrong', () => {
  it('Gauss-Kruger file with northing first (x ≈ 3.4e6) is reported as swapped', () => {
    const message = inputErrorMessage(() => createTransformToWgs84(parseCrs('EPSG:4547'))(3386666.25, 528770.24));
    expect(message).toContain('look swapped');
    expect(message).toContain('northing first');
  });

  it('zone prefix form with northing first is reported as swapped', () => {
    const message = inputErrorMessage(() => createTransformToWgs84(parseCrs('EPSG:4526'))(3386666.25, 38528770.24));
    expect(message).toContain('look swapped');
  });

  it('CM-form values given to a zone-prefix system point to the CM-form code', () => {
    const message = inputErrorMessage(() => createTransformToWgs84(parseCrs('EPSG:4526'))(528770.24, 3386666.25));
    expect(message).toContain('no zone prefix');
    expect(message).toContain('EPSG:4547');
  });

  it('zone-prefixed values given to a CM-form system name the prefixed code', () => {
    const message = inputErrorMessage(() => createTransformToWgs84(parseCrs('EPSG:4547'))(38528770.24, 3386666.25));
    expect(message).toContain('zone prefix 38');
    expect(message).toContain('EPSG:4526');
  });

  it('latitude-first degrees are reported as swapped', () => {
    const message = inputErrorMessage(() => createTransformToWgs84(parseCrs('wgs84'))(30.6, 114.3));
    expect(message).toContain('look swapped');
    expect(message).toContain('latitude first');
  });

  it('metres given as degrees, non-finite values, out-of-range WGS84 input', () => {
    expect(inputErrorMessage(() => createTransformToWgs84(parseCrs('gcj02'))(528770, 3386666))).toContain(
      'projected coordinates',
    );
    expect(inputErrorMessage(() => createTransformToWgs84(parseCrs('4547'))(Number.NaN, 3386666))).toContain(
      'finite',
    );
    expect(inputErrorMessage(() => createTransformFromWgs84(parseCrs('4547'))(200, 30))).toContain('longitude');
    expect(inputErrorMessage(() => createTransformToWgs84(parseCrs('3857'))(3e7, 0))).toContain('Web Mercator');
  });
});
