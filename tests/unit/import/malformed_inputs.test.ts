/**
 * Every kind of bad input gives an InputError whose message names the file, the row (CSV, 1-based
 * data row) or feature (GeoJSON, 0-based), the field, and what was expected.
 */
import { describe, expect, it } from 'vitest';
import { InputError, isInputError } from '../../../shared/errors';
import type { ImportOptions } from '../../../shared/ipc/contract';
import type { ImportableLayer } from '../../../shared/schemas/entities';
import { parseLayerFile } from '../../../electron/services/import/parse_layer_file';
import { readFixture, readTestData, rejection } from './import_test_paths';

const ROW_NOTE = '[row = 1-based data row after the header]';

interface Case {
  layer: ImportableLayer;
  fixture: string;
  options?: ImportOptions;
  /** Substrings the message must contain, in order. */
  says: string[];
  location: { row?: number; feature?: number; field?: string };
}

const CASES: Case[] = [
  {
    layer: 'population',
    fixture: 'nan_coordinate.csv',
    says: ['nan_coordinate.csv, row 2, field lat: "NaN" is not a finite number', ROW_NOTE, 'expected a latitude'],
    location: { row: 2, field: 'lat' },
  },
  {
    layer: 'population',
    fixture: 'infinity_count.csv',
    says: ['infinity_count.csv, row 3, field pop60plus: "Infinity" is not a finite number', 'expected a non-negative number of persons'],
    location: { row: 3, field: 'pop60plus' },
  },
  {
    layer: 'facilities',
    fixture: 'lat_out_of_range.csv',
    says: ['lat_out_of_range.csv, row 2, field lat: latitude must be within [-90, 90], got 123.4'],
    location: { row: 2, field: 'lat' },
  },
  {
    layer: 'facilities',
    fixture: 'lon_out_of_range.csv',
    says: ['lon_out_of_range.csv, row 2, field lon: longitude must be within [-180, 180], got 214.2017'],
    location: { row: 2, field: 'lon' },
  },
  {
    layer: 'facilities',
    fixture: 'swapped_lon_lat.csv',
    says: ['swapped_lon_lat.csv, row 1, field lat: lon/lat look swapped', 'import it again with --swap-axes', '--map lon=lat lat=lon', 'expected longitude first'],
    location: { row: 1, field: 'lat' },
  },
  {
    layer: 'facilities',
    fixture: 'duplicate_ids.csv',
    says: ['duplicate_ids.csv, row 3, field id: duplicate id "K-7" in row 1 and row 3'],
    location: { row: 3, field: 'id' },
  },
  {
    layer: 'population',
    fixture: 'negative_count.csv',
    says: ['negative_count.csv, row 2, field pop60plus: must not be negative, got -3'],
    location: { row: 2, field: 'pop60plus' },
  },
  {
    layer: 'population',
    fixture: 'non_numeric_count.csv',
    says: ['non_numeric_count.csv, row 2, field pop60plus: "12人" is not a number', 'expected a non-negative number'],
    location: { row: 2, field: 'pop60plus' },
  },
  {
    layer: 'population',
    fixture: 'empty_coordinate.csv',
    says: ['empty_coordinate.csv, row 2, field lon: longitude is empty'],
    location: { row: 2, field: 'lon' },
  },
  {
    layer: 'facilities',
    fixture: 'unknown_kind.csv',
    // issue 15: every unmapped value is listed with its rows (not only the first), with the way to map it
    says: ['unknown_kind.csv, field kind: 1 facility kind value is not mapped to a kind (1 row): "超市" (1 row, first row 2)', '--kind-map'],
    location: { field: 'kind' },
  },
  { layer: 'population', fixture: 'ragged_row.csv', says: ['ragged_row.csv, row 2: row has 3 fields but the header has 4'], location: { row: 2 } },
  { layer: 'facilities', fixture: 'unclosed_quote.csv', says: ['unclosed_quote.csv, row 1: ', 'unbalanced double quote'], location: { row: 1 } },
  { layer: 'population', fixture: 'header_only.csv', says: ['header_only.csv: no data rows'], location: {} },
  { layer: 'population', fixture: 'empty.csv', says: ['empty.csv: no data rows'], location: {} },
  { layer: 'population', fixture: 'blank_only.csv', says: ['blank_only.csv: no data rows'], location: {} },
  {
    layer: 'facilities',
    fixture: 'truncated.geojson',
    says: ['truncated.geojson: not valid JSON', 'line 4', 'cut off'],
    location: {},
  },
  {
    layer: 'facilities',
    fixture: 'polygon_facility.geojson',
    says: ['polygon_facility.geojson, feature 1, field geometry: expected Point, got Polygon'],
    location: { feature: 1, field: 'geometry' },
  },
  {
    layer: 'roads',
    fixture: 'point_road.geojson',
    says: ['point_road.geojson, feature 1, field geometry: expected LineString or MultiLineString', 'got Point'],
    location: { feature: 1, field: 'geometry' },
  },
  {
    layer: 'facilities',
    fixture: 'null_geometry.geojson',
    says: ['null_geometry.geojson, feature 1, field geometry: null geometry'],
    location: { feature: 1, field: 'geometry' },
  },
  {
    layer: 'facilities',
    fixture: 'legacy_crs_unknown.geojson',
    options: { kind: 'other' },
    says: ['legacy_crs_unknown.geojson, field crs: the GeoJSON "crs" member names urn:ogc:def:crs:EPSG::2000', 'EPSG:2000 is not supported'],
    location: { field: 'crs' },
  },
  {
    layer: 'boundaries',
    fixture: 'unclosed_ring.geojson',
    says: ['unclosed_ring.geojson, feature 0, field geometry: ring coordinates[0] is not closed'],
    location: { feature: 0, field: 'geometry' },
  },
  {
    layer: 'population',
    fixture: 'swapped_points.geojson',
    says: ['swapped_points.geojson, feature 0, field geometry coordinates[1]: lon/lat look swapped', '--swap-axes'],
    location: { feature: 0, field: 'geometry coordinates[1]' },
  },
];

describe('malformed inputs: precise InputErrors, nothing returned', () => {
  for (const c of CASES) {
    it(`${c.fixture} → ${c.says[0].split(': ').slice(1).join(': ') || c.says[0]}`, async () => {
      const error = await rejection(parseLayerFile(c.layer, c.fixture, readFixture(c.fixture), c.options ?? {}));
      expect(error).toBeInstanceOf(InputError);
      let from = 0;
      for (const part of c.says) {
        const at = error.message.indexOf(part, from);
        expect(at, `"${error.message}" should contain "${part}"`).toBeGreaterThanOrEqual(0);
        from = at + part.length;
      }
      expect((error as InputError).location).toMatchObject({ file: c.fixture, ...c.location });
    });
  }
});

describe('malformed inputs on real data', () => {
  const grid = () => readTestData('wuhan/wuhan_core_grid_100m.csv');

  it('a --map naming a missing column names the file and the column and lists the available columns', async () => {
    const error = await rejection(parseLayerFile('population', 'wuhan_core_grid_100m.csv', grid(), { map: { elderly: 'pop_60' } }));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain('wuhan_core_grid_100m.csv, field pop_60: --map elderly=pop_60: the file has no column "pop_60"');
    expect(error.message).toContain('available columns: "cell_id", "row", "col", "lon", "lat", "pop20plus", "pop60plus", "pop65plus", "pop80plus"');
  });

  it('a CSV with 100,000 columns: messages list 12 columns, cut long names and say how many more', async () => {
    const long = `note_${'x'.repeat(200)}`;
    const header = ['name', 'lon', 'lat', long, ...Array.from({ length: 99_996 }, (_, i) => `column_${i + 4}`)];
    const csv = (columns: string[]) => new TextEncoder().encode(`${columns.join(',')}\n${columns.map((c) => (c === 'lon' ? '114.3' : c === 'lat' ? '30.5' : '1')).join(',')}\n`);
    const listed = `"name", "lon", "lat", "note_${'x'.repeat(55)}…", ${Array.from({ length: 8 }, (_, i) => `"column_${i + 4}"`).join(', ')} and 99,988 more`;
    const noKind = await rejection(parseLayerFile('facilities', 'wide.csv', csv(header), {}));
    expect(noKind).toBeInstanceOf(InputError);
    expect(noKind.message).toBe(
      `wide.csv, field kind: no facility kind column found (looked for ${'kind, type, 类型, 设施类型, 机构类型'}); map one with --map kind=<column> or give a default kind with --kind; columns: ${listed}`,
    );
    const noMapped = await rejection(parseLayerFile('facilities', 'wide.csv', csv(header), { kind: 'day_care', map: { capacity: 'beds' } }));
    expect(noMapped.message).toBe(`wide.csv, field beds: --map capacity=beds: the file has no column "beds"; available columns: ${listed}`);
    const noLat = await rejection(parseLayerFile('facilities', 'wide.csv', csv(header.filter((c) => c !== 'lat')), { kind: 'day_care' }));
    expect(noLat.message).toBe(
      `wide.csv, field lat: no latitude/northing (lat, y, northing, 纬度) column found; map one with --map lat=<column>; columns: ${listed.replace('"lat", ', '').replace('"column_11" and 99,988', '"column_11", "column_12" and 99,987')}`,
    );
  });

  it('a --map key that is not a field of the layer lists the fields', async () => {
    const error = await rejection(parseLayerFile('population', 'grid.csv', grid(), { map: { beds: 'pop60plus' } }));
    expect(error.message).toContain('grid.csv, field beds: --map names unknown field "beds" for layer population');
    expect(error.message).toContain('cell_id, population, elderly, age65, age80');
  });

  it('duplicate cell ids (the clip column as id) name both rows', async () => {
    const error = await rejection(parseLayerFile('population', 'grid.csv', grid(), { map: { cell_id: 'col' } }));
    // data row 1 has col 0; the next cell in column 0 is the first cell of the second raster row
    expect(error.message).toMatch(/^grid\.csv, row \d+, field cell_id: duplicate id "\d+" in row \d+ and row \d+/);
  });

  it('a truncated GeoTIFF download is reported, not read as zeros', async () => {
    const bytes = readTestData('wuhan/wuhan_core_pop60plus_100m.tif');
    for (const keep of [0.5, 0.9]) {
      const cut = bytes.slice(0, Math.floor(bytes.length * keep));
      const error = await rejection(parseLayerFile('population', 'wuhan_core_pop60plus_100m.tif', cut, {}));
      expect(isInputError(error)).toBe(true);
      expect(error.message).toMatch(/^wuhan_core_pop60plus_100m\.tif: (truncated GeoTIFF|cannot read the GeoTIFF)/);
    }
    const header = await rejection(parseLayerFile('population', 'head.tif', bytes.slice(0, 100), {}));
    expect(isInputError(header)).toBe(true);
    expect(header.message).toContain('head.tif');
    const notTiff = await rejection(parseLayerFile('population', 'fake.tif', new TextEncoder().encode('lon,lat\n1,2\n'), {}));
    expect(notTiff.message).toBe('fake.tif: not a TIFF file (bad magic bytes) (expected a GeoTIFF)');
  });

  it('file-level problems: missing lon column, no count column, no kind, unknown encoding, CSV in another CRS', async () => {
    const text = (s: string) => new TextEncoder().encode(s);
    const noLon = await rejection(parseLayerFile('population', 'a.csv', text('east,lat,pop\n1,2,3\n'), {}));
    expect(noLon.message).toContain('a.csv, field lon: no longitude/easting (lon, lng, x, easting, 经度) column found; map one with --map lon=<column>; columns: "east", "lat", "pop"');
    const noCount = await rejection(parseLayerFile('population', 'b.csv', text('lon,lat,foo\n114,30,3\n'), {}));
    expect(noCount.message).toContain('b.csv, field population: no population count column found');
    const noKind = await rejection(parseLayerFile('facilities', 'c.csv', text('name,lon,lat\nA,114,30\n'), {}));
    expect(noKind.message).toContain('c.csv, field kind: no facility kind column found');
    expect(noKind.message).toContain('--kind');
    const encoding = await rejection(parseLayerFile('population', 'd.csv', text('lon,lat,pop\n114,30,3\n'), { encoding: 'klingon' }));
    expect(encoding.message).toContain('d.csv, field encoding: unknown text encoding "klingon"');
    const crs = await rejection(parseLayerFile('population', 'e.csv', text('x,y,pop\n500000,3380000,3\n'), { crs: 'EPSG:9999' }));
    expect(crs.message).toContain('e.csv, field crs: EPSG:9999 is not supported; accepted: EPSG:<code>');
    const metres = await rejection(parseLayerFile('population', 'f.csv', text('x,y,pop\n500000,3380000,3\n'), {}));
    expect(metres.message).toContain('f.csv, row 1, field y: x=500000, y=3380000 are not longitude/latitude degrees, and the file states no coordinate system');
    expect(metres.message).toContain('choose it with --crs, e.g. EPSG:4546, EPSG:4547, EPSG:4548, EPSG:32650');
    const prefixed = await rejection(parseLayerFile('population', 'g.csv', text('x,y,pop\n38528770.2,3386666.3,3\n'), {}));
    expect(prefixed.message).toContain('they fit EPSG:4526 CGCS2000 / 3-degree Gauss-Kruger zone 38');
    expect(prefixed.message).toContain('import with --crs EPSG:4526');
  });

  it('bad WKT and wrong geometry for boundaries from CSV name row and column', async () => {
    const text = (s: string) => new TextEncoder().encode(s);
    const bad = await rejection(parseLayerFile('boundaries', 'b.csv', text('name,wkt\nA,"POLYGON ((1 2, 3 4, 5 6, 1 2))"\nB,"POLYGON ((1 2, 3 4"\n'), {}));
    expect(bad.message).toContain('b.csv, row 2, field wkt: invalid WKT: expected ")"');
    const line = await rejection(parseLayerFile('boundaries', 'l.csv', text('name,wkt\nA,"LINESTRING (1 2, 3 4)"\n'), {}));
    expect(line.message).toContain('l.csv, row 1, field geometry: expected Polygon or MultiPolygon, got LineString');
    const lonLat = await rejection(parseLayerFile('roads', 'r.csv', text('name,lon,lat\nA,1,2\n'), {}));
    expect(lonLat.message).toContain('r.csv, field wkt: no WKT geometry (wkt) column found');
  });

  it('estates need an area type; facilities whole numbers for beds', async () => {
    const text = (s: string) => new TextEncoder().encode(s);
    const estate = await rejection(parseLayerFile('estates', 'e.csv', text('name,lon,lat\nA,114,30\n'), {}));
    expect(estate.message).toContain('e.csv, field area_type: no estate area type (new/old) column found');
    const beds = await rejection(parseLayerFile('facilities', 'f.csv', text('name,kind,lon,lat,beds\nA,养老院,114,30,12.5\n'), {}));
    expect(beds.message).toContain('f.csv, row 1, field beds: must be a whole number, got 12.5');
  });
});
