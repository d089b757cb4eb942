import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isInputError } from '../../../shared/errors';
import {
  createTransformFromWgs84,
  createTransformToWgs84,
  guessCrsFromCoordinates,
  parseCrs,
  type CrsCandidate,
} from '../../../shared/geodesy/crs';
import { haversineM } from '../../../shared/geodesy/haversine';
import { mulberry32 } from '../../bench/bench_util';
import { testData } from '../../helpers/test_data';


/** 200 cells of the real Wuhan 100 m grid, picked with a seeded PRNG, as WGS84 [lon, lat]. */
function wuhanSample(): Array<[number, number]> {
  const lines = fs.readFileSync(testData('wuhan/wuhan_core_grid_100m.csv'), 'utf8').trim().split('\n');
  const header = lines[0].split(',');
  const lonIndex = header.indexOf('lon');
  const latIndex = header.indexOf('lat');
  const random = mulberry32(7);
  const out: Array<[number, number]> = [];
  for (let i = 0; i < 200; i++) {
    const cells = lines[1 + Math.floor(random() * (lines.length - 1))].split(',');
    out.push([Number(cells[lonIndex]), Number(cells[latIndex])]);
  }
  return out;
}

function project(points: Array<[number, number]>, crs: string): Array<[number, number]> {
  const forward = createTransformFromWgs84(parseCrs(crs));
  return points.map(([lon, lat]) => forward(lon, lat));
}

function summary(candidates: CrsCandidate[]): Array<[string | null, boolean, string]> {
  return candidates.map((c) => [c.spec?.id ?? null, c.swapAxes, c.confidence]);
}

describe('guessCrsFromCoordinates on the real Wuhan grid', () => {
  const wgs84 = wuhanSample();

  // issue 15: the numbers cannot rule the offsets out, so they are "possible" (medium), no longer "unlikely"
  it('lon/lat degrees: WGS84 first, then CGCS2000, GCJ-02 and BD-09 as possible options', () => {
    expect(summary(guessCrsFromCoordinates(wgs84))).toEqual([
      ['EPSG:4326', false, 'high'],
      ['EPSG:4490', false, 'medium'],
      ['GCJ02', false, 'medium'],
      ['BD09', false, 'medium'],
    ]);
  });

  it('lat/lon degrees: WGS84 with swapped axes', () => {
    const swapped = wgs84.map(([lon, lat]) => [lat, lon] as [number, number]);
    expect(summary(guessCrsFromCoordinates(swapped))).toEqual([['EPSG:4326', true, 'high']]);
  });

  it('3° Gauss-Kruger with zone prefix 38: EPSG:4526, and the guess converts back onto the cells', () => {
    const projected = project(wgs84, 'EPSG:4526');
    const [best] = guessCrsFromCoordinates(projected);
    expect(summary([best])).toEqual([['EPSG:4526', false, 'high']]);
    const toWgs84 = createTransformToWgs84(best.spec!);
    projected.forEach(([x, y], i) => {
      const [lon, lat] = toWgs84(x, y);
      expect(haversineM(lon, lat, wgs84[i][0], wgs84[i][1])).toBeLessThan(1e-3);
    });
  });

  it('Gauss-Kruger with zone prefix, northing first: EPSG:4526 with swapped axes', () => {
    const swapped = project(wgs84, 'EPSG:4526').map(([x, y]) => [y, x] as [number, number]);
    expect(summary(guessCrsFromCoordinates(swapped))).toEqual([['EPSG:4526', true, 'high']]);
  });

  it('6° Gauss-Kruger zone 20 prefix: EPSG:4498', () => {
    expect(summary(guessCrsFromCoordinates(project(wgs84, 'EPSG:4498')))[0]).toEqual(['EPSG:4498', false, 'high']);
  });

  it('metres without prefix (EPSG:4547): no spec, the user must choose; 4547 is offered', () => {
    const candidates = guessCrsFromCoordinates(project(wgs84, 'EPSG:4547'));
    expect(summary(candidates)).toEqual([[null, false, 'medium']]);
    expect(candidates[0].suggestedCodes).toContain(4547);
    expect(candidates[0].suggestedCodes).toContain(32650);
    expect(candidates[0].reason).toContain('central meridian cannot be read');
  });

  it('metres without prefix, northing first: no spec, swapped', () => {
    const swapped = project(wgs84, 'EPSG:4547').map(([x, y]) => [y, x] as [number, number]);
    expect(summary(guessCrsFromCoordinates(swapped))).toEqual([[null, true, 'medium']]);
  });

  it('Web Mercator metres land in China: EPSG:3857', () => {
    expect(summary(guessCrsFromCoordinates(project(wgs84, 'EPSG:3857')))).toEqual([['EPSG:3857', false, 'medium']]);
  });
});

describe('guessCrsFromCoordinates edge cases', () => {
  it('Shenzhen district polygons (degrees, real data) → WGS84 first, GCJ-02 offered', () => {
    const collection = JSON.parse(
      fs.readFileSync(testData('shenzhen/shenzhen_districts_transbigdata.geojson'), 'utf8'),
    ) as { features: Array<{ geometry: { type: string; coordinates: unknown } }> };
    const vertices: Array<[number, number]> = [];
    for (const feature of collection.features) {
      const rings = (feature.geometry.type === 'Polygon'
        ? [feature.geometry.coordinates]
        : feature.geometry.coordinates) as number[][][][];
      for (const polygon of rings) for (const ring of polygon) for (const [x, y] of ring) vertices.push([x, y]);
    }
    const ids = guessCrsFromCoordinates(vertices).map((c) => c.spec?.id);
    expect(ids[0]).toBe('EPSG:4326');
    expect(ids).toContain('GCJ02');
  });

  it('degrees outside China: WGS84 only', () => {
    expect(summary(guessCrsFromCoordinates([[2.35, 48.85], [2.36, 48.86]]))).toEqual([['EPSG:4326', false, 'high']]);
  });

  it('mixed zone prefixes give no Gauss-Kruger candidate; nonsense gives none at all', () => {
    const mixed = guessCrsFromCoordinates([[38528770, 3386666], [39528770, 3386666]]);
    expect(mixed.every((c) => c.spec?.id !== 'EPSG:4526' && c.spec?.id !== 'EPSG:4527')).toBe(true);
    expect(guessCrsFromCoordinates([[-5e7, 9e7]])).toEqual([]);
  });

  it('non-finite pairs are ignored; none left is an InputError', () => {
    expect(guessCrsFromCoordinates([[Number.NaN, 1], [114.3, 30.6]])[0].spec?.id).toBe('EPSG:4326');
    try {
      guessCrsFromCoordinates([[Number.NaN, Number.POSITIVE_INFINITY]]);
      expect.unreachable('expected an InputError');
    } catch (error) {
      expect(isInputError(error)).toBe(true);
    }
  });
});
