/**
 * GCJ-02 basemap mode (renderer/map/coordinate_shift.ts): what shifting the project layers costs each
 * time they are handed to the map, and how far the population image (only its corners shifted) is
 * from the exact GCJ-02 positions.
 * Data: the real Wuhan boundary (OSM) and the real WorldPop Wuhan core grid (24 470 cells as 100 m
 * squares, the polygon form of the population layer); seeded random facility points (mulberry32).
 */
import { readFileSync } from 'node:fs';
import type { Feature, FeatureCollection, Point, Polygon } from 'geojson';
import { wgs84ToGcj02 } from '../../shared/geodesy/gcj02';
import { haversineM } from '../../shared/geodesy/haversine';
import { shiftCorners, shiftForDisplay, unshiftFromDisplay } from '../../renderer/map/coordinate_shift';
import { median, mulberry32, printTable, timeRuns } from './bench_util';
import { testData } from '../helpers/test_data';


/** Half a WorldPop cell (3 arc-seconds) in degrees. */
const HALF_CELL_DEG = 1 / 2400;

function gridCentres(): Array<[number, number]> {
  const [header, ...lines] = readFileSync(testData('wuhan/wuhan_core_grid_100m.csv'), 'utf8').trim().split(/\r?\n/);
  const columns = header.split(',');
  const lon = columns.indexOf('lon');
  const lat = columns.indexOf('lat');
  return lines.map((line) => {
    const cells = line.split(',');
    return [Number(cells[lon]), Number(cells[lat])];
  });
}

function gridSquares(centres: Array<[number, number]>): FeatureCollection<Polygon> {
  return {
    type: 'FeatureCollection',
    features: centres.map(([lon, lat], fid): Feature<Polygon> => ({
      type: 'Feature',
      id: fid,
      properties: { fid },
      geometry: {
        type: 'Polygon',
        coordinates: [[[lon - HALF_CELL_DEG, lat - HALF_CELL_DEG], [lon + HALF_CELL_DEG, lat - HALF_CELL_DEG], [lon + HALF_CELL_DEG, lat + HALF_CELL_DEG], [lon - HALF_CELL_DEG, lat + HALF_CELL_DEG], [lon - HALF_CELL_DEG, lat - HALF_CELL_DEG]]],
      },
    })),
  };
}

function randomPoints(count: number, seed: number): FeatureCollection<Point> {
  const random = mulberry32(seed);
  return {
    type: 'FeatureCollection',
    features: Array.from({ length: count }, (_, i): Feature<Point> => ({
      type: 'Feature',
      id: i,
      properties: { name: `P${i}` },
      geometry: { type: 'Point', coordinates: [113.7 + random() * 1.38, 29.97 + random() * 1.39] },
    })),
  };
}

/** Positions in a collection (nested coordinate arrays down to [lon, lat]). */
function vertexCount(collection: FeatureCollection): number {
  const count = (node: unknown): number => (Array.isArray(node) ? (typeof node[0] === 'number' ? 1 : node.reduce((sum: number, child) => sum + count(child), 0)) : 0);
  return collection.features.reduce((sum, feature) => sum + count((feature.geometry as { coordinates?: unknown } | null)?.coordinates), 0);
}

/** Largest distance between a cell's GCJ-02 position and where the corner-shifted image draws it. */
function cornerErrorM(west: number, south: number, east: number, north: number, steps: number): number {
  const mercator = (lat: number) => Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));
  const latitude = (y: number) => (360 / Math.PI) * Math.atan(Math.exp(y)) - 90;
  const [tl, tr, br, bl] = shiftCorners([[west, north], [east, north], [east, south], [west, south]], 'gcj02');
  let worst = 0;
  for (let i = 0; i <= steps; i++) {
    for (let j = 0; j <= steps; j++) {
      const u = i / steps;
      const v = j / steps;
      const lon = west + (east - west) * u;
      const lat = latitude(mercator(north) - (mercator(north) - mercator(south)) * v);
      const drawnLon = (1 - v) * ((1 - u) * tl[0] + u * tr[0]) + v * ((1 - u) * bl[0] + u * br[0]);
      const drawnY = (1 - v) * ((1 - u) * mercator(tl[1]) + u * mercator(tr[1])) + v * ((1 - u) * mercator(bl[1]) + u * mercator(br[1]));
      const [gLon, gLat] = wgs84ToGcj02(lon, lat);
      worst = Math.max(worst, haversineM(gLon, gLat, drawnLon, latitude(drawnY)));
    }
  }
  return worst;
}

export default async function bench(): Promise<void> {
  const boundary = JSON.parse(readFileSync(testData('wuhan/wuhan_boundary_osm.geojson'), 'utf8')) as FeatureCollection;
  const centres = gridCentres();
  const squares = gridSquares(centres);
  const cases: Array<{ data: string; collection: FeatureCollection }> = [
    { data: 'Wuhan boundary (OSM)', collection: boundary },
    { data: 'Wuhan core grid as squares (WorldPop)', collection: squares },
    { data: 'random facility points', collection: randomPoints(10_000, 7) },
    { data: 'random facility points', collection: randomPoints(100_000, 8) },
  ];
  const rows: Record<string, string | number>[] = [];
  for (const { data, collection } of cases) {
    const shifted = shiftForDisplay(collection, 'gcj02');
    const forward = median(await timeRuns(() => shiftForDisplay(collection, 'gcj02'), 5));
    const inverse = median(await timeRuns(() => unshiftFromDisplay(shifted, 'gcj02'), 3));
    rows.push({ data, features: collection.features.length, vertices: vertexCount(collection), 'shift ms (median)': forward.toFixed(1), 'read back ms (median)': inverse.toFixed(1) });
  }
  printTable(rows);

  const lons = centres.map((c) => c[0]);
  const lats = centres.map((c) => c[1]);
  console.log('\nPopulation image with only its corners shifted: largest distance from the exact GCJ-02 position');
  printTable([
    { extent: 'Wuhan core grid (real, 0.16° × 0.14°)', 'max error m': cornerErrorM(Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats), 200).toFixed(1) },
    { extent: 'Wuhan municipality raster (1.38° × 1.39°)', 'max error m': cornerErrorM(113.692, 29.972, 115.077, 31.362, 200).toFixed(1) },
  ]);
}
