import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as turf from '@turf/turf';
import { afterAll, describe, expect, it } from 'vitest';
import { layerToGeoJson } from '../../../electron/services/export/layer_to_geojson';
import { parseLayerFile } from '../../../electron/services/import/parse_layer_file';
import { hasGdalTool, readTestData } from '../import/import_test_paths';
import { recordsToFeatures } from './export_test_features';

const scratch = mkdtempSync(path.join(tmpdir(), 'siting-geojson-export-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const encode = (text: string) => new TextEncoder().encode(text);

/** ogrinfo's feature count and geometry type of a file (GDAL as an independent reader). */
function ogrSummary(file: string, openOptions: string[] = []): { count: number; geometry: string } {
  const out = execFileSync('ogrinfo', ['-ro', '-al', '-so', ...openOptions.flatMap((o) => ['-oo', o]), file], { encoding: 'utf8' });
  return { count: Number(/Feature Count: (\d+)/.exec(out)?.[1]), geometry: /Geometry: (.+)/.exec(out)?.[1]?.trim() ?? '' };
}

describe('layerToGeoJson', () => {
  it('writes an RFC 7946 FeatureCollection with fid ids and snake_case properties', async () => {
    const stores = await parseLayerFile('facilities', 'SF.csv', readTestData('spopt_sf/SF_store_site_16_longlat.csv'), { kind: 'other' });
    const text = layerToGeoJson('facilities', recordsToFeatures(stores.records));
    const collection = JSON.parse(text);
    expect(collection.type).toBe('FeatureCollection');
    expect(collection.crs).toBeUndefined();
    expect(collection.features).toHaveLength(16);
    expect(collection.features[0]).toEqual({
      type: 'Feature',
      id: 1,
      geometry: { type: 'Point', coordinates: [-122.510018182, 37.7723636370001] },
      properties: {
        id: '1',
        name: 'Store_1',
        kind: 'other',
        status: 'existing',
        capacity: null,
        beds: null,
        nursing_beds: null,
        floor_area_m2: null,
        floor_level: null,
        address: null,
        source: null,
        illustrative: false,
      },
    });
    expect(JSON.parse(layerToGeoJson('facilities', []))).toEqual({ type: 'FeatureCollection', name: 'facilities', features: [] });
  });

  it('winds polygon rings by the right-hand rule (exterior counter-clockwise, holes clockwise)', async () => {
    const wuhan = await parseLayerFile('boundaries', 'w.geojson', readTestData('wuhan/wuhan_boundary_osm.geojson'), {});
    const sz = await parseLayerFile('boundaries', 'sz.geojson', readTestData('shenzhen/shenzhen_districts_transbigdata.geojson'), { map: { name: 'qh' } });
    const holed = {
      fid: 99,
      geometry: {
        type: 'Polygon' as const,
        // exterior clockwise and hole counter-clockwise: both the wrong way round
        coordinates: [
          [[114, 30], [114, 31], [115, 31], [115, 30], [114, 30]],
          [[114.2, 30.2], [114.8, 30.2], [114.8, 30.8], [114.2, 30.8], [114.2, 30.2]],
        ] as [number, number][][],
      },
      properties: {},
    };
    const features = [...recordsToFeatures([...wuhan.records, ...sz.records]), holed];
    const out = JSON.parse(layerToGeoJson('boundaries', features));
    for (const feature of out.features) {
      const polygons = feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates;
      for (const rings of polygons) {
        expect(turf.booleanClockwise(rings[0])).toBe(false);
        for (const hole of rings.slice(1)) expect(turf.booleanClockwise(hole)).toBe(true);
      }
    }
    // rewinding keeps the area (turf measures it independently)
    const before = turf.area(turf.multiPolygon(wuhan.records[0].geometry.coordinates));
    const after = turf.area(out.features[0].geometry);
    expect(after).toBeCloseTo(before, 3);
    expect(before / 1e6).toBeGreaterThan(8000); // Wuhan municipality is about 8 569 km²
  });

  it('round-trips roads (20 227 Gothenburg ways) and population cells through parseLayerFile', async () => {
    const roads = await parseLayerFile('roads', 'ways.geojson', readTestData('gothenburg_osm/gothenburg_ways.geojson'), {});
    const roadsBack = await parseLayerFile('roads', 'roads.geojson', encode(layerToGeoJson('roads', recordsToFeatures(roads.records))), {});
    expect(roadsBack.records).toEqual(roads.records);

    const grid = await parseLayerFile('population', 'grid.csv', readTestData('wuhan/wuhan_core_grid_100m.csv'), {});
    const gridBack = await parseLayerFile('population', 'grid.geojson', encode(layerToGeoJson('population', recordsToFeatures(grid.records))), {});
    expect(gridBack.records).toEqual(grid.records);
  });

  // Runs only where ogrinfo (Debian gdal-bin) is installed: GDAL itself opens the file; .ci/run installs it.
  it.runIf(hasGdalTool('ogrinfo'))('opens in GDAL/OGR with the right count and geometry type', async () => {
    const grid = await parseLayerFile('population', 'grid.csv', readTestData('wuhan/wuhan_core_grid_100m.csv'), {});
    const populationFile = path.join(scratch, 'population.geojson');
    writeFileSync(populationFile, layerToGeoJson('population', recordsToFeatures(grid.records)));
    expect(ogrSummary(populationFile)).toEqual({ count: 24_470, geometry: 'Point' });

    const wuhan = await parseLayerFile('boundaries', 'w.geojson', readTestData('wuhan/wuhan_boundary_osm.geojson'), {});
    const boundaryFile = path.join(scratch, 'boundaries.geojson');
    writeFileSync(boundaryFile, layerToGeoJson('boundaries', recordsToFeatures(wuhan.records)));
    expect(ogrSummary(boundaryFile)).toEqual({ count: 1, geometry: 'Multi Polygon' });
    const attributes = execFileSync('ogrinfo', ['-ro', '-al', '-q', boundaryFile], { encoding: 'utf8' });
    expect(attributes).toContain('name (String) = 武汉市');
  });
});
