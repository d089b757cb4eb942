/**
 * The real Gothenburg OSM network (20 227 ways), read once per test file (vitest runs each file in its
 * own process), and a synthetic demand grid over its extent. The grid's people are made up (there is
 * no population raster for Gothenburg); only their positions on the real streets matter to the tests.
 */
import { mulberry32 } from '../../../shared/optimize/random';
import { readFileSync } from 'node:fs';
import { demandGridFromRecords, type DemandGrid } from '../../../shared/engine/demand_grid';
import { roadsFromGeoJson } from '../../../shared/engine/network/roads_from_geojson';
import type { RoadInput } from '../../../shared/engine/network/build_walk_graph';
import { testData } from '../../helpers/test_data';

export const GOTHENBURG_PATH = testData('gothenburg_osm/gothenburg_ways.geojson');

/** Extent of the extract (SOURCES.md). */
export const GOTHENBURG_BBOX = { west: 11.8596, south: 57.6482, east: 12.0935, north: 57.762 } as const;

export interface GeoJsonFeature {
  type: 'Feature';
  id?: string;
  properties: Record<string, string>;
  geometry: { type: 'LineString'; coordinates: number[][] } | { type: 'Polygon'; coordinates: number[][][] };
}

let collection: { features: GeoJsonFeature[] } | null = null;
let roads: RoadInput[] | null = null;

export function gothenburgCollection(): { features: GeoJsonFeature[] } {
  collection ??= JSON.parse(readFileSync(GOTHENBURG_PATH, 'utf8')) as { features: GeoJsonFeature[] };
  return collection;
}

export function gothenburgRoads(): RoadInput[] {
  roads ??= roadsFromGeoJson(gothenburgCollection(), 'gothenburg_ways.geojson').roads;
  return roads;
}

/** mulberry32, the seeded PRNG of shared/optimize/random.ts. */
export const seededRandom = mulberry32;

/** A regular grid of `cellM`-metre cells over the extent, with seeded made-up counts. */
export function gothenburgGrid(cellM: number, seed = 1): { grid: DemandGrid; cellWidthDeg: number; cellHeightDeg: number } {
  const { west, south, east, north } = GOTHENBURG_BBOX;
  const midLat = (south + north) / 2;
  const cellHeightDeg = cellM / 111_195.08;
  const cellWidthDeg = cellHeightDeg / Math.cos((midLat * Math.PI) / 180);
  const random = seededRandom(seed);
  const records = [];
  const rows = Math.floor((north - south) / cellHeightDeg);
  const columns = Math.floor((east - west) / cellWidthDeg);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      const population = Math.floor(random() * 40);
      records.push({
        lon: west + (c + 0.5) * cellWidthDeg,
        lat: north - (r + 0.5) * cellHeightDeg,
        population,
        elderly: Math.floor(population * random() * 0.4),
      });
    }
  }
  return { grid: demandGridFromRecords(records), cellWidthDeg, cellHeightDeg };
}

/** Random facilities inside the extent. */
export function randomFacilities(count: number, seed: number, prefix = 'f'): { id: string; lon: number; lat: number; capacity: number }[] {
  const random = seededRandom(seed);
  const { west, south, east, north } = GOTHENBURG_BBOX;
  return Array.from({ length: count }, (_, i) => ({
    id: `${prefix}${i}`,
    lon: west + random() * (east - west),
    lat: south + random() * (north - south),
    capacity: 20 + Math.floor(random() * 60),
  }));
}
