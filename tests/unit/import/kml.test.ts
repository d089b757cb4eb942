/**
 * KML and KMZ: files written by ogr2ogr (Schema/SimpleData attributes, MultiGeometry), a Google Earth
 * style document with folders and <Data> attributes, declared GBK encoding, and broken files.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { zipSync } from 'fflate';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../../shared/errors';
import { parseLayerFile } from '../../../electron/services/import/parse_layer_file';
import { FIXTURES, hasGdalTool, rejection } from './import_test_paths';

const GDAL = hasGdalTool('ogrinfo');
const scratch = mkdtempSync(path.join(tmpdir(), 'siting-kml-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const text = (s: string) => new TextEncoder().encode(s);

const FOLDERS_KML = `<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document><name>选址</name>
  <Folder><name>日间照料中心</name>
    <Placemark id="dc-1"><name>民意街日间照料中心</name>
      <ExtendedData><Data name="类型"><value>日间照料中心</value></Data><Data name="托位"><value>30</value></Data></ExtendedData>
      <Point><coordinates>114.2701234,30.6012345,0</coordinates></Point></Placemark>
    <Placemark id="dc-2"><name>首义路日间照料中心</name>
      <ExtendedData><Data name="类型"><value>日间照料中心</value></Data><Data name="托位"><value>20</value></Data></ExtendedData>
      <Point><coordinates>114.3056789,30.5443210</coordinates></Point></Placemark>
    <Folder><name>养老院</name>
      <Placemark id="ch-1"><name>钟家村养老院</name>
        <ExtendedData><Data name="类型"><value>养老院</value></Data><Data name="床位"><value>150</value></Data></ExtendedData>
        <Point><coordinates>114.2689012,30.5551234</coordinates></Point></Placemark>
    </Folder>
  </Folder>
</Document></kml>`;

describe('KML documents', () => {
  it('folders are source layers; ExtendedData <Data> become columns; placemark ids are fallback ids', async () => {
    const all = await parseLayerFile('facilities', 'sites.kml', text(FOLDERS_KML), {});
    expect(all.format).toBe('kml');
    expect(all.detected.sourceLayers).toEqual(['日间照料中心', '养老院']);
    expect(all.detected.mapping).toMatchObject({ name: 'name', kind: '类型', capacity: '托位', beds: '床位' });
    expect(all.records.map((f) => [f.id, f.name, f.kind, f.capacity, f.beds])).toEqual([
      ['dc-1', '民意街日间照料中心', 'day_care', 30, null],
      ['dc-2', '首义路日间照料中心', 'day_care', 20, null],
      ['ch-1', '钟家村养老院', 'care_home', null, 150],
    ]);
    expect(all.records[0]).toMatchObject({ lon: 114.2701234, lat: 30.6012345 });
    const careHomes = await parseLayerFile('facilities', 'sites.kml', text(FOLDERS_KML), { sourceLayer: '养老院' });
    expect(careHomes.records.map((f) => f.id)).toEqual(['ch-1']);
    const error = await rejection(parseLayerFile('facilities', 'sites.kml', text(FOLDERS_KML), { sourceLayer: '医院' }));
    expect(error.message).toBe('sites.kml, field sourceLayer: there is no folder "医院"; folders: 日间照料中心, 养老院 (expected 日间照料中心, 养老院)');
  });

  it('KMZ: the doc.kml inside the zip', async () => {
    const kmz = zipSync({ 'doc.kml': text(FOLDERS_KML), 'files/readme.txt': text('icons would be here') });
    const parsed = await parseLayerFile('facilities', 'sites.kmz', kmz, {});
    expect(parsed.format).toBe('kmz');
    expect(parsed.records).toHaveLength(3);
    const empty = await rejection(parseLayerFile('facilities', 'empty.kmz', zipSync({ 'files/a.png': new Uint8Array([1, 2]) }), {}));
    expect(empty.message).toContain('empty.kmz: the ZIP holds no shapefile, KML or workbook');
  });

  it('an encoding declared in the XML prolog (GBK) is honoured', async () => {
    const gbk = iconv.encode(FOLDERS_KML.replace('encoding="UTF-8"', 'encoding="GBK"'), 'gbk');
    const parsed = await parseLayerFile('facilities', 'gbk.kml', new Uint8Array(gbk), {});
    expect(parsed.detected.encoding).toBe('gbk');
    expect(parsed.records[2].name).toBe('钟家村养老院');
  });

  it('broken documents: cut off, not KML, a placemark without geometry', async () => {
    const cut = await rejection(parseLayerFile('facilities', 'cut.kml', text(FOLDERS_KML.slice(0, 700)), {}));
    expect(cut).toBeInstanceOf(InputError);
    expect(cut.message).toMatch(/^cut\.kml: not valid KML XML: unclosed xml tag/);
    const gpx = await rejection(parseLayerFile('facilities', 'track.kml', text('<?xml version="1.0"?><gpx version="1.1"></gpx>'), {}));
    expect(gpx.message).toContain('track.kml: not KML: the root element is <gpx>');
    const noGeometry = FOLDERS_KML.replace('<Point><coordinates>114.3056789,30.5443210</coordinates></Point>', '');
    const missing = await rejection(parseLayerFile('facilities', 'missing.kml', text(noGeometry), {}));
    expect(missing.message).toBe('missing.kml, feature 1, field geometry: null geometry (expected a geometry)');
    const wrongType = await rejection(parseLayerFile('roads', 'sites.kml', text(FOLDERS_KML), {}));
    expect(wrongType.message).toContain('sites.kml, feature 0, field geometry: expected LineString or MultiLineString or Polygon or MultiPolygon, got Point');
  });

  it('nesting beyond 256 levels (5,000 folders, 20,000 MultiGeometry) is refused naming file, depth and line, not a stack overflow', async () => {
    const placemark = '<Placemark><name>钟家村养老院</name><Point><coordinates>114.2689012,30.5551234</coordinates></Point></Placemark>';
    // <kml>, <Document>, n folders, then <Placemark><Point><coordinates>: n + 5 levels
    const nested = (n: number) =>
      `<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2"><Document>\n${'<Folder><name>f</name>'.repeat(n)}${placemark}${'</Folder>'.repeat(n)}</Document></kml>`;
    const deepest = await parseLayerFile('facilities', 'deep.kml', text(nested(251)), { kind: 'care_home' });
    expect(deepest.records.map((r) => r.name)).toEqual(['钟家村养老院']);
    const folders = await rejection(parseLayerFile('facilities', 'deep.kml', text(nested(5000)), { kind: 'care_home' }));
    expect(folders).toBeInstanceOf(InputError);
    // folder 254 is level 256, so its <name> is the first element at level 257; each "<Folder><name>f</name>" is 22 characters
    expect(folders.message).toBe(
      'deep.kml: elements are nested 5,005 levels deep (5,000 <Folder> inside each other); at most 256 levels are read, ' +
        `the first deeper element is <name> at line 3, column ${253 * 22 + '<Folder>'.length + 1} — move the placemarks into fewer nested folders (expected at most 256 nested elements)`,
    );
    const multi = `<?xml version="1.0"?><kml><Document><Placemark><name>p</name>${'<MultiGeometry>'.repeat(20000)}<Point><coordinates>114.3,30.5</coordinates></Point>${'</MultiGeometry>'.repeat(20000)}</Placemark></Document></kml>`;
    const geometries = await rejection(parseLayerFile('facilities', 'multi.kml', text(multi), { kind: 'care_home' }));
    expect(geometries.message).toMatch(
      /^multi\.kml: elements are nested 20,005 levels deep \(20,000 <MultiGeometry> inside each other\); at most 256 levels are read, the first deeper element is <MultiGeometry> at line 1, column \d+ /,
    );
  });
});

// Runs only where GDAL (Debian gdal-bin) is installed: it checks against GDAL itself; .ci/run installs it.
describe.runIf(GDAL)('KML written by ogr2ogr', () => {
  it('facilities: Schema/SimpleData attributes and exact positions', async () => {
    const file = path.join(scratch, 'facilities.kml');
    execFileSync('ogr2ogr', ['-f', 'KML', file, path.join(FIXTURES, 'facilities_wuhan.geojson')]);
    const original = JSON.parse(readFileSync(path.join(FIXTURES, 'facilities_wuhan.geojson'), 'utf8')).features;
    const parsed = await parseLayerFile('facilities', 'facilities.kml', readFileSync(file), {});
    expect(parsed.records.map((f) => f.id)).toEqual(['F-1', 'F-2', 'F-3', 'F-4']);
    parsed.records.forEach((facility, i) => {
      expect(facility.name).toBe(original[i].properties['名称']);
      expect(facility.beds).toBe(original[i].properties['床位']);
      expect(facility.lon).toBeCloseTo(original[i].geometry.coordinates[0], 9);
      expect(facility.lat).toBeCloseTo(original[i].geometry.coordinates[1], 9);
    });
  });

  it('estates: a polygon with a hole and a MultiGeometry of two polygons', async () => {
    const file = path.join(scratch, 'estates.kml');
    execFileSync('ogr2ogr', ['-f', 'KML', file, path.join(FIXTURES, 'estates_wuhan.geojson')]);
    expect(readFileSync(file, 'utf8')).toContain('<MultiGeometry>');
    const parsed = await parseLayerFile('boundaries', 'estates.kml', readFileSync(file), {});
    expect(parsed.records.map((b) => b.geometry.coordinates.length)).toEqual([1, 2]);
    expect(parsed.records[0].geometry.coordinates[0]).toHaveLength(2); // exterior + hole
  });
});
