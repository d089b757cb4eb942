/**
 * Coordinate systems on import: projected CSV (CGCS2000 Gauss–Krüger with and without zone prefix,
 * UTM, Web Mercator) made by GDAL from real Wuhan grid points and read back within 1 cm; GCJ-02 and
 * BD-09 within 0.5 m; the Shenzhen districts (GCJ-02 GeoJSON) shifted by the known offset; legacy
 * GeoJSON "crs" members; swapped axes refused, warned about, or swapped on request.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { causeOf, InputError } from '../../../shared/errors';
import { wgs84ToBd09, wgs84ToGcj02 } from '../../../shared/geodesy/gcj02';
import { haversineM } from '../../../shared/geodesy/haversine';
import { parseLayerFile } from '../../../electron/services/import/parse_layer_file';
import { gdalTransform } from './gdal_reference';
import { hasGdalTool, readFixture, readTestData, rejection, testData } from './import_test_paths';

const GDAL = hasGdalTool('ogrinfo') && hasGdalTool('gdalinfo');
const text = (s: string) => new TextEncoder().encode(s);

/** Every 120th cell of the real Wuhan core grid: [cell_id, lon, lat, pop60plus]. */
function gridSample(): [string, number, number, number][] {
  const [header, ...lines] = readFileSync(testData('wuhan/wuhan_core_grid_100m.csv'), 'utf8').trim().split(/\r?\n/);
  const columns = header.split(',');
  const at = (name: string) => columns.indexOf(name);
  return lines
    .filter((_, i) => i % 120 === 0)
    .map((line) => {
      const v = line.split(',');
      return [v[at('cell_id')], Number(v[at('lon')]), Number(v[at('lat')]), Number(v[at('pop60plus')])];
    });
}

function csv(rows: [string, number, number, number][], columns = 'cell_id,x,y,pop60plus'): Uint8Array {
  return text(`${columns}\n${rows.map((r) => r.join(',')).join('\n')}\n`);
}

// Runs only where GDAL (Debian gdal-bin) is installed: it checks against GDAL itself; .ci/run installs it.
describe.runIf(GDAL)('projected CSV written with GDAL coordinates reads back within 1 cm', () => {
  for (const crs of ['EPSG:4547', 'EPSG:4526', 'EPSG:4508', 'EPSG:32650', 'EPSG:3857']) {
    it(crs, async () => {
      const sample = gridSample();
      const projected = gdalTransform('EPSG:4326', crs, sample.map(([, lon, lat]) => [lon, lat]));
      const rows = sample.map(([id, , , pop], i) => [id, projected[i][0], projected[i][1], pop] as [string, number, number, number]);
      const parsed = await parseLayerFile('population', 'projected.csv', csv(rows), { crs });
      expect(parsed.detected.crs).toBe(crs);
      expect(parsed.records).toHaveLength(sample.length);
      parsed.records.forEach((cell, i) => {
        expect(haversineM(cell.lon, cell.lat, sample[i][1], sample[i][2])).toBeLessThan(0.01);
        expect(cell.elderly).toBe(sample[i][3]);
      });
      // a projected grid is not a lon/lat lattice: no cell size is claimed
      expect(parsed.records[0].cellWidthDeg).toBeNull();
    });
  }

  it('a legacy GeoJSON "crs" member (EPSG:3857) is honoured', async () => {
    const parsed = await parseLayerFile('facilities', 'legacy_crs_3857.geojson', readFixture('legacy_crs_3857.geojson'), { kind: 'other' });
    const [[lon, lat]] = gdalTransform('EPSG:3857', 'EPSG:4326', [[12713000, 3587000]]);
    expect(parsed.detected.crs).toBe('EPSG:3857');
    expect(parsed.records[0].lon).toBeCloseTo(lon, 8);
    expect(parsed.records[0].lat).toBeCloseTo(lat, 8);
  });
});

describe('GCJ-02 and BD-09 (no EPSG code): the iterative inverse is accurate to 0.5 m', () => {
  for (const [name, forward] of [
    ['gcj02', wgs84ToGcj02],
    ['bd09', wgs84ToBd09],
  ] as const) {
    it(`${name}: real Wuhan grid points written in ${name} come back to WGS84`, async () => {
      const sample = gridSample();
      const rows = sample.map(([id, lon, lat, pop]) => {
        const [x, y] = forward(lon, lat);
        return [id, x, y, pop] as [string, number, number, number];
      });
      const parsed = await parseLayerFile('population', `${name}.csv`, csv(rows, 'cell_id,经度,纬度,pop60plus'), { crs: name });
      expect(parsed.detected.crs).toBe(name.toUpperCase());
      let worst = 0;
      parsed.records.forEach((cell, i) => (worst = Math.max(worst, haversineM(cell.lon, cell.lat, sample[i][1], sample[i][2]))));
      expect(worst).toBeLessThan(0.5);
      // the offsets themselves are hundreds of metres
      expect(haversineM(rows[0][1], rows[0][2], sample[0][1], sample[0][2])).toBeGreaterThan(100);
      // lon/lat offsets are smooth: the cell size is still the source grid's spacing
      expect(parsed.records[0].cellWidthDeg).toBeCloseTo(1 / 1200, 6);
    });
  }

  it('a published GCJ-02 pair (Shanghai) converts to its WGS84 position', async () => {
    const parsed = await parseLayerFile('facilities', 'amap.csv', text('name,kind,lon,lat\nA,day_care,121.531541859215,31.17530398364597\n'), { crs: 'GCJ-02' });
    expect(parsed.records[0].lon).toBeCloseTo(121.5272106, 6);
    expect(parsed.records[0].lat).toBeCloseTo(31.1774276, 6);
  });

  it('the Shenzhen districts (GCJ-02 GeoJSON) move by the typical offset of about -0.0049° lon, +0.0027° lat', async () => {
    const bytes = readTestData('shenzhen/shenzhen_districts_transbigdata.geojson');
    const asIs = await parseLayerFile('boundaries', 'sz.geojson', bytes, { map: { name: 'qh' } });
    const shifted = await parseLayerFile('boundaries', 'sz.geojson', bytes, { map: { name: 'qh' }, crs: 'gcj02' });
    expect(asIs.detected.crs).toBe('EPSG:4326');
    expect(shifted.detected.crs).toBe('GCJ02');
    expect(shifted.records.map((b) => b.name)).toContain('福田');
    let dLon = 0;
    let dLat = 0;
    let n = 0;
    shifted.records.forEach((district, d) => {
      district.geometry.coordinates.forEach((polygon, p) =>
        polygon[0].forEach(([lon, lat], v) => {
          const [lon0, lat0] = asIs.records[d].geometry.coordinates[p][0][v];
          dLon += lon - lon0;
          dLat += lat - lat0;
          n++;
        }),
      );
    });
    expect(n).toBeGreaterThan(1000);
    expect(dLon / n).toBeCloseTo(-0.0049, 3);
    expect(dLat / n).toBeCloseTo(0.0027, 3);
  });
});

describe('swapped lon/lat', () => {
  it('clearly swapped: refused with --swap-axes advice; with swapAxes imported', async () => {
    const error = await rejection(parseLayerFile('facilities', 'swapped_lon_lat.csv', readFixture('swapped_lon_lat.csv'), {}));
    expect(error.message).toContain('lon/lat look swapped');
    expect(error.message).toContain('--swap-axes');
    // The app recognises the case by its reason (it offers the swap), never by the wording.
    expect(causeOf(error)).toEqual({ reason: 'coordinates_swapped', params: { x: expect.any(Number), y: expect.any(Number) } });
    expect(Math.abs(causeOf(error)!.params.y as number)).toBeGreaterThan(90);
    const swapped = await parseLayerFile('facilities', 'swapped_lon_lat.csv', readFixture('swapped_lon_lat.csv'), { swapAxes: true });
    expect(swapped.records.map((f) => [f.lon, f.lat])).toEqual([
      [114.2008, 30.6391],
      [114.2017, 30.6402],
      [114.2101, 30.6377],
    ]);
    const geojson = await parseLayerFile('population', 'swapped_points.geojson', readFixture('swapped_points.geojson'), { swapAxes: true });
    expect(geojson.records.map((c) => [c.lon, c.lat])).toEqual([
      [114.2, 30.6],
      [114.3, 30.7],
    ]);
    const needless = await rejection(parseLayerFile('facilities', 'ok.csv', text('name,kind,lon,lat\nA,day_care,114.2,30.6\n'), { swapAxes: true }));
    expect(needless.message).toContain('the positions still look swapped after --swap-axes: import without --swap-axes');
  });

  it('only suspicious (valid either way, in China only when swapped): imported with a warning', async () => {
    // Kashgar (75.99°E, 39.47°N) and Hotan (79.92°E, 37.11°N) written latitude first
    const file = text('name,kind,lon,lat\n喀什,day_care,39.47,75.99\n和田,day_care,37.11,79.92\n');
    const parsed = await parseLayerFile('facilities', 'xinjiang.csv', file, {});
    expect(parsed.detected.warnings).toEqual([
      'xinjiang.csv: every position lies outside China but would lie inside it with longitude and latitude exchanged; if the file has latitude/northing first, import it again with --swap-axes (swapAxes)',
    ]);
    const swapped = await parseLayerFile('facilities', 'xinjiang.csv', file, { swapAxes: true });
    expect(swapped.detected.warnings).toBeUndefined();
    expect(swapped.records[0]).toMatchObject({ lon: 75.99, lat: 39.47 });
    const wuhan = await parseLayerFile('facilities', 'ok.csv', text('name,kind,lon,lat\nA,day_care,114.2,30.6\n'), {});
    expect(wuhan.detected.warnings).toBeUndefined();
  });

  it('Gauss-Kruger northing first: the transform names it and the advice is --swap-axes', async () => {
    const file = text('name,kind,x,y\nA,day_care,3386666.25,528770.24\n');
    const error = await rejection(parseLayerFile('facilities', 'gk.csv', file, { crs: 'EPSG:4547' }));
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).location).toMatchObject({ file: 'gk.csv', row: 1, field: 'x' });
    expect(error.message).toContain('look swapped for EPSG:4547');
    expect(error.message).toContain('import it again with --swap-axes');
    // The transform's reason survives the re-labelling with file, row and field.
    expect(causeOf(error)).toEqual({ reason: 'coordinates_swapped', params: { x: 3386666.25, y: 528770.24 } });
    const swapped = await parseLayerFile('facilities', 'gk.csv', file, { crs: 'EPSG:4547', swapAxes: true });
    expect(swapped.records[0].lon).toBeCloseTo(114.3, 6);
    expect(swapped.records[0].lat).toBeCloseTo(30.6, 6);
  });

  it('bad projected coordinates name the row and column', async () => {
    const outside = await rejection(parseLayerFile('facilities', 'p.csv', text('name,kind,x,y\nA,day_care,528770,3386666\nB,day_care,2500000,3386666\n'), { crs: 'EPSG:4547' }));
    expect((outside as InputError).location).toMatchObject({ file: 'p.csv', row: 2, field: 'x' });
    expect(outside.message).toContain('x=2500000 is not an easting of EPSG:4547');
    const nan = await rejection(parseLayerFile('facilities', 'p.csv', text('name,kind,x,y\nA,day_care,NaN,3386666\n'), { crs: 'EPSG:4547' }));
    expect(nan.message).toBe('p.csv, row 1, field x: "NaN" is not a finite number [row = 1-based data row after the header] (expected an easting in metres)');
    const unknown = await rejection(parseLayerFile('facilities', 'p.csv', text('name,kind,x,y\nA,day_care,1,2\n'), { crs: 'Beijing 1954' }));
    expect((unknown as InputError).location).toMatchObject({ file: 'p.csv', field: 'crs' });
    expect(unknown.message).toContain('unknown coordinate system "Beijing 1954"');
  });
});
