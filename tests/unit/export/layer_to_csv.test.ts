import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { csvField, layerToCsv } from '../../../electron/services/export/layer_to_csv';
import { parseLayerFile } from '../../../electron/services/import/parse_layer_file';
import { hasGdalTool, readTestData } from '../import/import_test_paths';
import { recordsToFeatures } from './export_test_features';

const scratch = mkdtempSync(path.join(tmpdir(), 'siting-csv-export-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const encode = (text: string) => new TextEncoder().encode(text);

/** Chinese facility list with commas, quotes and a line break inside cells (illustrative records). */
const FACILITIES_CSV = [
  'id,name,kind,lon,lat,beds,address,floor_level',
  'A01,"汉兴街日间照料中心, 二期",日间照料中心,114.2651,30.6012,30,"江汉区""汉兴街""12号",-1',
  'A02,常青花园社区养老服务站,社区养老服务站,114.2312,30.6344,,"第一行\n第二行",2',
].join('\n');

describe('layerToCsv', () => {
  it('writes UTF-8 with BOM, CRLF, RFC 4180 quoting, lon/lat columns for points', async () => {
    const parsed = await parseLayerFile('facilities', 'f.csv', encode(FACILITIES_CSV), { illustrative: true });
    const csv = layerToCsv('facilities', recordsToFeatures(parsed.records));
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe('fid,lon,lat,id,name,kind,status,capacity,beds,nursing_beds,floor_area_m2,floor_level,address,source,illustrative');
    expect(lines[1]).toBe('1,114.2651,30.6012,A01,"汉兴街日间照料中心, 二期",day_care,existing,,30,,,-1,"江汉区""汉兴街""12号",,true');
    expect(lines[2]).toBe('2,114.2312,30.6344,A02,常青花园社区养老服务站,community_station,existing,,,,,2,"第一行\n第二行",,true');
    expect(lines[3]).toBe('');
    expect(lines).toHaveLength(4);
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a"b')).toBe('"a""b"');
    expect(csvField('a\rb')).toBe('"a\rb"');
    expect(layerToCsv('roads', [])).toBe('\uFEFFfid,wkt\r\n');
  });

  it('imports back to the same records: facilities, population grid, boundaries (WKT), roads (WKT + tags)', async () => {
    const facilities = await parseLayerFile('facilities', 'f.csv', encode(FACILITIES_CSV), { illustrative: true });
    const facilitiesBack = await parseLayerFile('facilities', 'back.csv', encode(layerToCsv('facilities', recordsToFeatures(facilities.records))), {});
    expect(facilitiesBack.records).toEqual(facilities.records);
    expect(facilitiesBack.detected.encoding).toBe('utf-8');

    const grid = await parseLayerFile('population', 'grid.csv', readTestData('wuhan/wuhan_core_grid_100m.csv'), {});
    const gridBack = await parseLayerFile('population', 'back.csv', encode(layerToCsv('population', recordsToFeatures(grid.records))), {});
    expect(gridBack.records).toEqual(grid.records);

    const sz = await parseLayerFile('boundaries', 'sz.geojson', readTestData('shenzhen/shenzhen_districts_transbigdata.geojson'), { map: { name: 'qh' } });
    const szCsv = layerToCsv('boundaries', recordsToFeatures(sz.records));
    expect(szCsv.split('\r\n')[0]).toBe('\uFEFFfid,wkt,id,name,level,urban,source');
    expect(szCsv.split('\r\n')[2]).toMatch(/^2,"MULTIPOLYGON \(\(\(113\.9857776734216 22\.513478743809184, 114\.\d+ 22\.\d+, /);
    const szBack = await parseLayerFile('boundaries', 'back.csv', encode(szCsv), {});
    expect(szBack.records).toEqual(sz.records);

    const roads = await parseLayerFile('roads', 'ways.geojson', readTestData('gothenburg_osm/gothenburg_ways.geojson'), {});
    const roadsBack = await parseLayerFile('roads', 'back.csv', encode(layerToCsv('roads', recordsToFeatures(roads.records))), {});
    expect(roadsBack.records).toEqual(roads.records);
  });

  it('text cells that a spreadsheet would run as a formula get a leading apostrophe; numbers, negative ones too, stay numbers', async () => {
    // imported through the real CSV reader; the importer trims text, so the tab- and CR-led names are
    // set afterwards (as a rename in the app would store them)
    const source = [
      'name,kind,lon,lat,floor_level,address',
      '"=HYPERLINK(""http://x"",""y"")",日间照料中心,-0.1276,51.5072,-1,-1+2',
      '@SUM(1),养老院,-73.9857,-40.7484,-2,+1',
      '+1,养老院,114.3,30.5,3,@A1',
      'tab,养老院,114.3,30.5,,',
      'cr,养老院,114.3,30.5,,',
    ].join('\n');
    const parsed = await parseLayerFile('facilities', 'f.csv', encode(source), { illustrative: true });
    const features = recordsToFeatures(parsed.records);
    features[3].properties.name = '\t=1+1';
    features[4].properties.name = '\r=1+1';
    features[4].properties['-1+2'] = -12.5;
    const lines = layerToCsv('facilities', features).slice(1).split('\r\n');
    expect(lines[0]).toBe("fid,lon,lat,id,name,kind,status,capacity,beds,nursing_beds,floor_area_m2,floor_level,address,source,illustrative,'-1+2");
    expect(lines.slice(1, 6)).toEqual([
      `1,-0.1276,51.5072,1,"'=HYPERLINK(""http://x"",""y"")",day_care,existing,,,,,-1,'-1+2,,true,`,
      "2,-73.9857,-40.7484,2,'@SUM(1),care_home,existing,,,,,-2,'+1,,true,",
      "3,114.3,30.5,3,'+1,care_home,existing,,,,,3,'@A1,,true,",
      "4,114.3,30.5,4,'\t=1+1,care_home,existing,,,,,,,,true,",
      `5,114.3,30.5,5,"'\r=1+1",care_home,existing,,,,,,,,true,-12.5`,
    ]);
  });

  it('writes estates of mixed geometry as WKT', async () => {
    const estates = await parseLayerFile(
      'estates',
      'e.geojson',
      encode(
        JSON.stringify({
          type: 'FeatureCollection',
          features: [
            { type: 'Feature', properties: { 小区名称: '示例新建小区', 小区类型: '新建小区', 户数: 1200 }, geometry: { type: 'Point', coordinates: [114.3, 30.55] } },
            {
              type: 'Feature',
              properties: { 小区名称: '示例老旧小区', 小区类型: '老旧小区', 户数: 800, 养老配建面积: 120.5 },
              geometry: { type: 'Polygon', coordinates: [[[114.3, 30.5], [114.31, 30.5], [114.31, 30.51], [114.3, 30.5]]] },
            },
          ],
        }),
      ),
      {},
    );
    const csv = layerToCsv('estates', recordsToFeatures(estates.records));
    expect(csv.split('\r\n').slice(1, 3)).toEqual([
      // Since schema 5 the estates carry six more columns (residential floor area … care rooms), empty here.
      '1,POINT (114.3 30.55),0,示例新建小区,new,1200,,,,,,,,',
      '2,"POLYGON ((114.3 30.5, 114.31 30.5, 114.31 30.51, 114.3 30.5))",1,示例老旧小区,old,800,120.5,,,,,,,',
    ]);
    const back = await parseLayerFile('estates', 'back.csv', encode(csv), {});
    expect(back.records).toEqual(estates.records);
  });

  // Runs only where ogrinfo (Debian gdal-bin) is installed: it checks against GDAL itself; .ci/run installs it.
  it.runIf(hasGdalTool('ogrinfo'))('opens in GDAL/OGR: lon/lat points and WKT polygons, Chinese text intact', async () => {
    const grid = await parseLayerFile('population', 'grid.csv', readTestData('wuhan/wuhan_core_grid_100m.csv'), {});
    const gridFile = path.join(scratch, 'population.csv');
    writeFileSync(gridFile, layerToCsv('population', recordsToFeatures(grid.records)));
    const points = execFileSync('ogrinfo', ['-ro', '-al', '-so', '-oo', 'X_POSSIBLE_NAMES=lon', '-oo', 'Y_POSSIBLE_NAMES=lat', gridFile], { encoding: 'utf8' });
    expect(points).toContain('Feature Count: 24470');
    expect(points).toContain('Geometry: Point');

    const wuhan = await parseLayerFile('boundaries', 'w.geojson', readTestData('wuhan/wuhan_boundary_osm.geojson'), {});
    const boundaryFile = path.join(scratch, 'boundaries.csv');
    writeFileSync(boundaryFile, layerToCsv('boundaries', recordsToFeatures(wuhan.records)));
    const polygons = execFileSync('ogrinfo', ['-ro', '-al', '-q', boundaryFile], { encoding: 'utf8' });
    expect(polygons).toContain('name (String) = 武汉市');
    expect(polygons).toMatch(/MULTIPOLYGON \(\(\(114\.2875099 31\.3565158/);
  });
});
