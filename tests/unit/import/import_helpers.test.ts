import { describe, expect, it } from 'vitest';
import { InputError } from '../../../shared/errors';
import { resolveImportCrs } from '../../../electron/services/import/import_crs';
import { epsgCrsSpec } from '../../../shared/geodesy/crs';
import { zipSync } from 'fflate';
import { detectFileFormat } from '../../../electron/services/import/detect_file_format';
import { normalizeColumnName } from '../../../electron/services/import/field_aliases';
import { inferGridSpacing } from '../../../electron/services/import/infer_grid_spacing';
import { readNumber } from '../../../electron/services/import/read_cell_value';
import { readBoundaryLevel, readFacilityKind, readFacilityStatus } from '../../../electron/services/import/read_label_value';
import { resolveColumns } from '../../../electron/services/import/resolve_columns';
import { mulberry32 } from '../../bench/bench_util';

const loc = { file: 'f.csv', row: 4 };

describe('inferGridSpacing', () => {
  it('recovers a 3-arc-second step from 6-decimal centres with gaps, and rejects scattered points', () => {
    const step = 3 / 3600;
    const random = mulberry32(7);
    const columns: number[] = [];
    for (let i = 0; i < 400; i++) if (random() < 0.6) columns.push(Number((114.2 + (i + 0.5) * step).toFixed(6)));
    expect(Math.abs((inferGridSpacing(columns) as number) - step)).toBeLessThan(1e-8);
    const scattered = Array.from({ length: 200 }, () => 114 + random() * 0.2);
    expect(inferGridSpacing(scattered)).toBeNull();
    expect(inferGridSpacing([114.2, 114.2, 114.2])).toBeNull();
    expect(inferGridSpacing([])).toBeNull();
    expect(inferGridSpacing([1, 1.5])).toBe(0.5);
  });
});

describe('labels', () => {
  it('maps facility kinds from enum values, English words and Chinese labels inside longer names', () => {
    const kinds = ['day_care', 'Day care', '日间照料中心', '街道社区日间照料中心', '社区养老服务站', '服务站', '养老院', '护理院', '敬老院', '社区卫生服务站', '社区卫生服务中心', '社康中心', '医院', '长者食堂', '老年食堂', 'nursing home'];
    expect(kinds.map((k) => readFacilityKind(k, loc, 'kind', undefined))).toEqual([
      'day_care', 'day_care', 'day_care', 'day_care', 'community_station', 'community_station', 'care_home', 'care_home', 'care_home',
      'health_station', 'health_station', 'health_station', 'hospital', 'canteen', 'canteen', 'care_home',
    ]);
    expect(readFacilityKind('', loc, 'kind', 'canteen')).toBe('canteen');
    expect(() => readFacilityKind('', loc, 'kind', undefined)).toThrow('f.csv, row 4, field kind: facility kind is empty');
    expect(readFacilityStatus('规划', loc, 'status')).toBe('planned');
    expect(readFacilityStatus(undefined, loc, 'status')).toBe('existing');
    expect(readBoundaryLevel('街道', loc, 'level')).toBe('street');
    expect(readBoundaryLevel(6, loc, 'level')).toBe('district');
    expect(readBoundaryLevel('8', loc, 'level')).toBe('other');
  });

  it('reads numbers strictly: grouping and exponents yes, units, hex and blanks inside no', () => {
    const rules = { min: 0, expected: 'a count' };
    expect(readNumber(' 1,234.5 ', loc, 'pop', rules)).toBe(1234.5);
    expect(readNumber('2.5e3', loc, 'pop', rules)).toBe(2500);
    expect(readNumber('', loc, 'pop', rules)).toBeNull();
    expect(readNumber(7, loc, 'pop', rules)).toBe(7);
    for (const bad of ['0x10', '12 m2', '1 2', '1e', '--1', 'inf']) expect(() => readNumber(bad, loc, 'pop', rules)).toThrow(InputError);
    expect(() => readNumber('1e400', loc, 'pop', rules)).toThrow('is not a finite number');
    expect(() => readNumber(true, loc, 'pop', rules)).toThrow('true is not a number');
  });
});

describe('columns and formats', () => {
  it('normalizes headers and resolves aliases, explicit maps first', () => {
    expect(normalizeColumnName(' Cell_ID ')).toBe('cellid');
    expect(normalizeColumnName('建筑面积（㎡）')).toBe('建筑面积');
    expect(normalizeColumnName('ＬＯＮ')).toBe('lon');
    const mapping = resolveColumns({
      file: 'f.csv',
      layer: 'population',
      columns: ['FID', 'X', 'Y', '总人口', '60岁以上人口', 'pop60plus'],
      map: { elderly: 'POP60PLUS' },
      geometryFields: ['lon', 'lat', 'wkt'],
    });
    expect(mapping).toEqual({ elderly: 'pop60plus', cell_id: 'FID', population: '总人口', lon: 'X', lat: 'Y' });
  });

  it('detects formats by extension, then by content', () => {
    const text = (s: string) => new TextEncoder().encode(s);
    expect(detectFileFormat('a.TSV', text('x'))).toEqual({ format: 'csv', tabSeparated: true });
    expect(detectFileFormat('a.json', text('x'))).toEqual({ format: 'geojson', tabSeparated: false });
    expect(detectFileFormat('a.TIFF', text('x')).format).toBe('geotiff');
    expect(detectFileFormat('download', text('\uFEFF  {"type":"Point"}')).format).toBe('geojson');
    expect(detectFileFormat('download', new Uint8Array([0x49, 0x49, 42, 0, 8, 0, 0, 0])).format).toBe('geotiff');
    expect(detectFileFormat('download', text('lon,lat\n1,2')).format).toBe('csv');
  });

  it('recognises binary formats by their bytes and the rest by extension', () => {
    const text = (s: string) => new TextEncoder().encode(s);
    const zip = (name: string) => zipSync({ [name]: new Uint8Array([1, 2, 3]) });
    expect(detectFileFormat('data.zip', zip('roads/roads.shp')).format).toBe('shapefile');
    expect(detectFileFormat('sites.kmz', zip('doc.kml')).format).toBe('kmz');
    expect(detectFileFormat('misnamed.csv', zip('xl/workbook.xml')).format).toBe('xlsx');
    expect(detectFileFormat('p.gpkg', text('SQLite format 3\u0000 and more bytes')).format).toBe('gpkg');
    expect(detectFileFormat('download', text('<?xml version="1.0"?>\n<kml xmlns="http://www.opengis.net/kml/2.2">')).format).toBe('kml');
    expect(detectFileFormat('download', text('<?xml version="1.0"?><osm version="0.6">')).format).toBe('osm');
    expect(detectFileFormat('a.osm.pbf', text('x')).format).toBe('osm_pbf');
    expect(detectFileFormat('a.shp', text('x')).format).toBe('shapefile');
    expect(() => detectFileFormat('download', text('<svg></svg>'))).toThrow('download: an XML file that is neither KML nor OSM');
  });

  it('--crs names every system; it wins over the file and says so', () => {
    const names = ['wgs84', 'urn:ogc:def:crs:OGC:1.3:CRS84', 'EPSG:4326', 'cgcs2000', 'gcj02', 'GCJ-02', 'bd09', 'EPSG:4547', '4526', 'web mercator'];
    expect(names.map((n) => resolveImportCrs(n, null, 'f.csv', []).id)).toEqual([
      'EPSG:4326', 'EPSG:4326', 'EPSG:4326', 'EPSG:4490', 'GCJ02', 'GCJ02', 'BD09', 'EPSG:4547', 'EPSG:4526', 'EPSG:3857',
    ]);
    const warnings: string[] = [];
    expect(resolveImportCrs(undefined, epsgCrsSpec(4547)!, 'a.shp', warnings).id).toBe('EPSG:4547');
    expect(resolveImportCrs(undefined, null, 'a.csv', warnings).id).toBe('EPSG:4326');
    expect(warnings).toEqual([]);
    expect(resolveImportCrs('EPSG:4546', epsgCrsSpec(4547)!, 'a.shp', warnings).id).toBe('EPSG:4546');
    expect(warnings).toEqual(['a.shp declares EPSG:4547; EPSG:4546 was used as chosen']);
    expect(() => resolveImportCrs('EPSG:43260', null, 'a.csv', [])).toThrow('a.csv, field crs: EPSG:43260 is not supported');
  });
});
