/**
 * Property tests: whatever bytes arrive, the importers either return records that pass the layer
 * schema or throw an InputError — never a TypeError, RangeError or other crash.
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isInputError } from '../../../shared/errors';
import { IMPORTABLE_LAYERS, LAYER_RECORD_SCHEMAS, type ImportableLayer } from '../../../shared/schemas/entities';
import { parseLayerFile } from '../../../electron/services/import/parse_layer_file';
import { readTestData } from './import_test_paths';

const layerArb = fc.constantFrom(...IMPORTABLE_LAYERS);

/** Parses and checks the outcome: valid records, or an InputError. Returns 'ok' | 'input-error'. */
async function outcome(layer: ImportableLayer, name: string, bytes: Uint8Array, kind?: 'day_care'): Promise<'ok' | 'input-error'> {
  try {
    const parsed = await parseLayerFile(layer, name, bytes, kind ? { kind } : {});
    for (const record of parsed.records) LAYER_RECORD_SCHEMAS[layer].parse(record);
    return 'ok';
  } catch (error) {
    if (isInputError(error)) return 'input-error';
    throw error;
  }
}

const CSV_TOKENS = [
  'lon', 'lat', 'id', 'name', 'kind', 'pop', 'wkt', 'highway', 'area_type', '经度', '纬度', '类型',
  ',', ',', ',', ';', '\t', '"', '""', '\n', '\r\n', ' ', '114.2', '30.6', '-91', '181', 'NaN', 'Infinity',
  '1e400', '-0', '0x1F', '1,234', '日间照料中心', 'day_care', 'new', 'POINT (114.2 30.6)', 'POLYGON ((1 2, 3 4, 5 6, 1 2))',
  'LINESTRING (1 2, 3 4)', 'MULTIPOLYGON (((', ')', '(', '\u00a0', '\uFEFF',
];
const csvText = fc.array(fc.constantFrom(...CSV_TOKENS), { maxLength: 60 }).map((tokens) => tokens.join(''));

describe('importers never crash on malformed input (fast-check)', () => {
  it('random bytes as CSV', async () => {
    await fc.assert(
      fc.asyncProperty(layerArb, fc.uint8Array({ maxLength: 400 }), async (layer, bytes) => {
        expect(['ok', 'input-error']).toContain(await outcome(layer, 'random.csv', bytes, 'day_care'));
      }),
      { numRuns: 150 },
    );
  });

  it('CSV-shaped token soup with a valid header in front', async () => {
    await fc.assert(
      fc.asyncProperty(layerArb, csvText, fc.boolean(), async (layer, body, withHeader) => {
        const header = layer === 'boundaries' || layer === 'roads' ? 'id,name,wkt,highway\n' : 'id,name,kind,lon,lat,pop,area_type\n';
        const bytes = new TextEncoder().encode((withHeader ? header : '') + body);
        expect(['ok', 'input-error']).toContain(await outcome(layer, 'soup.csv', bytes));
      }),
      { numRuns: 300 },
    );
  });

  it('GeoJSON with arbitrary JSON in geometry, coordinates, properties and crs', async () => {
    const coordinate = fc.oneof(fc.double(), fc.integer(), fc.constant(null), fc.string({ maxLength: 3 }));
    const position = fc.array(coordinate, { maxLength: 4 });
    const coordinates = fc.oneof(position, fc.array(position, { maxLength: 5 }), fc.array(fc.array(position, { maxLength: 5 }), { maxLength: 3 }), fc.jsonValue());
    const geometry = fc.oneof(
      fc.record({ type: fc.constantFrom('Point', 'LineString', 'Polygon', 'MultiPolygon', 'MultiLineString', 'GeometryCollection', 'Bogus'), coordinates }),
      fc.jsonValue(),
    );
    const feature = fc.oneof(
      fc.record({ type: fc.constant('Feature'), id: fc.oneof(fc.string(), fc.integer(), fc.jsonValue()), properties: fc.oneof(fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue()), fc.jsonValue()), geometry }),
      fc.jsonValue(),
    );
    const document = fc.oneof(
      fc.record({ type: fc.constant('FeatureCollection'), features: fc.array(feature, { maxLength: 5 }) }),
      fc.record({ type: fc.constant('FeatureCollection'), crs: fc.jsonValue(), features: fc.array(feature, { maxLength: 3 }) }),
      feature,
      geometry,
    );
    await fc.assert(
      fc.asyncProperty(layerArb, document, async (layer, doc) => {
        const bytes = new TextEncoder().encode(JSON.stringify(doc) ?? 'null');
        expect(['ok', 'input-error']).toContain(await outcome(layer, 'fuzz.geojson', bytes, 'day_care'));
      }),
      { numRuns: 400 },
    );
  });

  it('random bytes and truncations as GeoJSON', async () => {
    const real = new TextDecoder().decode(readTestData('wuhan/wuhan_boundary_osm.geojson'));
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), fc.nat({ max: real.length }), async (bytes, cut) => {
        expect(['ok', 'input-error']).toContain(await outcome('boundaries', 'random.geojson', bytes));
        expect(['ok', 'input-error']).toContain(await outcome('boundaries', 'cut.geojson', new TextEncoder().encode(real.slice(0, cut))));
      }),
      { numRuns: 60 },
    );
  });

  it('TIFF bytes with random damage', async () => {
    const real = readTestData('wuhan/wuhan_core_pop60plus_100m.tif');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat({ max: real.length - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }), async (edits) => {
        const damaged = new Uint8Array(real);
        // keep the magic bytes so the TIFF reader, not the magic check, meets the damage
        for (const [at, value] of edits) if (at >= 4) damaged[at] = value;
        expect(['ok', 'input-error']).toContain(await outcome('population', 'damaged.tif', damaged));
      }),
      { numRuns: 40 },
    );
  });
});
