import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Boundary, Road } from '../../../shared/schemas/entities';
import { parseLayerFile } from '../../../electron/services/import/parse_layer_file';
import { readTestData, testData } from './import_test_paths';

const WAYS = 'gothenburg_osm/gothenburg_ways.geojson';

interface RawFeature {
  properties: Record<string, string>;
  geometry: { type: string; coordinates: number[][] | number[][][] };
}

describe('GeoJSON roads: Gothenburg OSM ways (20 227 ways)', () => {
  it('imports every way as one road, with OSM tags, and pedestrian areas as closed perimeters', async () => {
    const raw = JSON.parse(readFileSync(testData(WAYS), 'utf8')) as { features: RawFeature[] };
    const parsed = await parseLayerFile('roads', 'gothenburg_ways.geojson', readTestData(WAYS), {});
    expect(raw.features).toHaveLength(20_227);
    expect(parsed.records).toHaveLength(20_227);
    expect(parsed.detected.mapping).toMatchObject({ id: '@id', highway: 'highway', name: 'name' });
    expect(new Set(parsed.records.map((r) => r.id)).size).toBe(20_227);

    // highway classes as documented in SOURCES.md, recounted from the raw file
    const count = (values: (string | null)[]) => values.reduce<Record<string, number>>((m, v) => ((m[String(v)] = (m[String(v)] ?? 0) + 1), m), {});
    const imported = count(parsed.records.map((r) => r.highway));
    expect(imported).toEqual(count(raw.features.map((f) => f.properties.highway ?? null)));
    expect(imported.footway).toBe(5951);
    expect(imported.service).toBe(4038);
    expect(imported.residential).toBe(2627);

    const byId = new Map(parsed.records.map((r) => [r.id, r]));
    for (const feature of raw.features.filter((_, i) => i % 50 === 0)) {
      const road = byId.get(feature.properties['@id'])!;
      const { '@id': _id, highway, name, ...others } = feature.properties;
      expect(road.highway).toBe(highway ?? null);
      expect(road.name).toBe(name ?? null);
      expect(road.tags).toEqual(others);
      const line = feature.geometry.type === 'Polygon' ? (feature.geometry.coordinates as number[][][])[0] : feature.geometry.coordinates;
      expect(road.geometry.coordinates).toEqual(line);
      Road.parse(road);
    }
    const areas = parsed.records.filter((r) => r.tags.area === 'yes' && r.highway === 'pedestrian');
    expect(areas.length).toBeGreaterThan(0);
    for (const area of areas) expect(area.geometry.coordinates[0]).toEqual(area.geometry.coordinates.at(-1));
  });
});

describe('GeoJSON roads: multi-part ways', () => {
  it('splits a MultiLineString into roads <id>-<part> sharing the tags; numbers in tags become text', async () => {
    const doc = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          id: 'way/1',
          properties: { highway: 'footway', name: null, foot: 'yes', lanes: 2, lit: true, nested: { a: 1 } },
          geometry: { type: 'MultiLineString', coordinates: [[[11.95, 57.69], [11.96, 57.7]], [[11.96, 57.7, 12.5], [11.97, 57.71]]] },
        },
      ],
    };
    const parsed = await parseLayerFile('roads', 'multi.geojson', new TextEncoder().encode(JSON.stringify(doc)), {});
    expect(parsed.records).toEqual([
      { id: 'way/1-1', highway: 'footway', name: null, tags: { foot: 'yes', lanes: '2', lit: 'true' }, geometry: { type: 'LineString', coordinates: [[11.95, 57.69], [11.96, 57.7]] } },
      { id: 'way/1-2', highway: 'footway', name: null, tags: { foot: 'yes', lanes: '2', lit: 'true' }, geometry: { type: 'LineString', coordinates: [[11.96, 57.7], [11.97, 57.71]] } },
    ]);
  });
});

describe('GeoJSON boundaries', () => {
  it('Wuhan municipality: one polygon stored as MultiPolygon, name and OSM admin_level 5 = city', async () => {
    const raw = JSON.parse(readFileSync(testData('wuhan/wuhan_boundary_osm.geojson'), 'utf8'));
    const parsed = await parseLayerFile('boundaries', 'wuhan_boundary_osm.geojson', readTestData('wuhan/wuhan_boundary_osm.geojson'), {});
    expect(parsed.records).toHaveLength(1);
    const wuhan = parsed.records[0];
    Boundary.parse(wuhan);
    expect(wuhan).toMatchObject({ id: '-3076268', name: '武汉市', level: 'city', urban: null, source: null });
    expect(wuhan.geometry.type).toBe('MultiPolygon');
    expect(wuhan.geometry.coordinates).toEqual([raw.features[0].geometry.coordinates]);
    // documented extent 113.692462..115.076933 E, 29.971956..31.362241 N
    const ring = wuhan.geometry.coordinates[0][0];
    expect(Math.min(...ring.map((p) => p[0]))).toBeCloseTo(113.692462, 5);
    expect(Math.max(...ring.map((p) => p[0]))).toBeCloseTo(115.076933, 5);
    expect(Math.min(...ring.map((p) => p[1]))).toBeCloseTo(29.971956, 5);
    expect(Math.max(...ring.map((p) => p[1]))).toBeCloseTo(31.362241, 5);
  });

  it('Shenzhen districts: names through --map name=qh, Polygon and MultiPolygon features', async () => {
    const file = 'shenzhen/shenzhen_districts_transbigdata.geojson';
    const parsed = await parseLayerFile('boundaries', 'sz.geojson', readTestData(file), { map: { name: 'qh' } });
    expect(parsed.detected.columns).toEqual(['centroid_x', 'centroid_y', 'qh']);
    expect(parsed.records.map((b) => b.name)).toEqual(['罗湖', '福田', '盐田', '宝安', '光明', '坪山', '龙华', '南山', '大鹏', '龙岗']);
    expect(parsed.records.map((b) => b.id)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    const baoan = parsed.records[3];
    expect(baoan.geometry.coordinates.length).toBeGreaterThan(1);
    expect(parsed.records[1].geometry.coordinates).toHaveLength(1);
    expect(parsed.records.every((b) => b.level === 'other')).toBe(true);
  });
});

describe('GeoJSON point layers', () => {
  it('facilities from a FeatureCollection with Chinese labels; a bare Point and a single Feature', async () => {
    const collection = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', id: 'f-1', properties: { 名称: '江汉区日间照料中心', 类型: '日间照料中心', 床位数: 20, 状态: '规划' }, geometry: { type: 'Point', coordinates: [114.27, 30.6, 21.5] } },
        { type: 'Feature', properties: { 名称: '社区卫生服务站', 类型: '社区卫生服务站', 床位数: null }, geometry: { type: 'Point', coordinates: [114.28, 30.61] } },
      ],
    };
    const bytes = new TextEncoder().encode(JSON.stringify(collection));
    const parsed = await parseLayerFile('facilities', 'hand_made.geojson', bytes, { illustrative: true });
    expect(parsed.records).toEqual([
      expect.objectContaining({ id: 'f-1', name: '江汉区日间照料中心', kind: 'day_care', status: 'planned', beds: 20, lon: 114.27, lat: 30.6, illustrative: true }),
      expect.objectContaining({ id: '1', name: '社区卫生服务站', kind: 'health_station', status: 'existing', beds: null, illustrative: true }),
    ]);
    const point = await parseLayerFile('candidates', 'p.json', new TextEncoder().encode('{"type":"Point","coordinates":[114.3,30.5]}'), {});
    expect(point.records).toEqual([{ id: '0', name: '', lon: 114.3, lat: 30.5, floorAreaM2: null, floorLevel: null, landAreaM2: null, note: null, source: null, capacity: null }]);
  });
});
