import fs from 'node:fs';
import type { FeatureCollection, Geometry, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { wgs84ToGcj02 } from '../../../shared/geodesy/gcj02';
import { haversineM } from '../../../shared/geodesy/haversine';
import {
  mapPositions,
  shiftCorners,
  shiftForDisplay,
  toDisplayPosition,
  toWgs84Position,
  unshiftFromDisplay,
} from '../../../renderer/map/coordinate_shift';
import type { Corners } from '../../../renderer/map/population_raster';
import { testData } from '../../helpers/test_data';


function readBoundary(): FeatureCollection {
  return JSON.parse(fs.readFileSync(testData('wuhan/wuhan_boundary_osm.geojson'), 'utf8')) as FeatureCollection;
}

/** Cell centres (lon, lat) of the real WorldPop Wuhan core grid. */
function readGridCentres(): Array<[number, number]> {
  const [header, ...lines] = fs.readFileSync(testData('wuhan/wuhan_core_grid_100m.csv'), 'utf8').trim().split(/\r?\n/);
  const columns = header.split(',');
  const lon = columns.indexOf('lon');
  const lat = columns.indexOf('lat');
  return lines.map((line) => {
    const cells = line.split(',');
    return [Number(cells[lon]), Number(cells[lat])];
  });
}

function positionsOf(geometry: Geometry): Position[] {
  switch (geometry.type) {
    case 'Point':
      return [geometry.coordinates];
    case 'MultiPoint':
    case 'LineString':
      return geometry.coordinates;
    case 'MultiLineString':
    case 'Polygon':
      return geometry.coordinates.flat();
    case 'MultiPolygon':
      return geometry.coordinates.flat(2);
    case 'GeometryCollection':
      return geometry.geometries.flatMap(positionsOf);
  }
}

describe('shiftForDisplay', () => {
  it('returns the very same object for a WGS84 basemap', () => {
    const boundary = readBoundary();
    expect(shiftForDisplay(boundary, 'wgs84')).toBe(boundary);
    expect(unshiftFromDisplay(boundary, 'wgs84')).toBe(boundary);
  });

  it('moves every vertex of the real Wuhan boundary to its GCJ-02 position and keeps properties', () => {
    const boundary = readBoundary();
    const shifted = shiftForDisplay(boundary, 'gcj02');
    expect(shifted.features).toHaveLength(boundary.features.length);
    let vertices = 0;
    boundary.features.forEach((feature, index) => {
      const moved = shifted.features[index];
      expect(moved.properties).toBe(feature.properties);
      expect(moved.id).toBe(feature.id);
      const before = positionsOf(feature.geometry as Geometry);
      const after = positionsOf(moved.geometry as Geometry);
      expect(after).toHaveLength(before.length);
      before.forEach(([lon, lat], i) => {
        const [gLon, gLat] = wgs84ToGcj02(lon, lat);
        expect(after[i][0]).toBe(gLon);
        expect(after[i][1]).toBe(gLat);
      });
      vertices += before.length;
    });
    expect(vertices).toBeGreaterThan(1000);
    // The input is untouched.
    expect(positionsOf(readBoundary().features[0].geometry as Geometry)[0]).toEqual(positionsOf(boundary.features[0].geometry as Geometry)[0]);
  });

  it('reads drawn positions back to WGS84 within a millimetre (real boundary vertices)', () => {
    const boundary = readBoundary();
    const back = unshiftFromDisplay(shiftForDisplay(boundary, 'gcj02'), 'gcj02');
    let worstM = 0;
    boundary.features.forEach((feature, index) => {
      const original = positionsOf(feature.geometry as Geometry);
      const returned = positionsOf(back.features[index].geometry as Geometry);
      original.forEach(([lon, lat], i) => (worstM = Math.max(worstM, haversineM(lon, lat, returned[i][0], returned[i][1]))));
    });
    expect(worstM).toBeLessThan(0.001);
  });

  it('handles every geometry type, altitudes, null geometries and drops stale bbox members', () => {
    const collection: FeatureCollection = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', id: 7, bbox: [114, 30, 115, 31], properties: { name: 'a' }, geometry: { type: 'Point', coordinates: [114.3, 30.6, 25] } },
        { type: 'Feature', properties: null, geometry: null as unknown as Geometry },
        {
          type: 'Feature',
          properties: {},
          geometry: {
            type: 'GeometryCollection',
            geometries: [
              { type: 'MultiPoint', coordinates: [[114.3, 30.6]] },
              { type: 'MultiLineString', coordinates: [[[114.3, 30.6], [114.31, 30.61]]] },
            ],
          },
        },
      ],
    };
    const shifted = shiftForDisplay(collection, 'gcj02');
    const point = shifted.features[0];
    expect(point.id).toBe(7);
    expect('bbox' in point).toBe(false);
    expect((point.geometry as { coordinates: number[] }).coordinates).toEqual([...wgs84ToGcj02(114.3, 30.6), 25]);
    expect(shifted.features[1].geometry).toBeNull();
    const parts = (shifted.features[2].geometry as { geometries: Geometry[] }).geometries;
    expect(positionsOf(parts[0])[0]).toEqual(wgs84ToGcj02(114.3, 30.6));
    expect(positionsOf(parts[1])[1]).toEqual(wgs84ToGcj02(114.31, 30.61));
  });

  it('leaves positions outside the GCJ-02 box (outside China) where they are', () => {
    const paris = mapPositions({ type: 'Point', coordinates: [2.35, 48.85] }, (lon, lat) => toDisplayPosition('gcj02', lon, lat));
    expect(paris.coordinates).toEqual([2.35, 48.85]);
    expect(toWgs84Position('gcj02', 2.35, 48.85)).toEqual([2.35, 48.85]);
  });

  it('puts a Wuhan position 300–800 m away in GCJ-02 and back exactly', () => {
    const [lon, lat] = [114.295, 30.572];
    const [gLon, gLat] = toDisplayPosition('gcj02', lon, lat);
    const offsetM = haversineM(lon, lat, gLon, gLat);
    expect(offsetM).toBeGreaterThan(300);
    expect(offsetM).toBeLessThan(800);
    const [backLon, backLat] = toWgs84Position('gcj02', gLon, gLat);
    expect(haversineM(lon, lat, backLon, backLat)).toBeLessThan(0.001);
  });
});

describe('shiftCorners', () => {
  /**
   * MapLibre stretches an image between its four corners (linearly in Web Mercator). With only the
   * corners shifted, a cell inside is drawn at the interpolation of the corner shifts instead of its
   * own: measured here over the 24 470 real cells of the Wuhan core grid.
   */
  it('keeps every cell of the real Wuhan core grid within 15 m of its GCJ-02 position', () => {
    const centres = readGridCentres();
    const lons = centres.map((c) => c[0]);
    const lats = centres.map((c) => c[1]);
    const [west, east, south, north] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
    const corners: Corners = [
      [west, north],
      [east, north],
      [east, south],
      [west, south],
    ];
    expect(shiftCorners(corners, 'wgs84')).toBe(corners);
    const [tl, tr, br, bl] = shiftCorners(corners, 'gcj02');
    const mercator = (latDeg: number) => Math.log(Math.tan(Math.PI / 4 + (latDeg * Math.PI) / 360));
    const latitude = (y: number) => (360 / Math.PI) * Math.atan(Math.exp(y)) - 90;
    let worstM = 0;
    for (const [lon, lat] of centres) {
      const u = (lon - west) / (east - west);
      const v = (mercator(north) - mercator(lat)) / (mercator(north) - mercator(south));
      const drawnLon = (1 - v) * ((1 - u) * tl[0] + u * tr[0]) + v * ((1 - u) * bl[0] + u * br[0]);
      const drawnY = (1 - v) * ((1 - u) * mercator(tl[1]) + u * mercator(tr[1])) + v * ((1 - u) * mercator(bl[1]) + u * mercator(br[1]));
      const [gLon, gLat] = wgs84ToGcj02(lon, lat);
      worstM = Math.max(worstM, haversineM(gLon, gLat, drawnLon, latitude(drawnY)));
    }
    expect(centres).toHaveLength(24_470);
    // 13.2 m measured: an eighth of a 100 m cell (the image itself has one pixel per grid column).
    expect(worstM).toBeGreaterThan(1);
    expect(worstM).toBeLessThan(15);
  });
});
